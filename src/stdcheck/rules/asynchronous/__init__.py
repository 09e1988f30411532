"""Async rules (STD7xx)."""
