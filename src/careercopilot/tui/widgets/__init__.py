"""Reusable widgets; every one that shows outside text goes through careercopilot.tui.safe."""
