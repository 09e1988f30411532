"""Tests of stdcheck.rules.imports."""
