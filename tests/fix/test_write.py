"""Writing fixed files: conventions kept, atomic, never clobbering."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from stdcheck.core.config import Config
from stdcheck.core.source import decode
from stdcheck.fix import engine, write
from tests.helpers import fix_samples

QUOTES = Config(select=("STD091",))


@pytest.fixture(autouse=True)
def samples() -> Iterator[None]:
    """Register the sample rules and fixes for each test."""
    with fix_samples.registered():
        yield


def _fix_in_place(path: Path, config: Config = QUOTES) -> engine.FileFix:
    """Fix a file and write it back; fail on any error."""
    outcome = engine.fix_file(str(path), config)
    assert outcome.error is None
    assert outcome.fixed is not None and not outcome.fixed.errors
    assert engine.save(outcome) is None
    return outcome


def test_crlf_file_stays_crlf(tmp_path: Path) -> None:
    path = tmp_path / "crlf.py"
    path.write_bytes(b"a = 'one'\r\nb = 'two'\r\n")
    _fix_in_place(path)
    assert path.read_bytes() == b'a = "one"\r\nb = "two"\r\n'


def test_crlf_kept_on_lines_a_fix_adds(tmp_path: Path) -> None:
    path = tmp_path / "crlf.py"
    path.write_bytes(b"a = 1\r\n")
    _fix_in_place(path, Config(select=("STD095",)))
    assert path.read_bytes() == b"a = 1\r\ndone = True\r\n"


def test_mixed_newlines_are_left_mixed() -> None:
    assert write.same_newlines("a\r\nb\nc\n", "a\r\nb\n") == "a\r\nb\nc\n"


def test_a_file_of_plain_newlines_keeps_them() -> None:
    assert write.same_newlines("a\r\nb\r\n", "a\n") == "a\nb\n"
    assert write.same_newlines("a\nb", "a") == "a\nb"  # none to follow


def test_newlines_inside_strings_follow_the_file() -> None:
    text = write.same_newlines('x = """a\nb"""\n', 'x = """a\r\nb"""\r\n')
    assert text == 'x = """a\r\nb"""\r\n'


def test_bom_kept(tmp_path: Path) -> None:
    path = tmp_path / "bom.py"
    path.write_bytes(b"\xef\xbb\xbfa = 'caf\xc3\xa9'\n")
    _fix_in_place(path)
    assert path.read_bytes() == b'\xef\xbb\xbfa = "caf\xc3\xa9"\n'


def test_coding_cookie_kept(tmp_path: Path) -> None:
    path = tmp_path / "latin.py"
    path.write_bytes(b"# -*- coding: latin-1 -*-\na = 'caf\xe9'\n")
    _fix_in_place(path)
    assert path.read_bytes() == (
        b'# -*- coding: latin-1 -*-\na = "caf\xe9"\n'
    )


def test_text_the_encoding_cannot_hold_is_refused() -> None:
    decoded = decode(b"# coding: ascii\nx = 1\n")
    with pytest.raises(write.WriteError, match="cannot encode"):
        write.encode("# coding: ascii\nx = '\u00e9'\n", decoded)


@pytest.mark.skipif(os.name == "nt", reason="POSIX permission bits")
def test_mode_kept(tmp_path: Path) -> None:
    path = tmp_path / "script.py"
    path.write_text("a = 'one'\n", encoding="utf-8")
    path.chmod(0o751)
    _fix_in_place(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o751


@pytest.mark.skipif(os.name == "nt", reason="symbolic links")
def test_symlink_kept_and_its_target_fixed(tmp_path: Path) -> None:
    target = tmp_path / "real.py"
    target.write_text("a = 'one'\n", encoding="utf-8")
    link = tmp_path / "link.py"
    link.symlink_to(target)
    _fix_in_place(link)
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8") == 'a = "one"\n'


def test_write_replaces_the_file_and_leaves_no_temporary(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mod.py"
    path.write_text("a = 'one'\n", encoding="utf-8")
    inode = path.stat().st_ino
    _fix_in_place(path)
    assert path.stat().st_ino != inode
    assert sorted(tmp_path.iterdir()) == [path]


def test_file_changed_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text("a = 'one'\n", encoding="utf-8")
    outcome = engine.fix_file(str(path), QUOTES)
    path.write_text("a = 'edited'\n", encoding="utf-8")
    error = engine.save(outcome)
    assert error is not None
    assert "changed on disk while being fixed" in error.message
    assert path.read_text(encoding="utf-8") == "a = 'edited'\n"
    assert sorted(tmp_path.iterdir()) == [path]


def test_same_bytes_rewritten_meanwhile_is_not_overwritten(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mod.py"
    path.write_text("a = 'one'\n", encoding="utf-8")
    outcome = engine.fix_file(str(path), QUOTES)
    os.utime(path, ns=(1, 1))
    assert engine.save(outcome) is not None
    assert path.read_text(encoding="utf-8") == "a = 'one'\n"


def test_failed_rename_keeps_original_and_cleans_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "mod.py"
    path.write_text("a = 'one'\n", encoding="utf-8")
    outcome = engine.fix_file(str(path), QUOTES)

    def refuse(source: str, target: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(write.os, "replace", refuse)
    error = engine.save(outcome)
    assert error is not None
    assert error.message == "cannot write: permission denied"
    assert path.read_text(encoding="utf-8") == "a = 'one'\n"
    assert sorted(tmp_path.iterdir()) == [path]


def test_unchanged_file_is_not_written(tmp_path: Path) -> None:
    path = tmp_path / "mod.py"
    path.write_text('a = "one"\n', encoding="utf-8")
    os.utime(path, ns=(1, 1))
    outcome = engine.fix_file(str(path), QUOTES)
    assert engine.save(outcome) is None
    assert path.stat().st_mtime_ns == 1
