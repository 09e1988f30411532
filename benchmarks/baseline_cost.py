"""The cost of checking with a baseline, on the standard library.

    python benchmarks/baseline_cost.py [--runs 5] [--jobs 1]

Records a baseline of every finding of the standard library (the files
the corpus tests use, without its tests) in a scratch file, then times
``stdcheck check --no-cache`` with ``--no-baseline`` and with the
baseline, interleaved so that a change in the machine's load hits both
alike. With every finding in the baseline each file with findings is
read again and fingerprinted: the worst case. Prints the median wall
and CPU times (user + system, worker processes included) and the
ratio; the target is within 5% (docs/performance.md).

Run it with the Python of the environment that holds stdcheck.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import corpus  # noqa: E402  (the stdlib's files)


def timed(command: list[str], folder: Path) -> tuple[float, float]:
    """Run a command; return its wall and CPU time (children too)."""
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(
        command, cwd=folder, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - start
    after = os.times()
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command[:6])}...: {done.stderr}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def main() -> None:
    """Record the baseline, time both ways, print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=1)
    options = parser.parse_args()
    root = corpus.stdlib_root()
    files = [str(path.relative_to(root)) for path in corpus.stdlib_files()]
    scratch = Path(tempfile.mkdtemp(prefix="stdcheck-baseline-cost-"))
    baseline = scratch / "stdcheck-baseline.json"
    base = [sys.executable, "-m", "stdcheck"]
    recorded = subprocess.run(
        [*base, "baseline", "-q", "--no-cache", "--baseline", str(baseline),
         *files],
        cwd=root, capture_output=True, text=True, check=True,
    )
    print(recorded.stdout.strip())
    check = [*base, "check", "-q", "--no-cache", "-j", str(options.jobs)]
    cases = {
        "without a baseline (--no-baseline)": [
            *check, "--no-baseline", *files,
        ],
        "with the baseline (every finding in it)": [
            *check, "--baseline", str(baseline), *files,
        ],
    }
    samples: dict[str, list[tuple[float, float]]] = {
        name: [] for name in cases
    }
    for _ in range(options.runs):
        for name, command in cases.items():
            samples[name].append(timed(command, root))
    print(f"{len(files)} files of {root}, --jobs {options.jobs}, "
          f"{options.runs} runs each, medians:")
    medians = {}
    for name, runs in samples.items():
        wall = statistics.median(run[0] for run in runs)
        cpu = statistics.median(run[1] for run in runs)
        medians[name] = (wall, cpu)
        print(f"  {name}: wall {wall:.2f} s, CPU {cpu:.2f} s")
    without, with_baseline = medians.values()
    print(f"  ratio: wall {with_baseline[0] / without[0]:.3f}, "
          f"CPU {with_baseline[1] / without[1]:.3f}")
    baseline.unlink()
    scratch.rmdir()


if __name__ == "__main__":
    main()
