"""Time stdcheck's tokenizer against the stdlib's on folders of code.

    python benchmarks/tokenizer.py FOLDER... [--repeat N]

Both tokenize every ``.py`` file (read and decoded beforehand) in the
same process, interleaved, ``--repeat`` times (default 5); the median
CPU time of each and their ratio are printed. Before Python 3.12 the
fast tokenizer is measured; from 3.12 on both use :mod:`tokenize`.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import time
from collections.abc import Callable

from floor import python_files
from stdcheck.source import decode, split_lines
from stdcheck.tokens import stdlib_tokens, tokens_of


def main() -> None:
    """Tokenize the files with each tokenizer; print the medians."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    texts = []
    for folder in options.folders:
        for path in python_files(folder):
            with open(path, "rb") as stream:
                text = decode(stream.read()).text
            texts.append("".join(split_lines(text)))
    tokenizers: dict[str, Callable[[str], object]] = {
        "tokenize": stdlib_tokens, "stdcheck": tokens_of,
    }
    times: dict[str, list[float]] = {name: [] for name in tokenizers}
    gc.freeze()
    gc.set_threshold(50_000, 50, 1000)  # as stdcheck checks
    for _ in range(options.repeat):
        for name, tokenizer in tokenizers.items():
            start = time.process_time()
            for text in texts:
                tokenizer(text)
            times[name].append(time.process_time() - start)
    medians = {name: statistics.median(runs) for name, runs in times.items()}
    for name, median in medians.items():
        print(f"{name:9} {median:6.2f} s CPU (median of {options.repeat})")
    print(f"ratio     {medians['tokenize'] / medians['stdcheck']:6.2f}x")


if __name__ == "__main__":
    main()
