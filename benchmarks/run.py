"""Time stdcheck against the parser's floor and its peers.

    python benchmarks/run.py          # full run: docs/performance.md
    python benchmarks/run.py --quick  # smoke run on a sample: prints

Run it with the Python of the environment that holds stdcheck and the
peer tools (``pip install -e '.[test]'``). Corpora are downloaded by
package name (pinned in ``tests/helpers/corpus.py``) and copied into a
work folder under the corpus cache; every measurement runs as a separate
process, several times, interleaved with the others so that a change in
the machine's load hits all of them alike. Reported: the median wall
time, the median CPU time (user + system, workers included) and the peak
resident memory of the largest process. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

import pytest  # tests/helpers/corpus.py skips through pytest when offline

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import corpus  # noqa: E402  (the pinned downloads)

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Children run as installed tools do: with their modules compiled once
# (a PYTHONDONTWRITEBYTECODE=1 shell would recompile them every run).
ENVIRONMENT = {
    key: value for key, value in os.environ.items()
    if key != "PYTHONDONTWRITEBYTECODE"
}
HERE = Path(__file__).resolve().parent
DOC = ROOT / "docs" / "performance.md"
START, END = "<!-- results:start -->", "<!-- results:end -->"
PACKAGES = ("django", "sqlalchemy")
LAUNCHER = """
import os, sys, time
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    report.write(f"{wall} {usage.ru_utime + usage.ru_stime} "
                 f"{usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""
QUICK_SAMPLE = 8  # --quick keeps one file in 8, of the stdlib only

PEER_PLUGINS = (
    "pycodestyle,pep8-naming,flake8-docstrings,flake8-import-order,"
    "flake8-annotations"
)
FLAKE8_PEERS = [
    "--isolated", "-j", "1", "--select", "E,W,N,D,I,ANN",
    "--max-line-length", "79", "--max-doc-length", "72",
    "--docstring-convention", "google", "--import-order-style", "google",
]
RUFF = [
    "check", "--isolated", "--exit-zero", "--quiet",
    "--select", "E,W,N,D,I,ANN,BLE,TRY,ASYNC,S,G,LOG",
    "--line-length", "79",
    "--config", "lint.pydocstyle.convention='google'",
    "--config", "lint.pycodestyle.max-doc-length=72",
]
RUFF_FIX = [
    "check", "--isolated", "--diff", "--quiet",
    "--select", "E,W,I,D,ANN",
    "--line-length", "79",
    "--config", "lint.pydocstyle.convention='google'",
    "--config", "lint.pycodestyle.max-doc-length=72",
]
"""ruff's fixes closest to stdcheck's safe ones: imports, docstrings,
whitespace and annotations (``--diff``: nothing written)."""
PYLINT_MESSAGES = (
    "line-too-long,invalid-name,missing-module-docstring,"
    "missing-class-docstring,missing-function-docstring,"
    "wrong-import-order,ungrouped-imports,wrong-import-position,"
    "multiple-imports,wildcard-import,bad-indentation,"
    "broad-exception-caught,bare-except,raise-missing-from,"
    "logging-fstring-interpolation,logging-not-lazy,"
    "logging-format-interpolation,protected-access,"
    "missing-param-doc,missing-type-doc,missing-return-doc,"
    "missing-raises-doc,differing-param-doc"
)
PYLINT = [
    "--disable=all", f"--enable={PYLINT_MESSAGES}", "-j", "1",
    "--load-plugins=pylint.extensions.docparams",
    "--max-line-length=79", "--recursive=y", "--score=n",
    "--exit-zero", "--output-format=text",
]


@dataclass
class Corpus:
    """A folder of Python files to time the tools on."""

    name: str
    folder: Path
    files: int
    megabytes: float


@dataclass
class Case:
    """One command to time, with what must happen before each run."""

    key: str
    label: str
    command: list[str]
    cwd: Path
    setup: Callable[[], None] = lambda: None
    runs: int | None = None  # at most this many runs (slow peers)
    statuses: tuple[int, ...] = (0, 1)  # exit statuses of a good run
    samples: list[tuple[float, float, int]] = field(default_factory=list)

    def wall(self) -> float:
        """Return the median wall time."""
        return statistics.median(sample[0] for sample in self.samples)

    def cpu(self) -> float:
        """Return the median CPU time (user + system, all processes)."""
        return statistics.median(sample[1] for sample in self.samples)

    def memory(self) -> float:
        """Return the peak resident memory, in megabytes."""
        return max(sample[2] for sample in self.samples) / 1024


def tool(name: str) -> str:
    """Return a console script of this environment."""
    return str(BIN / name)


def prepare(name: str, sample: int = 1) -> Corpus:
    """Copy a corpus's ``.py`` files (one in ``sample``) to a folder."""
    if name == "stdlib":
        root, files = corpus.stdlib_root(), corpus.stdlib_files()
        label = f"stdlib-{platform.python_version()}"
    else:
        root = corpus.package_root(name)
        files = corpus.package_files(name)
        label = f"{name}-{corpus.PACKAGES[name]}"
    files = files[::sample]
    if sample > 1:
        label += f"-sample{sample}"
    folder = corpus.CACHE / "bench" / label
    done = folder / ".complete"
    if not done.exists():
        shutil.rmtree(folder, ignore_errors=True)
        for path in files:
            target = folder / path.relative_to(root)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
        first_party = "" if name == "stdlib" else (
            f'known-first-party = ["{name}"]\n'
        )
        (folder / "pyproject.toml").write_text(
            f"[tool.stdcheck]\n{first_party}", encoding="utf-8"
        )
        (folder / "empty.pylintrc").write_text("", encoding="utf-8")
        done.touch()
    size = sum(path.stat().st_size for path in files)
    return Corpus(name, folder, len(files), size / 1e6)


def removing(path: Path) -> Callable[[], None]:
    """Return a setup step that deletes a cache folder."""
    return lambda: shutil.rmtree(path, ignore_errors=True)


def stdcheck(*arguments: str) -> list[str]:
    """Return a ``stdcheck check`` command (output discarded anyway)."""
    return [tool("stdcheck"), "check", "--exit-zero", "-q", *arguments]


def corpus_cases(
    found: Corpus, pylint_runs: int | None, quick: bool
) -> list[Case]:
    """The measurements of one corpus."""
    here, folder = found.folder, str(found.folder)
    cache = here / ".stdcheck_cache"
    ruff_cache = here / ".ruff_cache"
    python = sys.executable
    cases = [
        Case("floor", "floor: read + ast.parse + tokenize",
             [python, str(HERE / "floor.py"), folder], here),
        Case("one", "stdcheck check, 1 process",
             stdcheck("--no-cache", "-j", "1", folder), here),
        Case("all", "stdcheck check, all cores",
             stdcheck("--no-cache", folder), here),
        Case("cold", "stdcheck check, cold cache (all cores)",
             stdcheck(folder), here, removing(cache)),
        Case("warm", "stdcheck check, warm cache",
             stdcheck(folder), here),
        Case("flake8-std", "flake8 --select STD (stdcheck plugin only)",
             [python, str(HERE / "flake8_plugins.py"), "stdcheck", "--",
              "--isolated", "-j", "1", "--select", "STD", folder], here),
        Case("peers", "flake8 peer stack, 1 process",
             [python, str(HERE / "flake8_plugins.py"), PEER_PLUGINS,
              "--", *FLAKE8_PEERS, folder], here),
        Case("pylint", "pylint, matching messages, 1 process",
             [tool("pylint"), f"--rcfile={here / 'empty.pylintrc'}",
              *PYLINT, folder], here, runs=pylint_runs),
        Case("ruff-cold", "ruff, cold cache (all cores)",
             [tool("ruff"), *RUFF, "--cache-dir", str(ruff_cache), folder],
             here, removing(ruff_cache)),
        Case("ruff-warm", "ruff, warm cache",
             [tool("ruff"), *RUFF, "--cache-dir", str(ruff_cache), folder],
             here),
        Case("fix", "stdcheck fix --diff, 1 process",
             [tool("stdcheck"), "fix", "--diff", "-q", "-j", "1", folder],
             here, statuses=(0, 1, 2)),
        Case("ruff-fix", "ruff --fix --diff (closest rules, no cache)",
             [tool("ruff"), *RUFF_FIX, "--no-cache", folder], here,
             statuses=(0, 1)),
    ]
    if quick:
        cases = [case for case in cases if case.key != "pylint"]
    return cases


def precommit_cases(found: Corpus) -> list[Case]:
    """Five typical files, as pre-commit passes them (cold)."""
    files = sorted(
        (path for path in found.folder.rglob("*.py")),
        key=lambda path: path.stat().st_size,
    )
    chosen = [
        str(files[int(len(files) * quantile)])
        for quantile in (0.5, 0.6, 0.7, 0.8, 0.9)
    ]
    return [
        Case("pre-floor", "floor (5 files)",
             [sys.executable, "-c",
              "import sys; sys.path.insert(0, sys.argv[1]); import floor; "
              "[floor.main([path]) for path in sys.argv[2:]]",
              str(HERE), *chosen], found.folder),
        Case("pre-stdcheck", "stdcheck check (5 files, cold)",
             stdcheck("--no-cache", *chosen), found.folder),
        Case("pre-peers", "flake8 peer stack (5 files)",
             [sys.executable, str(HERE / "flake8_plugins.py"),
              PEER_PLUGINS, "--", *FLAKE8_PEERS, *chosen], found.folder),
        Case("pre-ruff", "ruff (5 files, no cache)",
             [tool("ruff"), *RUFF, "--no-cache", *chosen], found.folder),
        Case("pre-check-one", "stdcheck check (5 files, cold, 1 process)",
             stdcheck("--no-cache", "-j", "1", *chosen), found.folder),
        Case("pre-fix", "stdcheck fix --diff (5 files, 1 process)",
             [tool("stdcheck"), "fix", "--diff", "-q", "-j", "1", *chosen],
             found.folder, statuses=(0, 1, 2)),
        Case("pre-ruff-fix", "ruff --fix --diff (5 files, no cache)",
             [tool("ruff"), *RUFF_FIX, "--no-cache", *chosen], found.folder,
             statuses=(0, 1)),
        Case("version", "stdcheck --version",
             [tool("stdcheck"), "--version"], found.folder),
    ]


def fix_cases(with_findings: Corpus, clean: Path) -> list[Case]:
    """``stdcheck fix --diff``, in one process and on all cores."""
    return [
        Case(f"fix-{name}-{jobs}", f"stdcheck fix --diff, {label} ({what}: "
             f"{fixable(folder)} safe fixes)",
             [tool("stdcheck"), "fix", "--diff", *options, str(folder)],
             folder, statuses=(0, 1, 2))
        for name, what, folder in (
            ("findings", f"{with_findings.files} stdlib files",
             with_findings.folder),
            ("clean", "stdcheck's own src", clean),
        )
        for jobs, label, options in (
            ("one", "1 process", ("-j", "1")),
            ("all", "all cores", ()),
        )
    ]


def fixable(folder: Path) -> int:
    """Count the findings under a folder that ``fix`` would fix."""
    result = subprocess.run(
        stdcheck("--no-cache", "--format", "json", str(folder)),
        capture_output=True, text=True, check=False, env=ENVIRONMENT,
    )
    findings = json.loads(result.stdout)["findings"]
    return sum(finding["fix"] == "safe" for finding in findings)


def memory_cases(small: Corpus, large: Corpus) -> list[Case]:
    """One process over a few files, eight times as many, the largest.

    The largest files, each checked alone, show the least peak any run
    over them can have (a file's tree and tokens): the peak may follow
    the heaviest file, not the number of files. Size in bytes does not
    say which file is heaviest (a file of long strings has few tokens),
    so the five largest are checked, one process each, and the highest
    peak is kept.
    """
    largest = sorted(
        large.folder.rglob("*.py"),
        key=lambda path: (path.stat().st_size, str(path)),
    )[-5:]
    each = (
        'for path; do "$0" check --exit-zero -q --no-cache -j 1 "$path"; '
        "done"
    )
    return [
        Case(f"memory-{found.files}", f"stdcheck, 1 process, "
             f"{found.files} files",
             stdcheck("--no-cache", "-j", "1", str(found.folder)),
             found.folder)
        for found in (small, large)
    ] + [
        Case("largest-files", f"stdcheck, 1 process, each of the "
             f"{len(largest)} largest of the {large.files} files alone",
             ["sh", "-c", each, tool("stdcheck"), *map(str, largest)],
             large.folder),
    ]


def measure(case: Case) -> None:
    """Run a case once; record wall time, CPU time and peak memory.

    A small launcher process starts the command: a child forked from
    this (larger) process would count this process's memory as its own
    peak.
    """
    case.setup()
    with tempfile.TemporaryDirectory() as folder:
        report, errors = Path(folder) / "usage", Path(folder) / "stderr"
        with open(os.devnull, "wb") as sink, open(errors, "wb") as stderr:
            subprocess.run(
                [sys.executable, "-I", "-S", "-c", LAUNCHER, str(report),
                 shutil.which(case.command[0]) or case.command[0],
                 *case.command[1:]],
                cwd=case.cwd, stdout=sink, stderr=stderr, check=False,
                env=ENVIRONMENT,
            )
        fields = report.read_text(encoding="utf-8").split()
        wall, cpu, memory, status = fields
        if int(status) not in case.statuses:
            sys.exit(
                f"{case.label} failed ({status}):\n"
                f"{' '.join(case.command)}\n"
                f"{errors.read_text(encoding='utf-8', errors='replace')}"
            )
    case.samples.append((float(wall), float(cpu), int(memory)))


def run_all(cases: Sequence[Case], repeat: int) -> list[float]:
    """Run each case ``repeat`` times, interleaved; return the loads."""
    loads = [os.getloadavg()[0]]
    for round_number in range(repeat):
        for case in cases:
            if case.runs is not None and round_number >= case.runs:
                continue
            measure(case)
            loads.append(os.getloadavg()[0])
        print(f"  round {round_number + 1}/{repeat} done "
              f"(load {loads[-1]:.1f})", file=sys.stderr)
    return loads


def import_report() -> str:
    """What ``stdcheck --version`` imports (``-X importtime``)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-c",
         "import sys; from stdcheck.frontends.cli import main; "
         "sys.argv = ['stdcheck', '--version']; main()"],
        capture_output=True, text=True, check=False,
    )
    rows = re.findall(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)",
                      result.stderr)
    total = sum(int(own) for own, _, _, _ in rows) / 1000
    ours = sorted(name for _, _, _, name in rows
                  if name.startswith("stdcheck"))
    top = sorted(
        ((int(cumulative), name) for _, cumulative, indent, name in rows
         if len(indent) == 1),
        reverse=True,
    )[:4]
    return (
        f"`stdcheck --version` imports {len(rows)} modules "
        f"({total:.0f} ms of import time); of stdcheck only "
        f"{', '.join(f'`{name}`' for name in ours)}. Largest: "
        + ", ".join(f"`{name}` {micro / 1000:.0f} ms" for micro, name in top)
        + "."
    )


def table(cases: Sequence[Case], floor: Case | None) -> list[str]:
    """Render cases as a Markdown table."""
    rows = [
        "| measurement | runs | wall (median) | CPU (median) "
        "| peak memory | wall / floor |",
        "|---|---|---|---|---|---|",
    ]
    for case in cases:
        ratio = f"{case.wall() / floor.wall():.2f}×" if floor else ""
        rows.append(
            f"| {case.label} | {len(case.samples)} | {case.wall():.3f} s "
            f"| {case.cpu():.3f} s | {case.memory():.0f} MB | {ratio} |"
        )
    return rows


def verdict(met: bool) -> str:
    """Render a target's status."""
    return "met" if met else "**not met**"


def targets(by_key: dict[str, Case], cores: int) -> list[str]:
    """The issue's targets, measured on the standard library."""
    def wall(key: str) -> float:
        return by_key[key].wall()

    def cpu(key: str) -> float:
        return by_key[key].cpu()

    lines = ["| target | measured | status |", "|---|---|---|"]
    checks = [
        ("1 process cold ≤ 2× the floor",
         f"{wall('one') / wall('floor'):.2f}×",
         wall("one") <= 2 * wall("floor")),
        ("≥ 5× faster than the flake8 peer stack (1 process each)",
         f"{wall('peers') / wall('one'):.1f}×",
         wall("peers") >= 5 * wall("one")),
    ]
    if "pylint" in by_key:
        checks.append((
            "≥ 10× faster than pylint (1 process each)",
            f"{wall('pylint') / wall('one'):.1f}×",
            wall("pylint") >= 10 * wall("one"),
        ))
    checks += [
        (f"parallel speedup ≥ 1.7× ({cores} cores)",
         f"{wall('one') / wall('all'):.2f}×",
         wall("one") >= 1.7 * wall("all")),
        ("warm cache ≤ 3× ruff's warm cache",
         f"{wall('warm') / wall('ruff-warm'):.2f}×",
         wall("warm") <= 3 * wall("ruff-warm")),
        ("pre-commit case (5 files, cold) ≤ 0.25 s",
         f"{wall('pre-stdcheck'):.3f} s",
         wall("pre-stdcheck") <= 0.25),
        ("fix --diff -j1 CPU ≤ 4× check --no-cache -j1 CPU",
         f"{cpu('fix') / cpu('one'):.1f}×",
         cpu("fix") <= 4 * cpu("one")),
        ("the same on the pre-commit case (5 files)",
         f"{cpu('pre-fix') / cpu('pre-check-one'):.1f}×",
         cpu("pre-fix") <= 4 * cpu("pre-check-one")),
        ("pre-commit fix (5 files) ≤ 0.5 s",
         f"{wall('pre-fix'):.3f} s",
         wall("pre-fix") <= 0.5),
    ]
    memory = sorted(
        (case for key, case in by_key.items() if key.startswith("memory-")),
        key=lambda case: int(case.key.split("-")[1]),
    )
    if len(memory) == 2:
        small, large = memory
        alone = by_key["largest-files"].memory()
        checks.append((
            "peak memory does not grow with the number of files",
            f"{small.memory():.0f} MB ({small.key[7:]} files), "
            f"{large.memory():.0f} MB ({large.key[7:]} files), "
            f"{alone:.0f} MB (the heaviest of its files alone)",
            large.memory() <= 1.1 * max(small.memory(), alone),
        ))
    lines += [
        f"| {name} | {value} | {verdict(met)} |"
        for name, value, met in checks
    ]
    return lines


def versions() -> str:
    """The versions of the tools compared (those installed)."""
    found = []
    for name in ("stdcheck", "flake8", "pylint", "ruff"):
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} not installed")
    return ", ".join([*found, f"Python {platform.python_version()}"])


