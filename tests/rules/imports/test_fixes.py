"""The import fix: regroup, sort, respace, split; comments kept."""

from __future__ import annotations

from tests.helpers.fixing import assert_fix, fix_text

SELECT = "STD301,STD302,STD303,STD305"


def test_regroups_sorts_and_spaces() -> None:
    """A jumbled block becomes the standard's three groups."""
    assert_fix(
        """
        import requests
        from . import views
        import sys
        from app.models import User
        import os


        from datetime import datetime
        """,
        """
        import os
        import sys
        from datetime import datetime

        import requests

        from app.models import User
        from . import views
        """,
        select=SELECT,
        known_first_party=["app"],
    )


def test_future_stays_first_and_docstring_header_stays() -> None:
    """The docstring and the comment above the block stay on top."""
    assert_fix(
        '''
        """Docstring."""

        # Imports of this module.
        from __future__ import annotations
        import sys
        import os
        ''',
        '''
        """Docstring."""

        # Imports of this module.
        from __future__ import annotations

        import os
        import sys
        ''',
        select=SELECT,
    )


def test_comments_move_with_their_import() -> None:
    """Comment lines above and at the end of an import go with it."""
    assert_fix(
        """
        import sys  # system
        # Paths and files.
        import os  # operating system
        """,
        """
        # Paths and files.
        import os  # operating system
        import sys  # system
        """,
        select=SELECT,
    )


def test_splits_import_statements() -> None:
    """``import a, b`` becomes one sorted statement per module."""
    assert_fix(
        """
        import sys, os  # noqa: F401
        import abc; import re
        """,
        """
        import abc
        import os  # noqa: F401
        import re
        import sys  # noqa: F401
        """,
        select=SELECT,
    )


def test_split_keeps_plain_comment_on_first_statement() -> None:
    """A comment that is not a pragma is not copied."""
    assert_fix(
        """
        import os, sys  # both needed
        """,
        """
        import os  # both needed
        import sys
        """,
        select=SELECT,
    )


def test_sorts_names_with_their_comments() -> None:
    """Names are sorted by type, end-of-line comments follow them."""
    assert_fix(
        """
        from typing import (
            cast,  # for casts
            Any,
            TYPE_CHECKING,  # guard
        )
        from os import sep, path
        """,
        """
        from os import path, sep
        from typing import (
            TYPE_CHECKING,  # guard
            Any,
            cast,  # for casts
        )
        """,
        select=SELECT,
    )


def test_sorts_names_when_last_has_no_trailing_comma() -> None:
    """The comment after the last name, before ``)``, moves too."""
    assert_fix(
        """
        from os import (
            sep,  # separator
            path  # paths
        )
        """,
        """
        from os import (
            path,  # paths
            sep  # separator
        )
        """,
        select=SELECT,
    )


def test_comment_lines_between_names_are_left_alone() -> None:
    """Names with comment lines between them stay as they are."""
    source = "from os import (\n    sep,\n    # paths\n    path,\n)\n"
    fixed = fix_text(source, SELECT)
    assert not fixed.errors
    assert fixed.after == source
    assert [finding.code for finding in fixed.findings] == ["STD303"]


def test_nested_blocks_are_fixed_each_alone() -> None:
    """Imports never cross code: each block is sorted on its own."""
    assert_fix(
        """
        import sys
        import os

        try:
            import ujson as json
        except ImportError:
            import json

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            import requests
            import abc


        def load():
            import zlib
            import re
            return re, zlib
        """,
        """
        import os
        import sys

        try:
            import ujson as json
        except ImportError:
            import json

        from typing import TYPE_CHECKING

        if TYPE_CHECKING:
            import abc

            import requests


        def load():
            import re
            import zlib
            return re, zlib
        """,
        select=SELECT,
    )


def test_isort_skip_splits_in_place() -> None:
    """A skipped import is split but not moved; blocks stay apart."""
    assert_fix(
        """
        import sys
        import os
        import zlib, abc  # isort: skip
        import re
        import json
        """,
        """
        import os
        import sys
        import zlib  # isort: skip
        import abc  # isort: skip
        import json
        import re
        """,
        select=SELECT,
    )


def test_relative_gap_in_local_group_is_kept() -> None:
    """A blank line between absolute and relative imports stays."""
    assert_fix(
        """
        from app import models

        from . import views
        import os
        """,
        """
        import os

        from app import models

        from . import views
        """,
        select=SELECT,
        known_first_party=["app"],
    )


def test_block_without_findings_is_untouched() -> None:
    """A block whose only finding is silenced is not rewritten."""
    source = "import sys\nimport os  # noqa: STD303\nimport re\n"
    fixed = fix_text(source, SELECT)
    assert not fixed.errors
    assert fixed.after == source


def test_spacing_alone_keeps_order_and_silenced_findings() -> None:
    """Only blank lines change when spacing is the only finding."""
    assert_fix(
        """
        import sys
        import os  # noqa: STD303
        from os import sep, path  # noqa: STD303


        import re
        import zlib, abc  # noqa: STD305
        """,
        """
        import sys
        import os  # noqa: STD303
        from os import sep, path  # noqa: STD303
        import re
        import zlib, abc  # noqa: STD305
        """,
        select=SELECT,
    )


def test_split_alone_keeps_order_then_sorts() -> None:
    """STD305 alone splits; the next pass sorts what became unsorted."""
    fixed = fix_text("import sys, os\n", "STD305")
    assert fixed.after == "import sys\nimport os\n"
    assert_fix("import sys, os\n", "import os\nimport sys\n", SELECT)


def test_standard_example_scrambled_is_restored() -> None:
    """Shuffling the standard's example and fixing restores it."""
    assert_fix(
        """
        from app.utils.helpers import format_response
        import requests
        from datetime import datetime
        from fastapi import FastAPI
        import sys
        from app.models import User
        import pandas as pd
        import os
        """,
        """
        import os
        import sys
        from datetime import datetime

        import pandas as pd
        import requests
        from fastapi import FastAPI

        from app.models import User
        from app.utils.helpers import format_response
        """,
        select=SELECT,
        known_first_party=["app"],
    )
