r"""Read claimed answers written in LaTeX, exactly: the checker's input door for LaTeX.

This module owns LaTeX input. A small tokenizer and recursive-descent parser of our own
read the common cases exactly and without any third-party parser: numbers and decimals
(``0.5`` is ``1/2``), ``\frac``/``\tfrac``/``\dfrac`` (also brace-less ``\frac12``),
``\cdot``, ``\times``, ``*``, ``/``, ``+``, ``-``, ``^``, parentheses and ``\left( \right)``,
names and Greek letters, indexing ``x[n]`` and ``x_{n}``, the discrete unit step ``u[n]``
(``u[0] = 1``) and impulse ``\delta[n]``, sums ``\sum_{m=0}^{3}`` and ``\sum_{k,l}``,
remainders ``(n-m) \bmod N`` (also ``\mod``, ``\pmod{N}``, ``mod``, ``((n-m))_N``, and per axis
``x[(i-k, j-l) \bmod N]``), ``\max``/``\min``, conjugates ``\overline{h[m]}``/``h^*[m]``, the
notation ``(x * h)[n]`` of a worked line, sequences ``[...]``,
``\{...\}``, ``(1, 2, 3)`` and matrices (``bmatrix``, ``pmatrix``, ``matrix``, nested lists).

Items that use other notation (``\sqrt``, ``\sin``, ``\binom``, ``n!``, ``|n|``...) are handed,
one item at a time, to latex2sympy2, the only third-party LaTeX parser symconv uses. It is
imported here and nowhere else, lazily, behind guards for its known traps (each pinned by a
test in tests/test_latex_in.py): names, indices, decimals and brace-less fractions are replaced by
our own tokens before it sees the text, ``\cdot`` is inserted between juxtaposed factors, its
module-wide variables are reset around every call, the whole item must be consumed, and
oversized powers are refused before anything is evaluated.

Reading rules (the decisions this module makes, tested in tests/test_latex_in.py):

- Commas separate items: ``10,100,250`` is three numbers, never ``10100250``.
- ``e`` and ``\mathrm{e}`` are Euler's number; ``e[n]`` and ``e_{n}`` index a sequence ``e``.
- ``\mathrm{j}``, ``\mathrm{i}``, ``\jmath`` and ``\imath`` are the imaginary unit; bare ``i``
  and ``j`` are (index) names and are never replaced.
- Other names are real SymPy Symbols, case kept (``X`` is not ``x``).
- ``x[3]`` and ``x_{3}`` are ``Indexed(x, 3)``; ``u[n]``/``u(n)`` are the unit step with
  ``u[0] = 1``; ``\delta[n]``/``\delta(n)`` are ``KroneckerDelta(n, 0)``. In a worked line whose
  data hold a symbol with a longer name (``x_0``, ``h0``, ``ab``), that name written plainly or as
  SymPy's LaTeX writes it (``x_{0}``, ``h_{0}``) is the symbol (``parse_chain(symbols=...)``).
- Plain text as symconv writes it: ``a**2`` is a power, ``conj(h[m])`` a conjugate.
- ``a = 5`` keeps its left-hand side (``LatexValue.lhs == 'a'``); nothing is assigned.
- ``(2)(3)`` is 6; ``2 3`` and ``3 \frac{1}{2}`` (a mixed number or a product?) are refused.

Examples
--------
>>> read_latex(r"[1, \tfrac{1}{2}, 1.5, \frac{13}{8}]").value
(1, 1/2, 3/2, 13/8)
>>> read_latex(r"\begin{bmatrix} 4 & 3 \\ 2 & 4 \end{bmatrix}").value
((4, 3), (2, 4))
>>> latex_expr(r"(n+1) 0.5^n u[n]")
(n + 1)*UnitStep(n)/2**n
>>> read_latex(r"\frac{1}{2")
Traceback (most recent call last):
...
symconv.errors.InputError: answer, column 9: expected '}' to close '\frac{1}{'
"""

from __future__ import annotations

import math
import re
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sympy
from sympy import Expr

from symconv.errors import InputError, UnsupportedError
from symconv.text import one_line

__all__ = [
    "MAX_LATEX_CHARS",
    "MAX_POWER_BITS",
    "LatexValue",
    "Node",
    "evaluate",
    "latex_expr",
    "parse_chain",
    "parse_latex",
    "read_latex",
    "symbol_spellings",
    "unit_step",
]

MAX_LATEX_CHARS = 20_000
"""Longest LaTeX text read (characters); longer text is refused before it is tokenized."""

MAX_GENERAL_CHARS = 2_000
"""Longest single item handed to latex2sympy2."""

MAX_POWER_BITS = 100_000
"""Largest number of bits a numeric power may produce; larger powers are refused unbuilt."""

MAX_NESTING = 100
"""Deepest nesting of brackets and groups."""

MAX_SUM_TERMS = 10_000
"""Finite sums with more terms than this stay unevaluated."""


def unit_step(n: Expr) -> Expr:
    """Discrete unit step ``u[n]``: 1 for ``n >= 0``, else 0 (so ``u[0] = 1``).

    Examples
    --------
    >>> [unit_step(k) for k in (-1, 0, 2)]
    [0, 1, 1]
    """
    try:  # the discrete step of symconv.sequences (printed u[n]), when it exists
        from symconv.sequences import unit_step as shared_step
    except ImportError:  # pragma: no cover - depends on a sibling module
        return sympy.Heaviside(n, 1)
    return shared_step(n)


def _delta(n: Expr) -> Expr:
    """The unit impulse ``delta[n]``, as symconv.sequences defines it when it exists."""
    try:
        from symconv.sequences import delta
    except ImportError:  # pragma: no cover - depends on a sibling module
        return sympy.KroneckerDelta(n, 0)
    return delta(n)


# --------------------------------------------------------------------------- tokens

_GREEK = frozenset(
    "alpha beta gamma delta epsilon varepsilon zeta eta theta vartheta iota kappa lambda mu "
    "nu xi rho varrho sigma varsigma tau upsilon phi varphi chi psi omega Gamma Delta Theta "
    "Lambda Xi Sigma Upsilon Phi Psi Omega".split()
)
_SPACES = frozenset(
    r"\, \; \: \! \  \quad \qquad \displaystyle \textstyle \limits \nolimits \left \right "
    r"\bigl \bigr \Bigl \Bigr \biggl \biggr \big \Big \bigg \Bigg \middle".split()
) | {"\\ "}
_FRACS = frozenset({"frac", "tfrac", "dfrac", "cfrac"})
_TEXT_CMDS = frozenset({"mathrm", "text", "mathit", "textrm", "mathsf", "textit", "mathbf"})
_ELLIPSES = frozenset({"ldots", "cdots", "dots", "dotsc", "vdots", "ddots"})
# commands latex2sympy2 reads and our own grammar leaves to it
_GENERAL = frozenset(
    "sqrt sin cos tan cot sec csc sinh cosh tanh arcsin arccos arctan exp ln log binom "
    "lfloor rfloor lceil rceil operatorname".split()
)
_CONSTS = {"pi": sympy.pi, "infty": sympy.oo, "imath": sympy.I, "jmath": sympy.I}
_OPERATORS = {"cdot": "cdot", "times": "times"}
_CONV_OPS = frozenset({"ast", "star", "otimes", "circledast", "circledcirc", "oplus"})
_MODS = frozenset({"bmod", "mod", "pmod"})
_FUNCS = frozenset({"max", "min"})
_CONJ = frozenset({"overline", "bar"})
_MATRIX_ENVS = frozenset({"bmatrix", "pmatrix", "matrix", "Bmatrix", "smallmatrix", "array"})


@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # num name const op frac sum general open close sep ell begin end eof, and
    #            mod (\bmod, \pmod, mod), func (\max, \min), conj (\overline), convop (\ast, \star)
    text: str  # for 'name': the name; for 'op'/'open'/'close'/'sep': the symbol
    col: int  # 1-based column of the first character in the user's text
    end: int  # column just after the token