def main(arguments: Sequence[str] | None = None) -> None:
    """Prepare the corpora, time everything, report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="a smoke run: a stdlib sample, one run each")
    parser.add_argument("--repeat", type=int, help="runs of each case")
    parser.add_argument("--pylint-repeat", type=int, default=1,
                        help="runs of pylint (slow; default 1)")
    parser.add_argument("--write", action="store_true",
                        help="write docs/performance.md (default unless "
                        "--quick)")
    options = parser.parse_args(arguments)
    repeat = options.repeat or (1 if options.quick else 5)
    cores = len(os.sched_getaffinity(0))

    print("preparing corpora...", file=sys.stderr)
    try:
        sample = prepare("stdlib", QUICK_SAMPLE)
        corpora = [sample] if options.quick else [
            prepare("stdlib"), *(prepare(name) for name in PACKAGES)
        ]
    except pytest.skip.Exception as skipped:
        sys.exit(f"cannot prepare the corpora: {skipped.msg}")
    # Warm up: files in the OS cache, the tools' modules compiled.
    subprocess.run([sys.executable, str(HERE / "floor.py"),
                    *(str(found.folder) for found in corpora)], check=True)
    subprocess.run(stdcheck("--no-cache", str(sample.folder)),
                   env=ENVIRONMENT, check=True, capture_output=True)

    sections: list[tuple[Corpus, list[Case]]] = [
        (found, corpus_cases(found, options.pylint_repeat, options.quick))
        for found in corpora
    ]
    extra = precommit_cases(corpora[0])
    extra += fix_cases(sample, ROOT / "src")
    extra += memory_cases(sample, corpora[0]) if not options.quick else []
    everything = [case for _, cases in sections for case in cases] + extra
    loads = run_all(everything, repeat)

    by_key = {case.key: case for case in sections[0][1] + extra}
    lines = [
        f"Measured {time.strftime('%Y-%m-%d')} on {cores} cores "
        f"({platform.machine()}, {platform.system()}); {versions()}. "
        f"Load average (1 min) during the run: {min(loads):.1f} to "
        f"{max(loads):.1f}. Command: "
        f"`{shlex.join(['python', 'benchmarks/run.py', *sys.argv[1:]])}`.",
        "",
    ]
    for found, cases in sections:
        lines += [
            f"### {found.name}: {found.files} files, "
            f"{found.megabytes:.1f} MB",
            "",
            *table(cases, cases[0]),
            "",
            comparisons(by_key_of(cases)),
            "",
        ]
    lines += ["### Pre-commit, fix, memory", "", *table(extra, None), ""]
    lines += [import_report(), "", "### Targets (standard library)", "",
              *targets(by_key, cores)]
    report = "\n".join(lines) + "\n"
    print(report)
    if options.write or not options.quick:
        write(report)


def comparisons(by_key: dict[str, Case]) -> str:
    """One sentence comparing stdcheck in 1 process with the others."""
    one = by_key["one"].wall()
    slower = [
        f"{by_key[key].label.split(',')[0]} {by_key[key].wall() / one:.1f}×"
        for key in ("peers", "pylint", "flake8-std")
        if key in by_key
    ]
    warm = by_key["warm"].wall() / by_key["ruff-warm"].wall()
    fixing = by_key["fix"].cpu()
    return (
        "Time relative to stdcheck in 1 process: "
        + ", ".join(slower)
        + f". stdcheck's warm cache takes {warm:.2f}× ruff's warm cache."
        + f" `fix --diff -j1` takes {fixing / by_key['one'].cpu():.1f}× "
        "the CPU of `check --no-cache -j1`, and "
        f"{fixing / by_key['ruff-fix'].cpu():.0f}× ruff's `--fix --diff`."
    )


def by_key_of(cases: Sequence[Case]) -> dict[str, Case]:
    """Index cases by key."""
    return {case.key: case for case in cases}


def write(report: str, start: str = START, end: str = END) -> None:
    """Put the report between two markers of docs/performance.md."""
    text = DOC.read_text(encoding="utf-8")
    head, _, rest = text.partition(start)
    _, _, tail = rest.partition(end)
    DOC.write_text(f"{head}{start}\n{report}{end}{tail}", encoding="utf-8")
    print(f"wrote {DOC}", file=sys.stderr)


if __name__ == "__main__":
    main()
