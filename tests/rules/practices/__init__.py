"""Tests of stdcheck.rules.practices."""