def _tokenize(text: str, where: str, spellings: dict[str, str] | None = None) -> list[_Tok]:
    """Split LaTeX ``text`` into tokens, dropping spacing commands; columns are 1-based.

    ``spellings`` maps the ways a known symbol is written (``x_0``, ``x_{0}``, ``ab``,
    ``\\alpha_{1}``) to its name: such text is one name token, not ``x`` indexed by 0.
    """
    toks: list[_Tok] = []
    i, n = 0, len(text)
    known = sorted(spellings or {}, key=len, reverse=True)

    def err(col: int, problem: str) -> InputError:
        return InputError(f"{where}, column {col}", problem)

    while i < n:
        c = text[i]
        col = i + 1
        spelled = _spelled(text, i, known) if known and (c in _LETTERS or c == "\\") else None
        if spelled is not None:
            toks.append(_Tok("name", spellings[spelled], col, col + len(spelled)))  # type: ignore[index]
            i += len(spelled)
        elif c in " \t\r\n~$":
            i += 1
        elif c in _DIGITS or (c == "." and i + 1 < n and text[i + 1] in _DIGITS):
            m = re.compile(r"[0-9]*(?:\.[0-9]*)?").match(text, i)
            assert m is not None
            raw = m.group()
            if raw.count(".") and raw.endswith("."):
                raw = raw[:-1]  # "3." then a full stop
            i += len(raw)
            toks.append(_Tok("num", raw, col, i + 1))
        elif c in _LETTERS:
            if text.startswith("conj(", i) and not (i and text[i - 1] in _LETTERS):
                toks.append(_Tok("conj", "conj", col, col + 4))  # plain text's conj(h[m])
                i += 4
                continue
            if text.startswith("mod", i) and not (i and text[i - 1] in _LETTERS) and (
                    i + 3 == n or text[i + 3] not in _LETTERS):  # the word mod: (n - m) mod N
                toks.append(_Tok("mod", "mod", col, col + 3))
                i += 3
                continue
            toks.append(_Tok("name", c, col, col + 1))
            i += 1
        elif c == "\\":
            if i + 1 >= n:
                raise err(col, "a lone '\\' ends the text")
            nxt = text[i + 1]
            if nxt not in _LETTERS:
                i += 2
                sym = "\\" + nxt
                if nxt in ",;:! ":
                    continue
                if nxt == "\\":
                    toks.append(_Tok("sep", "\\\\", col, i + 1))
                elif nxt == "{":
                    toks.append(_Tok("open", "\\{", col, i + 1))
                elif nxt == "}":
                    toks.append(_Tok("close", "\\}", col, i + 1))
                elif nxt in "%$&#_":
                    raise err(col, f"'{sym}' is not part of a number or formula")
                else:
                    raise err(col, f"unknown LaTeX command '{one_line(sym)}'")
                continue
            m = re.compile(r"[A-Za-z]+").match(text, i + 1)
            assert m is not None
            name = m.group()
            i = m.end()
            cmd = "\\" + name
            if cmd in _SPACES:
                if name in ("left", "right") and i < n and text[i] == ".":
                    i += 1  # \left. and \right. are invisible
                continue
            if name in _TEXT_CMDS or name == "operatorname":
                m2 = re.compile(r"\s*\{\s*([A-Za-z](?:[A-Za-z0-9]|\\?_)*)\s*\}").match(text, i)
                if m2 is None:
                    raise err(col, f"'{cmd}' needs a name in braces, e.g. {cmd}{{e}}")
                word = m2.group(1).replace("\\_", "_")  # \mathit{x1}, \mathit{x\_1}: a name
                i = m2.end()
                if word == "mod":
                    toks.append(_Tok("mod", text[col - 1 : i], col, i + 1))
                elif name == "operatorname":
                    toks.append(_Tok("general", text[col - 1 : i], col, i + 1))
                elif word in ("i", "j"):
                    toks.append(_Tok("const", "I", col, i + 1))
                elif word == "e":
                    toks.append(_Tok("const", "E", col, i + 1))
                else:
                    toks.append(_Tok("name", word, col, i + 1))
            elif name in _FRACS:
                toks.append(_Tok("frac", cmd, col, i + 1))
            elif name in _GREEK:
                toks.append(_Tok("name", name, col, i + 1))
            elif name in _CONSTS:
                toks.append(_Tok("const", name, col, i + 1))
            elif name in _OPERATORS:
                toks.append(_Tok("op", _OPERATORS[name], col, i + 1))
            elif name == "sum":
                toks.append(_Tok("sum", cmd, col, i + 1))
            elif name in ("lbrace", "lbrack", "rbrace", "rbrack"):
                kind = "open" if name[0] == "l" else "close"
                sym = {"lbrace": "\\{", "rbrace": "\\}", "lbrack": "[", "rbrack": "]"}[name]
                toks.append(_Tok(kind, sym, col, i + 1))
            elif name in _ELLIPSES:
                toks.append(_Tok("ell", cmd, col, i + 1))
            elif name in ("begin", "end"):
                m2 = re.compile(r"\s*\{\s*([A-Za-z*]+)\s*\}").match(text, i)
                if m2 is None:
                    raise err(col, f"'{cmd}' needs an environment name, e.g. {cmd}{{bmatrix}}")
                env = m2.group(1)
                i = m2.end()
                if name == "begin" and env == "array":  # skip the column spec {ccc}
                    m3 = re.compile(r"\s*\{[lcr|\s]*\}").match(text, i)
                    if m3 is not None:
                        i = m3.end()
                toks.append(_Tok(name, env, col, i + 1))
            elif name in _GENERAL:
                toks.append(_Tok("general", cmd, col, i + 1))
            elif name in _CONV_OPS:
                toks.append(_Tok("convop", cmd, col, i + 1))  # only (x \ast h)[n] is read
            elif name in _MODS:
                toks.append(_Tok("mod", cmd, col, i + 1))
            elif name in _FUNCS:
                toks.append(_Tok("func", name, col, i + 1))
            elif name in _CONJ:
                toks.append(_Tok("conj", cmd, col, i + 1))
            else:
                raise err(col, f"unknown LaTeX command '{one_line(cmd)}'")
        elif c in "([{":
            toks.append(_Tok("open", c, col, col + 1))
            i += 1
        elif c in ")]}":
            toks.append(_Tok("close", c, col, col + 1))
            i += 1
        elif c == "*" and text.startswith("**", i):
            toks.append(_Tok("op", "**", col, col + 2))  # plain text's power, a**2
            i += 2
        elif c in "+-*/^_=!|":
            toks.append(_Tok("op", c, col, col + 1))
            i += 1
        elif c in ",;&":
            toks.append(_Tok("sep", c, col, col + 1))
            i += 1
        else:
            raise err(col, f"unexpected character {c!r}")
    toks.append(_Tok("eof", "", n + 1, n + 1))
    return toks


def _spelled(text: str, i: int, known: list[str]) -> str | None:
    """The longest known spelling of a symbol at ``text[i]`` that is a whole word there."""
    if i and text[i] != "\\" and text[i - 1] in _LETTERS:
        return None  # inside a word
    for spelling in known:
        if text.startswith(spelling, i):
            end = i + len(spelling)
            if spelling[-1].isalnum() and end < len(text) and text[end].isalnum():
                continue  # x_0 in x_01, ab in abc
            return spelling
    return None


def symbol_spellings(names: Any) -> dict[str, str]:
    r"""How the data's symbols with longer names are written in a line: the name itself (plain
    text, ``x_0``) and SymPy's LaTeX for it (``x_{0}``), each mapped to the name.

    Single letters need no entry (a letter is a name already), nor does the word ``mod``.

    Examples
    --------
    >>> symbol_spellings(["x_0", "a", "alpha_1"])
    {'x_0': 'x_0', 'x_{0}': 'x_0', 'alpha_1': 'alpha_1', '\\alpha_{1}': 'alpha_1'}
    """
    out: dict[str, str] = {}
    for name in names:
        if len(name) < 2 or name == "mod":
            continue
        for spelling in (name, sympy.latex(sympy.Symbol(name))):
            out.setdefault(spelling, name)
    return out


def _name_spellings(names: Any) -> dict[str, str]:
    r"""How a sequence's name is written: itself (``x1``, ``alpha``, ``x_1``) and SymPy's LaTeX
    for it (``x_{1}``); ``\alpha`` and ``\mathit{x\_1}`` are read as names already.

    Examples
    --------
    >>> _name_spellings(["x1", "u"])
    {'x1': 'x1', 'x_{1}': 'x1'}
    """
    out: dict[str, str] = {}
    for name in sorted(names):
        if len(name) < 2 or name == "mod" or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", name):
            continue
        for spelling in (name, sympy.latex(sympy.Symbol(name))):
            if not spelling.startswith("\\"):
                out.setdefault(spelling, name)
    return out


_DIGITS = frozenset("0123456789")
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_PAIRS = {"(": ")", "[": "]", "{": "}", "\\{": "\\}"}


