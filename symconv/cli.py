"""The ``symconv`` command: parse arguments, call the library, print, exit.

Exit codes: 0 done; 1 a check found a wrong answer; 2 bad input or usage (one stderr line
``symconv: error: ...``); 3 an internal self-check failed (``symconv: internal error: ...``);
130 interrupted (Ctrl-C), no file half written.

Each subcommand is a ``_command_<name>(args) -> int`` registered in :data:`_SUBCOMMANDS`; its
arguments, help and examples are in :mod:`symconv.cliargs`, the grammars of option values in
:mod:`symconv.options`. Input text comes through :class:`symconv.sources.Inputs` (``@FILE``,
``-``), output goes out through :func:`symconv.emit.emit` (``--format``, ``-o FILE``, ``-o -``);
long work shows a :class:`symconv.progress.Progress` line on a terminal. A command imports the
library parts it needs when it runs.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Callable, Sequence
from functools import partial

from symconv import __version__
from symconv.argparsing import HelpFormatter, Parser, cli_words, one_line
from symconv.cliargs import ANSWER_KEY_HELP, EXAMPLES, MAIN_EXAMPLES, SAMPLE_KEY, add_arguments
from symconv.emit import ascii_fallback, emit, output_format, write
from symconv.errors import InputError, SelfCheckError, SymconvError
from symconv.options import (read_bias, read_index, read_layer_outputs, read_op, read_outputs, read_parameter,
                             read_period)
from symconv.progress import Progress
from symconv.sources import Inputs
from symconv.timelimit import COMMAND_TIME_LIMIT, Limiter, TimeLimitExceeded, seconds

__all__ = ["build_parser", "main"]


# ----------------------------------------------------------------------------- shared helpers
def _operands(args: argparse.Namespace) -> tuple:
    return (args.inputs.signal(args.x, "data", args.start_x), args.inputs.signal(args.h, "kernel", args.start_h))


def _emit(printers: dict[str, Callable], args: argparse.Namespace) -> None:
    """Write with the command's --format, to -o, showing progress for long work."""
    emit(printers, args.format, args.output, command=f"symconv {args.command}", progress=args.progress,
         default=args.default_format)


def _show(result, args: argparse.Namespace, *, operation: str, name: str, index_name: str, details: dict) -> int:
    from symconv.render.values import latex_signal, signal_json, text_listing

    def latex() -> str:
        if result.ndim > 2:  # N-D text input (nested brackets) reaches here
            raise InputError("--format latex", f"writes 1-D and 2-D results; this one is {result.ndim}-D (use "
                                               "text or json)")
        return latex_signal(result, name=name, index_name=index_name)

    _emit({"text": lambda: text_listing(result, name=name, index_name=index_name), "latex": latex,
           "json": lambda: json.dumps({"operation": operation, **details, **signal_json(result)}, indent=2)}, args)
    return 0


def _pdf(document: Callable[[], str]) -> Callable[[], bytes]:
    def typeset() -> bytes:
        from symconv.render.pdf import pdf_bytes
        return pdf_bytes(document())
    return typeset


# ----------------------------------------------------------------------------- subcommands
def _command_conv(args: argparse.Namespace) -> int:
    from symconv.conventions import Mode, SameConvention
    from symconv.operations import convolve
    x, h = _operands(args)
    result = convolve(x, h, mode=args.mode, same_convention=args.same_convention)
    return _show(result, args, operation="convolve", name="y", index_name="n",
                 details={"mode": Mode(args.mode.lower()).value,
                          "same_convention": SameConvention(args.same_convention.lower()).value})


def _command_corr(args: argparse.Namespace) -> int:
    from symconv.conventions import CorrelationOrder, Mode
    from symconv.operations import correlate
    x, h = _operands(args)
    result = correlate(x, h, mode=args.mode, order=args.order, same_convention=args.same_convention)
    return _show(result, args, operation="correlate", name="r", index_name="l",
                 details={"mode": Mode(args.mode.lower()).value,
                          "order": CorrelationOrder(args.order.lower()).value})


def _command_circ(args: argparse.Namespace) -> int:
    from symconv.operations import circular_convolve
    x, h = _operands(args)
    result = circular_convolve(x, h, read_period(args.N))
    return _show(result, args, operation="circular_convolve", name="y", index_name="n", details={"N": args.N})


