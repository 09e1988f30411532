"""Print the engine's findings on some folders, as JSON (any Python).

    PYTHONPATH=src python tests/helpers/engine_findings.py FOLDER...

Used by ``test_python_versions`` to run the engine under other
interpreters: it needs the engine only (no click, libcst or pytest).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from stdcheck.core.config import load_for
from stdcheck.core.engine import check_file
from stdcheck.rules import load


def findings(folders: list[str]) -> list[list[object]]:
    """Return each ``.py`` file's findings (or error), in path order."""
    load()
    found: list[list[object]] = []
    for folder in folders:
        for path in sorted(Path(folder).rglob("*.py")):
            result = check_file(str(path), load_for(path))
            found.append([
                str(path),
                [
                    [item.line, item.col, item.code, item.message]
                    for item in result.findings
                ],
                None if result.error is None else result.error.message,
            ])
    return found


if __name__ == "__main__":
    print(json.dumps(findings(sys.argv[1:])))
