"""STD6xx: error handling."""
