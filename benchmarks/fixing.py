"""Time ``stdcheck fix`` against ``stdcheck check`` and ruff's fixer.

    python benchmarks/fixing.py            # writes docs/performance.md
    python benchmarks/fixing.py --repeat 1 # a quicker look (prints)

The fix rows of :mod:`run` (which times everything, for hours on a
small machine) on their own: on each corpus, ``fix --diff -j1``
against ``check --no-cache -j1`` on the same files, and ruff's
``--fix --diff`` with the closest rules; then the five-file pre-commit
case. Same method as :mod:`run`: every measurement a separate process,
runs interleaved, medians reported.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import sys
import time
from collections.abc import Sequence

import pytest

from run import (  # type: ignore[import-not-found]
    QUICK_SAMPLE,
    RUFF_FIX,
    Case,
    Corpus,
    precommit_cases,
    prepare,
    run_all,
    stdcheck,
    table,
    tool,
    verdict,
    versions,
    write,
)

START, END = "<!-- fix-results:start -->", "<!-- fix-results:end -->"
FIVE_FILES = ("pre-check-one", "pre-fix", "pre-ruff-fix")


def fix_rows(found: Corpus) -> list[Case]:
    """Check, fix and ruff's fix on one corpus, one process each."""
    here, folder = found.folder, str(found.folder)
    key, name = here.name, f"{here.name} ({found.files} files)"
    return [
        Case(f"{key}-check", f"{name}: stdcheck check, 1 process",
             stdcheck("--no-cache", "-j", "1", folder), here),
        Case(f"{key}-fix", f"{name}: stdcheck fix --diff, 1 process",
             [tool("stdcheck"), "fix", "--diff", "-q", "-j", "1", folder],
             here, statuses=(0, 1, 2)),
        Case(f"{key}-ruff", f"{name}: ruff --fix --diff (no cache)",
             [tool("ruff"), *RUFF_FIX, "--no-cache", folder], here,
             statuses=(0, 1)),
    ]


def ratios(by_key: dict[str, Case], names: Sequence[str]) -> list[str]:
    """The targets of the fixer-speed issue, as a Markdown table."""
    rows = ["| target | measured | |", "|---|---|---|"]
    for name in names:
        fix, check = by_key[f"{name}-fix"], by_key[f"{name}-check"]
        ruff = by_key[f"{name}-ruff"]
        rows.append(
            f"| {name}: fix CPU ≤ 4× check CPU | "
            f"{fix.cpu() / check.cpu():.1f}× (and "
            f"{fix.cpu() / ruff.cpu():.0f}× ruff's fix) | "
            f"{verdict(fix.cpu() <= 4 * check.cpu())} |"
        )
    fix, check = by_key["pre-fix"], by_key["pre-check-one"]
    rows += [
        f"| five files: fix CPU ≤ 4× check CPU | "
        f"{fix.cpu() / check.cpu():.1f}× | "
        f"{verdict(fix.cpu() <= 4 * check.cpu())} |",
        f"| five files: fix ≤ 0.5 s wall | {fix.wall():.3f} s | "
        f"{verdict(fix.wall() <= 0.5)} |",
    ]
    return rows


def main(arguments: Sequence[str] | None = None) -> None:
    """Prepare the corpora, time the fix rows, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs of each case (default 3)")
    parser.add_argument("--corpora", default="stdlib-sample,django",
                        help="stdlib-sample, stdlib, django, sqlalchemy")
    options = parser.parse_args(arguments)
    try:
        corpora = [
            prepare("stdlib", QUICK_SAMPLE) if name == "stdlib-sample"
            else prepare(name)
            for name in options.corpora.split(",")
        ]
        five = [
            case for case in precommit_cases(prepare("stdlib"))
            if case.key in FIVE_FILES
        ]
    except pytest.skip.Exception as skipped:
        sys.exit(f"cannot prepare the corpora: {skipped.msg}")
    cases = [case for found in corpora for case in fix_rows(found)] + five
    loads = run_all(cases, options.repeat)
    by_key = {case.key: case for case in cases}
    report = "\n".join([
        f"Measured {time.strftime('%Y-%m-%d')} on "
        f"{len(os.sched_getaffinity(0))} cores ({platform.machine()}); "
        f"{versions()}. Load average (1 min) during the run: "
        f"{min(loads):.1f} to {max(loads):.1f}. Command: "
        f"`{shlex.join(['python', 'benchmarks/fixing.py', *sys.argv[1:]])}`.",
        "",
        *table(cases, None),
        "",
        *ratios(by_key, [found.folder.name for found in corpora]),
        "",
    ])
    print(report)
    if options.repeat >= 3:
        write(report, START, END)


if __name__ == "__main__":
    main()
