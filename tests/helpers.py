"""Helpers shared by test files (not tests themselves)."""

from __future__ import annotations

from symconv.cli import main


def run_cli(argv, capsys):
    """main(argv) -> (exit code, stdout, stderr); usage errors exit from argparse itself."""
    try:
        code = main(argv)
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err
