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
    return imports + GREET.format("str ")


def _fixed(imports: str) -> str:
    """Return the same module once ``Optional[str]`` is written."""
    return imports + GREET.format("Optional[str] ")


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


PLACED = {
    "before third-party": (
        "import os\n\nimport requests\n",
        "import os\nfrom typing import Optional\n\nimport requests\n",
    ),
    "own group": (
        '"""Doc."""\n\nfrom __future__ import annotations\n\n'
        "import requests\n\nfrom .x import y\n",
        '"""Doc."""\n\nfrom __future__ import annotations\n\n'
        "from typing import Optional\n\nimport requests\n\n"
        "from .x import y\n",
    ),
    "after __future__": (
        "from __future__ import annotations\n",
        "from __future__ import annotations\n\n"
        "from typing import Optional\n",
    ),
    "after import statements": (
        "import abc\nimport zlib\n",
        "import abc\nimport zlib\nfrom typing import Optional\n",
    ),
    "before from imports after it": (
        "import zlib\nfrom zipfile import ZipFile\n",
        "import zlib\nfrom typing import Optional\n"
        "from zipfile import ZipFile\n",
    ),
    "first of its block": (
        "from zlib import crc32\n\nimport requests\n",
        "from typing import Optional\nfrom zlib import crc32\n\n"
        "import requests\n",
    ),
    "above a group's comment": (
        "import os\n\n# Third party.\nimport requests\n",
        "import os\nfrom typing import Optional\n\n# Third party.\n"
        "import requests\n",
    ),
    "above the first group's comment": (
        '"""Doc."""\n\n# Third party.\nimport requests\n',
        '"""Doc."""\n\nfrom typing import Optional\n\n# Third party.\n'
        "import requests\n",
    ),
    "before TYPE_CHECKING imports": (
        "import typing\n\nimport requests\n\n"
        "if typing.TYPE_CHECKING:\n    from abc import ABC\n",
        "import typing\nfrom typing import Optional\n\nimport requests\n\n"
        "if typing.TYPE_CHECKING:\n    from abc import ABC\n",
    ),
    "before a try import": (
        "import requests\n\ntry:\n    import ujson as json\n"
        "except ImportError:\n    import json\n",
        "from typing import Optional\n\nimport requests\n\n"
        "try:\n    import ujson as json\nexcept ImportError:\n"
        "    import json\n",
    ),
    "no import": ("", "from typing import Optional\n"),
    "below the docstring": (
        '"""Doc."""\n', '"""Doc."""\n\nfrom typing import Optional\n'
    ),
    "no import below the docstring": (
        '"""Doc."""\n\n__all__ = ["greet"]\n',
        '"""Doc."""\n\nfrom typing import Optional\n\n'
        '__all__ = ["greet"]\n',
    ),
    "below the header": (
        "# Licence.\n", "# Licence.\n\nfrom typing import Optional\n"
    ),
    "in the imports below __all__": (
        '"""Doc."""\n\n__all__ = ["greet"]\n\nimport os\n\n'
        "import requests\n",
        '"""Doc."""\n\n__all__ = ["greet"]\n\nimport os\n'
        "from typing import Optional\n\nimport requests\n",
    ),
    "in the imports below __all__ on top": (
        '__all__ = ["greet"]\n\nimport os\n',
        '__all__ = ["greet"]\n\nimport os\nfrom typing import Optional\n',
    ),
    "first of a block below the header": (
        "# Licence.\nimport requests\n",
        "# Licence.\nfrom typing import Optional\n\nimport requests\n",
    ),
    "below the header on code": (
        "# Licence.\nVERSION = 1\n",
        "# Licence.\n\nfrom typing import Optional\n\nVERSION = 1\n",
    ),
}


@pytest.mark.parametrize(
    ("imports", "placed"), PLACED.values(), ids=PLACED.keys()
)
def test_new_import_statement_in_its_group(imports: str, placed: str) -> None:
    """A new ``from typing import Optional`` goes where STD3xx wants."""
    assert_fix(
        _optional(imports).lstrip("\n"), _fixed(placed).lstrip("\n"),
        select="STD106,STD3,STD503", target_version="py39",
    )


KEPT = {
    "group of its own heading the block": (
        '"""Doc."""\n\n# Compression.\nfrom zlib import crc32\n'
    ),
    "isort off": (
        "from abc import ABC\n# isort: off\nfrom zlib import crc32\n"
    ),
    "below an isort skip": (
        "from abc import ABC\nfrom zlib import crc32  # isort: skip\n"
    ),
    "below an isort split": (
        "from zlib import crc32\n# isort: split\nfrom abc import ABC\n"
    ),
    "below a star import": "from zlib import *\nfrom abc import ABC\n",
    "below a name bound again": (
        "from zlib import loads\nfrom abc import loads\n"
    ),
}


@pytest.mark.parametrize("imports", KEPT.values(), ids=KEPT.keys())
def test_new_import_statement_left_below(imports: str) -> None:
    """Near miss: the new import does not cross what ends its block.

    It stays where libcst puts it, at the end of the imports; the same
    module without the obstacle has it moved up.
    """
    result = fix_text(_optional(imports), "STD503", target_version="py39")
    assert result.after == _fixed(imports + "from typing import Optional\n")


def test_moved_once_the_obstacle_is_gone() -> None:
    """The near misses above would move it: ``typing`` sorts first."""
    imports = "from abc import ABC\nfrom zlib import crc32\n"
    result = fix_text(_optional(imports), "STD503", target_version="py39")
    assert result.after == _fixed(
        "from abc import ABC\nfrom typing import Optional\n"
        "from zlib import crc32\n"
    )


def test_isort_off_region_kept_with_imports_after_it() -> None:
    """After ``# isort: on``, it sorts among the imports below only."""
    assert_fix(
        _optional(
            "# isort: off\nfrom zlib import crc32\n# isort: on\n"
            "from abc import ABC\nfrom zipfile import ZipFile\n"
        ),
        _fixed(
            "# isort: off\nfrom zlib import crc32\n# isort: on\n"
            "from abc import ABC\nfrom typing import Optional\n"
            "from zipfile import ZipFile\n"
        ),
        select="STD106,STD3,STD503", target_version="py39",
    )


def test_new_import_not_moved_past_a_conditional() -> None:
    """Near miss: imports below an ``if`` are not the first imports."""
    code = "if sys.version_info < (3, 8):\n    X = 1\n\nimport os\n"
    result = fix_text(
        _optional('"""Doc."""\n\n' + code), "STD503", target_version="py39"
    )
    assert result.after == _fixed(
        '"""Doc."""\n\nfrom typing import Optional\n\n' + code
    )


def test_code_below_the_imports_keeps_its_lines() -> None:
    """libcst's blank line above the code goes with the import."""
    result = fix_text(
        _optional("from zlib import crc32\nX = 1\n"),
        "STD503",
        target_version="py39",
    )
    assert result.after == _fixed(
        "from typing import Optional\nfrom zlib import crc32\nX = 1\n"
    )
