"""STD9xx: logging and other practices."""