def _check_brackets(toks: list[_Tok], text: str, where: str) -> None:
    """Refuse unbalanced brackets and environments before parsing, naming the opener."""
    stack: list[tuple[_Tok, int]] = []  # opener, index of the token that starts its construct
    for k, t in enumerate(toks):
        if t.kind in ("open", "begin"):
            start = k
            if t.kind == "open" and t.text == "{":
                # the construct is e.g. \frac{1}{ : go back over the command and its groups
                j = k - 1
                while j >= 0 and toks[j].kind == "close" and toks[j].text == "}":
                    depth = 0
                    while j >= 0:
                        if toks[j].kind == "close" and toks[j].text == "}":
                            depth += 1
                        elif toks[j].kind == "open" and toks[j].text == "{":
                            depth -= 1
                            if depth == 0:
                                break
                        j -= 1
                    j -= 1
                if j >= 0 and toks[j].kind in ("frac", "general", "op") and toks[j].text in (
                    *_FRACS_CMDS,
                    *(f"\\{g}" for g in _GENERAL),
                    "^",
                    "_",
                ):
                    start = j
            stack.append((t, start))
            if len(stack) > MAX_NESTING:
                raise InputError(
                    f"{where}, column {t.col}", f"brackets nested deeper than {MAX_NESTING}"
                )
        elif t.kind in ("close", "end"):
            if not stack:
                opener = "\\begin" if t.kind == "end" else _opener_of(t.text)
                raise InputError(
                    f"{where}, column {t.col}",
                    f"'{_show(t)}' has no matching '{opener}'",
                )
            o, _ = stack.pop()
            want = ("\\end{" + o.text + "}") if o.kind == "begin" else _PAIRS[o.text]
            got = _show(t)
            if got != want:
                raise InputError(
                    f"{where}, column {t.col}",
                    f"expected '{want}' to close '{_show(o)}' (column {o.col}), found '{got}'",
                )
    if stack:
        o, start = stack[-1]
        want = ("\\end{" + o.text + "}") if o.kind == "begin" else _PAIRS[o.text]
        quoted = text[toks[start].col - 1 : o.end - 1]
        raise InputError(f"{where}, column {o.col}", f"expected '{want}' to close '{quoted}'")


_FRACS_CMDS = tuple(f"\\{f}" for f in _FRACS)


def _opener_of(close: str) -> str:
    return {v: k for k, v in _PAIRS.items()}[close]


def _show(t: _Tok) -> str:
    if t.kind == "begin":
        return "\\begin{" + t.text + "}"
    if t.kind == "end":
        return "\\end{" + t.text + "}"
    return t.text


# --------------------------------------------------------------------------- syntax tree


@dataclass(frozen=True, slots=True)
class Node:
    """One node of a parsed formula; ``col`` is the 1-based column in the user's text.

    ``kind`` is one of: ``num`` (``value``, ``text``), ``name`` (``name``), ``const``
    (``value``), ``index`` (``name``, ``args`` the index, one per axis: ``x[1,2]``), ``step``/``delta`` (``args[0]``),
    ``neg`` (``args[0]``), ``add`` (``args`` terms, ``ops`` their signs ``'+'``/``'-'``),
    ``mul`` (``args`` factors, ``ops`` the operators between them: ``'cdot'``, ``'times'``,
    ``'*'``, ``'/'``, ``'juxt'``), ``frac`` and ``pow`` (``args`` two), ``group``
    (parentheses, ``args[0]``), ``sum`` (``name`` the summation index, ``args`` body, low,
    high; a missing bound is ``None``; ``\\sum_{k,l}`` is a sum over k of a sum over l),
    ``mod`` (``args`` value and modulus: ``\\bmod``, ``\\mod``, ``\\pmod{N}``, ``mod``,
    ``((n))_N``), ``func`` (``name`` ``max``/``min``, ``args``), ``conj`` (``\\overline{...}``,
    ``h^*[m]``; ``args[0]``), ``operation`` (``(x * h)[n]``: ``name`` ``'x,h'``, ``text`` the
    operator ``\\ast``/``\\star``/..., ``args`` the index), ``general`` (``value`` read by
    latex2sympy2).
    """

    kind: str
    col: int
    args: tuple[Any, ...] = ()
    ops: tuple[str, ...] = ()
    name: str = ""
    text: str = ""
    value: Any = None

    def terms(self) -> tuple[tuple[str, Node], ...]:
        """The signed terms of a sum (a single ``('+', self)`` for anything else).

        Examples
        --------
        >>> [(s, t.kind) for s, t in parse_latex("1 - 2 x").terms()]
        [('+', 'num'), ('-', 'mul')]
        """
        node = self.args[0] if self.kind == "group" else self
        if node.kind == "add":
            return tuple(zip(node.ops, node.args, strict=True))
        if node.kind == "neg":
            return (("-", node.args[0]),)
        return (("+", self),)

    def factors(self) -> tuple[Node, ...]:
        """The factors of a product (``(self,)`` for anything else); divisions are kept."""
        return self.args if self.kind == "mul" else (self,)


class _Delegate(Exception):
    """Raised inside the own parser when an item needs latex2sympy2."""


