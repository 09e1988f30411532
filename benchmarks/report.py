"""Time ``stdcheck report`` against ``stdcheck check``; size the page.

    python benchmarks/report.py             # writes docs/performance.md
    python benchmarks/report.py --repeat 1  # prints only

Same corpus, launcher and interleaving as ``benchmarks/run.py``: the
standard library of the running Python without its test suites, all
cores, no cache. The target (issue 23): the report builds in under 2×
the time of a check, and its page stays under 3 MB.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  (benchmarks/run.py, beside this file)

START, END = "<!-- report:start -->", "<!-- report:end -->"
TIME_LIMIT = 2.0
"""The report may take this many times a check's time."""
PAGE_LIMIT = 3_000_000
"""The page's size limit, in bytes."""


def main(arguments: list[str] | None = None) -> None:
    """Time check, report (HTML) and report (JSON); write the result."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5,
                        help="runs of each case (default 5)")
    options = parser.parse_args(arguments)
    found = bench.prepare("stdlib")
    folder = str(found.folder)
    with tempfile.TemporaryDirectory() as work:
        page, numbers = Path(work) / "report.html", Path(work) / "report.json"
        report = [bench.tool("stdcheck"), "report", "--no-cache", folder]
        cases = [
            bench.Case("check", "stdcheck check, all cores, no cache",
                       bench.stdcheck("--no-cache", folder), found.folder),
            bench.Case("html", "stdcheck report (HTML page)",
                       [*report, "-o", str(page)], found.folder),
            bench.Case("json", "stdcheck report --format json",
                       [*report, "--format", "json", "-o", str(numbers)],
                       found.folder),
        ]
        subprocess.run(cases[0].command, env=bench.ENVIRONMENT, check=True,
                       capture_output=True)  # warm-up: files in the OS cache
        loads = bench.run_all(cases, options.repeat)
        size = page.stat().st_size
    check, html, _ = cases
    wall, cpu = html.wall() / check.wall(), html.cpu() / check.cpu()
    met = max(wall, cpu) < TIME_LIMIT and size < PAGE_LIMIT
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on "
        f"{len(os.sched_getaffinity(0))} cores; Python "
        f"{platform.python_version()}; stdlib: {found.files} files, "
        f"{found.megabytes:.1f} MB. Load average (1 min) during the run: "
        f"{min(loads):.1f} to {max(loads):.1f}. Command: "
        f"`{shlex.join(['python', 'benchmarks/report.py', *sys.argv[1:]])}`.",
        "",
        *bench.table(cases, None),
        "",
        f"The report takes {wall:.2f}× the check's wall time and "
        f"{cpu:.2f}× its CPU time (target: under {TIME_LIMIT:g}×); the "
        f"page is {size / 1e6:.2f} MB (target: under "
        f"{PAGE_LIMIT / 1e6:g} MB): {bench.verdict(met)}.",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if options.repeat > 1:
        bench.write(text, START, END)


if __name__ == "__main__":
    main()
