"""The pre-commit hooks, installed and run by pre-commit itself.

pre-commit builds each hook's environment from a commit of this
repository (pip installs stdcheck from source, so PyPI must be
reachable; the tests skip otherwise) and runs it in a scratch git
repository holding files to check. ``try-repo`` is run once, as a
user trying the hooks would; since it installs a fresh environment
every time, the other runs name the same commit in a configuration
file and share one pre-commit cache.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from stdcheck.core.registry import FixSafety, Rule, all_rules
from stdcheck.fix.registry import fix_for
from tests.helpers.fixing import fix_text

ROOT = Path(__file__).resolve().parents[2]
LONG_LINE = "X = '" + "a" * 80 + "'\n"
GIT = ["git", "-c", "user.name=stdcheck", "-c", "user.email=ci@localhost",
       "-c", "commit.gpgsign=false"]

pytestmark = pytest.mark.network


def git(*args: str, cwd: Path) -> str:
    """Run git in a folder; return its output."""
    return subprocess.run(
        [*GIT, *args], cwd=cwd, capture_output=True, text=True, check=True
    ).stdout


def commit_all(repo: Path) -> None:
    """Commit everything in a scratch repository."""
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "--allow-empty", "-m", "files", cwd=repo)


def _require_pypi(folder: Path) -> None:
    """Skip unless pip can download the build backend from PyPI."""
    try:
        result = subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps",
             "--quiet", "-d", str(folder), "hatchling"],
            capture_output=True, text=True, timeout=120, check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("PyPI is unreachable (pip timed out)")
    if result.returncode != 0:
        pytest.skip(f"PyPI is unreachable: {result.stderr.strip()[-200:]}")


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a one-commit copy of the working tree (try-repo needs it).

    try-repo installs a commit, so uncommitted edits are committed in a
    copy: the hooks tested are the ones in the working tree.
    """
    _require_pypi(tmp_path_factory.mktemp("pypi-probe"))
    copy = tmp_path_factory.mktemp("hook-repo")
    listed = git("ls-files", "--cached", "--others", "--exclude-standard",
                 "-z", cwd=ROOT)
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = copy / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git("init", "--quiet", cwd=copy)
    commit_all(copy)
    return copy


@pytest.fixture(scope="module")
def pre_commit_env(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, str]:
    """Return an environment with a private pre-commit cache.

    ``PYTHONPATH`` is dropped so the hook runs the stdcheck pre-commit
    installed, not the one of the test run.
    """
    env = {
        key: value for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "PRE_COMMIT_HOME")
    }
    env["PRE_COMMIT_HOME"] = str(tmp_path_factory.mktemp("pre-commit"))
    return env


