"""Adopting the standard on a real project: a baseline, then edits.

    python benchmarks/adoption.py                 # requests (PyPI)
    python benchmarks/adoption.py --project PATH  # any folder

Copies the project into a scratch git repository, records a baseline,
then makes a scripted sequence of edits, printing at each step how
many findings there are in all, how many ``check`` reports as new, how
many the baseline hid, how many ``--diff-base HEAD`` reports, and how
many baseline findings no longer occur (``--strict-baseline``):

1. add a function with violations at the end of a module;
2. edit an old function: insert a line (old findings below it move)
   and change the text of one line holding a finding;
3. move a block: the module's first top-level function with findings
   to its end;
4. fix the module (``fix --no-baseline``), prune the baseline, then
   record again the findings on lines the fixes rewrote.

Run it with the Python of the environment that holds stdcheck.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import corpus  # noqa: E402  (the pinned downloads)

NEW_FUNCTION = (
    "\n\ndef addedHelper(Values, limit = 10):\n"
    "    total=0\n"
    "    for value in Values :\n"
    "        if value>limit: total+=value  ; print('" + "far " * 20 + "')\n"
    "    return total\n"
)
"""A function breaking layout, naming and docstring rules."""

SUMMARY = re.compile(
    r"Found (\d+)(?: new)? findings?.*?(?:the baseline hid (\d+))?\."
)
GONE = re.compile(r"(\d+) baseline findings? no longer occur")


def stdcheck(
    folder: Path, *arguments: str
) -> subprocess.CompletedProcess[str]:
    """Run ``stdcheck`` in a folder."""
    return subprocess.run(
        [sys.executable, "-m", "stdcheck", *arguments],
        cwd=folder, capture_output=True, text=True, check=False,
    )


def git(folder: Path, *arguments: str) -> None:
    """Run git in the scratch repository."""
    subprocess.run(
        ["git", "-c", "user.name=bench", "-c", "user.email=bench@localhost",
         "-c", "commit.gpgsign=false", *arguments],
        cwd=folder, check=True, capture_output=True,
    )


def counts(folder: Path) -> dict[str, int]:
    """Return the step's counts (see the module docstring)."""
    everything = stdcheck(folder, "check", "--no-baseline", "-q",
                          "--format", "json")
    total = len(json.loads(everything.stdout)["findings"])
    checked = stdcheck(folder, "check", "--no-cache")
    summary = SUMMARY.search(checked.stdout)
    new, hidden = 0, 0
    if summary is not None:
        new = int(summary.group(1))
        hidden = int(summary.group(2) or 0)
    gone = GONE.search(checked.stderr)
    changed = stdcheck(folder, "check", "--diff-base", "HEAD", "--format",
                       "json", "--no-baseline")
    return {
        "all": total,
        "new": new,
        "hidden": hidden,
        "changed lines": len(json.loads(changed.stdout)["findings"]),
        "prunable": int(gone.group(1)) if gone else 0,
    }


def pick_module(folder: Path) -> Path:
    """Return the largest module with imports and top-level defs."""
    candidates = sorted(
        folder.rglob("*.py"), key=lambda path: -path.stat().st_size
    )
    for path in candidates:
        text = path.read_text(encoding="utf-8", errors="replace")
        if re.search(r"^def \w+\(", text, re.M) and "\nimport " in text:
            return path
    raise SystemExit("no module with top-level functions")


