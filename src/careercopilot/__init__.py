"""Career Copilot: a terminal-first job-search copilot."""

__version__ = "0.1.0"
