"""Tests of stdcheck.run."""
