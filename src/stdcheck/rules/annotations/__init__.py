"""Type-hint rules (STD5xx) and their fixes."""
