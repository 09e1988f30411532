"""stdcheck: check, fix and gate a team's Python code standard."""

__version__ = "0.1.0"
