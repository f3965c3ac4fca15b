"""One module per area; areas are registered in careercopilot.tui.areas."""
