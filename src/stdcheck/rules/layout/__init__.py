"""Layout rules (STD1xx) and their fixes.

Line length, wrapping, blank lines and comments, with the scanners
that read layout facts from tokens or from the text.
"""
