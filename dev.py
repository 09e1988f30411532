#!/usr/bin/env python3
"""Developer tasks, run with nothing but Python 3 installed.

    python3 dev.py demo   install stdcheck, run it on the sample
                          project, write its report (build/)
    python3 dev.py test   install test needs, run every test and check

Both create ``.venv`` beside this file on first use.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
SAMPLE = "fixtures/sample_project"
REPORT = ROOT / "build" / "sample-report.html"


def run(*command: str, check: bool = True) -> int:
    """Echo and run a command in the repository root."""
    print("$", " ".join(command), flush=True)
    code = subprocess.run(command, cwd=ROOT, check=False).returncode
    if check and code != 0:
        sys.exit(code)
    return code


def install(extra: str = "") -> None:
    """Create the virtualenv and install stdcheck into it (editable)."""
    if not (BIN / "python").exists():
        venv.create(VENV, with_pip=True)
    target = f".[{extra}]" if extra else "."
    run(str(BIN / "python"), "-m", "pip", "install", "--quiet",
        "--disable-pip-version-check", "-e", target)


def demo() -> None:
    """Show the sample's findings, the fix as a diff; write a report."""
    install("report")
    stdcheck = str(BIN / "stdcheck")
    run(stdcheck, "check", SAMPLE, check=False)
    run(stdcheck, "fix", "--diff", SAMPLE, check=False)
    REPORT.parent.mkdir(exist_ok=True)
    run(stdcheck, "report", SAMPLE, "-o", str(REPORT))
    print(f"The sample project's report: {REPORT}")


def test() -> None:
    """Run the test suite with coverage, then the project's own checks."""
    install("test")
    python = str(BIN / "python")
    run(python, "-m", "pytest", "-n", "auto", "--cov", "--cov-report=term",
        *sys.argv[2:])
    run(python, "-m", "mypy", "--strict", "src")
    run(str(BIN / "stdcheck"), "check", "src", "tests")
    run(str(BIN / "flake8"), "src", "tests")
    if (ROOT / "docs" / "conf.py").exists():
        run(python, "-m", "sphinx", "-W", "--keep-going", "-q", "-b",
            "html", "docs", "docs/_build/html")


if __name__ == "__main__":
    tasks = {"demo": demo, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in tasks:
        sys.exit(__doc__)
    tasks[sys.argv[1]]()
