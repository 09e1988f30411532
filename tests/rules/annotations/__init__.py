"""Tests of stdcheck.rules.annotations."""
