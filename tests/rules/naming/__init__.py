"""Tests of stdcheck.rules.naming."""
