"""The one place that runs git, so that the checked repository cannot.

A checked repository is not trusted: its ``.git/config`` may name
programs that git runs on its behalf (``core.fsmonitor``, hooks,
``diff.external``, textconv and filter drivers, a pager, a lazy fetch
of a partial clone's objects over a configured transport). stdcheck
therefore uses only git's plumbing that reads objects, never the work
tree through git: ``rev-parse``, ``ls-tree``, ``cat-file --batch``
(without ``--filters`` or ``--textconv``) and ``log`` (without a patch,
``--no-ext-diff --no-textconv``). Every call also runs with overrides
that switch those programs off, a clean environment (no system config,
no pager, no prompts, no lazy fetch) and no standard input.
Differences against the work tree are computed here, in Python, from
the blobs git hands over (:mod:`stdcheck.run.changed`), so no clean
filter or diff driver of the repository ever runs. See docs/ci.md.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

OVERRIDES = (
    "core.fsmonitor=false",
    f"core.hooksPath={os.devnull}",
    "core.pager=cat",
    "core.askPass=",
    "core.sshCommand=",
    "core.gitProxy=",
    "core.untrackedCache=false",
    "core.alternateRefsCommand=",
    "credential.helper=",
    "diff.external=",
    "protocol.allow=never",
    "safe.bareRepository=explicit",
    "gc.auto=0",
    "maintenance.auto=false",
    "log.showSignature=false",
)
"""``-c`` settings given to every git call (they win over the repo)."""

DROPPED_VARIABLES = (
    "GIT_EXTERNAL_DIFF", "GIT_PAGER", "PAGER", "GIT_ASKPASS", "SSH_ASKPASS",
    "GIT_SSH", "GIT_SSH_COMMAND", "GIT_PROXY_COMMAND", "GIT_EDITOR",
    "GIT_CONFIG_PARAMETERS", "GIT_CONFIG_COUNT", "GIT_CONFIG",
    "GIT_CONFIG_SYSTEM", "GIT_EXEC_PATH", "GIT_TRACE",
)
"""Environment variables that could make git run or read something."""

SET_VARIABLES = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_ATTR_NOSYSTEM": "1",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_NO_LAZY_FETCH": "1",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_PAGER": "cat",
    "LC_ALL": "C",
}
"""Environment variables every git call runs with."""


class GitError(Exception):
    """git is missing, or refused a command: one line saying why."""


def environment() -> dict[str, str]:
    """Return the environment git runs with (:data:`SET_VARIABLES`)."""
    kept = {
        name: value for name, value in os.environ.items()
        if name not in DROPPED_VARIABLES
        and not name.startswith(("GIT_CONFIG_KEY_", "GIT_CONFIG_VALUE_"))
    }
    kept.update(SET_VARIABLES)
    return kept


def command(arguments: Sequence[str]) -> list[str]:
    """Return the full git command line for some git arguments."""
    line = ["git", "--no-pager", "--no-optional-locks"]
    for setting in OVERRIDES:
        line += ["-c", setting]
    return line + list(arguments)


def run(
    arguments: Sequence[str], folder: Path, data: bytes | None = None
) -> bytes:
    """Run one hardened git command in a folder; return its output.

    Args:
        arguments: The git subcommand and its arguments.
        folder: Where to run it (git finds the repository from there).
        data: Standard input (none when None).

    Returns:
        What git printed on standard output.

    Raises:
        GitError: If git is not installed or the command failed.
    """
    try:
        done = subprocess.run(  # noqa: S603  (no shell; fixed program)
            command(arguments),
            cwd=folder,
            input=data,
            stdin=subprocess.DEVNULL if data is None else None,
            capture_output=True,
            env=environment(),
            check=False,
        )
    except OSError as error:
        raise GitError(f"cannot run git: {error.strerror}") from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = lines[-1] if lines else f"exit status {done.returncode}"
        raise GitError(f"git {arguments[0]}: {reason}")
    return done.stdout


def toplevel(folder: Path) -> Path:
    """Return the root of the work tree that holds a folder.

    Args:
        folder: A folder in the work tree.

    Returns:
        The work tree's top folder, resolved.

    Raises:
        GitError: If the folder is not in a git work tree.
    """  # noqa: STD407  (raised by run)
    out = run(["rev-parse", "--show-toplevel"], folder)
    return Path(os.fsdecode(out.rstrip(b"\n"))).resolve()


def resolve_commit(ref: str, folder: Path) -> str:
    """Return the commit id a revision names.

    Args:
        ref: A revision (branch, tag, commit id, ``HEAD~2``...).
        folder: A folder of the repository.

    Returns:
        The commit id.

    Raises:
        GitError: If ``ref`` names no commit.
    """
    if ref.startswith("-"):
        raise GitError(f"not a revision: {ref!r}")
    try:
        out = run(
            ["rev-parse", "--verify", "--quiet", "--end-of-options",
             f"{ref}^{{commit}}"],
            folder,
        )
    except GitError:
        raise GitError(f"unknown revision {ref!r}") from None
    return out.decode("ascii").strip()


def tree_blobs(commit: str, folder: Path) -> dict[str, str]:
    """Return each file of a commit (path from the root) with its blob.

    Args:
        commit: A commit id.
        folder: A folder of the repository.

    Returns:
        Path (``/``-separated, from the top) to blob id, files only.

    Raises:
        GitError: If git fails.
    """  # noqa: STD407  (raised by run)
    out = run(["ls-tree", "-r", "-z", "--full-tree", commit], folder)
    blobs = {}
    for entry in out.split(b"\0"):
        if not entry:
            continue
        info, _, name = entry.partition(b"\t")
        kind, blob = info.split(b" ")[1:3]
        if kind == b"blob":
            blobs[os.fsdecode(name)] = blob.decode("ascii")
    return blobs


def read_objects(names: Iterable[str], folder: Path) -> dict[str, bytes]:
    """Return the contents of objects, by blob id or ``rev:path``.

    One ``git cat-file --batch`` reads them all; no filter or textconv
    runs (those need options this never passes).

    Args:
        names: The objects wanted.
        folder: A folder of the repository.

    Returns:
        Each name's bytes; names git does not know are left out.

    Raises:
        GitError: If git fails.
    """  # noqa: STD407  (raised by run)
    wanted = list(dict.fromkeys(names))
    if not wanted:
        return {}
    request = b"".join(os.fsencode(name) + b"\n" for name in wanted)
    out = run(["cat-file", "--batch"], folder, request)
    found: dict[str, bytes] = {}
    position = 0
    for name in wanted:
        end = out.index(b"\n", position)
        header = out[position:end].split(b" ")
        position = end + 1
        if header[-1] == b"missing" or len(header) != 3:
            continue
        size = int(header[2])
        found[name] = out[position:position + size]
        position += size + 1
    return found


@dataclass(frozen=True)
class Revision:
    """One commit that changed a file, and the file as it was then.

    Attributes:
        commit: The commit id.
        time: When it was committed (seconds since the epoch).
        data: The file's bytes in that commit (None if deleted).
    """

    commit: str
    time: int
    data: bytes | None


def file_history(path: Path, limit: int = 0) -> list[Revision]:
    """Return the commits that changed a file, oldest first.

    The file's content at each commit comes through ``cat-file``; no
    diff is computed, so no diff driver of the repository runs.

    Args:
        path: The file (its folder must be in a git work tree).
        limit: At most this many of the newest commits (0: all).

    Returns:
        The revisions, oldest first; empty if the file was never
        committed.

    Raises:
        GitError: If the folder is not in a git work tree.
    """  # noqa: STD407  (raised by run)
    folder = path.resolve().parent
    top = toplevel(folder)
    relative = path.resolve().relative_to(top).as_posix()
    arguments = [
        "log", "--no-ext-diff", "--no-textconv", "--no-color",
        "--format=%H %ct",
    ]
    if limit:
        arguments.append(f"--max-count={limit}")
    try:
        out = run([*arguments, "--", f":(top,literal){relative}"], folder)
    except GitError:
        return []  # no commit yet
    commits = [
        (commit, int(when))
        for commit, when in (
            line.split(" ") for line in out.decode("ascii").splitlines()
        )
    ]
    blobs = read_objects(
        (f"{commit}:{relative}" for commit, _ in commits), folder
    )
    return [
        Revision(commit, when, blobs.get(f"{commit}:{relative}"))
        for commit, when in reversed(commits)
    ]