def _command_prove(args: argparse.Namespace) -> int:
    from symconv.proofs import prove
    from symconv.proofs.render import render_document, render_latex, render_markdown, render_text
    proof = prove(args.name)
    _emit({"text": lambda: render_text(proof), "markdown": lambda: render_markdown(proof),
           "latex": lambda: render_document(proof), "fragment": lambda: render_latex(proof),
           "pdf": _pdf(lambda: render_document(proof))}, args)
    return 0


def _command_explain(args: argparse.Namespace) -> int:
    from symconv.derive import explain
    x, h = _operands(args)
    if args.elide is not None and args.elide < 2:
        raise InputError("--elide", f"{args.elide} is not a number of lines; give 2 or more (--all shows every line)")
    elide: bool | int = False if args.all else (args.elide if args.elide is not None else True)
    op = read_op(args.op, allowed=("convolve", "correlate", "circular"))
    with args.progress.step("deriving the solution"):
        derivation = explain(x, h, op=op, mode=args.mode, order=args.order, same_convention=args.same_convention,
                             N=read_period(args.period) if args.period is not None else None, style=args.style,
                             elide=elide, at=None if args.at is None else read_outputs(args.at),
                             names=args.names.split(","), title=args.title)
    _emit({"text": derivation.text, "markdown": derivation.markdown, "latex": derivation.document,
           "fragment": derivation.latex, "json": derivation.to_json, "pdf": _pdf(derivation.document)}, args)
    return 0


def _layer_parameters(args: argparse.Namespace) -> dict:
    parameters = {"stride": read_parameter(args.stride, "--stride"),
                  "padding": read_parameter(args.padding, "--padding", words=("same", "valid")),
                  "dilation": read_parameter(args.dilation, "--dilation")}
    if getattr(args, "transposed", False):
        parameters["output_padding"] = read_parameter(args.output_padding, "--output-padding")
    return parameters


def _command_layer(args: argparse.Namespace) -> int:
    from symconv.cnn import conv_layer, conv_transpose_layer
    from symconv.cnn.layers import read_layer
    data, kernel, channels = args.inputs.layer(args.x, args.w)
    parameters = {**_layer_parameters(args), "groups": args.groups}
    bias = None if args.bias is None else read_bias(args.bias)
    if args.transposed and args.padding_mode != "zeros":
        raise InputError("--padding-mode", f"'{args.padding_mode}': a transposed layer pads with zeros only "
                                           "(as PyTorch's)")
    for option, value in (("--at", args.at), ("--scatter", args.scatter), ("--flip", args.flip or None)):
        if value is not None and not args.explain:
            raise InputError(option, "belongs to --explain; add --explain")
    shapes = read_layer(data, kernel, **parameters, **({} if args.transposed else {"padding_mode": args.padding_mode}))
    if bias is not None and len(bias) != shapes.out_channels:
        raise InputError("--bias", f"{len(bias)} value{'s' if len(bias) != 1 else ''} for {shapes.out_channels} "
                                   f"output channel{'s' if shapes.out_channels != 1 else ''}; give one per output "
                                   "channel, separated by commas: '1, -1/2'")
    if args.explain:
        return _explain_layer(args, data, kernel, bias, parameters)
    if args.transposed:
        result = conv_transpose_layer(data, kernel, bias=bias, **parameters)
    else:
        result = conv_layer(data, kernel, bias=bias, padding_mode=args.padding_mode, **parameters)
    operation = "conv_transpose_layer" if args.transposed else "conv_layer"
    details = {key: value if isinstance(value, (int, str)) else list(value) for key, value in parameters.items()}
    if not channels:
        from symconv.signal import Signal
        del details["groups"]
        return _show(Signal(result.values[0]), args, operation=operation, name="y", index_name="n", details=details)
    from symconv.cnn.output import channels_json, latex_channels, text_channels
    payload = {"operation": operation, **details, "padding_mode": args.padding_mode,
               "in_channels": shapes.in_channels, "bias": None if bias is None else [str(b) for b in bias]}
    _emit({"text": lambda: text_channels(result), "latex": lambda: latex_channels(result),
           "json": lambda: json.dumps({**payload, **channels_json(result)}, indent=2)}, args)
    return 0