class _Parser:
    """Recursive descent over one token span (an item, or one side of ``=``)."""

    def __init__(self, toks: list[_Tok], where: str, text: str, sequences: frozenset[str] = frozenset()) -> None:
        self.toks = toks
        self.i = 0
        self.where = where
        self.text = text
        self.sequences = sequences  # names of the sequences: never the step u, the impulse or e

    # helpers -----------------------------------------------------------------
    @property
    def tok(self) -> _Tok:
        return self.toks[self.i]

    def err(self, t: _Tok, problem: str) -> InputError:
        return InputError(f"{self.where}, column {t.col}", problem)

    def at(self, kind: str, text: str | None = None) -> bool:
        t = self.tok
        return t.kind == kind and (text is None or t.text == text)

    def take(self) -> _Tok:
        t = self.tok
        self.i += 1
        return t

    def expect_close(self, opener: _Tok, close: str) -> None:
        if not self.at("close", close):
            t = self.tok
            found = "the end" if t.kind == "eof" else f"'{_show(t)}'"
            raise self.err(t, f"expected '{close}' to close '{_show(opener)}' (column "
                           f"{opener.col}), found {found}")
        self.take()

    # grammar -----------------------------------------------------------------
    def whole(self) -> Node:
        node = self.expr()
        if not self.at("eof"):
            raise self.unexpected(self.tok)
        return node

    def unexpected(self, t: _Tok) -> InputError:
        if t.kind == "convop":
            return self.err(t, f"'{t.text}' is an operation, not a value; write the result")
        return self.err(t, f"unexpected '{_show(t)}'")

    def expr(self) -> Node:
        ops: list[str] = []
        terms: list[Node] = []
        col = self.tok.col
        if self.at("op", "+") or self.at("op", "-"):
            ops.append(self.take().text)
        else:
            ops.append("+")
        terms.append(self.term())
        while self.at("op", "+") or self.at("op", "-"):
            ops.append(self.take().text)
            terms.append(self.term())
        if len(terms) == 1:
            node = terms[0] if ops[0] == "+" else Node("neg", col, (terms[0],))
        else:
            node = Node("add", col, tuple(terms), tuple(ops))
        while self.at("mod"):
            node = Node("mod", col, (node, self.modulus()))
        return node

    def modulus(self) -> Node:
        """The modulus after ``\\bmod``, ``\\mod`` or ``mod`` (a term), or ``\\pmod`` (its argument)."""
        op = self.take()
        if self.at("eof") or self.at("close") or self.at("sep"):
            raise self.err(op, f"'{op.text}' needs a modulus, e.g. (n - m) {op.text} N")
        if op.text == "\\pmod":
            return self.script_arg(op, op.text)
        return self.term()

    def _starts_factor(self) -> bool:
        t = self.tok
        return t.kind in ("num", "name", "const", "frac", "sum", "general", "func", "conj") or (
            t.kind == "open" and t.text in ("(", "{")
        )

    def term(self) -> Node:
        col = self.tok.col
        first = self.factor()
        factors, ops = [first], []
        while True:
            t = self.tok
            if t.kind == "op" and t.text in ("cdot", "times", "*", "/"):
                self.take()
                if self.at("op", "-") or self.at("op", "+"):  # 2 \cdot -3
                    s = self.take()
                    f = self.factor()
                    factors.append(Node("neg", s.col, (f,)) if s.text == "-" else f)
                else:
                    factors.append(self.factor())
                ops.append(t.text)
            elif self._starts_factor():
                prev = factors[-1]
                nxt = self.factor()
                if t.kind == "num" and _ends_in_number(prev):
                    raise self.err(t, f"two numbers side by side ('{self._span(prev)}'); "
                                   "separate items with commas or multiply with \\cdot")
                if t.kind == "frac" and _ends_in_number(prev):
                    raise self.err(t, f"'{self._span(prev)}' is ambiguous (a mixed "
                                   "number or a product); write \\cdot for a product or a "
                                   "single fraction")
                factors.append(nxt)
                ops.append("juxt")
            else:
                break
        if len(factors) == 1:
            return first
        return Node("mul", col, tuple(factors), tuple(ops))

    def _span(self, node: Node) -> str:
        """The user's text from ``node`` up to the last token read."""
        return self.text[node.col - 1 : self.toks[self.i - 1].end - 1].strip()

    def factor(self) -> Node:
        t = self.tok
        if t.kind == "op" and t.text == "-":
            self.take()
            return Node("neg", t.col, (self.factor(),))
        if t.kind == "op" and t.text == "+":
            self.take()
            return self.factor()
        base = self.postfix()
        if self.at("op", "^"):
            caret = self.take()
            t = self.tok
            if t.kind == "num" and len(t.text) > 1 and t.text.isdigit():  # TeX: n^20 is n^{2} 0
                power = self.text[base.col - 1 : t.end - 1].strip()
                raise self.err(t, f"TeX reads '{power}' as {power[:-len(t.text)]}{{{t.text[0]}}} "
                                  f"{t.text[1:]}; write {power[:-len(t.text)]}{{{t.text}}}")
            exp = self.script_arg(caret, "^")
            base = Node("pow", base.col, (base, exp))
            if self.at("op", "^"):
                raise self.err(self.tok, "double superscript; use braces, e.g. 2^{3^{2}}")
        elif self.at("op", "**"):  # plain text: the exponent is a whole factor, a**-2, a**10
            self.take()
            base = Node("pow", base.col, (base, self.factor()))
        if self.at("op", "!") or self.at("op", "|"):
            raise _Delegate
        return base

    def script_arg(self, op: _Tok, sym: str) -> Node:
        """The argument of ``^`` or ``_``: a braced group or a single character/command."""
        t = self.tok
        if t.kind == "open" and t.text == "{":
            self.take()
            if self.at("close", "}"):
                raise self.err(t, f"empty group after '{sym}'")
            inner = self.expr()
            self.expect_close(t, "}")
            return inner
        if t.kind == "num":
            return self._one_digit()
        if t.kind in ("name", "const"):
            return self.atom()
        if t.kind == "eof":
            raise self.err(op, f"'{sym}' at the end needs an argument")
        raise self.err(t, f"'{sym}' needs braces around '{_show(t)}', e.g. {sym}{{-1}}")

    def _one_digit(self) -> Node:
        """Take the first digit of a number token (TeX reads ``^12`` and ``\\frac12`` so)."""
        t = self.tok
        if len(t.text) > 1:
            if t.text[1] == ".":
                raise self.err(t, f"'{t.text}' needs braces here, e.g. {{{t.text}}}")
            self.toks[self.i] = _Tok("num", t.text[1:], t.col + 1, t.end)
            return _number(t.text[0], t.col)
        self.take()
        return _number(t.text, t.col)

    def postfix(self) -> Node:
        node = self.atom()
        if node.kind == "conj" and node.args[0].kind == "name" and self.at("open", "["):
            # \overline{h}[m]: the conjugate sequence, indexed
            return Node("conj", node.col, (self._indexed_name(node.args[0]),))
        if node.kind == "name" and self._conj_star():
            # h^*[m] and h^{*}[m]: the conjugate of h[m]
            return Node("conj", node.col, (self._indexed_name(node),))
        return self._indexed_name(node)

    def _conj_star(self) -> bool:
        """Whether ``^*`` or ``^{*}`` and then ``[`` follow (and take the star if so)."""
        toks, i = self.toks, self.i
        star = [("op", "^"), ("op", "*"), ("open", "[")]
        braced = [("op", "^"), ("open", "{"), ("op", "*"), ("close", "}"), ("open", "[")]
        for pattern in (star, braced):
            if all(i + k < len(toks) and (toks[i + k].kind, toks[i + k].text) == p
                   for k, p in enumerate(pattern)):
                self.i += len(pattern) - 1
                return True
        return False

    def _tuple_mod(self, bracket: _Tok) -> list[Node] | None:
        """``[(i-k, j-l) \\bmod N]``: one index per axis, each taken modulo N; None otherwise."""
        toks, i = self.toks, self.i
        if not (toks[i].kind == "open" and toks[i].text == "("):
            return None
        close = _match(toks, i)
        commas = [k for k in range(i + 1, close) if toks[k].kind == "sep" and toks[k].text == ","
                  and _depth(toks[i + 1:k], k - i - 1) == 0]
        if not commas or close < 0 or toks[close + 1].kind != "mod":
            return None
        opener = self.take()
        parts = [self.expr()]
        while self.at("sep", ","):
            self.take()
            parts.append(self.expr())
        self.expect_close(opener, ")")
        modulus = self.modulus()
        return [Node("mod", p.col, (p, modulus)) for p in parts]

    def _indexed_name(self, node: Node) -> Node:
        if node.kind == "name" or (node.kind == "const" and node.text == "E"):
            name = node.name or "e"
            t = self.tok
            if t.kind == "open" and t.text == "[":
                self.take()
                if self.at("close", "]"):
                    raise self.err(t, f"empty index in '{name}[]'")
                wrapped = self._tuple_mod(t)
                if wrapped is not None:
                    self.expect_close(t, "]")
                    return Node("index", node.col, tuple(wrapped), name=name)
                indices = [self.expr()]
                special = name in ("u", "delta") and name not in self.sequences
                while self.at("sep", ",") and not special:  # x[1,2]: one index per axis
                    self.take()
                    indices.append(self.expr())
                self.expect_close(t, "]")
                if len(indices) > 1 or not special:
                    return Node("index", node.col, tuple(indices), name=name)
                return _indexed(name, indices[0], node.col)
            if t.kind == "op" and t.text == "_":
                self.take()
                idx = self.script_arg(t, "_")
                if name in self.sequences:
                    return Node("index", node.col, (idx,), name=name)
                return _indexed(name, idx, node.col)
            if t.kind == "open" and t.text == "(" and name in ("u", "delta") and name not in self.sequences:
                self.take()
                idx = self.expr()
                self.expect_close(t, ")")
                return _indexed(name, idx, node.col)
        return node

    def atom(self) -> Node:
        t = self.tok
        if t.kind == "num":
            self.take()
            return _number(t.text, t.col)
        if t.kind == "name":
            self.take()
            if t.text == "e" and "e" not in self.sequences:
                return Node("const", t.col, text="E", value=sympy.E)
            return Node("name", t.col, name=t.text)
        if t.kind == "const":
            self.take()
            value = {"I": sympy.I, "E": sympy.E}.get(t.text) or _CONSTS[t.text]
            return Node("const", t.col, text=t.text, value=value)
        if t.kind == "open" and t.text in ("(", "{"):
            operation = self.operation()
            if operation is not None:
                return operation
            self.take()
            if self.at("close"):
                raise self.err(t, f"empty '{t.text}{_PAIRS[t.text]}'")
            inner = self.expr()
            if self.at("sep", ","):
                raise self.err(self.tok, "a list inside a formula; a sequence is written "
                               "[1, 2, 3] or \\{1, 2, 3\\} on its own")
            self.expect_close(t, _PAIRS[t.text])
            if t.text == "(" and inner.kind == "group" and self.at("op", "_"):
                # ((n - m))_N: Oppenheim and Schafer's n - m modulo N
                under = self.take()
                return Node("mod", t.col, (inner.args[0], self.script_arg(under, "_")))
            return Node("group", t.col, (inner,)) if t.text == "(" else inner
        if t.kind == "func":
            return self.function()
        if t.kind == "conj" and t.text == "conj":  # conj(h[m]), as plain text writes it
            self.take()
            opener = self.take()
            inner = self.expr()
            self.expect_close(opener, ")")
            return Node("conj", t.col, (inner,), text=t.text)
        if t.kind == "conj":
            self.take()
            if not self.at("open", "{"):
                raise self.err(self.tok, f"'{t.text}' needs braces, e.g. {t.text}{{h[m]}}")
            return Node("conj", t.col, (self.script_arg(t, t.text),), text=t.text)
        if t.kind == "convop":
            raise self.unexpected(t)
        if t.kind == "frac":
            self.take()
            num = self.frac_arg(t)
            den = self.frac_arg(t)
            return Node("frac", t.col, (num, den))
        if t.kind == "sum":
            return self.sum_()
        if t.kind == "general":
            raise _Delegate
        if t.kind == "ell":
            raise self.err(t, f"'{t.text}' leaves terms out; write every term")
        if t.kind == "eof":
            raise self.err(t, "the formula ends too early")
        if t.kind == "op" and t.text in ("!", "|"):
            raise _Delegate
        if t.kind == "op" and t.text == "=":
            raise self.err(t, "unexpected '='")
        if t.kind == "mod":
            raise self.err(t, f"'{t.text}' needs a value before it, e.g. (n - m) {t.text} N")
        raise self.err(t, f"unexpected '{_show(t)}'")

    def operation(self) -> Node | None:
        """``(x * h)[n]``, ``(x \\star h)[i,j]``: the operation's name for its output (a worked
        line's notation stage), or None when the parenthesis holds anything else."""
        toks, i = self.toks, self.i
        shape = [("name",), ("op", "convop"), ("name",), ("close",), ("open",)]
        if i + 5 >= len(toks) or not all(toks[i + 1 + k].kind in kinds for k, kinds in enumerate(shape)):
            return None
        a, op, b, close, bracket = toks[i + 1 : i + 6]
        if (op.kind == "op" and op.text != "*") or close.text != ")" or bracket.text != "[":
            return None
        opener = self.take()
        self.i += 3
        self.take()
        self.take()
        indices = [self.expr()]
        while self.at("sep", ","):
            self.take()
            indices.append(self.expr())
        self.expect_close(bracket, "]")
        return Node("operation", opener.col, tuple(indices), name=f"{a.text},{b.text}",
                    text=op.text)

    def function(self) -> Node:
        """``\\max(a, b, ...)`` and ``\\min(a, b, ...)``."""
        f = self.take()
        if not self.at("open", "("):
            raise self.err(self.tok, f"'\\{f.text}' needs its arguments in parentheses, e.g. "
                                     f"\\{f.text}(0, n - 2)")
        opener = self.take()
        args = [self.expr()]
        while self.at("sep", ","):
            self.take()
            args.append(self.expr())
        self.expect_close(opener, ")")
        return Node("func", f.col, tuple(args), name=f.text)

    def frac_arg(self, frac: _Tok) -> Node:
        t = self.tok
        if t.kind == "open" and t.text == "{":
            self.take()
            if self.at("close", "}"):
                raise self.err(t, f"empty argument of '{frac.text}'")
            inner = self.expr()
            self.expect_close(t, "}")
            return inner
        if t.kind == "num":  # brace-less \frac12: one digit per argument, as TeX reads it
            return self._one_digit()
        if t.kind in ("name", "const"):
            return self.atom()
        found = "the end" if t.kind == "eof" else f"'{_show(t)}'"
        raise self.err(t, f"'{frac.text}' needs two arguments, e.g. {frac.text}{{1}}{{2}}; "
                       f"found {found}")

    def sum_(self) -> Node:
        s = self.take()
        if not self.at("op", "_"):
            raise self.err(s, "'\\sum' needs an index, e.g. \\sum_{m} or \\sum_{m=0}^{3}")
        self.take()
        lo = hi = None
        more: list[str] = []  # \sum_{k,l}: one sum per index, outer first
        t = self.tok
        if t.kind == "name":
            self.take()
            var = t.text
        elif t.kind == "open" and t.text == "{":
            self.take()
            v = self.tok
            if v.kind != "name":
                raise self.err(v, "'\\sum' needs an index name, e.g. \\sum_{m=0}^{3}")
            self.take()
            var = v.text
            while self.at("sep", ","):
                self.take()
                w = self.tok
                if w.kind != "name":
                    raise self.err(w, "'\\sum' needs index names, e.g. \\sum_{k,l}")
                more.append(self.take().text)
            if self.at("op", "="):
                self.take()
                lo = self.expr()
            self.expect_close(t, "}")
        else:
            raise self.err(t, "'\\sum' needs an index name, e.g. \\sum_{m=0}^{3}")
        if self.at("op", "^"):
            caret = self.take()
            hi = self.script_arg(caret, "^")
        body = self.term()
        for name in reversed(more):
            body = Node("sum", s.col, (body, lo, hi), name=name)
        return Node("sum", s.col, (body, lo, hi), name=var)


