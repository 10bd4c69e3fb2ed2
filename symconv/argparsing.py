"""The command line's argument parser: one-line usage errors, values that start with '-'.

:class:`Parser` is argparse's parser with three changes: every usage mistake is one stderr line
``symconv: error: ...`` with a pointer to the right ``--help`` and exit code 2; a choice that
is not one (``--style tabel``, a misspelt command) is named with the accepted words and the
closest one; and a value that starts with '-' (``-3/4``, ``-a``) is read as a value.

Examples
--------
>>> parser = Parser(prog="symconv")
>>> _ = parser.add_argument("--style", choices=["compact", "products", "table"])
>>> parser.parse_args(["--style", "table"]).style
'table'
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable
from typing import NoReturn

from symconv.errors import InputError, SymconvError
from symconv.text import one_line as printable

__all__ = ["HelpFormatter", "Parser", "cli_words", "fail", "one_line"]


class HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """argparse's help, with an option and its value shown once (``-o, --output FILE``), as
    Python 3.13 shows it, on every Python version (the help texts are snapshot-tested)."""

    def _format_action_invocation(self, action: argparse.Action) -> str:
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        value = self._format_args(action, self._get_default_metavar_for_optional(action))
        return f"{', '.join(action.option_strings)} {value}"


class Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit 2.

    A value that starts with '-' but is no option of this parser (``-3/4``, ``-a``, ``-1e3``,
    ``--at -1,1``, ``-omega 1``) is read as a value, as argparse already does for ``-3`` and
    ``-0.5``: :meth:`parse_args` hands argparse such a value joined to its option
    (``--at=-1,1``), or, for an operand, after a space (so that it no longer looks like an
    option), which it removes again from the result.
    """

    def __init__(self, *args, arguments: Callable[[Parser], None] | None = None,  # type: ignore[no-untyped-def]
                 **kwargs) -> None:
        self.takes_value: dict[str, bool] = {}  # option string -> whether a value follows it
        self.commands: dict[str, Parser] = {}
        self._arguments = arguments  # added when first needed: a run parses one command's only
        super().__init__(*args, **kwargs)

    def ensure_arguments(self) -> None:
        """Add this parser's arguments now, if they were left for later (``arguments=``)."""
        arguments, self._arguments = self._arguments, None
        if arguments is not None:
            arguments(self)

    def parse_known_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def]
        self.ensure_arguments()
        return super().parse_known_args(args, namespace)

    def format_help(self) -> str:
        self.ensure_arguments()
        return super().format_help()

    def format_usage(self) -> str:
        self.ensure_arguments()
        return super().format_usage()

    def add_argument(self, *names, **kwargs):  # type: ignore[no-untyped-def]
        action = super().add_argument(*names, **kwargs)
        self.takes_value.update(dict.fromkeys(action.option_strings, action.nargs != 0))
        return action

    def parse_args(self, args=None, namespace=None):  # type: ignore[no-untyped-def, override]
        """As argparse's, with values that start with '-' shielded (see the class), and
        leftover arguments reported by the subcommand's parser, so that the message points
        to that subcommand's help."""
        tokens = list(sys.argv[1:] if args is None else args)
        command = next((i for i, token in enumerate(tokens) if token in self.commands), None)
        padded: set[str] = set()
        if command is not None:
            tokens[command + 1:] = self.commands[tokens[command]].shield(tokens[command + 1:], padded)
        parsed, extras = self.parse_known_args(tokens, namespace)
        unpad = lambda value: value[1:] if value in padded else value  # noqa: E731
        for name, value in vars(parsed).items():
            if isinstance(value, str):
                setattr(parsed, name, unpad(value))
            elif isinstance(value, list):
                setattr(parsed, name, [unpad(item) for item in value])
        if extras:
            before_command = command is not None and any(extra in tokens[:command] for extra in extras)
            reporter = self if before_command else self.commands.get(getattr(parsed, "command", None), self)
            reporter.error(f"unrecognized arguments: {' '.join(map(unpad, extras))}")
        return parsed

    def shield(self, tokens: list[str], padded: set[str]) -> list[str]:
        """``tokens`` with every value that starts with '-' made unmistakable for argparse;
        the operands that got a leading space are added to ``padded``."""
        self.ensure_arguments()
        out: list[str] = []
        value_follows = False
        for index, token in enumerate(tokens):
            if token == "--":
                return out + tokens[index:]
            looks_like_option = token.startswith("-") and token != "-"
            if value_follows and looks_like_option and self._option_of(token) is None:
                out[-1] += ("=" if out[-1].startswith("--") else "") + token
                value_follows = False
                continue
            value_follows = False
            option = self._option_of(token) if looks_like_option else None
            if option is None and token[:3].startswith("--") and token[2:3].isdigit():  # '--1': no option, no value
                self.error(f"{token}: not an option; a negative value is written with one '-', as {token[1:]}")
            if looks_like_option and option is None and not token.startswith("--"):
                padded.add(" " + token)
                out.append(" " + token)
                continue
            value_follows = option is not None and self.takes_value[option] and (
                token == option if len(option) == 2 else "=" not in token)
            out.append(token)
        return out

    def _option_of(self, token: str) -> str | None:
        """The option a token names: exactly, by its first two characters with a value attached
        (``-N3``, ``-oout.pdf``; not for a flag such as ``-h``, nor when the rest holds spaces,
        commas or semicolons: ``-omega 1`` is values), or as an unambiguous prefix of a long
        option (argparse's abbreviations); else None."""
        if not token.startswith("--"):
            short = token[:2]
            if token == short or (self.takes_value.get(short) and not any(c in token for c in " \t\n,;")):
                return short if short in self.takes_value else None
            return None
        name = token.split("=", 1)[0]
        if name in self.takes_value:
            return name
        matches = [option for option in self.takes_value if option.startswith(name)]
        return matches[0] if len(matches) == 1 else None

    def _check_value(self, action: argparse.Action, value: object) -> None:
        """A value outside an option's choices: named with the accepted words and the closest one."""
        if action.choices is None or value in action.choices:
            return
        words = [str(choice) for choice in action.choices]
        if action.dest == "command":  # the subcommand
            problem = f"'{value}' is not a command; choose one of: {', '.join(words)}"
        else:
            name = action.option_strings[-1] if action.option_strings else action.metavar or action.dest
            problem = f"{name}: '{value}' is not one of: {', '.join(words)}"
        close = difflib.get_close_matches(str(value).lower(), words, n=1, cutoff=0.6)
        raise argparse.ArgumentError(None, problem + (f"; did you mean '{close[0]}'?" if close else ""))

    def error(self, message: str) -> NoReturn:
        """Exit 2 with one line; argparse's ``argument --x: invalid int value: 'a'`` in the house form
        (``--x: 'a' is not an integer``)."""
        option, colon, problem = message.removeprefix("argument ").partition(": ")
        if message.startswith("argument ") and colon:
            problem = _PROBLEMS.get(problem, problem)
            for kind, noun in (("int", "an integer"), ("float", "a number")):
                if problem.startswith(f"invalid {kind} value: "):
                    problem = f"{problem.removeprefix(f'invalid {kind} value: ')} is not {noun}"
            message = f"{option.split('/')[-1]}: {problem}"
        fail(f"{message} (see 'symconv {self.prog.split()[-1]} --help')"
             if self.prog != "symconv" else f"{message} (see 'symconv --help')")


_PROBLEMS = {"expected one argument": "expected a value after it"}
"""argparse's wording of a problem, and the house wording."""


def fail(message: str) -> NoReturn:
    """Print ``symconv: error: message`` on stderr (one line: a new line the user typed in a
    value is escaped) and exit 2."""
    print(f"symconv: error: {printable(message)}", file=sys.stderr)
    raise SystemExit(2)


_OPTION_PLACES = {name: f"--{name.replace('_', '-')}" for name in (
    "at", "bias", "decimals", "dilation", "elide", "groups", "names", "output_padding", "padding", "padding_mode",
    "scatter", "significant", "stride", "style")}
"""Library places (a Python parameter) named as the option a command-line user typed."""


def cli_words(error: SymconvError) -> str:
    """The error's one line, its place named as the command-line option (``--decimals: ...``)."""
    if isinstance(error, InputError):
        head, sep, rest = error.where.partition(",")
        if head in _OPTION_PLACES:
            return one_line(InputError(_OPTION_PLACES[head] + sep + rest, error.problem))
    return one_line(error)


def one_line(error: BaseException) -> str:
    """The first line of an error's text, else the error's class name."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
