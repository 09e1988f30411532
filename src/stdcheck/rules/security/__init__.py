"""Security rules (STD8xx)."""
