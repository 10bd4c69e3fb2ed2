"""What each ``symconv`` command takes: its arguments, its help text and its examples.

:func:`add_arguments` gives a command's parser its arguments; :data:`EXAMPLES` holds the two or
three examples its ``--help`` ends with; :data:`ANSWER_KEY_HELP` and :data:`SAMPLE_KEY` describe
the answer key of ``check-batch`` (``check-batch --example`` prints the sample). The commands
themselves live in :mod:`symconv.cli`.
"""

from __future__ import annotations

import argparse

__all__ = ["ANSWER_KEY_HELP", "EXAMPLES", "MAIN_EXAMPLES", "SAMPLE_KEY", "add_arguments"]

MAIN_EXAMPLES = """\
examples:
  symconv conv "1 0.5 1 1" "1 0.5 0.25"            exact convolution, n = 0..5
  symconv explain "1 0.5 1 1" "1 0.5 0.25" -o solution.pdf
                                                    a worked solution, every term derived
  symconv check "1 1 1.5 1.5 0.75 0.25" "1 0.5 1 1" "1 0.5 0.25"
                                                    check a claimed answer, name the mistake
  symconv layer @x.txt "1 0 1; 0 1 0; 1 0 1" --stride 2 --padding 1
                                                    a CNN layer as PyTorch computes it

Values: integers, 1/2, 0.5 (exactly 1/2), -1.25e-3, 1+2i, names such as a or x_0 (real
symbols). Rows of a matrix are separated by ';' or new lines; @FILE reads a file, '-' standard
input. 'symconv COMMAND --help' shows each command's options and examples.
"""

EXAMPLES = {
    "conv": """\
  symconv conv "1 0.5 1 1" "1 0.5 0.25"            exact convolution, n = 0..5
  symconv conv "1 >2 3" "1 1" --format json         '>' marks the n = 0 sample
  echo "1 2 3" | symconv conv - "1 1" -o y.tex      data from standard input, LaTeX to a file""",
    "corr": """\
  symconv corr "1 2 3" "0 1 0.5" --mode valid       numpy.correlate(x, h, 'valid')
  symconv corr "1 2 3" "0 1 0.5" --order wikipedia  sum_m conj(x[m]) h[m+l]
  symconv corr @image.txt "1 0 1; 0 1 0; 1 0 1" --mode valid""",
    "circ": """\
  symconv circ "1 2 3 4" "1 1" 3                    3-point circular convolution
  symconv circ "1 2; 3 4" "1 1; 0 0" 2,2            2-D, a period per axis""",
    "explain": """\
  symconv explain "1 0.5 1 1" "1 0.5 0.25"                every output term derived
  symconv explain "1 2 3" "1 1" --op corr --style table   the sliding table of a correlation
  symconv explain @image.txt "1 0 1; 0 1 0; 1 0 1" --op corr --mode valid -o solution.pdf""",
    "prove": """\
  symconv prove flip                                x corr h = x * (flipped, conjugated h)
  symconv prove commutative --format markdown
  symconv prove conv_layer_gradients -o gradients.pdf""",
    "layer": """\
  symconv layer "1 2 3 4 5" "1 0 -1" --stride 2 --padding 1
  symconv layer "[[1,2,3],[4,5,6]]" "[[[1,1],[0,1]],[[1,0],[0,0]]]" --bias "0, 1/2"
                                                    2 channels in (C_in, L), 2 out (C_out, C_in, K)
  symconv layer "1 2 3 4" "1 1" --explain --at 2    a worked solution of output 2""",
    "size": """\
  symconv size 32 5 --stride 2                      output size 14, and why it is not 14.5
  symconv size 32 5 --stride 2 --check 14.5         check a claimed size (exit 1: wrong)
  symconv size 28,28 3 --padding same""",
    "check": """\
  symconv check "1 1 1.5 1.5 0.75 0.25" "1 0.5 1 1" "1 0.5 0.25"        names the wrong term
  symconv check --line "y[1] = x[0]h[1] + x[1]h[0] = 1" "1 0.5 1 1" "1 0.5 0.25"
  symconv check "8 7 5" "1 2 3 4" "1 1" --op circ -N 3""",
    "check-batch": """\
  symconv check-batch --example > answers.json      a sample answer key to start from
  symconv check-batch answers.json                  grade it: a Markdown report on stdout
  symconv check-batch answers.json --report report.pdf""",
}
"""The examples at the end of each command's ``--help``."""

