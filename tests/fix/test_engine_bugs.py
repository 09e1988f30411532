"""A bug of stdcheck's met fixing one file does not stop the run."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from stdcheck.fix import engine
from stdcheck.frontends.cli import main

SOURCE = "import sys\nimport os\n\nprint(os, sys)\n"
"""A file with an import-order finding that ``fix`` sorts."""


def test_a_bug_fixing_one_file_is_one_error_and_the_others_are_fixed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    broken, fine = tmp_path / "broken.py", tmp_path / "fine.py"
    broken.write_text(SOURCE, encoding="utf-8")
    fine.write_text(SOURCE, encoding="utf-8")
    fix_source = engine.fix_source

    def with_a_bug(text: str, path: str, *args: Any) -> engine.Fixed:
        if path.endswith("broken.py"):
            raise TypeError("a bug\nwith a second line")
        return fix_source(text, path, *args)

    monkeypatch.setattr(engine, "fix_source", with_a_bug)
    result = CliRunner().invoke(
        main, ["fix", "-j", "1", "--select", "STD303",
               str(broken), str(fine)],
    )
    assert result.exception is None or isinstance(
        result.exception, SystemExit
    )
    assert "Traceback" not in result.output
    assert (
        f"{broken}: error: internal error in stdcheck: TypeError: a bug "
        "(please report this); the file is left as it was"
    ) in result.output
    assert broken.read_text(encoding="utf-8") == SOURCE
    assert fine.read_text(encoding="utf-8") == (
        "import os\nimport sys\n\nprint(os, sys)\n"
    )
    assert result.exit_code != 0
