"""Check that checking costs grow linearly with the shapes that hurt.

    python benchmarks/scaling.py [--repeat N] [--shape S] [--markdown]

Generates each known costly shape of code (long if/elif chains
rebinding a name, one huge module-level ``if`` body, ``match`` cases
binding one name, many functions, a huge docstring, many imports, deep
nesting, long lines, long operator chains) at 1x, 2x, 4x and 8x its
base size, checks each text in this process with every default rule
(the best CPU time of ``--repeat`` runs, default 3) and prints the time
per size and the growth per doubling: ``(t8 / t1) ** (1 / 3)``. Linear
cost doubles (2.0x); the target is at most 2.5x for every shape.
``--markdown`` prints the table for ``docs/performance.md``. To
measure another checkout, put its ``src`` first on ``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import gc
import math
import time
from collections.abc import Callable

from stdcheck.core.config import Config
from stdcheck.core.engine import check_source
from stdcheck.core.source import SourceError

TARGET = 2.5
SCALES = (1, 2, 4, 8)


def elif_chain(size: int) -> str:
    """Return a module-level if/elif chain assigning one name."""
    arms = "".join(
        f"{'el' if index else ''}if MODE == {index}:\n    VALUE = {index}\n"
        for index in range(size)
    )
    return '"""Doc."""\nimport sys\n\nMODE = len(sys.argv)\n' + arms


def if_body(size: int) -> str:
    """Return one module-level ``if`` holding every statement."""
    body = "".join(
        f"    NAME_{index} = {index}\n    VALUE = NAME_{index}\n"
        for index in range(size)
    )
    return '"""Doc."""\nimport sys\n\nif sys.argv:\n' + body


def match_cases(size: int) -> str:
    """Return a ``match`` whose cases all bind the same name."""
    cases = "".join(
        f"    case {index}:\n        VALUE = {index}\n"
        for index in range(size)
    )
    return '"""Doc."""\nimport sys\n\nmatch len(sys.argv):\n' + cases


def functions(size: int) -> str:
    """Return many small documented functions."""
    return '"""Doc."""\n' + "".join(
        f"\n\ndef function_{index}(value: int) -> int:\n"
        f'    """Add {index}.\n\n    Args:\n        value: A number.\n\n'
        f'    Returns:\n        The sum.\n    """\n'
        f"    total = value + {index}\n    return total\n"
        for index in range(size)
    )


def docstring(size: int) -> str:
    """Return a function with one huge docstring."""
    prose = "".join(
        f"    Line {index} of prose that says something about it.\n"
        for index in range(size)
    )
    return (
        '"""Doc."""\n\n\ndef documented(value: int) -> int:\n'
        f'    """Summary.\n\n{prose}\n    Args:\n        value: A number.\n\n'
        '    Returns:\n        It.\n    """\n    return value\n'
    )


def imports(size: int) -> str:
    """Return many import lines (unsorted, some unused)."""
    return '"""Doc."""\n' + "".join(
        f"import module_{(index * 7919) % size} as alias_{index}\n"
        for index in range(size)
    )


def nesting(size: int) -> str:
    """Return ``if`` blocks nested ``size`` deep (CPython allows 99)."""
    lines = ['"""Doc."""', "import sys", ""]
    for depth in range(size):
        lines.append("    " * depth + f"if len(sys.argv) > {depth}:")
    lines.append("    " * size + "VALUE = 1")
    return "\n".join(lines) + "\n"


def long_lines(size: int) -> str:
    """Return one statement on a line ``size`` items long."""
    items = ", ".join(f"'item{index}'" for index in range(size))
    return f'"""Doc."""\nITEMS = [{items}]\n'


def operator_chain(size: int) -> str:
    """Return one ``'a' + 'b' + ...`` chain of ``size`` terms."""
    terms = " + ".join(f"'t{index}'" for index in range(size))
    return f'"""Doc."""\nTEXT = {terms}\n'


SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "if/elif chain rebinding a name": (elif_chain, 125),
    "one huge if body": (if_body, 1000),
    "match cases binding one name": (match_cases, 250),
    "many functions": (functions, 300),
    "huge docstring": (docstring, 4000),
    "many imports": (imports, 1000),
    "deep nesting": (nesting, 12),
    "long lines": (long_lines, 8000),
    "long operator chain": (operator_chain, 370),
}
"""Name: (the generator, the base size)."""


def measure(text: str, repeat: int) -> float:
    """Return the best CPU time of checking a text ``repeat`` times.

    A text the checker refuses ("too deeply nested") measures NaN.
    """
    config = Config(target_version="py310")
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        try:
            check_source(text, "shape.py", config)
        except SourceError:
            return math.nan
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    """Measure every shape at each scale; print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--shape", action="append", choices=sorted(SHAPES))
    parser.add_argument("--markdown", action="store_true")
    options = parser.parse_args()
    measure("x = 1\n", 1)  # rules loaded, caches warm
    rows = []
    for name, (generate, base) in SHAPES.items():
        if options.shape and name not in options.shape:
            continue
        times = [measure(generate(base * scale), options.repeat)
                 for scale in SCALES]
        growth = (times[-1] / max(times[0], 1e-9)) ** (1 / 3)
        rows.append((name, base, times, growth))
        if not options.markdown:
            print(f"{name:32} base {base:5}  " + "  ".join(
                f"{seconds:8.3f}s" for seconds in times
            ) + f"  x{growth:.2f} per doubling"
                + ("" if growth <= TARGET else "  OVER TARGET"), flush=True)
    if options.markdown:
        print("| shape | 1x size | 1x | 2x | 4x | 8x | growth per doubling |")
        print("|---|---|---|---|---|---|---|")
        for name, base, times, growth in rows:
            verdict = (
                "refused ('too deeply nested')" if math.isnan(growth)
                else f"{growth:.2f}x" if growth <= TARGET
                else f"{growth:.2f}x (over 2.5x)"
            )
            print(f"| {name} | {base} | " + " | ".join(
                "refused" if math.isnan(seconds) else f"{seconds:.3f} s"
                for seconds in times
            ) + f" | {verdict} |")


if __name__ == "__main__":
    main()