def edit_old_function(folder: Path, module: Path) -> str:
    """Insert a line in an old function; edit a line with a finding.

    The edited line is a statement with a finding (an assignment,
    ``return`` or ``raise`` in a body) half-way down the module; a
    comment line is inserted just above it.

    Args:
        folder: The project.
        module: The module to edit.

    Returns:
        What was edited.
    """
    result = stdcheck(folder, "check", "--no-baseline", "--format", "json",
                      str(module.relative_to(folder)))
    lines = module.read_text(encoding="utf-8").splitlines(keepends=True)
    flagged = sorted({
        item["line"] for item in json.loads(result.stdout)["findings"]
    })
    statement = re.compile(r"(\s+)(?:return |raise |[a-z_][\w.]* = )")
    candidates = [
        number for number in flagged
        if statement.match(lines[number - 1])
        and not lines[number - 1].rstrip().endswith(("\\", "(", ",", "[",
                                                     "{", ":"))
    ]
    target = candidates[len(candidates) // 2]
    indent = statement.match(lines[target - 1]).group(1)
    lines[target - 1] = lines[target - 1].rstrip("\n") + "  # edited\n"
    lines.insert(target - 1, f"{indent}# an inserted line\n")
    module.write_text("".join(lines), encoding="utf-8")
    return (
        f"inserted a line at {target}, edited line {target + 1}: "
        f"{lines[target].strip()[:50]}"
    )


def move_block(folder: Path, module: Path) -> str:
    """Move the first top-level function with findings to the end.

    Args:
        folder: The project.
        module: The module to edit.

    Returns:
        What was moved.
    """
    result = stdcheck(folder, "check", "--no-baseline", "--format", "json",
                      str(module.relative_to(folder)))
    flagged = {item["line"] for item in json.loads(result.stdout)["findings"]}
    text = module.read_text(encoding="utf-8")
    margin = re.compile(r"^[^\s#)\]}]", re.M)
    for header in re.finditer(r"^def \w+", text, re.M):
        start = header.start()
        following = margin.search(text, start + 1)
        end = following.start() if following else len(text)
        first = text.count("\n", 0, start) + 1
        last = text.count("\n", 0, end)
        if any(first < line <= last for line in flagged):
            break
    block = text[start:end].rstrip("\n") + "\n"
    rest = text[:start] + text[end:]
    module.write_text(
        rest.rstrip("\n") + "\n\n\n" + block, encoding="utf-8"
    )
    inside = sum(first < line <= last for line in flagged)
    return (
        f"moved {block.splitlines()[0][:40]} ({last - first + 1} lines, "
        f"{inside} findings inside) to the end"
    )


def main() -> None:
    """Run the sequence and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, help="a folder of code")
    options = parser.parse_args()
    source = options.project or corpus.package_sdist("requests")
    work = Path(tempfile.mkdtemp(prefix="stdcheck-adoption-"))
    folder = work / source.name
    shutil.copytree(source, folder)
    git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "project")
    module = pick_module(folder)
    steps: list[tuple[str, dict[str, int]]] = []
    recorded = stdcheck(folder, "baseline", "-q")
    print(recorded.stdout.strip())
    git(folder, "add", "-A")
    git(folder, "commit", "-qm", "baseline")
    steps.append(("baseline recorded", counts(folder)))
    with open(module, "a", encoding="utf-8") as handle:
        handle.write(NEW_FUNCTION)
    steps.append((f"1. added a function to {module.name}", counts(folder)))
    git(folder, "commit", "-qam", "step 1")
    what = edit_old_function(folder, module)
    steps.append((f"2. edited an old method: {what}", counts(folder)))
    git(folder, "commit", "-qam", "step 2")
    what = move_block(folder, module)
    steps.append((f"3. {what}", counts(folder)))
    git(folder, "commit", "-qam", "step 3")
    stdcheck(folder, "fix", "--no-baseline", str(module.relative_to(folder)))
    steps.append((f"4. fix --no-baseline {module.name}", counts(folder)))
    pruned = stdcheck(folder, "baseline", "--prune", "-q")
    steps.append(("5. baseline --prune", counts(folder)))
    print(pruned.stdout.strip())
    recorded = stdcheck(folder, "baseline", "-q")
    steps.append(("6. baseline (lines the fixes rewrote)", counts(folder)))
    print(recorded.stdout.strip())
    names = list(steps[0][1])
    print(f"project: {source} ({folder})")
    print("| step | " + " | ".join(names) + " |")
    print("| --- |" + " ---: |" * len(names))
    for step, numbers in steps:
        cells = " | ".join(str(numbers[name]) for name in names)
        print(f"| {step} | {cells} |")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
