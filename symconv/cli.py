"""The ``symconv`` command: parse arguments, call the library, print, exit.

The only module that prints, exits or opens user-named files. Exit codes: 0 done; 1 a check
found a wrong answer; 2 bad input or usage (one stderr line ``symconv: error: ...``); 3 an
internal self-check failed (``symconv: internal error: ...``).

Each subcommand is a ``_command_<name>(args) -> int`` registered in :data:`_SUBCOMMANDS`
together with a function that adds its arguments; input helpers (:func:`read_operand`,
:func:`write_output`) are shared by all of them.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from symconv import __version__
from symconv.atomic import write_atomically
from symconv.conventions import CorrelationOrder, Mode, SameConvention
from symconv.errors import InputError, SelfCheckError, SymconvError
from symconv.operations import circular_convolve, convolve, correlate
from symconv.render.values import latex_signal, signal_json, text_listing
from symconv.signal import Signal

__all__ = ["build_parser", "main", "read_operand", "read_text", "write_output"]

_EXAMPLES = """\
examples:
  symconv conv "1 0.5 1 1" "1 0.5 0.25"            exact convolution, n = 0..5
  symconv conv "1 >2 3" "1 1" --format json         '>' marks the n = 0 sample
  symconv corr "1 2 3" "0 1 0.5" --mode valid       correlation (numpy.correlate order)
  symconv corr @image.txt "1 0 1; 0 1 0; 1 0 1" --mode valid
  symconv circ "1 2 3 4" "1 1" 3                    3-point circular convolution
  symconv layer @x.txt "1 0 1; 0 1 0; 1 0 1" --stride 2 --padding 1
  symconv layer "[[1,2,3],[4,5,6]]" "[[[1,1],[0,1]],[[1,0],[0,0]]]" --bias "0, 1/2"
                                                    2 channels in (C_in, L), 2 out (C_out, C_in, K)
  symconv size 32 5 --stride 2                      output size 14, and why it is not 14.5
  symconv size 32 5 --stride 2 --check 14.5         check a claimed size (exit 1: wrong)

Values: integers, 1/2, 0.5 (exactly 1/2), -1.25e-3, 1+2i, names such as a or x_0 (real
symbols). Rows of a matrix are separated by ';' or new lines; @FILE reads a file.
"""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit 2.

    A value that starts with '-' but is no option of this parser (``-3/4``, ``-a``, ``-1e3``,
    ``--at -1,1``, ``-omega 1``) is read as a value, as argparse already does for ``-3`` and
    ``-0.5``: :meth:`parse_args` hands argparse such a value joined to its option
    (``--at=-1,1``), or, for an operand, after a space (so that it no longer looks like an
    option), which it removes again from the result.
    """

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self.takes_value: dict[str, bool] = {}  # option string -> whether a value follows it
        self.commands: dict[str, _Parser] = {}
        super().__init__(*args, **kwargs)

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

    def error(self, message: str) -> NoReturn:
        _fail(f"{message} (see 'symconv {self.prog.split()[-1]} --help')"
              if self.prog != "symconv" else f"{message} (see 'symconv --help')")


def _fail(message: str) -> NoReturn:
    print(f"symconv: error: {message}", file=sys.stderr)
    raise SystemExit(2)


# ----------------------------------------------------------------------------- shared helpers
def read_text(argument: str, where: str) -> str:
    """The text of an operand: the argument itself, or a file's content for ``@FILE``."""
    if not argument.startswith("@"):
        return argument
    path = Path(argument[1:])
    try:
        return path.read_text(encoding="utf-8-sig")  # a leading byte-order mark (Windows editors) is no text
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise InputError(where, f"cannot read '{path}': {reason}") from None


def read_operand(argument: str, where: str, start: int | None = None) -> Signal:
    """A Signal from a command-line operand (text or ``@FILE``), with an optional start."""
    text = read_text(argument, where)
    from symconv.parse import parse_signal

    samples, marked = parse_signal(text, where)
    if start is not None and marked is not None:
        raise InputError(where, "the start is given twice (in the text and by --start); give one")
    starts = (start,) * len(samples.shape) if start is not None else marked
    return Signal.from_samples(samples, starts or (0,) * len(samples.shape))


_FILE_KINDS = {".pdf": "pdf", ".tex": "latex", ".md": "markdown", ".txt": "text", ".json": "json"}
"""What a worked solution written to a file is, by the file's ending."""


