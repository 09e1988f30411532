"""Telling a crash from an interrupt that a crash hides.

Clean-up code can fail because an interrupt stopped the work it cleans
up after (libcst's position provider, in a ``finally``, looks up the
position of a node it never finished); the new exception then carries
the interrupt only as its context. Where stdcheck turns a crash into a
report (STD000, a dropped fix), such an exception must stop the run
instead: an interrupted fix is never written half-done.
"""

from __future__ import annotations


def raise_hidden_interrupt(error: BaseException) -> None:
    """Re-raise the interrupt or exit an exception was raised during.

    Args:
        error: The exception caught.

    Raises:
        KeyboardInterrupt: If one is in ``error``'s context chain.
        SystemExit: Likewise.
    """
    seen = {id(error)}
    context = error.__context__
    while context is not None and id(context) not in seen:
        if isinstance(context, (KeyboardInterrupt, SystemExit)):
            raise context
        seen.add(id(context))
        context = context.__context__
