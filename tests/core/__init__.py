"""Tests of stdcheck.core."""
