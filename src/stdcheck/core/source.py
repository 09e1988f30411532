"""Reading Python files as Python itself does, with clear errors."""

from __future__ import annotations

import ast
import io
import os
import re
import stat
import sys
import tokenize
from collections.abc import Callable
from dataclasses import dataclass

from stdcheck.core.findings import FileError

UTF8_BOM = b"\xef\xbb\xbf"
COOKIE = re.compile(rb"^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+")
LINE_END = re.compile(rb"\r\n|\r|\n")
UNDECODED = re.compile("[\udc80-\udcff]")
PARSE_HEADROOM = 1000
"""How far the recursion limit is raised to parse a deep tree."""
NEWER_SYNTAX = (
    ((3, 14), "`except A, B:` (no parentheses)",
     re.compile(r"\s*except\b\*?\s*[^\s(:][^:]*,")),
    ((3, 14), "A template string (t-string)",
     re.compile(r"""(?:.*[^\w.])?[tT][rR]?['"]""")),
    ((3, 13), "A type parameter default",
     re.compile(r"\s*(?:async\s+def|def|class|type)\s+\w+\s*\[[^\]]*=")),
    ((3, 12), "A `type` statement", re.compile(r"\s*type\s+\w+\s*[\[=]")),
    ((3, 12), "A type parameter list",
     re.compile(r"\s*(?:async\s+def|def|class)\s+\w+\s*\[")),
)
"""(version, what, line pattern): syntax older Pythons cannot parse.

A syntax error on a line matching a pattern, when stdcheck runs under a
Python older than the version, is explained as that newer syntax.
"""


class SourceError(Exception):
    """A file that cannot be read, decoded or parsed."""

    def __init__(
        self, message: str, line: int | None = None, col: int | None = None
    ) -> None:
        """Keep the one-line reason and where it happened, if known."""
        super().__init__(message)
        self.message = message
        self.line = line
        self.col = col

    def for_path(self, path: str) -> FileError:
        """Return this error as a :class:`FileError` for ``path``."""
        return FileError(path, self.message, self.line, self.col)


@dataclass(frozen=True)
class Decoded:
    """A decoded file: its text and how to write it back unchanged."""

    text: str
    encoding: str
    bom: bool
    newline: str
    errors: str = "strict"


