"""STD8xx: security practices."""
