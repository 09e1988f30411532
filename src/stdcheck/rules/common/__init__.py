"""Helpers several rule families share.

Definitions, function bodies and the resolver of called names.
"""