def _number(text: str, col: int) -> Node:
    return Node("num", col, text=text, value=sympy.Rational(text))


def _indexed(name: str, idx: Node, col: int) -> Node:
    if name == "u":
        return Node("step", col, (idx,), name=name)
    if name == "delta":
        return Node("delta", col, (idx,), name=name)
    return Node("index", col, (idx,), name=name)


def _ends_in_number(node: Node) -> bool:
    """Whether a factor ends with a bare number (so that a number after it is ambiguous)."""
    if node.kind in ("num", "frac"):
        return True
    if node.kind == "pow":
        return _ends_in_number(node.args[1]) and node.args[1].kind == "num"
    if node.kind == "neg":
        return _ends_in_number(node.args[0])
    return False


# --------------------------------------------------------------------------- evaluation

IndexedHook = Callable[[str, Expr, Node], Expr]


def evaluate(node: Node, *, where: str = "answer", indexed: IndexedHook | None = None) -> Expr:
    """Evaluate a parsed formula exactly with SymPy.

    Parameters
    ----------
    node : Node
        From `parse_latex` or `parse_chain`.
    where : str, optional
        Names the input in error messages.
    indexed : callable, optional
        ``indexed(name, index, node)`` gives the value of ``name[index]``; by default it is
        ``sympy.Indexed(name, index)`` (``u`` and ``\\delta`` are always the step and impulse).

    Returns
    -------
    sympy.Expr
        Exact: integers, rationals, symbols; never a Float.

    Raises
    ------
    InputError
        A power too large to build, or a division by zero.

    Examples
    --------
    >>> evaluate(parse_latex(r"a[1] \\cdot 2"), indexed=lambda name, k, node: k + 5)
    12
    """

    def ev(nd: Node) -> Expr:
        k = nd.kind
        if k == "num":
            return nd.value
        if k == "const":
            return nd.value
        if k == "general":
            return nd.value
        if k == "name":
            return sympy.Symbol(nd.name, real=True)
        if k == "group":
            return ev(nd.args[0])
        if k == "neg":
            return -ev(nd.args[0])
        if k == "add":
            return sympy.Add(*(ev(a) if s == "+" else -ev(a) for s, a in zip(nd.ops, nd.args)))
        if k == "mul":
            acc = ev(nd.args[0])
            for op, a in zip(nd.ops, nd.args[1:]):
                acc = _divide(acc, ev(a), a, where) if op == "/" else acc * ev(a)
            return acc
        if k == "frac":
            return _divide(ev(nd.args[0]), ev(nd.args[1]), nd.args[1], where)
        if k == "pow":
            return _power(ev(nd.args[0]), ev(nd.args[1]), nd, where)
        if k == "step":
            return unit_step(ev(nd.args[0]))
        if k == "delta":
            return _delta(ev(nd.args[0]))
        if k == "index":
            idx = ev(nd.args[0]) if len(nd.args) == 1 else tuple(ev(a) for a in nd.args)
            if indexed is not None:
                return indexed(nd.name, idx, nd)
            return sympy.Indexed(sympy.IndexedBase(nd.name), *(idx if isinstance(idx, tuple) else (idx,)))
        if k == "mod":
            value, modulus = ev(nd.args[0]), ev(nd.args[1])
            if modulus.is_number and not (modulus.is_Integer and modulus > 0):
                raise InputError(f"{where}, column {nd.args[1].col}",
                                 f"the modulus {modulus} is not a positive integer")
            return sympy.Mod(value, modulus)
        if k == "func":
            return (sympy.Max if nd.name == "max" else sympy.Min)(*(ev(a) for a in nd.args))
        if k == "conj":
            return sympy.conjugate(ev(nd.args[0]))
        if k == "operation":
            raise InputError(f"{where}, column {nd.col}",
                             f"'{nd.text}' is an operation, not a value; write the result")
        if k == "sum":
            body, lo, hi = nd.args
            m = sympy.Symbol(nd.name, integer=True)
            if lo is None or hi is None:
                raise InputError(f"{where}, column {nd.col}",
                                 "a sum without both bounds has no value; write "
                                 "\\sum_{m=0}^{3} or expand it")
            lo_v, hi_v = ev(lo), ev(hi)
            inner = _with_index_symbol(body, nd.name, m, where, indexed)
            s = sympy.Sum(inner, (m, lo_v, hi_v))
            if lo_v.is_Integer and hi_v.is_Integer and hi_v - lo_v < MAX_SUM_TERMS:
                return s.doit()
            return s
        raise AssertionError(f"unknown node kind {k}")  # pragma: no cover

    return ev(node)


def _with_index_symbol(body: Node, name: str, m: sympy.Symbol, where: str,
                       indexed: IndexedHook | None) -> Expr:
    value = evaluate(body, where=where, indexed=indexed)
    return value.subs(sympy.Symbol(name, real=True), m)


def _divide(a: Expr, b: Expr, node: Node, where: str) -> Expr:
    if b == 0:
        raise InputError(f"{where}, column {node.col}", "division by zero")
    return a / b


