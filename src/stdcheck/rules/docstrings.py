"""STD4xx: Google-style docstrings."""
