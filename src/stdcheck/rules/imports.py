"""STD3xx: import groups and order."""
