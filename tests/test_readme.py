"""The README's first commands show what they print: its worked-solution block is the real output."""

from __future__ import annotations

from pathlib import Path

from symconv.cli import main

README = Path(__file__).resolve().parents[1] / "README.md"


def test_first_command_prints_what_the_readme_shows(capsys):
    text = README.read_text(encoding="utf-8")
    first_commands = text.split("```")[1].strip().splitlines()
    assert first_commands == ['pip install -e . && symconv explain "1 0.5 1 1" "1 0.5 0.25"',
                              'pip install -e ".[test]" && python -m pytest']
    shown = text.split("```")[3].strip("\n")
    assert main(["explain", "1 0.5 1 1", "1 0.5 0.25"]) == 0
    assert capsys.readouterr().out.strip("\n") == shown