def read_bytes(path: str, follow_links: bool = True) -> bytes:
    """Read a regular file, turning OS errors into one-line reasons.

    Only regular files are read: a FIFO, socket or device is refused
    without being opened (opening or reading one can wait forever), and
    checked again once opened, in case it was swapped meanwhile.

    Args:
        path: The file to read.
        follow_links: Whether a symbolic link is followed (else it is
            refused).

    Returns:
        The file's bytes.

    Raises:
        SourceError: If the file cannot be read or is not a file.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    flags |= getattr(os, "O_BINARY", 0)
    if not follow_links:
        flags |= getattr(os, "O_NOFOLLOW", 0)
    try:
        _regular(os.stat(path, follow_symlinks=follow_links).st_mode)
        descriptor = os.open(path, flags)
    except OSError as error:
        raise _unreadable(error) from None
    with os.fdopen(descriptor, "rb") as handle:
        try:
            _regular(os.fstat(descriptor).st_mode)
            return handle.read()
        except OSError as error:
            raise _unreadable(error) from None


def _regular(mode: int) -> None:
    """Refuse what is not a regular file (by its ``st_mode``)."""
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise SourceError("is a directory, not a file")
    kind = (
        "a FIFO" if stat.S_ISFIFO(mode)
        else "a socket" if stat.S_ISSOCK(mode)
        else "a symbolic link" if stat.S_ISLNK(mode)
        else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a file"
    )
    raise SourceError(f"not a regular file ({kind}); not read")


def _unreadable(error: OSError) -> SourceError:
    """Turn an OS error into the one-line reason a file was not read."""
    if isinstance(error, IsADirectoryError):
        return SourceError("is a directory, not a file")
    if isinstance(error, PermissionError):
        return SourceError("cannot read: permission denied")
    reason = error.strerror or str(error)
    return SourceError(f"cannot read: {reason.lower()}")


def decode(data: bytes) -> Decoded:
    """Decode source bytes as Python does (PEP 263 cookie, UTF-8 BOM).

    Args:
        data: The file's bytes.

    Returns:
        The text, with its encoding, BOM and newline style.

    Raises:
        SourceError: If the bytes hold a NUL or cannot be decoded.
    """
    if b"\0" in data:
        line = data[: data.index(b"\0")].count(b"\n") + 1
        raise SourceError("contains a NUL byte", line)
    try:
        encoding, _ = tokenize.detect_encoding(_first_lines(data))
    except SyntaxError as error:
        if "invalid or missing encoding" not in str(error):
            raise SourceError(f"bad encoding declaration: {error}") from None
        encoding = "utf-8"  # not UTF-8 and no cookie: say which byte

    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM):] if bom else data
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    errors = "strict"
    try:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            if not _declared(data):
                raise
            text = body.decode(codec, "surrogateescape")
            errors = "surrogateescape"
            if not _only_in_comments(text):
                raise
    except UnicodeDecodeError as error:
        line = body[: error.start].count(b"\n") + 1
        raise SourceError(
            f"cannot decode as {codec}: {error.reason} "
            f"(byte 0x{body[error.start]:02x})",
            line,
        ) from None
    except LookupError:
        raise SourceError(f"unknown encoding {encoding!r}") from None
    return Decoded(text, codec, bom, newline_style(text), errors)


def _first_lines(data: bytes) -> Callable[[], bytes]:
    """Return a ``readline`` over the lines a cookie may be on.

    As CPython does: only the first two lines, ended by any newline
    (a file with only ``\\r`` newlines has more than one line), and
    what follows a cookie on its line is not read (CPython accepts
    bytes there that are not valid in the declared encoding).
    """
    lines = [
        (match.group(0) if match else line) + b"\n"
        for line in LINE_END.split(data, maxsplit=2)[:2]
        for match in [COOKIE.match(line)]
    ]
    return iter([*lines, b""]).__next__


def _declared(data: bytes) -> bool:
    """Return whether the first two lines declare an encoding."""
    readline = _first_lines(data)
    return any(COOKIE.match(readline()) for _ in range(2))


def _only_in_comments(text: str) -> bool:
    """Return whether every undecodable byte is inside a comment.

    With an encoding declared, CPython accepts bytes the encoding
    cannot decode in comments (they are never decoded); decoded with
    ``surrogateescape``, they are lone surrogates.
    """
    comments = 0
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                comments += len(UNDECODED.findall(token.string))
    except (tokenize.TokenError, SyntaxError):
        return False
    return comments == len(UNDECODED.findall(text))


def newline_style(text: str) -> str:
    """Return the newline a text uses first (``\\n`` if none)."""
    index = text.find("\n")
    if index > 0 and text[index - 1] == "\r":
        return "\r\n"
    if index == -1 and "\r" in text:
        return "\r"
    return "\n"


def split_lines(text: str) -> list[str]:
    """Split text into physical lines ending in ``\\n``, as flake8 does.

    Only ``\\n``, ``\\r\\n`` and ``\\r`` end a line (unlike
    :meth:`str.splitlines`, which also breaks on form feeds and other
    characters the tokenizer keeps inside a line).
    """
    return io.StringIO(text, newline=None).readlines()


def aligned_brackets(line: str) -> list[int] | None:
    """Return where a line leaves brackets open with text after them.

    The lines that continue such a bracket are aligned with that text
    (a visual indent).

    Args:
        line: One physical line.

    Returns:
        The brackets' columns, innermost last; None if the tokenizer
        cannot read the line.
    """
    indent = len(line) - len(line.lstrip())
    opened: list[tuple[int, bool]] = []  # column, text after it
    ignored = (
        tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.ENDMARKER
    )
    try:
        for token in tokenize.generate_tokens(
            io.StringIO(line.strip()).readline
        ):
            if token.type in ignored:
                continue
            if opened:
                opened[-1] = (opened[-1][0], True)
            if token.string in ("(", "[", "{"):
                opened.append((indent + token.start[1], False))
            elif token.string in (")", "]", "}") and opened:
                opened.pop()
    except tokenize.TokenError:
        pass  # the end of the text inside brackets
    except SyntaxError:
        return None
    return [column for column, text in opened if text]


def _parse_deep(text: str, path: str) -> ast.Module:
    """Parse, as deep as CPython compiles, whoever the caller is.

    Making the tree's Python objects is bounded by the recursion limit
    less the caller's depth, which ``compile`` is not; a refusal is
    retried with the limit raised by :data:`PARSE_HEADROOM`.
    """
    try:
        return ast.parse(text, path, type_comments=False)
    except RecursionError:
        pass  # retried below with the limit raised
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(limit + PARSE_HEADROOM)
    try:
        return ast.parse(text, path, type_comments=False)
    finally:
        sys.setrecursionlimit(limit)


def parse(text: str, path: str = "<unknown>") -> ast.Module:
    """Parse source text, turning every parser failure into one line.

    Args:
        text: The source text.
        path: The file name, for the compiler's messages.

    Returns:
        The module's syntax tree.

    Raises:
        SourceError: If the text cannot be parsed.
    """
    if UNDECODED.search(text):  # undecodable bytes, in comments only
        text = UNDECODED.sub("?", text)  # one byte each, as they were
    try:
        return _parse_deep(text, os.fspath(path))
    except SyntaxError as error:
        message = error.msg or "invalid syntax"
        col = error.offset - 1 if error.offset else None
        raise SourceError(
            f"syntax error: {message}{_newer_syntax(text, error.lineno)}",
            error.lineno,
            col,
        ) from None
    except (RecursionError, MemoryError):
        raise SourceError("too deeply nested to parse") from None
    except ValueError as error:
        raise SourceError(f"cannot parse: {error}") from None


def _newer_syntax(text: str, line: int | None) -> str:
    """Explain a syntax error as syntax of a newer Python, if it is.

    Args:
        text: The source text.
        line: The error's line (1-based), if known.

    Returns:
        ``". <what> is Python 3.N syntax ..."``, or ``""`` when
        the line holds no syntax newer than the running Python's.
    """
    if line is None:
        return ""
    lines = split_lines(text)
    source = lines[line - 1] if 0 < line <= len(lines) else ""
    running = sys.version_info[:2]
    for version, what, pattern in NEWER_SYNTAX:
        if running < version and pattern.match(source):
            needed = "%d.%d" % version
            return (
                f". {what} is Python {needed} syntax and stdcheck runs "
                f"under Python {running[0]}.{running[1]}: run stdcheck "
                f"under Python {needed} or newer"
            )
    return ""