ANSWER_KEY_HELP = """\
answer key: a JSON (or YAML) list of items, or {"items": [...]}; each item has
  x, h          the data and the kernel, as on the command line ("1 0.5 1 1", "[1, 2]", ...)
  claimed       the claimed answer (text or LaTeX), or
  line          one worked line instead ("y[1] = x[0]h[1] + x[1]h[0] = 1")
  and optional  id, op (conv, corr, circ), mode (full, same, valid), same_convention,
                order (canonical, wikipedia), N (circular), start, decimals, significant,
                names (["x", "h", "y"])
An unreadable item is reported and the others are still graded; exit 0 when every item is
right, 1 otherwise. 'symconv check-batch --example' prints a sample key.
"""

SAMPLE_KEY = """\
[
  {"id": "q1", "x": "1 0.5 1 1", "h": "1 0.5 0.25", "claimed": "1 1 3/2 13/8 3/4 1/4"},
  {"id": "q2", "x": "1 2 3", "h": "0 1 0.5", "op": "corr", "mode": "valid", "claimed": "3.5"},
  {"id": "q3", "x": "1 2 3 4", "h": "1 1", "op": "circ", "N": 3, "claimed": "8 7 5"},
  {"id": "q4", "x": "1 0.5 1 1", "h": "1 0.5 0.25", "claimed": "1 1 1.5 1.63 0.75 0.25", "decimals": 2},
  {"id": "q5", "x": "1 0.5 1 1", "h": "1 0.5 0.25", "line": "y[1] = x[0]h[1] + x[1]h[0] = 1"}
]
"""
"""A sample answer key: every kind of item, all right."""


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    """Give the parser of command ``name`` its arguments."""
    _ARGUMENTS[name](parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress line on standard error")


def _operands(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("x", metavar="X", help="data: values, a matrix ('1 2; 3 4'), @FILE, or - for standard input")
    parser.add_argument("h", metavar="H", help="kernel: values, a matrix, @FILE or -")
    _starts(parser)


def _starts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--start-x", type=int, metavar="S", help="index of the first sample of X")
    parser.add_argument("--start-h", type=int, metavar="S", help="index of the first sample of H")


def _mode(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--mode", default="full", help="full (default), same or valid")
    parser.add_argument("--same-convention", default="scipy",
                        help="whose 'same' window: scipy (default), numpy or matlab")


def _order(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--order", default="canonical",
                        help="correlation order: canonical (default): sum_m x[l+m] conj(h[m]), as "
                             "numpy.correlate(x, h); wikipedia: sum_m conj(x[m]) h[m+l]")


def _output(parser: argparse.ArgumentParser, formats: list[str], default: str, what: str) -> None:
    endings = {"text": ".txt", "markdown": ".md", "latex": ".tex", "json": ".json", "pdf": ".pdf"}
    parser.add_argument("--format", choices=formats,
                        help=f"{what}: {', '.join(formats)} (default {default}; with -o, the file's ending "
                             f"decides: {', '.join(endings[f] for f in formats if f in endings)})")
    parser.add_argument("-o", "--output", metavar="FILE", help="write FILE (whole or not at all); - is standard output")
    parser.set_defaults(formats=formats, default_format=default)


def _conv(parser: argparse.ArgumentParser) -> None:
    _operands(parser)
    _mode(parser)
    _output(parser, ["text", "json", "latex"], "text", "the result as text (every value with its index), JSON or "
                                                       "a LaTeX line")


def _corr(parser: argparse.ArgumentParser) -> None:
    _conv(parser)
    _order(parser)


def _circ(parser: argparse.ArgumentParser) -> None:
    _operands(parser)
    parser.add_argument("N", help="period: a positive integer (or 'N1,N2' per axis)")
    _output(parser, ["text", "json", "latex"], "text", "the result")


def _prove(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="flip, commutative, associative, shift, impulse, correlation_order, "
                                     "dft, z_transform or conv_layer_gradients")
    _output(parser, ["text", "markdown", "latex", "fragment", "pdf"], "text",
            "the proof: text, Markdown, a LaTeX document, a fragment for your own document, or a PDF")


def _explain(parser: argparse.ArgumentParser) -> None:
    _operands(parser)
    parser.add_argument("--op", default="conv", help="conv (default), corr or circ")
    _mode(parser)
    _order(parser)
    parser.add_argument("-N", "--period", metavar="N", help="period of circular convolution ('N1,N2' per axis)")
    parser.add_argument("--style", default="compact", choices=["compact", "products", "table"],
                        help="compact (default: only overlapping products; 2-D as window ⊙ kernel matrices), "
                             "products (every product written out, also in 2-D) or table (the sliding table)")
    parser.add_argument("--all", action="store_true", help="show every output line (long solutions elide the middle)")
    parser.add_argument("--elide", type=int, metavar="K", help="show at most K output lines (default 16)")
    parser.add_argument("--at", metavar="N", help="output(s) drawn with the kernel in place: 3, or '1,1;0,0' in 2-D")
    parser.add_argument("--names", default="x,h,y", metavar="X,H,Y", help="names of data, kernel and result")
    parser.add_argument("--title", help="title of the document")
    _time_limit(parser, "the solution")
    _output(parser, ["text", "markdown", "latex", "fragment", "json", "pdf"], "text",
            "the solution: text, Markdown, a LaTeX document, a fragment for your own document, JSON or a PDF "
            "(pdflatex)")


def _layer_geometry(parser: argparse.ArgumentParser, *, transposed: bool = True) -> None:
    parser.add_argument("--stride", default="1", metavar="S", help="an integer, or 'S1,S2' per axis")
    parser.add_argument("--padding", default="0", metavar="P",
                        help="an integer, 'P1,P2' per axis, 'B:A' before:after, same or valid")
    parser.add_argument("--dilation", default="1", metavar="D", help="an integer, or 'D1,D2' per axis")
    if transposed:
        parser.add_argument("--output-padding", default="0", metavar="A",
                            help="transposed layers: extra outputs at the end, smaller than the stride")


def _layer_values(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bias", metavar="B",
                        help="one value per output channel, added to its outputs: 1/2, or '1, -1/2' for two")
    parser.add_argument("--padding-mode", default="zeros", metavar="M",
                        help="zeros (default), reflect, replicate or circular")
    parser.add_argument("--groups", type=int, default=1, metavar="G",
                        help="channel groups: each sees C_in/G input channels (default 1)")


def _layer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("x", metavar="X",
                        help="input: one channel (values, a matrix '1 2; 3 4'), or (C_in, *spatial) as nested "
                             "brackets '[[1,2],[3,4]]' (as PyTorch and JSON print tensors); or @FILE (.json too), -")
    parser.add_argument("w", metavar="W",
                        help="kernel: as many axes as X (one channel in and out), or one more: "
                             "(C_out, C_in/groups, *kernel) as PyTorch's weight; with --transposed "
                             "(C_in, C_out/groups, *kernel)")
    _layer_geometry(parser)
    _layer_values(parser)
    parser.add_argument("--transposed", action="store_true", help="a transposed convolution (conv_transpose)")
    parser.add_argument("--explain", action="store_true",
                        help="a worked solution: receptive fields, every product, the size derivation "
                             "(--format markdown, latex: a document, json: every step as data; or -o FILE by "
                             "its ending: .pdf, .tex, .md, .txt, .json)")
    parser.add_argument("--at", metavar="OUT",
                        help="with --explain: the outputs derived, ';' between them: a position (3, or 1,1 in "
                             "2-D) for every output channel, or C:POSITION for output channel C only "
                             "('1:0,2;0:1,1'); default the first 8 outputs")
    parser.add_argument("--scatter", metavar="N",
                        help="with --explain --transposed: the input sample (channel 0) whose scaled copy of "
                             "the kernel is shown: 3, or 1,1 in 2-D (default the middle one)")
    parser.add_argument("--flip", action="store_true",
                        help="with --explain: also read each output as a true convolution with the flipped kernel")
    _time_limit(parser, "the layer")
    _output(parser, ["text", "markdown", "json", "latex", "pdf"], "text",
            "the output (text, JSON, LaTeX), or with --explain the solution (also Markdown and PDF)")


def _size(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("i", metavar="I", help="input size: an integer, or 'I1,I2' per axis")
    parser.add_argument("k", metavar="K", help="kernel size: an integer, or 'K1,K2' per axis")
    _layer_geometry(parser)
    parser.add_argument("--transposed", action="store_true", help="the size of a transposed layer")
    parser.add_argument("--check", metavar="CLAIM",
                        help="check a claimed size (14, 14.5, 29/2, or '14,14' per axis): exit 0 right, 1 wrong")
    parser.add_argument("--format", default="text", choices=["text", "json"],
                        help="the derivation as text (default) or JSON")
    parser.set_defaults(formats=["text", "json"], default_format="text", output=None)


def _check(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("operands", nargs="+", metavar="CLAIMED X H",
                        help="the claimed answer (text, LaTeX, @FILE or -), then X and H (with --op layer: "
                             "the claimed output, the input X and the kernel W as for 'symconv layer': one "
                             "channel each, or (C_out, *out), (C_in, *spatial) and (C_out, C_in/groups, *kernel) "
                             "as nested brackets); with --line or --solution only X and H")
    parser.add_argument("--line", metavar="TEXT", help="check one worked line 'c[n] = ... = value' (or @FILE, -)")
    parser.add_argument("--solution", metavar="@FILE", help="check every worked line of a solution (@FILE or -)")
    parser.add_argument("--op", default="conv", help="conv (default), corr, circ or layer")
    _mode(parser)
    _order(parser)
    parser.add_argument("-N", "--period", metavar="N", help="period of circular convolution ('N1,N2' per axis)")
    _layer_geometry(parser, transposed=False)
    _layer_values(parser)
    _starts(parser)
    parser.add_argument("--start", type=int, metavar="S", help="index of the first claimed term")
    parser.add_argument("--decimals", type=int, metavar="K", help="the question asks for K decimals")
    parser.add_argument("--significant", type=int, metavar="K", help="the question asks for K significant digits")
    parser.add_argument("--names", help="names of data, kernel, result (default x,h,y; x,w,y for a layer)")
    _time_limit(parser, "the check")
    _output(parser, ["text", "markdown", "json", "latex"], "text", "the verdict: every term with its index "
                                                                    "and the mistakes found")


def _check_batch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("key", metavar="KEY", nargs="?", help="answer key: a JSON (or YAML) file, or - for "
                                                              "standard input (format below)")
    parser.add_argument("--example", action="store_true", help="print a sample answer key and exit")
    parser.add_argument("--report", metavar="FILE", dest="output",
                        help="write the report to FILE (.md, .json, .tex or .pdf); - is standard output")
    parser.add_argument("--format", choices=["markdown", "json", "latex", "pdf"],
                        help="report format (default: from the file's ending, else markdown)")
    parser.set_defaults(formats=["markdown", "json", "latex", "pdf"], default_format="markdown")
    _time_limit(parser, "one item", "10", "an item over it is reported as timed out")


def _time_limit(parser: argparse.ArgumentParser, what: str, default: str = "60",
                over: str = "over it: exit 2 with one line") -> None:
    """``--time-limit SECONDS`` (the library's ``time_limit``, :mod:`symconv.timelimit`)."""
    parser.add_argument("--time-limit", type=float, default=None, metavar="SECONDS",
                        help=f"seconds {what} may take (default {default}; 0: no limit); {over}")


_ARGUMENTS = {"conv": _conv, "corr": _corr, "circ": _circ, "explain": _explain, "prove": _prove, "layer": _layer,
              "size": _size, "check": _check, "check-batch": _check_batch}