def _explain_layer(args: argparse.Namespace, data, kernel, bias, parameters: dict) -> int:
    from symconv.cnn import explain_flip_equivalence, explain_layer, explain_transpose_layer
    at = None if args.at is None else read_layer_outputs(args.at)
    with args.progress.step("deriving the solution"):
        if args.transposed:
            if args.flip:
                raise InputError("--flip", "reads an ordinary layer as a true convolution; a transposed layer's "
                                           "explanation already shows its kernel reversed")
            scatter = None if args.scatter is None else read_index(args.scatter, "--scatter")
            derivation = explain_transpose_layer(data, kernel, bias=bias, at=at, scatter=scatter, **parameters)
        else:
            if args.scatter is not None:
                raise InputError("--scatter", "shows how one input sample of a transposed layer spreads; add "
                                              "--transposed")
            explain = explain_flip_equivalence if args.flip else explain_layer
            derivation = explain(data, kernel, bias=bias, padding_mode=args.padding_mode, at=at, **parameters)
    _emit({"text": derivation.text, "markdown": derivation.markdown, "latex": derivation.document,
           "json": derivation.to_json, "pdf": _pdf(derivation.document)}, args)
    return 0


def _command_size(args: argparse.Namespace) -> int:
    from symconv.cnn import conv_output_size
    i, k = read_parameter(args.i, "I"), read_parameter(args.k, "K")
    parameters = _layer_parameters(args)
    if args.check is not None:
        from symconv.check import check_output_size
        verdict = check_output_size(args.check, i, k, transposed=args.transposed, **parameters)
        write(verdict.render(args.format), None)
        return 0 if verdict.ok else 1
    sizes = conv_output_size(i, k, transposed=args.transposed, **parameters)
    sizes = sizes if isinstance(sizes, tuple) else (sizes,)
    if args.format == "json":
        payload = {"size": [s.size for s in sizes], "exact": [str(s.exact) for s in sizes],
                   "fits": [s.fits for s in sizes], "unreached": [list(s.unreached) for s in sizes],
                   "unreached_count": [s.unreached_count for s in sizes],
                   "derivation": [list(s.lines) for s in sizes]}
        write(json.dumps(payload, indent=2), None)
        return 0
    blocks = [str(s) if len(sizes) == 1 else f"axis {axis}:\n{s}" for axis, s in enumerate(sizes)]
    if len(sizes) > 1:
        blocks.append("output size: " + " x ".join(str(s.size) for s in sizes))
    write("\n".join(blocks), None)
    return 0


# ----------------------------------------------------------------------------- answer checking
def _command_check(args: argparse.Namespace) -> int:
    from symconv.check import check, check_line, check_solution

    names = None if args.names is None else tuple(args.names.split(","))
    op = read_op(args.op)
    if op == "layer":
        return _check_layer(args, names)
    wanted = 2 if (args.line or args.solution) else 3
    if len(args.operands) != wanted:
        raise InputError("check", f"expected {'X H' if wanted == 2 else 'CLAIMED X H'}, got "
                                  f"{len(args.operands)} operand(s)")
    closed = not (args.line or args.solution)  # a claim may answer a closed-form question
    x = _check_operand(args, args.operands[-2], "data", args.start_x, closed)
    h = _check_operand(args, args.operands[-1], "kernel", args.start_h, closed)
    period = None if args.period is None else read_period(args.period)
    if args.solution:
        text = args.inputs.text(args.solution, "solution")
        with args.progress.step("checking the solution"):
            report = check_solution(text, x, h, op=op, order=args.order, N=period, names=names)
        if not report:
            raise InputError("solution", "no worked line 'c[n] = ...' found")
        formats = ("text", "markdown", "json", "latex")
        args.exit_code = 0 if all(not isinstance(v, InputError) and v.ok for _, v in report) else 1
        _emit({fmt: (lambda fmt=fmt: "\n".join(
            f"line {k}: " + (v.render(fmt) if not isinstance(v, InputError) else f"error: {v}") for k, v in report))
            for fmt in formats}, args)
        return args.exit_code
    if args.line:
        line = args.inputs.text(args.line, "line")
        with args.progress.step("checking the line"):
            verdict = check_line(line, x, h, op=op, order=args.order, N=period, names=names)
        return _verdict(verdict, args)
    claimed = args.inputs.text(args.operands[0], "claimed answer")
    with args.progress.step("checking the answer"):
        verdict = check(claimed, x, h, op=op, mode=args.mode, same_convention=args.same_convention,
                        order=args.order, N=period, start=args.start, decimals=args.decimals,
                        significant=args.significant, names=names,
                        bias=None if args.bias is None else read_bias(args.bias), groups=args.groups,
                        padding_mode=args.padding_mode, **_layer_parameters(args))
    return _verdict(verdict, args)