def _power(base: Expr, exp: Expr, node: Node, where: str) -> Expr:
    """``base ** exp``, refusing numeric powers over `MAX_POWER_BITS` before building them."""
    _check_power(base, exp, f"{where}, column {node.col}")
    if base == 0 and exp.is_number and exp.is_negative:
        raise InputError(f"{where}, column {node.col}", "division by zero (0 to a negative power)")
    return base**exp


def _check_power(base: Expr, exp: Expr, where: str) -> None:
    if not (base.is_number and exp.is_Rational):
        return  # symbolic powers stay unevaluated
    whole = abs(int(exp))  # SymPy builds base**floor(exp) for a fractional exponent too
    if base in (0, 1, -1) or whole <= 64:
        return
    if base.is_Rational:
        size = max(abs(base.p).bit_length(), base.q.bit_length())
    else:
        try:
            size = max(1, math.ceil(math.log2(float(abs(sympy.N(base, 15)))) + 1))
        except (TypeError, ValueError, OverflowError):
            size = MAX_POWER_BITS
    if size * whole > MAX_POWER_BITS:
        raise InputError(where, f"power too large to evaluate (exponent {exp}); the limit is "
                                f"{MAX_POWER_BITS} bits")


# --------------------------------------------------------------------------- latex2sympy2


_L2S2_LOCK = threading.Lock()


def _load_l2s2() -> Any:
    try:
        with warnings.catch_warnings():  # its antlr4 4.7.2 imports typing.io (deprecated)
            warnings.simplefilter("ignore", DeprecationWarning)
            import latex2sympy2
    except Exception as exc:  # e.g. Python 3.13: typing.io is gone, or not installed
        raise UnsupportedError(
            f"this LaTeX needs latex2sympy2, which cannot be imported here "
            f"({type(exc).__name__}: {exc}; pip installs it on Python 3.11 and 3.12 only): it reads \\sqrt, "
            f"functions such as \\sin, \\exp and \\log, \\binom and floors; write the value "
            f"with + - \\cdot \\frac ^ only"
        ) from None
    return latex2sympy2


def _emit_general(toks: list[_Tok], where: str, text: str) -> tuple[str, list[int], dict]:
    """Normalise an item's tokens into LaTeX for latex2sympy2.

    Returns the text, the user's column for each character of it, and the placeholder table.
    Names, constants, indexed names and decimals become placeholders ``\\mathit{sN}`` whose
    values we build ourselves; ``\\cdot`` goes between juxtaposed factors.
    """
    out: list[str] = []
    cols: list[int] = []
    table: dict[sympy.Symbol, Expr] = {}

    def put(s: str, col: int) -> None:
        out.append(s)
        cols.extend([col] * len(s))

    def placeholder(value: Expr, col: int) -> None:
        sym = sympy.Symbol(f"\\mathit{{s{len(table)}}}")
        table[sym] = value
        put(f"\\mathit{{s{len(table) - 1}}}", col)

    toks = _brace_frac_args(list(toks), where)
    i = 0
    prev_end = False  # the previous emitted token ends an operand
    while toks[i].kind != "eof":
        t = toks[i]
        closes = t.kind == "general" and t.text in ("\\rfloor", "\\rceil")  # ends an operand, starts none
        starts = (t.kind in ("num", "name", "const", "frac", "general", "sum") and not closes) or (
            t.kind == "open" and t.text == "("
        )
        if prev_end and starts:
            put("\\cdot ", t.col)
        if t.kind == "num":
            if "." in t.text:
                r = sympy.Rational(t.text)
                put(f"(\\frac{{{r.p}}}{{{r.q}}})", t.col)
            else:
                put(t.text, t.col)
            i += 1
            prev_end = True
        elif t.kind in ("name", "const"):
            # name[...], name_{...}, u(...), delta(...): parse the index with our own parser
            j = i + 1
            node: Node | None = None
            nxt = toks[j]
            name = t.text if t.kind == "name" else ("e" if t.text == "E" else "")
            if name and ((nxt.kind == "open" and nxt.text == "[") or (nxt.kind == "op" and nxt.text == "_")
                         or (nxt.kind == "open" and nxt.text == "(" and name in ("u", "delta"))):
                sub = _Parser(toks[i:] , where, text)
                node = sub.postfix()
                j = i + sub.i
            if node is None:
                sub = _Parser(toks[i:], where, text)
                node = sub.atom()
                j = i + sub.i
            placeholder(evaluate(node, where=where), t.col)
            i = j
            prev_end = True
        elif t.kind == "frac":
            put("\\frac", t.col)  # its arguments were braced by _brace_frac_args
            i += 1
            prev_end = False
        elif t.kind == "sum":
            raise UnsupportedError(f"{where}, column {t.col}: '\\sum' together with "
                                   "functions is not supported; expand the sum")
        elif t.kind in ("mod", "func", "conj"):
            shown = "\\" + t.text if t.kind == "func" else t.text
            raise UnsupportedError(f"{where}, column {t.col}: '{shown}' together with "
                                   "functions is not supported")
        elif t.kind == "convop":
            raise InputError(f"{where}, column {t.col}",
                             f"'{t.text}' is an operation, not a value; write the result")
        elif t.kind in ("sep", "begin", "end", "ell"):
            raise InputError(f"{where}, column {t.col}", f"unexpected '{_show(t)}'")
        elif t.kind == "op" and t.text == "=":
            raise InputError(f"{where}, column {t.col}", "unexpected '='")
        else:
            s = {"cdot": "\\cdot ", "times": "\\times ", "\\{": "\\{", "\\}": "\\}", "**": "^"}.get(t.text, t.text)
            if t.kind == "general" and not s.startswith("\\operatorname"):
                s += " "
            put(s, t.col)
            i += 1
            prev_end = (t.kind == "close" and t.text in (")", "]")) or (t.kind == "op" and t.text == "!") or closes
            if t.kind == "close" and t.text == "}":
                # a closing brace ends an operand unless another argument group follows
                prev_end = not (toks[i].kind == "open" and toks[i].text == "{")
            if t.kind == "op" and t.text == "|":
                prev_end = False
    return "".join(out), cols, table


def _brace_frac_args(toks: list[_Tok], where: str) -> list[_Tok]:
    """Put braces around brace-less fraction arguments: ``\\frac12`` -> ``\\frac{1}{2}``."""
    i = 0
    while i < len(toks):
        if toks[i].kind == "frac":
            j = i + 1
            for _ in range(2):
                a = toks[j]
                if a.kind == "open" and a.text == "{":
                    j = _match(toks, j) + 1
                    continue
                if a.kind not in ("num", "name", "const"):
                    found = "the end" if a.kind == "eof" else f"'{_show(a)}'"
                    raise InputError(f"{where}, column {a.col}",
                                     f"'{toks[i].text}' needs two arguments, e.g. "
                                     f"{toks[i].text}{{1}}{{2}}; found {found}")
                if a.kind == "num" and len(a.text) > 1:
                    if a.text[1] == ".":
                        raise InputError(f"{where}, column {a.col}",
                                         f"'{a.text}' needs braces here, e.g. {{{a.text}}}")
                    toks[j : j + 1] = [_Tok("num", a.text[0], a.col, a.col + 1),
                                       _Tok("num", a.text[1:], a.col + 1, a.end)]
                toks[j : j + 1] = [_Tok("open", "{", a.col, a.col), toks[j],
                                   _Tok("close", "}", a.col, a.col)]
                j += 3
        i += 1
    return toks


