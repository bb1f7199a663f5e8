"""The README matches the code: commands, quick start, and example outputs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from kgraph.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _section(title: str) -> str:
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.S | re.M)
    assert match, title
    return match.group(1)


def test_docs_every_command_is_in_the_readme_and_has_help():
    commands = sorted(c.name or c.callback.__name__ for c in app.registered_commands)
    assert commands == ["build", "eval", "extract", "query", "serve", "stats"]
    for name in commands:
        assert f"`kgraph {name}" in README, name
        assert CliRunner().invoke(app, [name, "--help"]).exit_code == 0


def test_docs_quick_start_is_exactly_two_commands():
    blocks = re.findall(r"```bash\n(.*?)```", _section("Quick start"), re.S)
    commands = [line for block in blocks for line in block.splitlines() if line.strip()]
    assert len(commands) == 2, commands
    assert "kgraph build" in commands[0] and "pip install" in commands[0]
    assert "pytest" in commands[1] and ".[test]" in commands[1]


def test_docs_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "<!-- test-command -->" in ci and "<!-- test-command -->" in README
    marked = re.search(r"<!-- test-command -->\n```bash\n(.*?)\n```\n<!-- /test-command -->", README, re.S)
    assert marked and marked.group(1) in _section("Quick start")


def test_docs_readme_example_outputs_are_current():
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_examples.py"), "--check"],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_docs_python_examples_print_what_the_readme_says(capsys):
    """Each README python block that ends with a `# expected output` comment prints exactly that."""
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    checked = 0
    for block in blocks:
        lines = block.rstrip().splitlines()
        if not lines[-1].startswith("# "):
            continue
        exec(compile("\n".join(lines[:-1]), "README.md", "exec"), {})
        assert capsys.readouterr().out.strip() == lines[-1][2:]
        checked += 1
    assert checked >= 1
