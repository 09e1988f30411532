"""Time the layout facts found from the text against the tokens' scan.

    python benchmarks/layout_scan.py FOLDER... [--repeat N]

Both find the layout facts of every ``.py`` file (read and decoded
beforehand) in the same process, interleaved, ``--repeat`` times
(default 5): ``tokens`` tokenizes with :mod:`tokenize` and scans the
tokens, ``text`` is :func:`stdcheck.rules.layout.text.fast_scan` (which
scans the tokens itself where it is unsure). The median CPU time of
each and their ratio are printed. From Python 3.12 on, both scan the
tokens.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable

from floor import python_files
from stdcheck.core.source import decode, split_lines
from stdcheck.rules.layout.scan import LayoutScan, scan
from stdcheck.rules.layout.text import fast_scan
from stdcheck.core.tokens import tokens_of


def from_tokens(lines: list[str]) -> LayoutScan:
    """Return the facts of a file's tokens."""
    return scan(tokens_of("".join(lines)), lines)


def from_text(lines: list[str]) -> LayoutScan:
    """Return the facts of a file's text (its tokens' where unsure)."""
    return fast_scan("".join(lines), lines) or from_tokens(lines)


def main() -> None:
    """Find the facts of the files both ways; print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    files = []
    for folder in options.folders:
        for path in python_files(folder):
            with open(path, "rb") as stream:
                files.append(split_lines(decode(stream.read()).text))
    ways: dict[str, Callable[[list[str]], LayoutScan]] = {
        "tokens": from_tokens, "text": from_text,
    }
    times: dict[str, list[float]] = {name: [] for name in ways}
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)  # as stdcheck checks
    for _ in range(options.repeat):
        for name, way in ways.items():
            start = time.process_time()
            for lines in files:
                way(lines)
            times[name].append(time.process_time() - start)
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    for name, median in medians.items():
        print(f"{name:7} {median:6.2f} s CPU (median of {options.repeat})")
    print(f"ratio   {medians['tokens'] / medians['text']:6.2f}x")


if __name__ == "__main__":
    main()
