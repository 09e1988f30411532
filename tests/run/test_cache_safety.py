"""The results cache trusts nothing it did not write itself.

A cache folder that is a symbolic link is not used (one warning); no
file is written through a link; every file is written whole or not at
all; an entry whose stored results do not match its checksum is a miss.
"""

from __future__ import annotations

import errno
import marshal
import os
from pathlib import Path
from typing import Any

import pytest

from stdcheck.run import cache
from tests.helpers.cli_runner import NEEDS_BLANK_LINES, run, write

FINDING = "a.py:2:1: STD106"


def _project(folder: Path) -> None:
    """A project with one finding in ``a.py``."""
    write(folder, {"a.py": NEEDS_BLANK_LINES})


def test_a_linked_cache_folder_is_not_used(tmp_path: Path) -> None:
    """Nothing is read from or written into the link's target."""
    project = tmp_path / "project"
    target = tmp_path / "target"
    target.mkdir()
    _project(project)
    os.symlink(target, project / cache.FOLDER)
    for _ in range(2):
        result = run(project, "check", ".")
        assert result.exit_code == 1
        assert FINDING in result.stdout
        assert result.stderr.splitlines() == [
            f"stdcheck: warning: {project / cache.FOLDER} is a symbolic "
            "link; results are not cached"
        ]
    assert list(target.iterdir()) == []


def test_a_file_named_like_the_cache_folder(tmp_path: Path) -> None:
    """A file where the folder should be: not cached, one warning."""
    _project(tmp_path)
    (tmp_path / cache.FOLDER).write_text("x", encoding="utf-8")
    result = run(tmp_path, "check", ".")
    assert result.stderr.splitlines() == [
        f"stdcheck: warning: {tmp_path / cache.FOLDER} is not a folder; "
        "results are not cached"
    ]
    assert (tmp_path / cache.FOLDER).read_text(encoding="utf-8") == "x"


@pytest.mark.parametrize("name", [".gitignore", cache.INDEX])
def test_links_inside_the_folder_are_replaced_not_followed(
    tmp_path: Path, name: str
) -> None:
    """A (dangling) link for a cache file creates nothing at its target.

    The cache writes its own file instead.
    """
    project = tmp_path / "project"
    _project(project)
    (project / cache.FOLDER).mkdir()
    target = tmp_path / "created-through-the-link"
    os.symlink(target, project / cache.FOLDER / name)
    result = run(project, "check", ".")
    assert FINDING in result.stdout
    assert not target.exists()
    assert not (project / cache.FOLDER / name).is_symlink()
    assert (project / cache.FOLDER / ".gitignore").read_text() == (
        "# Written by stdcheck.\n*\n"
    )


def test_a_tampered_entry_is_a_miss(tmp_path: Path) -> None:
    """Stored results edited with the key intact: checked again.

    The findings are removed from the entry; the finding is reported.
    """
    _project(tmp_path)
    assert FINDING in run(tmp_path, "check", ".").stdout
    index = tmp_path / cache.FOLDER / cache.INDEX
    document = marshal.loads(index.read_bytes())
    for path, entry in document[2].items():
        document[2][path] = (entry[0], entry[1], (), None, *entry[4:])
    index.write_bytes(marshal.dumps(document))
    result = run(tmp_path, "check", ".")
    assert FINDING in result.stdout


def test_a_full_disk_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Failed writes leave no empty ``.gitignore``, no lone index.

    The run's output is unaffected.
    """
    _project(tmp_path)
    real_fdopen = os.fdopen

    def full_disk(descriptor: int, mode: str = "r", *args: Any) -> Any:
        stream = real_fdopen(descriptor, mode, *args)
        if "w" in mode:
            def refuse(data: bytes) -> int:
                raise OSError(errno.ENOSPC, "No space left on device")

            stream.write = refuse  # type: ignore[method-assign]
        return stream

    monkeypatch.setattr(os, "fdopen", full_disk)
    result = run(tmp_path, "check", ".")
    monkeypatch.setattr(os, "fdopen", real_fdopen)
    assert FINDING in result.stdout
    folder = tmp_path / cache.FOLDER
    assert sorted(path.name for path in folder.iterdir()) == []
    run(tmp_path, "check", ".")
    assert sorted(path.name for path in folder.iterdir()) == [
        ".gitignore", cache.INDEX
    ]
