"""Tests of stdcheck.rules."""
