"""Logging and practice rules (STD9xx) and their fixes."""