def _verdict(verdict, args: argparse.Namespace) -> int:
    args.exit_code = 0 if verdict.ok else 1  # kept when the reader closes the pipe early
    _emit({fmt: (lambda fmt=fmt: verdict.render(fmt)) for fmt in ("text", "markdown", "json", "latex")}, args)
    return args.exit_code


def _check_layer(args: argparse.Namespace, names: tuple[str, ...] | None) -> int:
    """``check --op layer CLAIMED X W``: a layer's claimed output."""
    from symconv.check import check

    if args.line or args.solution:
        raise InputError("--op layer", "checks a claimed output (CLAIMED X W); --line and --solution "
                                       "check worked lines of convolution and correlation")
    if (args.start, args.start_x, args.start_h) != (None, None, None):
        raise InputError("--op layer", "a layer's input and output start at index 0; --start, --start-x "
                                       "and --start-h do not apply")
    if len(args.operands) != 3:
        raise InputError("check", f"expected CLAIMED X W, got {len(args.operands)} operand(s)")
    data, kernel, _ = args.inputs.layer(*args.operands[1:])
    claimed = args.inputs.text(args.operands[0], "claimed answer")
    bias = None if args.bias is None else read_bias(args.bias)
    with args.progress.step("checking the answer"):
        verdict = check(claimed, data, kernel, op="layer", bias=bias, groups=args.groups,
                        padding_mode=args.padding_mode, decimals=args.decimals, significant=args.significant,
                        names=names, **_layer_parameters(args))
    return _verdict(verdict, args)


def _check_operand(args: argparse.Namespace, argument: str, where: str, start: int | None,
                   closed: bool) -> object:
    """X or H of ``check``: a sequence, or (typed in the command line, with a unit step
    ``u[...]``) a closed form in n such as ``a^n u[n]``, read as a claim in n is read."""
    if closed and start is None and argument != "-" and not argument.startswith("@") and (
            "u[" in argument.replace(" ", "")):
        from symconv.check import read_claim

        value, _ = read_claim(argument, where=where, closed_form=True)
        if getattr(value, "free_symbols", None):
            return value
    return args.inputs.signal(argument, where, start)


def _command_check_batch(args: argparse.Namespace) -> int:
    if args.example:
        write(SAMPLE_KEY, None)
        return 0
    if args.key is None:
        raise InputError("check-batch", "give an answer key (a file, or - for standard input), or --example "
                                        "for a sample")
    from symconv.check import grade, load_answer_key
    from symconv.check.batch import TIME_LIMIT

    seconds(args.time_limit, "--time-limit")
    fmt = "yaml" if args.key.lower().endswith((".yaml", ".yml")) else "json"
    items = load_answer_key(args.inputs.text("@" + args.key, "answer key"), fmt=fmt)
    report = grade(items, progress=args.progress.count if args.progress.shown else None,
                   time_limit=TIME_LIMIT if args.time_limit is None else args.time_limit)
    _emit({fmt: (lambda fmt=fmt: report.render(fmt)) for fmt in ("markdown", "json", "latex")}
          | {"pdf": _pdf(lambda: report.render("latex"))}, args)
    if args.output and args.output != "-":
        write(f"{report.summary()}; report in {args.output}", None)
    return 0 if report.all_right else 1


_LIMITED = {"check": "verdict", "explain": "worked solution", "layer": "result"}
"""Commands that run under --time-limit (default COMMAND_TIME_LIMIT), and what they give."""


