"""STD2xx: naming conventions."""