@pytest.fixture(scope="module")
def hook_config(
    hook_repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Return a ``.pre-commit-config.yaml`` using the hooks' commit."""
    revision = git("rev-parse", "HEAD", cwd=hook_repo).strip()
    config = tmp_path_factory.mktemp("config") / "pre-commit-config.yaml"
    config.write_text(
        f"repos:\n- repo: {hook_repo}\n  rev: {revision}\n  hooks:\n"
        "  - id: stdcheck\n  - id: stdcheck-fix\n"
        "  - id: stdcheck-changed\n",
        encoding="utf-8",
    )
    return config


def pre_commit(
    *args: str, project: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run pre-commit in a project; return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
        cwd=project, env=env, capture_output=True, text=True, timeout=600,
        check=False,
    )


def run_hook(
    hook: str, project: Path, config: Path, env: dict[str, str]
) -> subprocess.CompletedProcess[str]:
    """Run one hook of the configuration on every file of a project."""
    return pre_commit("run", "--config", str(config), hook, "--all-files",
                      project=project, env=env)


def scratch_repo(root: Path, files: dict[str, str]) -> Path:
    """Make and commit a git repository holding the given files."""
    root.mkdir()
    git("init", "--quiet", cwd=root)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    commit_all(root)
    return root


def test_check_hook(
    hook_repo: Path,
    hook_config: Path,
    pre_commit_env: dict[str, str],
    tmp_path: Path,
) -> None:
    """The check hook fails on Python files and stubs that break rules.

    Files of other types are not passed to it; once the findings are
    fixed, it passes.
    """
    project = scratch_repo(tmp_path / "project", {
        "pyproject.toml": '[tool.stdcheck]\nselect = ["STD101"]\n',
        "bad.py": '"""Bad."""\n' + LONG_LINE,
        "stub.pyi": LONG_LINE,
        "good.py": '"""Good."""\n',
        "notes.txt": LONG_LINE,
    })
    result = pre_commit("try-repo", str(hook_repo), "stdcheck",
                        "--all-files", project=project, env=pre_commit_env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "bad.py:2:80: STD101 line too long" in output
    assert "stub.pyi:1:80: STD101 line too long" in output
    assert "good.py" not in output and "notes.txt" not in output
    (project / "bad.py").write_text('"""Bad."""\n', encoding="utf-8")
    (project / "stub.pyi").unlink()
    commit_all(project)
    result = run_hook("stdcheck", project, hook_config, pre_commit_env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def safely_fixable() -> Rule | None:
    """Return the first rule with a safe fix registered."""
    for rule in all_rules():
        if rule.fix is FixSafety.SAFE and fix_for(rule.code) is not None:
            return rule
    return None


def test_fix_hook_reports_what_it_cannot_fix(
    hook_config: Path, pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    """The fix hook fails on what remains, changing nothing else."""
    project = scratch_repo(tmp_path / "project", {
        "pyproject.toml": '[tool.stdcheck]\nselect = ["STD101"]\n',
        "bad.py": '"""Bad."""\n' + LONG_LINE,
        "good.py": '"""Good."""\n',
    })
    result = run_hook("stdcheck-fix", project, hook_config, pre_commit_env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "bad.py:2:80: STD101 line too long" in output
    assert "files were modified" not in output
    assert git("status", "--porcelain", cwd=project) == ""
    (project / "bad.py").unlink()
    commit_all(project)
    result = run_hook("stdcheck-fix", project, hook_config, pre_commit_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fix_hook_fixes_and_fails(
    hook_config: Path, pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    """The fix hook fixes a file and fails, so the fix gets reviewed.

    Uses the bad example of a rule with a safe fix; once the fix is
    committed, the hook passes.
    """
    rule = safely_fixable()
    assert rule is not None, "no rule has a safe fix"
    expected = fix_text(rule.bad, select=rule.code)
    project = scratch_repo(tmp_path / "project", {
        "pyproject.toml": f'[tool.stdcheck]\nselect = ["{rule.code}"]\n',
        "example.py": rule.bad,
    })
    result = run_hook("stdcheck-fix", project, hook_config, pre_commit_env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "files were modified by this hook" in output
    fixed = (project / "example.py").read_text(encoding="utf-8")
    assert fixed == expected.after != rule.bad
    commit_all(project)
    result = run_hook("stdcheck-fix", project, hook_config, pre_commit_env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_changed_hook_gates_only_the_commit(
    hook_config: Path, pre_commit_env: dict[str, str], tmp_path: Path
) -> None:
    """The changed-lines hook reports what a commit adds, not old code.

    Unstaged changes are stashed by pre-commit: a long line that is
    not staged is not reported either.
    """
    project = scratch_repo(tmp_path / "project", {
        "pyproject.toml": '[tool.stdcheck]\nselect = ["STD101"]\n',
        "old.py": '"""Old."""\n' + LONG_LINE,
    })
    result = run_hook("stdcheck-changed", project, hook_config,
                      pre_commit_env)
    assert result.returncode == 0, result.stdout + result.stderr
    with open(project / "old.py", "a", encoding="utf-8") as handle:
        handle.write(LONG_LINE)
    git("add", "old.py", cwd=project)
    (project / "new.py").write_text(LONG_LINE, encoding="utf-8")
    result = pre_commit("run", "--config", str(hook_config),
                        "stdcheck-changed", project=project,
                        env=pre_commit_env)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "old.py:3:80: STD101" in output
    assert "old.py:2:" not in output and "new.py" not in output
