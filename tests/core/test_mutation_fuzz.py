"""Mutation fuzzing: damaged real files never break check, fix, flake8.

Real standard-library files are mutated as editors, transfers and
attackers damage files: bytes flipped, lines truncated or deleted,
control characters, zero-width and right-to-left characters, surrogates
in strings (escaped, and as raw bytes), odd encoding cookies, CR-only
newlines. Over all of them:

- ``stdcheck check`` and ``stdcheck fix`` (real processes, with a
  timeout: a hang fails) never print a traceback, exit 0, 1 or 2, and
  say each unusable file in one line; no finding is STD000;
- ``fix`` never loses a comment word (the fixer's verifier's words);
- the flake8 plugin, given each mutated file that Python parses, never
  raises and reports no STD000.

The sample is small by default (a CI-sized run); set
``STDCHECK_FUZZ_LONG=1`` for a long one (400 files, 12 mutations each,
larger files); ``STDCHECK_FUZZ_FILES=N`` sets the number of files.
The seed is fixed: a failure is reproduced by running the test again.
"""

from __future__ import annotations

import ast
import collections
import io
import os
import random
import re
import subprocess
import sys
import sysconfig
import tokenize
from collections.abc import Callable
from pathlib import Path

import pytest

from stdcheck.core.source import SourceError, decode, split_lines
from stdcheck.fix.verify import comment_words, comments
from stdcheck.frontends.flake8_plugin import Plugin

LONG = os.environ.get("STDCHECK_FUZZ_LONG") == "1"
FILES = int(os.environ.get("STDCHECK_FUZZ_FILES", 400 if LONG else 14))
MUTATIONS_PER_FILE = 12 if LONG else 6
LARGEST = 60_000 if LONG else 8_000
SEED = 20261207
TIMEOUT = 3600 if LONG else 600
ERROR_LINE = re.compile(r"^\S.*: (?:error|note): [^\n]+$")
COOKIES = (
    b"# -*- coding: latin-1 -*-\n",
    b"# coding: no-such-codec\n",
    b"# coding=utf-16\n",
    b"# vim: set fileencoding=cp1252 :\n",
    b"# coding: utf-8 \xff\xfe junk\n",
    b"#!/usr/bin/env python\r# coding: latin-1\r",
    b"\xef\xbb\xbf# coding: latin-1\n",
    b"# coding: ascii\n# \xc3\xa9\n",
    b"\n\n# coding: bogus\n",
)
ODD_CHARACTERS = (
    "\u200b", "\u200d", "\ufeff", "\u202e", "\u2067", "\u2028", "\x85",
)
CONTROL = [bytes([code]) for code in range(1, 32) if code not in (10, 13)]


Mutation = Callable[[random.Random, bytes], bytes]


def _lines(data: bytes) -> list[bytes]:
    """Split bytes into lines that keep their newlines."""
    return data.splitlines(keepends=True) or [b""]


def flip_bytes(chance: random.Random, data: bytes) -> bytes:
    """Flip one to four bytes."""
    mutable = bytearray(data or b" ")
    for _ in range(chance.randint(1, 4)):
        at = chance.randrange(len(mutable))
        mutable[at] ^= chance.randint(1, 255)
    return bytes(mutable)


def truncate_line(chance: random.Random, data: bytes) -> bytes:
    """Cut one line short (its newline kept)."""
    lines = _lines(data)
    at = chance.randrange(len(lines))
    line = lines[at]
    body = line.rstrip(b"\r\n")
    lines[at] = body[: chance.randint(0, len(body))] + line[len(body):]
    return b"".join(lines)


def delete_lines(chance: random.Random, data: bytes) -> bytes:
    """Delete one to three consecutive lines."""
    lines = _lines(data)
    at = chance.randrange(len(lines))
    del lines[at:at + chance.randint(1, 3)]
    return b"".join(lines)


def insert_control(chance: random.Random, data: bytes) -> bytes:
    """Insert control characters (form feed, escape, DEL, ...)."""
    for _ in range(chance.randint(1, 3)):
        at = chance.randint(0, len(data))
        data = data[:at] + chance.choice([*CONTROL, b"\x7f"]) + data[at:]
    return data


def insert_odd_unicode(chance: random.Random, data: bytes) -> bytes:
    """Insert zero-width, right-to-left and line separators."""
    text = data.decode("utf-8", "surrogateescape")
    for _ in range(chance.randint(1, 3)):
        at = chance.randint(0, len(text))
        text = text[:at] + chance.choice(ODD_CHARACTERS) + text[at:]
    return text.encode("utf-8", "surrogateescape")


def surrogates_in_strings(chance: random.Random, data: bytes) -> bytes:
    """Put surrogates in string literals: escaped, or as raw bytes."""
    lines = _lines(data)
    at = chance.randrange(len(lines) + 1)
    literal = chance.choice([
        b"'\\ud800'", b"'\\udfff\\ud800'", b"'\xed\xa0\x80'",
        b"b'\xed\xb2\x80'", b"f'{x}\\udcff'",
    ])
    lines.insert(at, b"_surrogate = " + literal + b"\n")
    return b"".join(lines)