def _suffix(target: str) -> str:
    """The ending of a file name, lower case: ``.pdf`` for ``a.PDF`` and for ``.pdf`` itself."""
    name = Path(target).name.lower()
    return name[name.rfind("."):] if "." in name else ""


def write_output(text: str | bytes, target: str | None) -> None:
    """Print ``text``, or write it to ``target`` atomically (a temporary file, then rename)."""
    if target is None:
        try:
            sys.stdout.write(text if isinstance(text, str) else text.decode())
            if isinstance(text, str) and not text.endswith("\n"):
                sys.stdout.write("\n")
            sys.stdout.flush()
        except BrokenPipeError:
            raise  # the reader stopped early: main() ends quietly
        except OSError as error:  # '> /dev/full', a full disk
            raise InputError("output", f"cannot write to standard output: "
                                       f"{error.strerror or error}") from None
        return
    data = text if isinstance(text, bytes) else (text if text.endswith("\n") else text + "\n").encode()
    write_atomically(target, data)


def _add_operands(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("x", metavar="X", help="data: values, a matrix ('1 2; 3 4') or @FILE")
    parser.add_argument("h", metavar="H", help="kernel: values, a matrix or @FILE")
    parser.add_argument("--start-x", type=int, metavar="S", help="index of the first sample of X")
    parser.add_argument("--start-h", type=int, metavar="S", help="index of the first sample of H")


def _add_mode(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mode", default="full", help="full (default), same or valid")
    parser.add_argument("--same-convention", default="scipy",
                        help="whose 'same' window: scipy (default), numpy or matlab")


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", default=None, choices=["text", "json", "latex"],
                        help="text (default: every value with its index), json or latex; with -o and no "
                             "--format, the file's ending decides (.json, .tex, anything else text)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _result_format(args: argparse.Namespace) -> str:
    """--format, else the output file's ending: .json, .tex, else text; a .pdf is a worked solution's."""
    if args.format is not None:
        return args.format
    suffix = _suffix(args.output) if args.output is not None else ""
    if suffix == ".pdf":
        raise InputError("output", f"'{args.output}': a result is written as text, JSON or LaTeX; a PDF is "
                                   "a worked solution (symconv explain, or layer --explain)")
    return {".json": "json", ".tex": "latex"}.get(suffix, "text")


def _operands(args: argparse.Namespace) -> tuple[Signal, Signal]:
    return (read_operand(args.x, "data", args.start_x), read_operand(args.h, "kernel", args.start_h))


def _show(result: Signal, args: argparse.Namespace, *, operation: str, name: str, index_name: str,
          details: dict) -> int:
    kind = _result_format(args)
    if kind == "json":
        payload = {"operation": operation, **details, **signal_json(result)}
        text = json.dumps(payload, indent=2)
    elif kind == "latex":
        if result.ndim > 2:  # N-D text input (nested brackets) reaches here
            raise InputError("--format latex", f"writes 1-D and 2-D results; this one is {result.ndim}-D (use text "
                                               "or json)")
        text = latex_signal(result, name=name, index_name=index_name)
    else:
        text = text_listing(result, name=name, index_name=index_name)
    write_output(text, args.output)
    return 0


# ----------------------------------------------------------------------------- subcommands
def _arguments_conv(parser: argparse.ArgumentParser) -> None:
    _add_operands(parser)
    _add_mode(parser)
    _add_format(parser)


def _command_conv(args: argparse.Namespace) -> int:
    x, h = _operands(args)
    result = convolve(x, h, mode=args.mode, same_convention=args.same_convention)
    return _show(result, args, operation="convolve", name="y", index_name="n",
                 details={"mode": Mode(args.mode.lower()).value,
                          "same_convention": SameConvention(args.same_convention.lower()).value})


def _arguments_corr(parser: argparse.ArgumentParser) -> None:
    _arguments_conv(parser)
    parser.add_argument("--order", default="canonical",
                        help="canonical (default): sum_m x[l+m] conj(h[m]), as numpy.correlate(x, h); "
                             "wikipedia: sum_m conj(x[m]) h[m+l]")


def _command_corr(args: argparse.Namespace) -> int:
    x, h = _operands(args)
    result = correlate(x, h, mode=args.mode, order=args.order, same_convention=args.same_convention)
    return _show(result, args, operation="correlate", name="r", index_name="l",
                 details={"mode": Mode(args.mode.lower()).value,
                          "order": CorrelationOrder(args.order.lower()).value})


def _arguments_circ(parser: argparse.ArgumentParser) -> None:
    _add_operands(parser)
    parser.add_argument("N", help="period: a positive integer (or 'N1,N2' per axis)")
    _add_format(parser)


def _command_circ(args: argparse.Namespace) -> int:
    x, h = _operands(args)
    result = circular_convolve(x, h, _period(args.N))
    return _show(result, args, operation="circular_convolve", name="y", index_name="n",
                 details={"N": args.N})


def _period(text: str) -> int | tuple[int, ...]:
    parts = text.split(",")
    try:
        periods = tuple(int(part) for part in parts)
    except ValueError:
        raise InputError("N", f"'{text}' is not a positive integer") from None
    if any(p <= 0 for p in periods):
        raise InputError("N", f"'{text}' is not a positive integer")
    return periods[0] if len(periods) == 1 else periods


def _arguments_prove(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="flip, commutative, associative, shift, impulse, correlation_order, "
                                     "dft, z_transform or conv_layer_gradients")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write FILE: .pdf (pdflatex), .tex (a document), .md; else print")
    parser.add_argument("--format", default=None, choices=["text", "latex", "markdown"],
                        help="what to print when no -o is given (default: text)")


def _command_prove(args: argparse.Namespace) -> int:
    from symconv.proofs import prove
    from symconv.proofs.render import render_document, render_latex, render_markdown, render_text
    proof = prove(args.name)
    target = args.output
    if target is None:
        render = {"latex": render_latex, "markdown": render_markdown}.get(args.format, render_text)
        write_output(render(proof), None)
        return 0
    suffix = _suffix(target)
    if suffix == ".pdf":
        from symconv.render.pdf import pdf_bytes
        write_output(pdf_bytes(render_document(proof)), target)
    elif suffix == ".tex":
        write_output(render_document(proof), target)
    elif suffix == ".md":
        write_output(render_markdown(proof), target)
    else:
        raise InputError("output", f"'{target}' does not end in .pdf, .tex or .md")
    return 0


def _arguments_explain(parser: argparse.ArgumentParser) -> None:
    _add_operands(parser)
    parser.add_argument("--op", default="conv", help="conv (default), corr or circ")
    _add_mode(parser)
    parser.add_argument("--order", default="canonical", help="correlation order: canonical (default) or wikipedia")
    parser.add_argument("-N", "--period", metavar="N", help="period of circular convolution ('N1,N2' per axis)")
    parser.add_argument("--style", default="compact", choices=["compact", "products", "table"],
                        help="compact (default: only overlapping products; 2-D as window ⊙ kernel matrices), "
                             "products (every product written out, also in 2-D) or table (the sliding table)")
    parser.add_argument("--all", action="store_true", help="show every output line (long solutions elide the middle)")
    parser.add_argument("--elide", type=int, metavar="K", help="show at most K output lines (default 16)")
    parser.add_argument("--at", metavar="N", help="output(s) drawn with the kernel in place: 3, or '1,1;0,0' in 2-D")
    parser.add_argument("--names", default="x,h,y", metavar="X,H,Y", help="names of data, kernel and result")
    parser.add_argument("--title", help="title of the document")
    parser.add_argument("--format", default=None, choices=["text", "markdown", "latex", "fragment", "json"],
                        help="what to print when no -o is given: text (default), markdown, latex (a whole "
                             "document), fragment (LaTeX for your own document) or json")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write FILE by its ending: .pdf (runs pdflatex), .tex, .md, .txt or .json")


def _command_explain(args: argparse.Namespace) -> int:
    from symconv.derive import explain
    x, h = _operands(args)
    if args.elide is not None and args.elide < 2:
        raise InputError("--elide", f"{args.elide} is not a number of lines; give 2 or more (--all shows every line)")
    elide: bool | int = False if args.all else (args.elide if args.elide is not None else True)
    derivation = explain(x, h, op=args.op, mode=args.mode, order=args.order, same_convention=args.same_convention,
                         N=_period(args.period) if args.period is not None else None, style=args.style,
                         elide=elide, at=_explain_at(args.at), names=args.names.split(","), title=args.title)
    target = args.output
    kind = args.format or "text"
    if target is not None:
        kind = _FILE_KINDS.get(_suffix(target), "")
        if not kind:
            raise InputError("output", f"'{target}' does not end in .pdf, .tex, .md, .txt or .json")
    if kind == "pdf":
        from symconv.render.pdf import pdf_bytes
        write_output(pdf_bytes(derivation.document()), target)
        return 0
    render = {"text": derivation.text, "markdown": derivation.markdown, "latex": derivation.document,
              "fragment": derivation.latex, "json": derivation.to_json}[kind]
    write_output(render(), target)
    return 0


def _explain_at(text: str | None) -> list | None:
    if text is None:
        return None
    chosen = []
    for item in text.split(";"):
        try:
            parts = tuple(int(part) for part in item.split(","))
        except ValueError:
            raise InputError("--at", f"'{item.strip()}' is not an output index such as 3 or 1,1") from None
        chosen.append(parts[0] if len(parts) == 1 else parts)
    return chosen


def _arguments_layer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("x", metavar="X",
                        help="input: one channel (values, a matrix '1 2; 3 4'), or (C_in, *spatial) as nested "
                             "brackets '[[1,2],[3,4]]' (as PyTorch and JSON print tensors); or @FILE (.json too)")
    parser.add_argument("w", metavar="W",
                        help="kernel: as many axes as X (one channel in and out), or one more: "
                             "(C_out, C_in/groups, *kernel) as PyTorch's weight; with --transposed "
                             "(C_in, C_out/groups, *kernel)")
    _add_layer_parameters(parser)
    _add_layer_values(parser)
    parser.add_argument("--groups", type=int, default=1, metavar="G",
                        help="channel groups: each sees C_in/G input channels (default 1)")
    parser.add_argument("--transposed", action="store_true", help="a transposed convolution (conv_transpose)")
    parser.add_argument("--explain", action="store_true",
                        help="a worked solution: receptive fields, every product, the size derivation "
                             "(--format latex: a document, --format json: every step as data; -o FILE by "
                             "suffix: .pdf, .tex, .md, .txt, .json)")
    parser.add_argument("--at", metavar="OUT",
                        help="with --explain: the outputs derived, ';' between them: a position (3, or 1,1 in "
                             "2-D) for every output channel, or C:POSITION for output channel C only "
                             "('1:0,2;0:1,1'); default the first 8 outputs")
    parser.add_argument("--scatter", metavar="N",
                        help="with --explain --transposed: the input sample (channel 0) whose scaled copy of "
                             "the kernel is shown: 3, or 1,1 in 2-D (default the middle one)")
    parser.add_argument("--flip", action="store_true",
                        help="with --explain: also read each output as a true convolution with the flipped kernel")
    _add_format(parser)


def _add_layer_parameters(parser: argparse.ArgumentParser, *, transposed: bool = True) -> None:
    parser.add_argument("--stride", default="1", metavar="S", help="an integer, or 'S1,S2' per axis")
    parser.add_argument("--padding", default="0", metavar="P",
                        help="an integer, 'P1,P2' per axis, 'B:A' before:after, same or valid")
    parser.add_argument("--dilation", default="1", metavar="D", help="an integer, or 'D1,D2' per axis")
    if transposed:
        parser.add_argument("--output-padding", default="0", metavar="A",
                            help="transposed layers: extra outputs at the end, smaller than the stride")


def _add_layer_values(parser: argparse.ArgumentParser) -> None:
    """--bias and --padding-mode: the options of a layer's values (``layer``, ``check --op layer``)."""
    parser.add_argument("--bias", metavar="B",
                        help="one value per output channel, added to its outputs: 1/2, or '1, -1/2' for two")
    parser.add_argument("--padding-mode", default="zeros", metavar="M",
                        help="zeros (default), reflect, replicate or circular")


def _layer_bias(args: argparse.Namespace) -> list | None:
    """``--bias``: one value, or values separated by commas (or in brackets), one per output channel."""
    from symconv.exact import to_exact
    if args.bias is None:
        return None
    text = args.bias.strip()
    if "," not in text and not text.startswith("["):
        return [to_exact(text, "--bias")]
    from symconv.parse import parse_signal
    samples, marked = parse_signal(text, "--bias")
    if len(samples.shape) != 1 or marked is not None:
        raise InputError("--bias", f"'{args.bias}' is not a list of values; give one value per output channel, "
                                   "separated by commas: '1, -1/2'")
    return list(samples.to_objects())


def _layer_operands(x_argument: str, w_argument: str) -> tuple:
    """Input ``(C_in, *spatial)``, weight with two more axes, and whether channels were given.

    W with as many axes as X: one channel in and one out (X is ``(1, *spatial)``, W
    ``(1, 1, *kernel)``). W with one more axis than X: X is ``(C_in, *spatial)`` and W PyTorch's
    weight (``(C_out, C_in/groups, *kernel)``, transposed ``(C_in, C_out/groups, *kernel)``).
    """
    x, w = read_operand(x_argument, "input"), read_operand(w_argument, "kernel")
    if x.ndim == w.ndim:
        return x.to_numpy()[None], w.to_numpy()[None, None], False
    if x.ndim == 1:
        raise InputError("kernel", f"is {w.ndim}-D but the input is 1-D; give both with the same number of axes")
    if w.ndim != x.ndim + 1:
        raise InputError("kernel", f"is {w.ndim}-D but the input is {x.ndim}-D; give W with {x.ndim} axes (one "
                                   f"channel in and out) or with {x.ndim + 1}, (C_out, C_in/groups, *kernel) for "
                                   "X as (C_in, *spatial)")
    return x.to_numpy(), w.to_numpy(), True


def _layer_parameters(args: argparse.Namespace) -> dict:
    from symconv.cnn.geometry import read_parameter
    parameters = {"stride": read_parameter(args.stride, "--stride"),
                  "padding": read_parameter(args.padding, "--padding", words=("same", "valid")),
                  "dilation": read_parameter(args.dilation, "--dilation")}
    if getattr(args, "transposed", False):
        parameters["output_padding"] = read_parameter(args.output_padding, "--output-padding")
    return parameters


def _command_layer(args: argparse.Namespace) -> int:
    from symconv.cnn import conv_layer, conv_transpose_layer
    from symconv.cnn.layers import read_layer
    data, kernel, channels = _layer_operands(args.x, args.w)
    parameters = {**_layer_parameters(args), "groups": args.groups}
    bias = _layer_bias(args)
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
        del details["groups"]
        return _show(Signal(result.values[0]), args, operation=operation, name="y", index_name="n",
                     details=details)
    from symconv.cnn.output import channels_json, latex_channels, text_channels
    kind = _result_format(args)
    if kind == "json":
        payload = {"operation": operation, **details, "padding_mode": args.padding_mode,
                   "in_channels": shapes.in_channels, "bias": None if bias is None else [str(b) for b in bias],
                   **channels_json(result)}
        text = json.dumps(payload, indent=2)
    else:
        text = (latex_channels if kind == "latex" else text_channels)(result)
    write_output(text, args.output)
    return 0


def _explain_layer(args: argparse.Namespace, data, kernel, bias, parameters: dict) -> int:
    from symconv.cnn import explain_flip_equivalence, explain_layer, explain_transpose_layer
    if args.transposed:
        if args.flip:
            raise InputError("--flip", "reads an ordinary layer as a true convolution; a transposed layer's "
                                       "explanation already shows its kernel reversed")
        derivation = explain_transpose_layer(data, kernel, bias=bias, at=_layer_at(args.at),
                                             scatter=_layer_scatter(args.scatter), **parameters)
    else:
        if args.scatter is not None:
            raise InputError("--scatter", "shows how one input sample of a transposed layer spreads; add "
                                          "--transposed")
        explain = explain_flip_equivalence if args.flip else explain_layer
        derivation = explain(data, kernel, bias=bias, padding_mode=args.padding_mode, at=_layer_at(args.at),
                             **parameters)
    kind = args.format or "text"
    if args.output is not None:
        kind = _FILE_KINDS.get(_suffix(args.output), "")
    if not kind:
        raise InputError("--explain", "writes text, LaTeX (--format latex), JSON (--format json) or a file ending "
                                      "in .pdf, .tex, .md, .txt or .json")
    if kind == "pdf":
        from symconv.render.pdf import pdf_bytes
        write_output(pdf_bytes(derivation.document()), args.output)
        return 0
    render = {"text": derivation.text, "latex": derivation.document, "markdown": derivation.markdown,
              "json": derivation.to_json}[kind]
    write_output(render(), args.output)
    return 0


def _layer_at(text: str | None) -> list | None:
    """``--at`` of ``layer --explain``: positions (every output channel) or ``C:POSITION`` items.

    Examples
    --------
    >>> _layer_at("1,1;0:2,0")
    [(1, 1), (0, (2, 0))]
    """
    if text is None:
        return None
    chosen: list = []
    for item in text.split(";"):
        channel, colon, position = item.rpartition(":")
        try:
            index = tuple(int(part) for part in position.split(","))
            out_channel = int(channel) if colon else None
        except ValueError:
            raise InputError("--at", f"'{item.strip()}' is not an output such as 3, 1,1 or 0:1,1 (output channel "
                                     "0 at 1,1)") from None
        if out_channel is None:
            chosen.append(index[0] if len(index) == 1 else index)
        else:
            chosen.append((out_channel, index))
    return chosen


def _layer_scatter(text: str | None) -> tuple[int, ...] | None:
    if text is None:
        return None
    try:
        return tuple(int(part) for part in text.split(","))
    except ValueError:
        raise InputError("--scatter", f"'{text}' is not an input index such as 3 or 1,1") from None


def _arguments_size(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("i", metavar="I", help="input size: an integer, or 'I1,I2' per axis")
    parser.add_argument("k", metavar="K", help="kernel size: an integer, or 'K1,K2' per axis")
    _add_layer_parameters(parser)
    parser.add_argument("--transposed", action="store_true", help="the size of a transposed layer")
    parser.add_argument("--check", metavar="CLAIM",
                        help="check a claimed size (14, 14.5, 29/2, or '14,14' per axis): exit 0 right, 1 wrong")
    parser.add_argument("--format", default="text", choices=["text", "json"], help="text (default) or json")


def _command_size(args: argparse.Namespace) -> int:
    from symconv.cnn import conv_output_size
    from symconv.cnn.geometry import read_parameter
    i, k = read_parameter(args.i, "I"), read_parameter(args.k, "K")
    parameters = _layer_parameters(args)
    if args.check is not None:
        from symconv.check import check_output_size
        verdict = check_output_size(args.check, i, k, transposed=args.transposed, **parameters)
        write_output(verdict.render(args.format), None)
        return 0 if verdict.ok else 1
    sizes = conv_output_size(i, k, transposed=args.transposed, **parameters)
    sizes = sizes if isinstance(sizes, tuple) else (sizes,)
    if args.format == "json":
        payload = {"size": [s.size for s in sizes], "exact": [str(s.exact) for s in sizes],
                   "fits": [s.fits for s in sizes], "unreached": [list(s.unreached) for s in sizes],
                   "unreached_count": [s.unreached_count for s in sizes],
                   "derivation": [list(s.lines) for s in sizes]}
        write_output(json.dumps(payload, indent=2), None)
        return 0
    blocks = [str(s) if len(sizes) == 1 else f"axis {axis}:\n{s}" for axis, s in enumerate(sizes)]
    if len(sizes) > 1:
        blocks.append("output size: " + " x ".join(str(s.size) for s in sizes))
    write_output("\n".join(blocks), None)
    return 0


# ----------------------------------------------------------------------------- answer checking
def _arguments_check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("operands", nargs="+", metavar="CLAIMED X H",
                        help="the claimed answer (text, LaTeX or @FILE), then X and H (with --op layer: "
                             "the claimed output, the input X and the kernel W as for 'symconv layer': one "
                             "channel each, or (C_out, *out), (C_in, *spatial) and (C_out, C_in/groups, *kernel) "
                             "as nested brackets); with --line or --solution only X and H")
    parser.add_argument("--line", metavar="TEXT", help="check one worked line 'c[n] = ... = value'")
    parser.add_argument("--solution", metavar="@FILE", help="check every worked line of a solution")
    parser.add_argument("--op", default="convolve", help="convolve (default), correlate, circular or layer")
    _add_mode(parser)
    parser.add_argument("--order", default="canonical", help="correlation order: canonical or wikipedia")
    parser.add_argument("-N", "--period", metavar="N", help="period of circular convolution ('N1,N2' per axis)")
    _add_layer_parameters(parser, transposed=False)
    _add_layer_values(parser)
    parser.add_argument("--groups", type=int, default=1, metavar="G",
                        help="--op layer: channel groups (default 1)")
    parser.add_argument("--start-x", type=int, metavar="S", help="index of the first sample of X")
    parser.add_argument("--start-h", type=int, metavar="S", help="index of the first sample of H")
    parser.add_argument("--start", type=int, metavar="S", help="index of the first claimed term")
    parser.add_argument("--decimals", type=int, metavar="K", help="the question asks for K decimals")
    parser.add_argument("--significant", type=int, metavar="K", help="the question asks for K significant digits")
    parser.add_argument("--names", help="names of data, kernel, result (default x,h,y; x,w,y for a layer)")
    parser.add_argument("--format", default="text", choices=["text", "markdown", "json", "latex"])
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")


def _command_check(args: argparse.Namespace) -> int:
    from symconv.check import check, check_line, check_solution

    names = None if args.names is None else tuple(args.names.split(","))
    if args.op == "layer":
        return _check_layer(args, names)
    wanted = 2 if (args.line or args.solution) else 3
    if len(args.operands) != wanted:
        raise InputError("check", f"expected {'X H' if wanted == 2 else 'CLAIMED X H'}, got "
                                  f"{len(args.operands)} operand(s)")
    x = read_operand(args.operands[-2], "data", args.start_x)
    h = read_operand(args.operands[-1], "kernel", args.start_h)
    args.period = None if args.period is None else _period(args.period)
    if args.solution:
        report = check_solution(read_text(args.solution, "solution"), x, h, op=args.op, order=args.order,
                                N=args.period, names=names)
        if not report:
            raise InputError("solution", "no worked line 'c[n] = ...' found")
        blocks = [f"line {k}: " + (v.render(args.format) if not isinstance(v, InputError) else f"error: {v}")
                  for k, v in report]
        write_output("\n".join(blocks), args.output)
        return 0 if all(not isinstance(v, InputError) and v.ok for _, v in report) else 1
    if args.line:
        verdict = check_line(read_text(args.line, "line"), x, h, op=args.op, order=args.order, N=args.period,
                             names=names)
    else:
        claimed = read_text(args.operands[0], "claimed answer")
        verdict = check(claimed, x, h, op=args.op, mode=args.mode, same_convention=args.same_convention,
                        order=args.order, N=args.period, start=args.start, decimals=args.decimals,
                        significant=args.significant, names=names, bias=_layer_bias(args),
                        groups=args.groups, padding_mode=args.padding_mode, **_layer_parameters(args))
    write_output(verdict.render(args.format), args.output)
    return 0 if verdict.ok else 1


def _check_layer(args: argparse.Namespace, names: tuple[str, ...] | None) -> int:
    """``check --op layer CLAIMED X W``: a layer's claimed output, one channel in and out."""
    from symconv.check import check

    if args.line or args.solution:
        raise InputError("--op layer", "checks a claimed output (CLAIMED X W); --line and --solution "
                                       "check worked lines of convolution and correlation")
    if (args.start, args.start_x, args.start_h) != (None, None, None):
        raise InputError("--op layer", "a layer's input and output start at index 0; --start, --start-x "
                                       "and --start-h do not apply")
    if len(args.operands) != 3:
        raise InputError("check", f"expected CLAIMED X W, got {len(args.operands)} operand(s)")
    data, kernel, _ = _layer_operands(args.operands[1], args.operands[2])
    verdict = check(read_text(args.operands[0], "claimed answer"), data, kernel, op="layer",
                    bias=_layer_bias(args), groups=args.groups, padding_mode=args.padding_mode,
                    decimals=args.decimals, significant=args.significant, names=names,
                    **_layer_parameters(args))
    write_output(verdict.render(args.format), args.output)
    return 0 if verdict.ok else 1


def _arguments_check_batch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", metavar="KEY", help="answer key: a JSON (or YAML) file of items")
    parser.add_argument("--report", metavar="FILE", help="write the report (.md, .json, .tex or .pdf)")
    parser.add_argument("--format", choices=["markdown", "json", "latex"],
                        help="report format (default: from the file name, else markdown)")
    parser.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                        help="seconds one item may take (default 10; 0: no limit); "
                             "an item over it is reported as timed out")


def _command_check_batch(args: argparse.Namespace) -> int:
    from symconv.check import grade, load_answer_key
    from symconv.check.batch import TIME_LIMIT

    fmt = "yaml" if args.key.lower().endswith((".yaml", ".yml")) else "json"
    items = load_answer_key(read_text("@" + args.key, "answer key"), fmt=fmt)
    progress = None
    if sys.stderr.isatty():
        def progress(done: int, total: int) -> None:
            print(f"\rgrading {done}/{total}", end="" if done < total else "\n", file=sys.stderr)
    if args.time_limit is not None and not (0 <= args.time_limit < math.inf):
        raise InputError("--time-limit", f"{args.time_limit:g} is not a number of seconds; give seconds, "
                                         "or 0 for no limit")
    report = grade(items, progress=progress, time_limit=TIME_LIMIT if args.time_limit is None else args.time_limit)
    suffix = _suffix(args.report) if args.report else ""
    if suffix == ".pdf":
        from symconv.render.pdf import pdf_bytes
        write_output(pdf_bytes(report.render("latex")), args.report)
    else:
        out = args.format or {".json": "json", ".tex": "latex"}.get(suffix, "markdown")
        write_output(report.render(out), args.report)
    if args.report:
        write_output(f"{report.summary()}; report in {args.report}", None)
    return 0 if report.all_right else 1


_SUBCOMMANDS: dict[str, tuple[str, Callable, Callable]] = {
    "conv": ("convolve X and H exactly: (x * h)[n] = sum_m x[m] h[n-m]", _arguments_conv, _command_conv),
    "corr": ("cross-correlate X and H exactly (the kernel H slides over X, no flip)",
             _arguments_corr, _command_corr),
    "circ": ("N-point circular convolution of X and H", _arguments_circ, _command_circ),
    "explain": ("a worked solution: every output term derived (text, Markdown, LaTeX, PDF, JSON)",
                _arguments_explain, _command_explain),
    "prove": ("print or typeset a checked proof (flip, commutative, associative, ...)",
              _arguments_prove, _command_prove),
    "layer": ("a CNN layer exactly as PyTorch computes it (a correlation: no flip), stride, padding, dilation",
              _arguments_layer, _command_layer),
    "size": ("the output size of a CNN layer, derived: floor((i + 2p - d(k-1) - 1)/s) + 1",
             _arguments_size, _command_size),
    "check": ("check a claimed answer or worked line term by term, and name the mistakes",
              _arguments_check, _command_check),
    "check-batch": ("grade an answer key (JSON/YAML) and write a report", _arguments_check_batch,
                    _command_check_batch),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered subcommand."""
    parser = _Parser(prog="symconv", description="Discrete convolution and correlation, exact and explained.",
                     epilog=_EXAMPLES, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"symconv {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (summary, add_arguments, _) in _SUBCOMMANDS.items():
        parser.commands[name] = commands.add_parser(
            name, help=summary, description=summary, epilog=_EXAMPLES,
            formatter_class=argparse.RawDescriptionHelpFormatter)
        add_arguments(parser.commands[name])
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (``python -m symconv`` exits with it)."""
    sys.set_int_max_str_digits(0)  # exact results may be longer than Python's default 4300 digits
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.error(f"no command given; choose one of: {', '.join(_SUBCOMMANDS)}")
    try:
        return _SUBCOMMANDS[args.command][2](args)
    except SelfCheckError as error:
        print(f"symconv: internal error: {error}", file=sys.stderr)
        return 3
    except SymconvError as error:
        print(f"symconv: error: {_cli_words(error)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("symconv: error: interrupted", file=sys.stderr)
        return 2
    except BrokenPipeError:  # the reader stopped early ('symconv conv ... | head'): not an error
        try:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 0
    except Exception as error:  # a bug: one line for the user, the traceback with SYMCONV_DEBUG=1
        if os.environ.get("SYMCONV_DEBUG"):
            raise
        print(f"symconv: internal error: {type(error).__name__}: {_one_line(error)} "
              "(rerun with SYMCONV_DEBUG=1 for the traceback)", file=sys.stderr)
        return 3


_OPTION_PLACES = {name: f"--{name.replace('_', '-')}" for name in (
    "at", "bias", "decimals", "dilation", "elide", "groups", "names", "output_padding", "padding", "padding_mode",
    "scatter", "significant", "stride", "style")}
"""Library places (a Python parameter) named as the option a command-line user typed."""


def _cli_words(error: SymconvError) -> str:
    """The error's one line, its place named as the command-line option (``--decimals: ...``)."""
    if isinstance(error, InputError):
        head, sep, rest = error.where.partition(",")
        if head in _OPTION_PLACES:
            return _one_line(InputError(_OPTION_PLACES[head] + sep + rest, error.problem))
    return _one_line(error)


def _one_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__
