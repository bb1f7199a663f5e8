"""Run the README's console examples on the sample graph and refresh (or check) their output.

A README example is a fenced ``console`` block whose first line is
``$ kgraph ...`` (optionally piped into ``head``); the lines after it are the
output. This script builds the sample graph into a temporary folder (as
``outputs/``), runs each command there, and either rewrites the README with the
real output or, with ``--check``, exits 1 listing the examples that differ.

Usage: python scripts/readme_examples.py [--check] [README.md]
"""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"```console\n\$ (kgraph [^\n]*)\n(.*?)```", re.S)


def run_example(command: str, cwd: Path) -> str:
    """Return the output of one README command run in ``cwd`` (``kgraph`` is this checkout's)."""
    head = None
    if "|" in command:
        command, _, pipe = command.partition("|")
        match = re.fullmatch(r"\s*head -n (\d+)\s*", pipe)
        if not match:
            raise ValueError(f"only '| head -n N' is supported in README examples: {pipe!r}")
        head = int(match.group(1))
    args = shlex.split(command)
    result = subprocess.run(
        [sys.executable, "-m", "kgraph", *args[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={"COLUMNS": "200", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "NO_COLOR": "1", "TERM": "dumb"},
    )
    # A failing example (bad input) shows its error line; any other failure is a bug.
    if result.returncode != 0 and not result.stderr.startswith("Error: "):
        raise RuntimeError(f"{command}: exit {result.returncode}: {result.stderr.strip()}")
    lines = (result.stdout if result.returncode == 0 else result.stderr).splitlines()
    if head is not None:
        lines = lines[:head]
    return "\n".join(line.rstrip() for line in lines) + "\n"


def build_sample(folder: Path) -> None:
    """Build the sample graph into ``folder/outputs`` as the README's first command does.

    Also leaves ``broken.jsonl`` there for the README's bad-input example.
    """
    (folder / "broken.jsonl").write_text('{"title": "A", "abstract": "B"}\n{oops\n', encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "kgraph", "build", "-q"],
        cwd=folder,
        check=True,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )


def refresh(readme: Path, *, check: bool) -> list[str]:
    """Return the commands whose README output is stale; rewrite the README unless ``check``."""
    text = readme.read_text(encoding="utf-8")
    stale: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        build_sample(folder)

        def replace(match: re.Match[str]) -> str:
            command, old = match.group(1), match.group(2)
            new = run_example(command, folder)
            if new != old:
                stale.append(command)
            return f"```console\n$ {command}\n{new}```"

        updated = BLOCK.sub(replace, text)
    if not check and updated != text:
        readme.write_text(updated, encoding="utf-8")
    return stale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("readme", nargs="?", default=str(ROOT / "README.md"))
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if an example is stale")
    args = parser.parse_args()
    stale = refresh(Path(args.readme), check=args.check)
    for command in stale:
        print(("stale: " if args.check else "updated: ") + command)
    return 1 if (args.check and stale) else 0


if __name__ == "__main__":
    sys.exit(main())