def odd_cookie(chance: random.Random, data: bytes) -> bytes:
    """Put an odd encoding declaration at the top."""
    return chance.choice(COOKIES) + data


def carriage_returns(chance: random.Random, data: bytes) -> bytes:
    """Turn every newline into a lone CR (old Mac files)."""
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")


MUTATIONS: dict[str, Mutation] = {
    "flip": flip_bytes,
    "truncate": truncate_line,
    "delete": delete_lines,
    "control": insert_control,
    "unicode": insert_odd_unicode,
    "surrogate": surrogates_in_strings,
    "cookie": odd_cookie,
    "cr": carriage_returns,
}


def _sources() -> list[Path]:
    """Return the sampled standard-library files (fixed by the seed)."""
    library = Path(sysconfig.get_paths()["stdlib"])
    candidates = sorted(
        path for path in library.glob("*.py")
        if 200 < path.stat().st_size <= LARGEST
    )
    return random.Random(SEED).sample(candidates, min(FILES, len(candidates)))


@pytest.fixture(scope="module")
def mutated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Write every mutated file; return their bytes by file name."""
    folder = tmp_path_factory.mktemp("mutated")
    written = {}
    chance = random.Random(SEED)
    names = sorted(MUTATIONS)
    for index, source in enumerate(_sources()):
        original = source.read_bytes()
        for number in range(MUTATIONS_PER_FILE):
            kind = names[(index * MUTATIONS_PER_FILE + number) % len(names)]
            data = MUTATIONS[kind](chance, original)
            name = f"{source.stem}_{number:02}_{kind}.py"
            (folder / name).write_bytes(data)
            written[name] = data
    (folder / "pyproject.toml").write_text(
        "[tool.stdcheck]\n", encoding="utf-8"
    )
    return written


def _folder(mutated: dict[str, bytes], tmp_path: Path) -> Path:
    """Copy the mutated files into a fresh folder."""
    (tmp_path / "pyproject.toml").write_text(
        "[tool.stdcheck]\n", encoding="utf-8"
    )
    for name, data in mutated.items():
        (tmp_path / name).write_bytes(data)
    return tmp_path


def _run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run stdcheck in a process; a hang fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "stdcheck", *args, "."], cwd=folder,
        capture_output=True, text=True, errors="replace", check=False,
        timeout=TIMEOUT,
    )


def _assert_clean_run(result: subprocess.CompletedProcess[str]) -> None:
    """No traceback, a known exit status, one line per bad file."""
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode in (0, 1, 2), result.stderr[-3000:]
    odd = [
        line for line in result.stderr.splitlines()
        if not ERROR_LINE.match(line) and not line.startswith(
            ("Fixed ", "Would fix ")
        )
    ]
    assert odd == []
    assert " STD000 " not in result.stdout, [
        line for line in result.stdout.splitlines() if " STD000 " in line
    ]


def test_check_never_breaks(
    mutated: dict[str, bytes], tmp_path: Path
) -> None:
    """``stdcheck check`` over every mutated file."""
    folder = _folder(mutated, tmp_path)
    _assert_clean_run(_run(folder, "check", "--no-cache"))


def test_fix_never_breaks_nor_loses_a_comment_word(
    mutated: dict[str, bytes], tmp_path: Path
) -> None:
    """``stdcheck fix --unsafe-fixes``, then every comment word kept."""
    folder = _folder(mutated, tmp_path)
    _assert_clean_run(_run(folder, "fix", "--unsafe-fixes"))
    lost = {}
    for name, before in mutated.items():
        after = (folder / name).read_bytes()
        if after == before:
            continue
        missing = _words(before) - _words(after)
        if missing:
            lost[name] = sorted(missing)[:5]
    assert lost == {}


def _words(data: bytes) -> collections.Counter[str]:
    """Return the comment words of a file's bytes (as the verifier)."""
    try:
        text = decode(data).text
    except SourceError:
        return collections.Counter()
    found = comments(text)
    return collections.Counter(comment_words(found or ()))


def test_flake8_plugin_never_raises(mutated: dict[str, bytes]) -> None:
    """The plugin on each mutated file Python parses, as in flake8."""
    failures = {}
    for name, data in mutated.items():
        try:
            lines = split_lines(decode(data).text)  # as flake8 reads
            text = "".join(lines)
            tree = ast.parse(text)
            tokens = list(
                tokenize.generate_tokens(io.StringIO(text).readline)
            )
        except (SourceError, SyntaxError, ValueError, tokenize.TokenError):
            continue  # flake8 reports these itself (E902, E999)
        try:
            found = list(Plugin(tree, lines, name, tokens).run())
        except Exception as error:  # noqa: BLE001,STD602  (reported)
            failures[name] = f"raised {type(error).__name__}: {error}"
            continue
        crashes = [text for _, _, text, _ in found if "STD000" in text]
        if crashes:
            failures[name] = crashes[0]
    assert failures == {}
