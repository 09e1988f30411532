"""Error-handling rules (STD6xx)."""
