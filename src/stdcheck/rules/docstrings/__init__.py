"""Docstring rules (STD4xx), their parser and their fixes."""
