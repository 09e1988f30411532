"""Tests of stdcheck.rules.docstrings."""