def _limited(command: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command; one of :data:`_LIMITED` under its ``--time-limit`` (exit 2 when over it)."""
    if args.command not in _LIMITED:
        return command(args)
    limit = seconds(COMMAND_TIME_LIMIT if args.time_limit is None else args.time_limit, "--time-limit")
    try:
        with Limiter(limit) as limiter:
            return limiter.call(command, args)
    except TimeLimitExceeded:
        raise InputError("--time-limit", f"no {_LIMITED[args.command]} within {limit:g} s; give a larger "
                                         "--time-limit, or 0 for none") from None


_SUBCOMMANDS: dict[str, tuple[str, Callable]] = {
    "conv": ("convolve X and H exactly: (x * h)[n] = sum_m x[m] h[n-m]", _command_conv),
    "corr": ("cross-correlate X and H exactly (the kernel H slides over X, no flip)", _command_corr),
    "circ": ("N-point circular convolution of X and H", _command_circ),
    "explain": ("a worked solution: every output term derived (text, Markdown, LaTeX, PDF, JSON)", _command_explain),
    "prove": ("print or typeset a checked proof (flip, commutative, associative, ...)", _command_prove),
    "layer": ("a CNN layer exactly as PyTorch computes it: a correlation (no flip), stride, padding",
              _command_layer),
    "size": ("the output size of a CNN layer, derived: floor((i + 2p - d(k-1) - 1)/s) + 1", _command_size),
    "check": ("check a claimed answer or worked line term by term, and name the mistakes", _command_check),
    "check-batch": ("grade an answer key (JSON/YAML) and write a report", _command_check_batch),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand (their arguments added when parsed)."""
    listing = "".join(textwrap.fill(summary, 100, initial_indent=f"  {name:<13}", subsequent_indent=" " * 15) + "\n"
                      for name, (summary, _) in _SUBCOMMANDS.items())  # listed alike on every Python version
    parser = Parser(prog="symconv", description="Discrete convolution and correlation, exact and explained.",
                    epilog=f"commands:\n{listing}\n{MAIN_EXAMPLES}", formatter_class=HelpFormatter)
    parser.add_argument("--version", action="version", version=f"symconv {__version__}")
    parser.add_argument("--completion", choices=["bash", "zsh", "fish"],
                        help="print the shell completion script: symconv --completion bash >> ~/.bashrc")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser,
                                     help="one of the commands below; 'symconv COMMAND --help' tells more")
    for name, (summary, _) in _SUBCOMMANDS.items():
        epilog = "examples:\n" + EXAMPLES[name] + "\n"
        if name == "check-batch":
            epilog = ANSWER_KEY_HELP + "\n" + epilog
        parser.commands[name] = commands.add_parser(name, description=summary, epilog=epilog,
                                                    arguments=partial(add_arguments, name),
                                                    formatter_class=HelpFormatter)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (``python -m symconv`` exits with it)."""
    sys.set_int_max_str_digits(0)  # exact results may be longer than Python's default 4300 digits
    ascii_fallback(sys.stdout)
    args = None
    try:
        parser = build_parser()
        if "_ARGCOMPLETE" in os.environ:  # a shell asks for completions (symconv --completion)
            import argcomplete
            for command in parser.commands.values():
                command.ensure_arguments()  # argcomplete wraps every action before it parses
            argcomplete.autocomplete(parser, exit_method=sys.exit)
        args = parser.parse_args(argv)
        if args.completion is not None:
            import argcomplete
            write(argcomplete.shellcode(["symconv"], shell=args.completion), None)
            return 0
        if args.command is None:
            parser.error(f"no command given; choose one of: {', '.join(_SUBCOMMANDS)}")
        output_format(args.format, args.output, args.formats, command=f"symconv {args.command}")  # before the work
        args.inputs, args.progress = Inputs(), Progress(sys.stderr, quiet=args.quiet)
        return _limited(_SUBCOMMANDS[args.command][1], args)
    except KeyboardInterrupt:  # Ctrl-C: any file being written was removed (symconv.atomic)
        print("symconv: interrupted", file=sys.stderr)
        return 130
    except SelfCheckError as error:
        print(f"symconv: internal error: {error}", file=sys.stderr)
        return 3
    except SymconvError as error:
        print(f"symconv: error: {cli_words(error)}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped early ('symconv conv ... | head'): not an error
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return getattr(args, "exit_code", 0)  # a wrong verdict still exits 1
    except Exception as error:  # a bug: one line for the user, the traceback with SYMCONV_DEBUG=1
        if os.environ.get("SYMCONV_DEBUG"):
            raise
        print(f"symconv: internal error: {type(error).__name__}: {one_line(error)} "
              "(rerun with SYMCONV_DEBUG=1 for the traceback)", file=sys.stderr)
        return 3
