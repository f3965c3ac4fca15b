"""The Textual front door: `run_tui(settings)` opens the app (see app.py)."""
