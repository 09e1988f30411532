"""Encoding declarations are found where CPython finds them.

Only on the first two lines, whatever ends them (a file with only CR
newlines has lines too), and a declaration CPython accepts with bytes
after it that the encoding cannot decode is accepted too. CPython's own
``compile`` is the reference for every case.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from stdcheck.core.config import Config
from stdcheck.core.engine import check_data
from stdcheck.core.source import SourceError, decode
from stdcheck.fix.engine import decode_for_fixing

CASES = {
    "cr-only, declaration on line 5 (not one)": (
        b"# header\rx = 1\r\r\r# coding: no-such-codec\r", "utf-8",
        "x = 1",
    ),
    "cr-only, declaration on line 2": (
        b"#!/usr/bin/env python\r# coding: latin-1\rs = '\xe9'\r",
        "iso-8859-1", "s = '\u00e9'",
    ),
    "junk after a utf-8 declaration": (
        b"# coding: utf-8 \xff\xfe junk\nx = 1\n", "utf-8", "x = 1",
    ),
    "junk after an emacs-style declaration": (
        b"# -*- coding: UTF-8 -*- \xe9\nx = 1\n", "utf-8", "x = 1",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_what_cpython_accepts_is_decoded(case: str) -> None:
    """Decoded with the encoding CPython uses; the file is checked."""
    data, encoding, line = CASES[case]
    compile(data, "cookie.py", "exec")  # the reference accepts it
    decoded = decode(data)
    assert decoded.encoding == encoding
    assert line in decoded.text.replace("\r", "\n").splitlines()
    result = check_data(data, "cookie.py", Config(target_version="py310"))
    assert result.error is None, result.error
    assert all(finding.code != "STD000" for finding in result.findings)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"# coding: utf-8 \xff\nx = '\xff'\n",
         "cannot decode as utf-8: invalid start byte (byte 0xff)"),
        (b"x = 1  # \xff\n",
         "cannot decode as utf-8: invalid start byte (byte 0xff)"),
        (b"# coding: no-such-codec\n",
         "bad encoding declaration: unknown encoding: no-such-codec"),
    ],
)
def test_what_cpython_refuses_is_refused(
    tmp_path: Path, data: bytes, message: str
) -> None:
    """Near misses: bytes outside comments, no declaration, no codec.

    The reference is Python running the file (``compile`` of bytes
    skips the check of comments when no encoding is declared).
    """
    (tmp_path / "cookie.py").write_bytes(data)
    ran = subprocess.run(
        [sys.executable, str(tmp_path / "cookie.py")], capture_output=True,
        check=False,
    )
    assert b"SyntaxError" in ran.stderr
    with pytest.raises(SourceError) as raised:
        decode(data)
    assert raised.value.message == message


def test_undecodable_comments_are_checked_not_fixed() -> None:
    """No fix could keep such bytes: the file is left as it is."""
    with pytest.raises(SourceError) as raised:
        decode_for_fixing(CASES["junk after a utf-8 declaration"][0])
    assert raised.value.message == (
        "has comments that are not valid utf-8 (checked, not fixed)"
    )
