"""Tests of stdcheck.fix."""
