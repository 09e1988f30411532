"""The core pipeline, which knows no rule.

Rules and findings, source reading, configuration, the per-file
context, the walk, the engine and ``noqa``.
"""
