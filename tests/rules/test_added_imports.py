"""Names a fix imports land in sorted order, with the import's layout.

Through real fixes: STD503 before Python 3.10 imports ``Optional``
from ``typing``, STD903 imports ``timezone`` from ``datetime``. Every
result is checked with STD303 selected too, so that an unsorted result
would also be withheld by the engine.
"""

from __future__ import annotations

import pytest

from tests.helpers.fixing import assert_fix, fix_text

GREET = "\n\ndef greet(name: {}= None) -> None:\n    pass\n"


def _optional(imports: str) -> str:
    """Return a module with these imports and an STD503 finding."""
    return imports + "\n" + GREET.format("str ")


def _fixed(imports: str) -> str:
    """Return the same module once ``Optional[str]`` is written."""
    return imports + "\n" + GREET.format("Optional[str] ")


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (
            "from typing import Any, Union\n",
            "from typing import Any, Optional, Union\n",
        ),
        (
            "from typing import Any\n",
            "from typing import Any, Optional\n",
        ),
        (
            "from typing import Union\n",
            "from typing import Optional, Union\n",
        ),
        (
            "from typing import (\n    Any,\n    Union,\n)\n",
            "from typing import (\n    Any,\n    Optional,\n    Union,\n)\n",
        ),
        (
            "from typing import (\n    Any,\n    Callable,\n)\n",
            "from typing import (\n    Any,\n    Callable,\n"
            "    Optional,\n)\n",
        ),
        (
            "from typing import (\n    TYPE_CHECKING,\n    Any\n)\n",
            "from typing import (\n    TYPE_CHECKING,\n    Any,\n"
            "    Optional\n)\n",
        ),
    ],
    ids=["middle", "end", "first", "one a line", "last of lines",
         "no trailing comma"],
)
def test_added_name_takes_its_sorted_place(before: str, after: str) -> None:
    """``Optional`` goes where STD303 wants it, in the same layout."""
    assert_fix(
        _optional(before), _fixed(after),
        select="STD503,STD303", target_version="py39",
    )


def test_names_already_there_keep_their_order() -> None:
    """Near miss: only the added name moves, the others stay."""
    assert_fix(
        _optional("from typing import Union, Any  # noqa: STD303\n"),
        _fixed("from typing import Optional, Union, Any  # noqa: STD303\n"),
        select="STD503,STD303", target_version="py39",
    )


def test_alias_sorted_by_the_imported_name() -> None:
    """``timezone as dt_timezone`` sorts as ``timezone``."""
    assert_fix(
        """
        from datetime import date, datetime

        from django.utils import timezone

        now = datetime.utcnow()
        later = timezone.now()
        """,
        """
        from datetime import date, datetime, timezone as dt_timezone

        from django.utils import timezone

        now = datetime.now(dt_timezone.utc)
        later = timezone.now()
        """,
        select="STD903,STD303",
        unsafe=True,
    )


@pytest.mark.parametrize(
    ("imports", "placed"),
    [
        (
            "import os\n\nimport requests\n",
            "import os\nfrom typing import Optional\n\nimport requests\n",
        ),
        (
            '"""Doc."""\n\nfrom __future__ import annotations\n\n'
            "import requests\n\nfrom .x import y\n",
            '"""Doc."""\n\nfrom __future__ import annotations\n\n'
            "from typing import Optional\n\nimport requests\n\n"
            "from .x import y\n",
        ),
        (
            "import abc\nimport zlib\n",
            "import abc\nimport zlib\nfrom typing import Optional\n",
        ),
        (
            "from abc import ABC\nfrom zlib import crc32\n",
            "from abc import ABC\nfrom typing import Optional\n"
            "from zlib import crc32\n",
        ),
        ("", "from typing import Optional\n"),
        ('"""Doc."""\n', '"""Doc."""\n\nfrom typing import Optional\n'),
    ],
    ids=["before third-party", "own group", "last of its group",
         "among from imports", "no import", "below the docstring"],
)
def test_new_import_statement_in_its_group(imports: str, placed: str) -> None:
    """A new ``from typing import Optional`` goes where STD3xx wants."""
    after = _fixed(placed)
    assert_fix(
        _optional(imports).lstrip("\n"), after.lstrip("\n"),
        select="STD1,STD3,STD503", target_version="py39",
    )


def test_new_import_not_moved_above_a_comment() -> None:
    """Near miss: a comment heads the import it would go before."""
    source = _optional("import os\n# Third party.\nimport requests\n")
    result = fix_text(source, "STD503", target_version="py39")
    assert result.after == _fixed(
        "import os\n# Third party.\nimport requests\n"
        "from typing import Optional\n"
    )
