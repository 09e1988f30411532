"""Import rules (STD3xx) and their fix.

Grouping, order and placement, with the module classifier and the
sort key the check and the fix share.
"""
