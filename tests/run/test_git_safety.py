"""Nothing in a checked repository's git configuration ever runs.

Each known way a repository makes git run a program (``core.fsmonitor``,
hooks, an external diff, ``textconv``, filters, pagers, editors, ...) is
planted in a checked repository, each writing its own witness file
outside the tree. ``check``, ``fix`` and flake8 over the tree must leave
no witness. A control test runs git itself in the same repository, to
show that the planted settings do run when git reads them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None, reason="needs git"
)

HOOKS = (
    "pre-commit", "post-checkout", "post-index-change", "pre-push",
    "reference-transaction", "fsmonitor-watchman", "post-merge",
    "pre-auto-gc", "post-rewrite", "push-to-checkout",
)
COMMAND_SETTINGS = (
    "core.fsmonitor", "core.pager", "core.editor", "sequence.editor",
    "core.sshCommand", "core.askPass", "gpg.program", "diff.external",
    "diff.evil.textconv", "diff.evil.command", "filter.evil.clean",
    "filter.evil.smudge", "filter.evil.process", "merge.evil.driver",
    "pager.status", "pager.diff", "pager.log", "core.gitProxy",
    "core.alternateRefsCommand", "uploadpack.packObjectsHook",
    "credential.helper",
)
FIXABLE = "import sys\nimport os\n\nprint(os.sep, sys.argv)\n"


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in ``repo`` with no user configuration or hooks."""
    environment = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull,
                   "GIT_CONFIG_NOSYSTEM": "1"}
    return subprocess.run(
        ["git", "-c", "core.hooksPath=/dev/null", *args], cwd=repo,
        env=environment, capture_output=True, text=True, check=False,
    )


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Path, Path]:
    """Return a repository whose configuration runs programs.

    Args:
        tmp_path: Where to make the repository.

    Returns:
        The repository, and the folder where each program leaves a
        witness file.
    """
    witnesses = tmp_path / "witnesses"
    witnesses.mkdir()
    repo = tmp_path / "repo"
    (repo / "pkg").mkdir(parents=True)
    (repo / "pyproject.toml").write_text(
        '[tool.stdcheck]\nselect = ["STD3"]\n', encoding="utf-8"
    )
    (repo / "pkg" / "module.py").write_text(FIXABLE, encoding="utf-8")
    (repo / ".gitignore").write_text("ignored.py\n", encoding="utf-8")
    (repo / ".gitattributes").write_text(
        "* diff=evil filter=evil merge=evil\n", encoding="utf-8"
    )
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm",
         "first")
    hooks = repo / "planted-hooks"
    for folder in (hooks, repo / ".git" / "hooks"):
        folder.mkdir(exist_ok=True)
        for hook in HOOKS:
            script = folder / hook
            script.write_text(
                f"#!/bin/sh\ntouch '{witnesses}/hook-{hook}'\n",
                encoding="utf-8",
            )
            script.chmod(0o755)
    _git(repo, "config", "core.hooksPath", str(hooks))
    for setting in COMMAND_SETTINGS:
        command = f"touch '{witnesses}/{setting}'; cat"
        if setting == "credential.helper":
            command = "!" + command
        _git(repo, "config", setting, command)
    (repo / "pkg" / "module.py").write_text(
        FIXABLE + "# changed since the commit\n", encoding="utf-8"
    )
    return repo, witnesses


def test_the_planted_settings_run_when_git_reads_them(
    planted: tuple[Path, Path],
) -> None:
    """The control: git itself, run in the repository, runs them."""
    repo, witnesses = planted
    subprocess.run(["git", "status"], cwd=repo, capture_output=True,
                   check=False)
    subprocess.run(["git", "diff"], cwd=repo, capture_output=True,
                   check=False)
    assert list(witnesses.iterdir())


@pytest.mark.parametrize(
    "command",
    [
        ["-m", "stdcheck", "check", "--no-cache", "."],
        ["-m", "stdcheck", "check", "."],
        ["-m", "stdcheck", "fix", "."],
        ["-m", "stdcheck", "fix", "--diff", "."],
        ["-m", "flake8", "--select", "STD", "."],
    ],
    ids=["check", "check-cached", "fix", "fix-diff", "flake8"],
)
def test_nothing_from_the_repository_runs(
    planted: tuple[Path, Path], command: list[str]
) -> None:
    """A run over the tree leaves no witness."""
    repo, witnesses = planted
    result = subprocess.run(
        [sys.executable, *command], cwd=repo, capture_output=True,
        text=True, check=False, timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert sorted(path.name for path in witnesses.iterdir()) == []


@pytest.mark.parametrize("command", ["check", "fix"])
def test_nothing_runs_with_a_diff_base(
    planted: tuple[Path, Path], command: str
) -> None:
    """``--diff-base`` runs git, with nothing able to run.

    The run ends normally (exit 0 or 1) and no witness is left.
    """
    repo, witnesses = planted
    usage = subprocess.run(
        [sys.executable, "-m", "stdcheck", command, "--help"],
        capture_output=True, text=True, check=False,
    )
    if "--diff-base" not in usage.stdout:
        pytest.skip("no --diff-base in this stdcheck yet")
    result = subprocess.run(
        [sys.executable, "-m", "stdcheck", command, "--diff-base", "HEAD",
         "."],
        cwd=repo, capture_output=True, text=True, check=False, timeout=300,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    assert sorted(path.name for path in witnesses.iterdir()) == []
