"""STD5xx: type hints."""
