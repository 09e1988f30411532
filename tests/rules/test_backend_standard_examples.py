"""The standard's own examples give exactly the expected findings.

Every ```` ```python ```` block of the team standard is kept verbatim in
``fixtures/standard_examples/`` (numbered in the standard's order and
named after their section). A careful reviewer applying the backend
practices to them would note: the pydantic v1 ``user.dict()`` on a
``BaseModel``; each ``raise HTTPException(...)`` in an ``except`` block
that drops the original error's chain; the deprecated, naive
``datetime.utcnow()``; and, when eager logging is opted into, each
f-string log message. Nothing else: the ``lru_cache`` is on a function,
``jwt.decode`` pins its algorithms, the broad ``except Exception``
handlers raise or log, and the async code awaits its I/O.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from stdcheck.core.config import Config
from stdcheck.core.engine import check_file

EXAMPLES = Path(__file__).resolve().parents[2] / "fixtures" / (
    "standard_examples"
)
STANDARD = Path("/work/shared/standard.md")
BACKEND = ("STD6", "STD7", "STD8", "STD9")
EXPECTED = {
    "04_api_design.py": [
        (15, "STD904"),  # user.dict() on the UserCreate model
        (18, "STD603"),  # raise HTTPException(400) without from
        (20, "STD603"),  # raise HTTPException(500) without from
    ],
    "06_error_handling.py": [
        (16, "STD603"),
        (19, "STD603"),
        (22, "STD603"),
    ],
    "07_authentication_and_authorization.py": [
        (18, "STD603"),  # except JWTError: raise credentials_exception
    ],
    "11_logging.py": [
        (10, "STD903"),  # datetime.utcnow()
    ],
}
EAGER_LOGGING = {
    "06_error_handling.py": [(15, "STD902"), (18, "STD902"), (21, "STD902")],
    "11_logging.py": [(16, "STD902")],
}


def _found(name: str, *select: str) -> list[tuple[int, str]]:
    """Return ``(line, code)`` of the selected rules on one example."""
    config = Config(target_version="py311", select=select)
    result = check_file(str(EXAMPLES / name), config)
    assert result.error is None, result.error
    return [(finding.line, finding.code) for finding in result.findings]


def _names() -> list[str]:
    """Return the example files, in the standard's order."""
    return sorted(path.name for path in EXAMPLES.glob("*.py"))


@pytest.mark.parametrize("name", _names())
def test_default_rules(name: str) -> None:
    """The rules on by default report exactly what a reviewer would."""
    assert _found(name, *BACKEND) == EXPECTED.get(name, [])


@pytest.mark.parametrize("name", _names())
def test_with_eager_logging(name: str) -> None:
    """Opting into STD902 adds exactly the f-string log messages."""
    wanted = sorted(EXPECTED.get(name, []) + EAGER_LOGGING.get(name, []))
    assert _found(name, *BACKEND, "STD902") == wanted


def test_examples_are_the_standards_blocks() -> None:
    """The fixture files hold every python block of the standard."""
    if not STANDARD.is_file():
        pytest.skip("the standard is not on this machine")
    text = STANDARD.read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, re.S | re.M)
    kept = [(EXAMPLES / name).read_text(encoding="utf-8")
            for name in _names()]
    assert kept == blocks