def _general_value(toks: list[_Tok], where: str, text: str) -> Expr:
    """Read one item with latex2sympy2, its traps neutralised (see the module docstring)."""
    span = text[toks[0].col - 1 : toks[-2].end - 1] if len(toks) > 1 else ""
    if len(span) > MAX_GENERAL_CHARS:
        raise InputError(f"{where}, column {toks[0].col}",
                         f"formula of {len(span)} characters is longer than the limit of "
                         f"{MAX_GENERAL_CHARS} for general LaTeX")
    src, cols, table = _emit_general(toks, where, text)
    l2s2 = _load_l2s2()
    from antlr4 import Token

    def col_of(k: int) -> int:
        return cols[min(k, len(cols) - 1)] if cols else 1

    with _L2S2_LOCK:
        saved = (dict(l2s2.variances), dict(l2s2.var), l2s2.VARIABLE_VALUES, l2s2.is_real,
                 l2s2.frac_type)
        try:
            l2s2.set_variances({})
            l2s2.set_real(None)
            # consumption check: the grammar must reach the end of the text (it silently
            # drops a trailing ')' and more otherwise)
            listener = l2s2.MathErrorListener(src)
            lexer = l2s2.PSLexer(l2s2.InputStream(src))
            lexer.removeErrorListeners()
            lexer.addErrorListener(listener)
            stream = l2s2.CommonTokenStream(lexer)
            parser = l2s2.PSParser(stream)
            parser.removeErrorListeners()
            parser.addErrorListener(listener)
            try:
                parser.math()
                leftover = parser.getCurrentToken()
                if leftover.type != Token.EOF:
                    raise InputError(f"{where}, column {col_of(leftover.start)}",
                                     f"unexpected '{leftover.text}'")
                raw = l2s2.latex2sympy(src)
            except InputError:
                raise
            except Exception as exc:  # its errors are bare Exceptions with a caret line
                lines = str(exc).split("\n")
                col = len(lines[-1]) - 1 if len(lines) >= 3 else 0
                problem = lines[0] if lines and lines[0] else "cannot read this formula"
                if problem == "I expected something else here":
                    problem = "cannot read the formula here"
                elif problem == "I don't understand this":
                    problem = "cannot understand the formula here"
                raise InputError(f"{where}, column {col_of(col)}", problem) from None
        finally:
            l2s2.variances, l2s2.var = saved[0], saved[1]
            l2s2.VARIABLE_VALUES, l2s2.is_real, l2s2.frac_type = saved[2], saved[3], saved[4]
    if isinstance(raw, (list, tuple)) or not isinstance(raw, sympy.Basic):
        raise InputError(f"{where}, column {toks[0].col}", "expected one value here")
    value = _rebuild(raw, table, f"{where}, column {toks[0].col}")
    return value


_GUARDED = (sympy.factorial, sympy.factorial2, sympy.binomial, sympy.gamma, sympy.RisingFactorial,
            sympy.FallingFactorial)


def _rebuild(expr: Any, table: dict, where: str) -> Expr:
    """Substitute placeholders and evaluate bottom-up, refusing huge powers and factorials."""
    if isinstance(expr, sympy.Symbol):
        if expr in table:
            return table[expr]
        raise InputError(where, f"cannot read '{expr.name}'")
    if isinstance(expr, sympy.Float):
        raise InputError(where, f"the formula produced an inexact number {expr}")
    if isinstance(expr, (sympy.Rational, sympy.NumberSymbol)) or expr in (sympy.I, sympy.oo, -sympy.oo, sympy.zoo):
        if expr is sympy.zoo or expr is sympy.nan:
            raise InputError(where, "division by zero")
        return expr
    if isinstance(expr, sympy.core.function.AppliedUndef):
        raise InputError(where, f"unknown function '{expr.func}'")
    if isinstance(expr, (sympy.logic.boolalg.Boolean, sympy.Set, sympy.MatrixBase,
                         sympy.MatrixExpr)) and not isinstance(expr, Expr):
        raise InputError(where, "expected a number or a formula")
    if not isinstance(expr, Expr):
        raise InputError(where, "expected a number or a formula")
    if not expr.args:
        return expr
    args = [_rebuild(a, table, where) if isinstance(a, sympy.Basic) else a for a in expr.args]
    if isinstance(expr, sympy.Pow):
        _check_power(args[0], args[1], where)
        if args[0] == 0 and args[1].is_number and args[1].is_negative:
            raise InputError(where, "division by zero")
    elif isinstance(expr, _GUARDED):
        for a in args:
            if a.is_number and a.is_real and abs(a) > 10_000:
                raise InputError(where, f"{expr.func.__name__} of {a} is too large to evaluate")
    value = expr.func(*args)
    if value.has(sympy.zoo, sympy.nan):
        raise InputError(where, "division by zero")
    try:
        return value.doit()
    except (ValueError, TypeError, NotImplementedError):  # pragma: no cover - defensive
        return value


# --------------------------------------------------------------------------- public API


@dataclass(frozen=True, slots=True)
class LatexValue:
    """What a LaTeX answer says.

    Attributes
    ----------
    kind : {'number', 'expression', 'sequence', 'matrix'}
        A number (no free symbols), a closed form, a list of values, or rows of values.
    value : Expr or tuple of Expr or tuple of tuples of Expr
        Exact values.
    lhs : str or None
        The left-hand side as written (``'y[n]'`` in ``y[n] = [1, 2]``), if any.
    decimals : tuple of int
        Per item (flattened row by row), the most decimal places written in any number of the
        item (0 when it has no decimal point): ``1.63`` -> 2. The checker uses it to tell
        rounding from error.
    """

    kind: str
    value: Any
    lhs: str | None = None
    decimals: tuple[int, ...] = ()


def _spans(toks: list[_Tok], lo: int, hi: int, seps: str) -> list[tuple[int, int]]:
    """Split toks[lo:hi] at depth-0 separators in ``seps``; spans are (start, stop)."""
    out, depth, start = [], 0, lo
    for k in range(lo, hi):
        t = toks[k]
        if t.kind in ("open", "begin"):
            depth += 1
        elif t.kind in ("close", "end"):
            depth -= 1
        elif depth == 0 and t.kind == "sep" and t.text in seps:
            out.append((start, k))
            start = k + 1
    out.append((start, hi))
    return out


def _prepare(text: str, where: str, spellings: dict[str, str] | None = None) -> list[_Tok]:
    if not isinstance(text, str):
        raise InputError(where, f"expected LaTeX text, got {type(text).__name__}")
    if len(text) > MAX_LATEX_CHARS:
        raise InputError(where, f"LaTeX text of {len(text)} characters is longer than the "
                                f"limit of {MAX_LATEX_CHARS}")
    toks = _tokenize(text, where, spellings)
    _check_brackets(toks, text, where)
    return toks


def _item(toks: list[_Tok], lo: int, hi: int, where: str, text: str,
          backend: str, sequences: frozenset[str] = frozenset()) -> tuple[Node, int]:
    """Parse toks[lo:hi] as one expression (own parser first, then latex2sympy2)."""
    if lo == hi:
        t = toks[lo]
        raise InputError(f"{where}, column {t.col}", "empty item")
    sub = toks[lo:hi] + [_Tok("eof", "", toks[hi].col, toks[hi].col)]
    decimals = max((len(t.text.split(".")[1]) for t in sub if t.kind == "num" and "." in t.text),
                   default=0)
    if backend != "latex2sympy2":
        try:
            return _Parser(list(sub), where, text, sequences).whole(), decimals
        except _Delegate:
            if backend == "own":
                raise UnsupportedError(f"{where}, column {toks[lo].col}: this formula needs "
                                       "latex2sympy2 (backend='own' was asked)") from None
    value = _general_value(sub, where, text)
    return Node("general", toks[lo].col, value=value), decimals


def parse_latex(text: str, *, where: str = "answer", backend: str = "auto") -> Node:
    r"""Parse one LaTeX formula (no lists, no ``=``) into a `Node` tree.

    Examples
    --------
    >>> node = parse_latex(r"a[0]b[3] + a[1] b[2]")
    >>> [[f.name for f in t.factors()] for _, t in node.terms()]
    [['a', 'b'], ['a', 'b']]
    """
    toks = _prepare(text, where)
    end = len(toks) - 1
    lists = [True]  # per open bracket: whether a separator directly inside makes a list
    for k in range(end):
        t = toks[k]
        if t.kind in ("open", "begin"):  # [1, 2] and \{1, 2\} are lists; x[1,2], \max(0, n) one formula
            before = toks[k - 1] if k else None
            index = before is not None and (before.kind in ("name", "close") or before.text == "*")
            lists.append(t.text == "\\{" or (t.text == "[" and not index))
        elif t.kind in ("close", "end") and len(lists) > 1:
            lists.pop()
        elif t.kind == "sep" and t.text in ",;" and lists[-1]:
            raise InputError(f"{where}, column {t.col}", "expected one formula, found a list")
    return _item(toks, 0, end, where, text, backend)[0]


def parse_chain(text: str, *, where: str = "line", backend: str = "auto",
                symbols: Any = (), names: Any = ()) -> tuple[Node, ...]:
    r"""Parse a chain of equal formulas ``lhs = stage = stage ...`` (a worked line).

    ``symbols`` names the symbols of the data: one written ``x_0`` or ``x_{0}`` (SymPy's LaTeX
    for it) is that symbol, not ``x[0]`` (see `symbol_spellings`). ``names`` names the
    sequences (data, kernel, output): each is one name however it is written (``x1``, ``alpha``,
    ``\alpha``, ``\mathit{x\_1}``), and takes precedence over the step ``u``, the impulse
    ``\delta`` and Euler's ``e``.

    Examples
    --------
    >>> [n.kind for n in parse_chain(r"c[1] = \sum_m a[m]b[1-m] = 1 \cdot 0.5 = 0.5")]
    ['index', 'sum', 'mul', 'num']
    >>> [n.kind for n in parse_chain(r"y[0] = x_{0}", symbols=["x_0"])], parse_chain("y[0] = x_0")[1].kind
    (['index', 'name'], 'index')
    >>> [n.name for n in parse_chain("r[1] = u[1]v[0]", names=["u", "v", "r"])[1].factors()]
    ['u', 'v']
    """
    sequences = frozenset(names)
    spellings = {**symbol_spellings(symbols), **_name_spellings(sequences)}
    toks = _prepare(text, where, spellings)
    end = len(toks) - 1
    parts, depth, start = [], 0, 0
    for k in range(end):
        t = toks[k]
        if t.kind in ("open", "begin"):
            depth += 1
        elif t.kind in ("close", "end"):
            depth -= 1
        elif depth == 0 and t.kind == "op" and t.text == "=":
            parts.append((start, k))
            start = k + 1
    parts.append((start, end))
    return tuple(_item(toks, lo, hi, where, text, backend, sequences)[0] for lo, hi in parts)


