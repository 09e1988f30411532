"""Tests of stdcheck.frontends."""
