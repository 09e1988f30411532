"""The rules, one module per family; importing this registers them all.

Each family module defines its :class:`~stdcheck.registry.Rule`
objects and the :class:`~stdcheck.checker.Checker` classes that report
them. A family's fixes live beside it in ``<family>_fix.py``, which
only ``stdcheck fix`` imports (checking never imports libcst).
"""

from stdcheck.rules import (  # noqa: F401  (imported to register rules)
    annotations,
    asynchronous,
    docstrings,
    errors,
    imports,
    layout,
    naming,
    practices,
    security,
)
