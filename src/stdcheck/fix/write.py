"""Writing fixed files back: same bytes conventions, atomically.

A fixed file keeps its encoding (PEP 263 cookie), UTF-8 BOM, newline
style, permissions, owner and group, extended attributes and hard
links. The new content goes to a temporary file in the same folder, is
flushed to disk, given the original's metadata, and replaces the
original with one ``os.replace``. A file with several hard links, or
whose owner or extended attributes the temporary file cannot take, is
written in place instead (its content was verified before). Either way
the file on disk is compared with what was read immediately before it
is replaced: a file that changed since it was read is left alone.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from dataclasses import dataclass

from stdcheck.core.source import UTF8_BOM, Decoded, SourceError, read_bytes

NEWLINES = re.compile(r"\r\n|\r|\n")
WRITE_BITS = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH


class WriteError(Exception):
    """A fixed file that could not be written (a one-line reason)."""


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes and what ``stat`` said."""

    data: bytes
    mtime_ns: int
    size: int

    @classmethod
    def take(cls, path: str) -> Snapshot:
        """Read a file's bytes and stat it.

        Args:
            path: The file.

        Returns:
            Its bytes and status.

        Raises:
            SourceError: If the file cannot be read.
        """
        data = read_bytes(path)
        try:
            info = os.stat(path)
        except OSError as error:
            raise SourceError(f"cannot read: {_reason(error)}") from None
        return cls(data, info.st_mtime_ns, info.st_size)


def same_newlines(text: str, original: str) -> str:
    """Give lines a fix added the original's newline style.

    libcst writes new lines with the module's own newline, but a fix
    may spell one out; a file that used one style only keeps it. (The
    tokenizer reads every style alike, even inside strings, so the
    code's meaning does not change.)

    Args:
        text: The fixed text.
        original: The text before fixing.

    Returns:
        The fixed text with the original's newlines.
    """
    if "\r" not in original and "\r" not in text:
        return text  # ``\n`` alone, or no newline at all: nothing to do
    styles = set(NEWLINES.findall(original))
    if len(styles) != 1 or set(NEWLINES.findall(text)) <= styles:
        return text
    return NEWLINES.sub(styles.pop(), text)


def encode(text: str, decoded: Decoded) -> bytes:
    """Encode fixed text as the original file was encoded.

    Args:
        text: The fixed text.
        decoded: How the original file was decoded.

    Returns:
        The bytes to write.

    Raises:
        WriteError: If the text holds characters the encoding lacks.
    """
    try:
        data = text.encode(decoded.encoding, decoded.errors)
    except UnicodeEncodeError as error:
        raise WriteError(
            f"cannot encode the fixed text as {decoded.encoding}: "
            f"{error.reason}"
        ) from None
    return UTF8_BOM + data if decoded.bom else data


def replace(path: str, data: bytes, snapshot: Snapshot) -> None:
    """Replace a file's content, if it did not change since read.

    The new bytes are written to a temporary file beside the target,
    flushed with ``fsync`` and given the target's permission bits,
    owner, group and extended attributes, then renamed over it. A
    symbolic link is followed: the file it points to is replaced, the
    link stays. A file with several hard links, or whose metadata the
    temporary file cannot take, is overwritten in place.

    Args:
        path: The file to replace.
        data: Its new content.
        snapshot: The file as it was read before fixing.

    Raises:
        WriteError: If the file changed on disk since ``snapshot``, or
            the operating system refused.
    """
    target = os.path.realpath(path)
    folder = os.path.dirname(target)
    try:
        info = os.stat(target)
        mode = stat.S_IMODE(info.st_mode)
        if not mode & WRITE_BITS:
            raise WriteError("read-only file; left as it is")
        if info.st_nlink > 1:
            _overwrite(target, data, snapshot)
            return
        handle, temporary = tempfile.mkstemp(
            prefix=f".{os.path.basename(target)}.", suffix=".stdcheck",
            dir=folder,
        )
    except OSError as error:
        raise WriteError(f"cannot write: {_reason(error)}") from None
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(data)
            output.flush()
            os.fsync(output.fileno())
        os.chmod(temporary, mode)
        if not _same_metadata(temporary, target, info):
            _remove(temporary)
            _overwrite(target, data, snapshot)
            return
        if _changed(target, snapshot):
            raise WriteError(
                "changed on disk while being fixed; left as it is"
            )
        os.replace(temporary, target)
    except BaseException as error:
        _remove(temporary)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write: {_reason(error)}") from None
        raise
    _sync_folder(folder)


def _same_metadata(temporary: str, target: str, info: os.stat_result) -> bool:
    """Give a temporary file the target's owner, group and attributes.

    Args:
        temporary: The new file.
        target: The file it is to replace.
        info: The target's status.

    Returns:
        Whether it has them all now (else the target is to be written
        in place).
    """
    try:
        if (info.st_uid, info.st_gid) != _owner(temporary):
            os.chown(temporary, info.st_uid, info.st_gid)
        for name in _attributes(target):
            os.setxattr(temporary, name, os.getxattr(target, name))
    except OSError:
        return False
    return (info.st_uid, info.st_gid) == _owner(temporary)


def _owner(path: str) -> tuple[int, int]:
    """Return a file's owner and group."""
    info = os.stat(path)
    return info.st_uid, info.st_gid


def _attributes(path: str) -> list[str]:
    """Return the names of a file's extended attributes.

    Args:
        path: The file.

    Returns:
        The names (none where the file system has none).

    Raises:
        OSError: If the file has attributes that cannot be listed.
    """
    try:
        return os.listxattr(path)
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.ENOSYS):
            return []  # the file system has none
        raise
    except AttributeError:  # pragma: no cover  (not on this platform)
        return []


def _overwrite(target: str, data: bytes, snapshot: Snapshot) -> None:
    """Write a file's new content in place, if it did not change.

    Args:
        target: The file.
        data: Its new content.
        snapshot: The file as it was read before fixing.

    Raises:
        WriteError: If it changed since read.
    """
    with open(target, "r+b") as output:
        if _changed(target, snapshot):
            raise WriteError(
                "changed on disk while being fixed; left as it is"
            )
        output.write(data)
        output.truncate()
        output.flush()
        os.fsync(output.fileno())


def _changed(path: str, snapshot: Snapshot) -> bool:
    """Return whether a file differs from what was read earlier."""
    try:
        now = Snapshot.take(path)
    except SourceError:
        return True
    return now != snapshot


def _remove(path: str) -> None:
    """Delete a temporary file, ignoring a file already gone."""
    try:
        os.unlink(path)
    except OSError:
        pass  # already gone


def _sync_folder(folder: str) -> None:
    """Flush a rename to disk (POSIX; a no-op where unsupported)."""
    try:
        descriptor = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # the folder cannot be synced here: best effort
    finally:
        os.close(descriptor)


def _reason(error: OSError) -> str:
    """Return an OS error's reason in lower case."""
    return (error.strerror or str(error)).lower()
