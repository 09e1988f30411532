"""The frontends over the engine.

The command line, output formats, rule pages and the flake8 adapter.
"""