def latex_expr(text: str, *, where: str = "answer", backend: str = "auto") -> Expr:
    r"""Read one LaTeX formula as an exact SymPy expression.

    Parameters
    ----------
    text : str
        E.g. ``r"(n+1) 0.5^n u[n]"`` or ``r"\tfrac{13}{8}"``.
    where : str, optional
        Names the input in error messages.
    backend : {'auto', 'own', 'latex2sympy2'}, optional
        ``auto`` reads with our own parser and hands only other notation to latex2sympy2.

    Examples
    --------
    >>> latex_expr(r"\left(\tfrac{1}{2}\right)^{2} + 0.25")
    1/2
    """
    return evaluate(parse_latex(text, where=where, backend=backend), where=where)


def read_latex(text: str, *, where: str = "answer", backend: str = "auto") -> LatexValue:
    r"""Read a claimed answer written in LaTeX: a number, a closed form, a sequence or a matrix.

    Sequences are ``[1, 2]``, ``\{1, 2\}``, ``(1, 2)`` or bare ``1, 2``; matrices are
    ``bmatrix``/``pmatrix``/``matrix`` environments (``&`` and ``\\``), nested lists
    ``[[1, 2], [3, 4]]`` or rows separated by ``;``. An optional left-hand side
    (``y[n] = ...``) is kept in ``lhs``.

    Raises
    ------
    InputError
        ``<where>, column <c>: <problem>`` for anything that cannot be read.
    UnsupportedError
        The formula needs latex2sympy2 and it cannot be imported (Python 3.13).

    Examples
    --------
    >>> read_latex(r"\{1, 1, \tfrac{3}{2}\}").value
    (1, 1, 3/2)
    >>> v = read_latex(r"y[n] = (n+1) 0.5^n u[n]")
    >>> v.kind, v.lhs
    ('expression', 'y[n]')
    >>> read_latex("10,100,250").value
    (10, 100, 250)
    """
    toks = _prepare(text, where)
    end = len(toks) - 1
    lo = 0
    lhs = None
    eqs = [k for k in range(end) if toks[k].kind == "op" and toks[k].text == "="]
    if eqs:
        depth0 = [k for k in eqs if _depth(toks, k) == 0]
        if not depth0 and any(t.kind == "sum" for t in toks):
            raise InputError(f"{where}, column {next(t.col for t in toks if t.kind == 'sum')}",
                             "a sum is no claimed value; write its value (a worked line 'y[n] = "
                             "\\sum ... = value' is checked with check_line)")
        if len(depth0) != len(eqs) or len(eqs) > 1:
            raise InputError(f"{where}, column {toks[eqs[-1]].col}",
                             "more than one '='; an answer is one value (check worked lines "
                             "with check_line)")
        k = eqs[0]
        lhs_node = _item(toks, 0, k, where, text, "own")[0] if k > 0 else None
        if lhs_node is None or lhs_node.kind not in ("name", "index", "const", "step"):
            raise InputError(f"{where}, column {toks[0].col}",
                             "the left of '=' must be a name such as y or y[n]")
        lhs = text[toks[0].col - 1 : toks[k - 1].end - 1].strip()
        lo = k + 1
    if lo == end:
        raise InputError(f"{where}, column {toks[end].col}", "no value")
    first, last = toks[lo], toks[end - 1]
    # a matrix environment
    if first.kind == "begin":
        if first.text not in _MATRIX_ENVS:
            raise UnsupportedError(f"{where}, column {first.col}: environment "
                                   f"'{first.text}' is not a matrix symconv reads")
        if last.kind != "end" or _match(toks, lo) != end - 1:
            raise InputError(f"{where}, column {first.col}",
                             f"text after '\\end{{{first.text}}}'")
        rows = [_spans(toks, a, b, "&") for a, b in _spans(toks, lo + 1, end - 1, "\\\\")]
        if rows and rows[-1] == [(end - 1, end - 1)] and len(rows) > 1:
            rows.pop()  # a trailing \\ before \end
        return _matrix(rows, toks, where, text, backend, lhs)
    # an explicit sequence or nested list
    if first.kind == "open" and first.text in ("[", "\\{", "(") and _match(toks, lo) == end - 1:
        inner = _spans(toks, lo + 1, end - 1, ",;")
        seps = {toks[b].text for a, b in inner[:-1]}
        if first.text == "(" and len(inner) == 1:
            pass  # (1) is a number in parentheses
        elif ";" in seps:
            if "," in seps and first.text != "[":
                raise InputError(f"{where}, column {first.col}", "mixed ',' and ';'")
            rows = [_spans(toks, a, b, ",") for a, b in _spans(toks, lo + 1, end - 1, ";")]
            return _matrix(rows, toks, where, text, backend, lhs)
        elif all(toks[a].kind == "open" and toks[a].text == "[" and _match(toks, a) == b - 1
                 for a, b in inner) and first.text == "[":
            rows = [_spans(toks, a + 1, b - 1, ",") for a, b in inner]
            return _matrix(rows, toks, where, text, backend, lhs)
        else:
            return _sequence(inner, toks, where, text, backend, lhs)
    items = _spans(toks, lo, end, ",;")
    if len(items) > 1:
        if any(toks[b].text == ";" for a, b in items[:-1]):
            rows = [_spans(toks, a, b, ",") for a, b in _spans(toks, lo, end, ";")]
            return _matrix(rows, toks, where, text, backend, lhs)
        return _sequence(items, toks, where, text, backend, lhs)
    for k in range(lo, end):
        if toks[k].kind == "sep":
            raise InputError(f"{where}, column {toks[k].col}",
                             f"'{toks[k].text}' outside a matrix")
    node, dec = _item(toks, lo, end, where, text, backend)
    value = evaluate(node, where=where)
    kind = "number" if not value.free_symbols and not value.has(sympy.Indexed) else "expression"
    return LatexValue(kind, value, lhs, (dec,))


def _depth(toks: list[_Tok], k: int) -> int:
    d = 0
    for t in toks[:k]:
        if t.kind in ("open", "begin"):
            d += 1
        elif t.kind in ("close", "end"):
            d -= 1
    return d


def _match(toks: list[_Tok], k: int) -> int:
    """Index of the token closing the opener at ``k``."""
    d = 0
    for j in range(k, len(toks)):
        if toks[j].kind in ("open", "begin"):
            d += 1
        elif toks[j].kind in ("close", "end"):
            d -= 1
            if d == 0:
                return j
    return -1  # pragma: no cover - brackets were checked


def _values(spans: list[tuple[int, int]], toks: list[_Tok], where: str, text: str,
            backend: str) -> tuple[list[Expr], list[int]]:
    vals, decs = [], []
    for a, b in spans:
        if a < b and b - a == 1 and toks[a].kind == "ell":
            raise InputError(f"{where}, column {toks[a].col}",
                             f"'{toks[a].text}' leaves terms out; write every term")
        node, dec = _item(toks, a, b, where, text, backend)
        vals.append(evaluate(node, where=where))
        decs.append(dec)
    return vals, decs


def _sequence(spans, toks, where, text, backend, lhs) -> LatexValue:
    vals, decs = _values(spans, toks, where, text, backend)
    return LatexValue("sequence", tuple(vals), lhs, tuple(decs))


def _matrix(rows, toks, where, text, backend, lhs) -> LatexValue:
    out, decs = [], []
    for r, spans in enumerate(rows):
        vals, d = _values(spans, toks, where, text, backend)
        if out and len(vals) != len(out[0]):
            a = spans[0][0]
            raise InputError(f"{where}, column {toks[a].col}",
                             f"row {r + 1} has {len(vals)} entries, row 1 has {len(out[0])}")
        out.append(tuple(vals))
        decs.extend(d)
    return LatexValue("matrix", tuple(out), lhs, tuple(decs))
