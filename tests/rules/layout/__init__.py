"""Tests of stdcheck.rules.layout."""
