"""STD602 and STD604 say what is missing and what would help."""

from __future__ import annotations

import pytest

from tests.helpers import findings_of

SUPPRESS = "log it, use contextlib.suppress or say why in a comment"
NO_SUPPRESS = "log it or say why in a comment"


@pytest.mark.parametrize(
    ("source", "advice"),
    [
        ("try:\n    a()\nexcept KeyError:\n    pass\n", SUPPRESS),
        # The else runs only when nothing was raised: no suppress.
        (
            "try:\n    a()\nexcept KeyError:\n    pass\nelse:\n    b()\n",
            NO_SUPPRESS,
        ),
        # Another handler does something: suppress cannot replace it.
        (
            "try:\n    a()\nexcept KeyError:\n    pass\n"
            "except ValueError:\n    b()\n",
            NO_SUPPRESS,
        ),
        # A fallback of a fallback: a chain of attempts.
        (
            "try:\n    a()\nexcept KeyError:\n    try:\n        b()\n"
            "    except KeyError:\n        pass\n",
            NO_SUPPRESS,
        ),
    ],
)
def test_suppress_is_suggested_where_it_fits(source: str, advice: str) -> None:
    """``contextlib.suppress`` only where it can replace the try."""
    [finding] = findings_of(source, select=["STD604"])
    assert finding.message.endswith("silently; " + advice)


@pytest.mark.parametrize(
    ("handler", "problem"),
    [
        ("    b()\n", "neither re-raises nor logs the error"),
        (
            "    logging.warning('sending failed')\n",
            "logs without the error; use logger.exception, exc_info=True "
            "or put the error in the message",
        ),
    ],
)
def test_broad_handler_says_what_is_missing(
    handler: str, problem: str
) -> None:
    """A handler that logs is told the error is missing, not the log."""
    source = "import logging\ntry:\n    a()\nexcept Exception:\n" + handler
    [finding] = findings_of(source, select=["STD602"])
    assert finding.message == f"`except Exception` {problem}"


def test_logging_the_error_is_enough() -> None:
    """Logging the error, or with its traceback, is not reported."""
    for call in (
        "logging.warning('failed: %s', error)",
        "logging.warning('failed', exc_info=True)",
        "logging.exception('failed')",
    ):
        source = (
            "import logging\ntry:\n    a()\n"
            f"except Exception as error:\n    {call}\n"
        )
        assert findings_of(source, select=["STD602"]) == []
