"""Writing fixed files keeps their metadata, links, and is atomic."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from stdcheck.core.source import decode
from stdcheck.fix import write

BEFORE = b"a = 'one'\n"
AFTER = b'a = "one"\n'


def _replace(path: Path, data: bytes = AFTER) -> None:
    """Replace a file as ``fix`` does, from a snapshot taken now."""
    write.replace(str(path), data, write.Snapshot.take(str(path)))


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="only root can give a file to another user",
)
def test_owner_and_group_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_bytes(BEFORE)
    os.chown(path, 12345, 23456)
    try:
        _replace(path)
        info = path.stat()
    finally:
        os.chown(path, os.getuid(), os.getgid())  # pytest cleans up
    assert (info.st_uid, info.st_gid) == (12345, 23456)
    assert path.read_bytes() == AFTER


def test_a_file_whose_owner_cannot_be_given_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mod.py"
    path.write_bytes(BEFORE)
    inode = path.stat().st_ino

    def refuse(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(write.os, "chown", refuse)
    monkeypatch.setattr(write, "_owner", lambda name: (-1, -1))
    _replace(path)
    assert path.stat().st_ino == inode
    assert path.read_bytes() == AFTER
    assert sorted(tmp_path.iterdir()) == [path]


def test_hard_links_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_bytes(BEFORE)
    other = tmp_path / "other.py"
    os.link(path, other)
    _replace(path)
    assert other.read_bytes() == AFTER
    assert path.stat().st_ino == other.stat().st_ino
    assert sorted(tmp_path.iterdir()) == [path, other]


def test_hard_linked_file_changed_meanwhile_is_not_overwritten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mod.py"
    path.write_bytes(BEFORE)
    os.link(path, tmp_path / "other.py")
    snapshot = write.Snapshot.take(str(path))
    path.write_bytes(b"a = 'edited'\n")
    with pytest.raises(write.WriteError, match="changed on disk"):
        write.replace(str(path), AFTER, snapshot)
    assert path.read_bytes() == b"a = 'edited'\n"


def test_extended_attributes_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_bytes(BEFORE)
    try:
        os.setxattr(path, "user.stdcheck", b"kept")
    except (OSError, AttributeError):
        pytest.skip("no extended attributes on this file system")
    _replace(path)
    assert os.getxattr(path, "user.stdcheck") == b"kept"
    assert path.read_bytes() == AFTER


KILLED_WRITER = textwrap.dedent(
    """
    import os, signal, sys
    from stdcheck.fix import write

    def killed(source, target):
        os.kill(os.getpid(), signal.SIGKILL)

    path = sys.argv[1]
    snapshot = write.Snapshot.take(path)
    write.os.replace = killed
    write.replace(path, b'a = "one"\\n', snapshot)
    """
)


@pytest.mark.skipif(
    not hasattr(signal, "SIGKILL"), reason="no SIGKILL on this platform"
)
def test_writer_killed_before_the_rename_leaves_the_file_whole(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mod.py"
    path.write_bytes(BEFORE)
    done = subprocess.run(
        [sys.executable, "-c", KILLED_WRITER, str(path)],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
        check=False,
    )
    assert done.returncode == -signal.SIGKILL
    assert path.read_bytes() == BEFORE
    [temporary] = [item for item in tmp_path.iterdir() if item != path]
    assert temporary.name.startswith(".mod.py.")
    assert temporary.read_bytes() == AFTER
    assert decode(temporary.read_bytes()).text == AFTER.decode()
