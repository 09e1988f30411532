"""STD7xx: async practices."""
