r"""A derivation as a LaTeX fragment (amsmath; booktabs for the sliding table).

Every output term is one line of an ``align*`` block, written as the issue asks:
``c[3] = a[0]b[3] + a[1]b[2] + a[2]b[1] + a[3]b[0] = 1\cdot 0 + \tfrac{1}{2}\cdot\tfrac{1}{4} + ...
= \tfrac{13}{8}``: ``\cdot`` between all numeric factors, braced ``\tfrac``, negative and complex
factors in parentheses, so that symconv's own checker reads every line back.

Examples
--------
>>> from symconv.derive import explain
>>> d = explain([1, "1/2", 1, 1], [1, "1/2", "1/4"], names=("a", "b", "c"))
>>> [line for line in d.latex().splitlines() if line.startswith("&c[3]")]
['&c[3] = a[1]b[2] + a[2]b[1] + a[3]b[0] = \\tfrac{1}{2}\\cdot\\tfrac{1}{4} + 1\\cdot\\tfrac{1}{2} + 1\\cdot 1 = \\tfrac{13}{8} \\\\']
"""

from __future__ import annotations

import itertools
from typing import Any

from symconv.render.base import Bound, Renderer, offset, range_bounds
from symconv.render.escape import latex_name, latex_text
from symconv.render.values import latex_factor, latex_value
from symconv.signal import Signal
from symconv.steps import (
    ConjugateStep,
    DefinitionStep,
    Derivation,
    ElisionStep,
    FlipStep,
    Index,
    RangeStep,
    Reason,
    ResultStep,
    SignalStep,
    SlideStep,
    TableStep,
    TermStep,
    WindowStep,
    WrapStep,
)

__all__ = ["LatexRenderer", "render_latex"]

#: products per row of a term line before it is broken (1-D)
PRODUCTS_PER_ROW = 6
#: 2-D terms are written as matrices (window ⊙ kernel) up to this many rows and columns
MATRIX_SIDE = 7
#: products in the sum after the matrices before the sum gets rows of its own
MATRIX_SUM_PER_ROW = 9


def render_latex(derivation: Derivation, *, standalone_math: bool = False) -> str:
    """The derivation as a LaTeX fragment; ``standalone_math`` gives only math (for Jupyter)."""
    renderer = LatexRenderer(derivation)
    return renderer.math_only() if standalone_math else renderer.render()


def index_latex(index: Index) -> str:
    """``3`` or ``1,2``."""
    return str(index) if isinstance(index, int) else ",".join(str(i) for i in index)


def _axes(index: Index) -> tuple[int, ...]:
    return index if isinstance(index, tuple) else (index,)


class LatexRenderer(Renderer):
    """LaTeX text-and-display fragments; :class:`~symconv.render.document.DocumentRenderer`
    adds figures and the preamble."""

    def render(self) -> str:
        out: list[str] = []
        for is_term, group in itertools.groupby(self.derivation.steps,
                                                key=lambda s: isinstance(s, (TermStep, ElisionStep))):
            steps = list(group)
            if is_term:
                out.append(self.render_terms(steps))
            else:
                out += [text for text in (self.render_step(step) for step in steps) if text]
        return "\n\n".join(out) + "\n"

    def render_terms(self, steps: list[Any]) -> str:
        rows = "\n".join(self.render_step(step) for step in steps).removesuffix(" \\\\")
        intro = ""
        if any(isinstance(s, TermStep) and self.as_matrices(s) for s in steps):
            intro = " " + self.matrix_intro()
        block = "\\textbf{Each output.}" + intro + "\n\\begin{align*}\n" + rows + "\n\\end{align*}"
        notes = self.term_notes(steps)
        return block + ("\n" + notes if notes else "")

    def term_notes(self, steps: list[Any]) -> str:
        notes = []
        elided = [s for s in steps if isinstance(s, ElisionStep)]
        for step in elided:
            notes.append(f"The {step.count} lines from ${self.y}[{index_latex(step.first)}]$ to "
                         f"${self.y}[{index_latex(step.last)}]$ are left out; every term was computed "
                         "and verified (\\texttt{--all} or \\texttt{elide=False} shows them).")
        limit = self.layout.max_products
        if limit is not None and any(isinstance(s, TermStep) and len(s.pairs) > limit for s in steps):
            notes.append(f"Lines with more than {limit} products show the first and last ones.")
        return " ".join(notes)

    def math_only(self) -> str:
        """Definition, term lines and result as one ``aligned`` display (Jupyter's MathJax)."""
        rows = [self.definition_formula()]
        for step in self.derivation.steps:
            if isinstance(step, (TermStep, ElisionStep)):
                rows.append(self.render_step(step).removesuffix(" \\\\"))
        rows.append("&" + self.sequence(self.derivation.result, self.y))
        return "$$\\begin{aligned}\n" + " \\\\\n".join(rows) + "\n\\end{aligned}$$"

    # ------------------------------------------------------------------ names and pieces
    @property
    def x(self) -> str:
        return latex_name(self.names.x)

    @property
    def h(self) -> str:
        return latex_name(self.names.h)

    @property
    def y(self) -> str:
        return latex_name(self.names.y)

    def name(self, operand: str) -> str:
        return latex_name(self.operand_name(operand))

    def factor(self, position: int, index: str, show_conj: bool = True, general: bool = False) -> str:
        operand, _, conj = self.notation.factors[position]
        if general and self.notation.modulo and position == 1:
            index = f"({index}) \\bmod N"
        name = self.name(operand)
        if self.notation.modulo:
            name = f"\\tilde{{{name}}}"
        text = f"{name}[{index}]"
        return f"\\overline{{{text}}}" if conj and show_conj else text

    def definition_formula(self) -> str:
        """``&y[n] = \\sum_m x[m]h[n-m]``, the general formula (as an align row)."""
        first, second = self.notation.factors
        out, m = self.notation.output, self.notation.summation
        body = f"{self.factor(0, first[1], general=True)}\\,{self.factor(1, second[1], general=True)}"
        reason = self.definition.reason
        if reason is Reason.DEFINITION_CIRCULAR:
            limits = ",".join(f"{p - 1}" for p in self.definition.period)
            sums = "".join(f"\\sum_{{{a}=0}}^{{{b}}}" for a, b in zip(m.split(","), limits.split(",")))
            return f"&{self.y}[{out}] = {sums} {body}"
        symbol = "*" if reason is Reason.DEFINITION_CONVOLUTION else "\\star"
        return f"&{self.y}[{out}] = ({self.x} {symbol} {self.h})[{out}] = \\sum_{{{m}}} {body}"

    def sequence(self, signal: Signal, name: str, index: str = "n", mark: bool = True,
                 running: str | None = None) -> str:
        """``x[n] = \\{\\underset{\\uparrow}{1}, \\tfrac{1}{2}\\},\\quad n = 0, \\dots, 1`` (the n = 0
        sample marked), or a matrix with its index ranges in 2-D."""
        if signal.ndim == 2:
            return self.matrix(signal, name)
        if signal.ndim != 1:
            return f"{name} = \\text{{{latex_text(str(signal))}}}"
        values = signal.values
        shown = self.shown_positions(len(values), self.layout.max_terms)
        items = []
        for p in shown:
            if p is None:
                items.append("\\dots")
                continue
            text = latex_value(values[p])
            items.append(f"\\underset{{\\uparrow}}{{{text}}}" if mark and signal.start + p == 0 else text)
        return (f"{name}[{index}] = \\left\\{{ {', '.join(items)} \\right\\}},\\quad "
                f"{running or index} = {signal.start}, \\dots, {signal.end}")

    def matrix(self, signal: Signal, name: str) -> str:
        """A 2-D signal as an array with its row and column ranges."""
        values = signal.values
        rows = self.shown_positions(signal.shape[0], 16 if self.layout.max_terms else None)
        columns = self.shown_positions(signal.shape[1], 16 if self.layout.max_terms else None)
        lines = []
        for r in rows:
            if r is None:
                lines.append(" & ".join("\\vdots" for _ in columns))
                continue
            lines.append(" & ".join("\\cdots" if c is None else latex_value(values[r][c]) for c in columns))
        (i0, j0), (i1, j1) = signal.starts, signal.end
        body = " \\\\ ".join(lines)
        return (f"{name}[i,j] = \\left[\\begin{{array}}{{{'c' * len(columns)}}} {body} \\end{{array}}\\right],"
                f"\\quad i = {i0}, \\dots, {i1},\\ j = {j0}, \\dots, {j1}")

    # ------------------------------------------------------------------ steps
    def definition_head(self, step: DefinitionStep) -> tuple[str, str]:
        """The operation's name and a detail (the period, the order) of a definition step:
        ``("Circular convolution", "period $N = 4$")``; the detail may be empty."""
        if step.reason is Reason.DEFINITION_CONVOLUTION:
            return "Convolution", ""
        if step.reason is Reason.DEFINITION_CIRCULAR:
            return "Circular convolution", f"period $N = {','.join(str(p) for p in step.period)}$"
        if step.reason is Reason.DEFINITION_CORRELATION:
            return "Cross-correlation", ""
        return "Cross-correlation", "Wikipedia's order"

    #: True where a heading above already names the operation and its detail (the definition then
    #: says only "Definition", not "Convolution of x and h" a second time)
    titled = False

    def render_DefinitionStep(self, step: DefinitionStep) -> str:
        x, h = self.x, self.h
        formula = self.definition_formula().removeprefix("&")
        operation, detail = self.definition_head(step)
        if self.titled:
            head = "\\textbf{Definition}:"
        elif step.reason is Reason.DEFINITION_CIRCULAR:
            head = f"\\textbf{{{operation}}} of ${x}$ and ${h}$ with {detail}:"
        elif detail:
            head = f"\\textbf{{{operation}}} of ${x}$ and ${h}$ in {detail}:"
        else:
            head = f"\\textbf{{{operation}}} of ${x}$ and ${h}$:"
        if step.reason is Reason.DEFINITION_CONVOLUTION:
            tail = ""
        elif step.reason is Reason.DEFINITION_CIRCULAR:
            tail = (f"Indices of ${h}$ are taken modulo $N$; ${self.y}[{self.notation.output}]$ has $N$ "
                    "samples.")
        elif step.reason is Reason.DEFINITION_CORRELATION:
            tail = (f"The kernel ${h}$ slides over ${x}$ without being flipped (as \\texttt{{numpy.correlate}} "
                    "and a CNN layer compute it); the bar is the complex conjugate.")
        else:
            tail = (f"Here ${x}$ slides over ${h}$ without being flipped; this is the canonical correlation "
                    f"of ${h}$ with ${x}$, and the bar is the complex conjugate.")
        return f"{head}\n\\[ {formula} \\]" + (f"\n{tail}" if tail else "")

    def render_SignalStep(self, step: SignalStep) -> str:
        name = latex_name(self.role_name(step.role))
        label = "Data" if step.role == "data" else "Kernel"
        mark = " (the arrow marks $n = 0$)" if step.signal.ndim == 1 and 0 in step.signal.indices else ""
        return f"\\textbf{{{label}}}{mark}:\n\\[ {self.sequence(step.signal, name)} \\]"

    def render_ConjugateStep(self, step: ConjugateStep) -> str:
        name = latex_name(self.role_name(step.role))
        index = self.notation.summation
        if step.real:
            return f"${name}$ is real, so $\\overline{{{name}[{index}]}} = {name}[{index}]$."
        bar = "\\overline{" + name + "}"
        return (f"\\textbf{{Conjugate}} ${name}$ (the definition uses ${bar}$):\n"
                f"\\[ {self.sequence(step.conjugated, bar)} \\]")

    def render_WrapStep(self, step: WrapStep) -> str:
        name = latex_name(self.role_name(step.role))
        tilde = "\\tilde{" + name + "}"
        return (f"${name}$ on $0, \\dots, N-1$ (samples whose indices agree modulo $N$ are added):\n"
                f"\\[ {self.sequence(step.wrapped, tilde, mark=False)} \\]")

    def render_FlipStep(self, step: FlipStep) -> str:
        h = self.h
        if step.kernel.ndim == 1:
            return (f"\\textbf{{Flip and shift.}} ${h}[m] \\to {h}[-m] \\to {h}[n-m]$: reversing ${h}$ puts "
                    f"${h}[k]$ at $m = -k$,\n"
                    f"\\[ {self.sequence(step.reversed, h, index='-m', mark=False, running='m')} \\]\n"
                    f"and ${h}[n-m]$ is ${h}[-m]$ moved right by $n$.")
        return (f"\\textbf{{Flip.}} ${h}[k,l] \\to {h}[-k,-l]$: rows and columns reversed,\n"
                f"\\[ {self.matrix(step.reversed, h)} \\]".replace(f"{h}[i,j]", f"{h}[-k,-l]"))

    def slide_labels(self, step: SlideStep) -> tuple[str, str]:
        """The placed operand and the fixed one of a 1-D slide: ``('h[2-m]', 'x[m]')``."""
        n = index_latex(step.n)
        if step.reason is Reason.SHIFT_KERNEL_CIRCULAR:
            return self.factor(1, f"{n}-m", general=True), self.factor(0, "m")
        moving, fixed = (self.x, self.h) if step.reason is Reason.SLIDE_DATA else (self.h, self.x)
        if step.reason is Reason.SHIFT_KERNEL:
            return f"{moving}[{n}-m]", f"{fixed}[m]"
        return f"\\overline{{{moving}}}[{offset('m', -step.n).replace(' ', '')}]", f"{fixed}[m]"

    def render_SlideStep(self, step: SlideStep) -> str:
        n = index_latex(step.n)
        fixed = self.x if step.reason is not Reason.SLIDE_DATA else self.h
        if step.placed.ndim == 1:
            label, fixed = self.slide_labels(step)
            sequence = self.sequence(step.placed, "", index="m", mark=False).removeprefix("[m] = ")
            return f"For $n = {n}$, under ${fixed}$:\n\\[ {label} = {sequence} \\]"
        (r0, c0), (r1, c1) = step.placed.starts, step.placed.end
        return (f"For $({self.notation.output}) = ({n})$ the kernel lies over rows ${r0}, \\dots, {r1}$ and "
                f"columns ${c0}, \\dots, {c1}$ of ${fixed}$.")

    def render_RangeStep(self, step: RangeStep) -> str:
        if step.reason is Reason.DEFINITION_CIRCULAR:
            return ""
        first, second = self.notation.factors
        a = f"{self.x}[{first[1]}]"
        b = f"{self.h}[{second[1]}]"
        ra = ",\\ ".join(f"{s} \\le {v} \\le {e}" for s, e, v in
                         zip(step.starts_x, step.ends_x, first[1].split(",")))
        rb = ",\\ ".join(f"{s} \\le {v} \\le {e}" for s, e, v in
                         zip(step.starts_h, step.ends_h, second[1].split(",")))
        bounds, sums = [], []
        letters = zip(self.notation.output.split(","), self.notation.summation.split(","))
        for (n, m), sx, ex, sh, eh, (low_bound, high_bound) in zip(letters, step.starts_x, step.ends_x, step.starts_h,
                                                                  step.ends_h, range_bounds(step)):
            if step.reason is Reason.DEFINITION_CONVOLUTION:
                low, high = f"\\max({sx},\\,{offset(n, -eh)})", f"\\min({ex},\\,{offset(n, -sh)})"
            elif step.reason is Reason.DEFINITION_CORRELATION:
                low, high = f"\\max({sh},\\,{offset('-' + n, sx)})", f"\\min({eh},\\,{offset('-' + n, ex)})"
            else:
                low, high = f"\\max({sx},\\,{offset('-' + n, sh)})", f"\\min({ex},\\,{offset('-' + n, eh)})"
            sums.append(f"\\sum_{{{m}={low}}}^{{{high}}}")
            bounds.append(f"${n}$ from ${self.bound(low_bound)}$ to ${self.bound(high_bound)}$")
        axis = " along each axis" if len(bounds) > 1 else ""
        text = (f"\\textbf{{Range.}} ${a} \\neq 0$ only for ${ra}$ and ${b} \\neq 0$ only for "
                f"${rb}$, so ${self.y}[{self.notation.output}]$ can be nonzero only for "
                + " and ".join(bounds) + f" ($s$ and $e$: the first and last index of a sequence{axis}).")
        if self.layout.style == "table":
            return text + " Each line below multiplies every column of the table (zero products included)."
        body = f"{self.factor(0, first[1])}\\,{self.factor(1, second[1])}"
        return (text + " The sum runs over the overlap only:\n"
                f"\\[ {self.y}[{self.notation.output}] = {' '.join(sums)} {body} \\]")

    def bound(self, bound: Bound) -> str:
        """``s_{x} + s_{h} = 0 + 0 = 0``."""
        def symbol(part: tuple[str, str]) -> str:
            return f"{part[0]}_{{{self.name(part[1])}}}"

        return f"{symbol(bound.left)} {bound.sign} {symbol(bound.right)} = {bound.numbers()} = {bound.value}"

    def render_WindowStep(self, step: WindowStep) -> str:
        out = self.notation.output
        full = f"{index_latex(step.full_start)}, \\dots, {index_latex(step.full_end)}"
        kept = f"{index_latex(step.start)}, \\dots, {index_latex(step.end)}"
        if isinstance(step.start, tuple):
            full = ",\\ ".join(f"{a} = {s}, \\dots, {e}" for a, s, e in zip(out.split(","), step.full_start, step.full_end))
            kept = ",\\ ".join(f"{a} = {s}, \\dots, {e}" for a, s, e in zip(out.split(","), step.start, step.end))
        else:
            full, kept = f"{out} = {full}", f"{out} = {kept}"
        convention = {"scipy": " (SciPy's convention: the size of the data, centred)",
                      "numpy": " (NumPy's convention: size $\\max(L_x, L_h)$)",
                      "matlab": " (MATLAB's convention: the central part)"}.get(step.same_convention, "")
        outside = "data" if step.inside == "kernel" else "longer kernel, as NumPy and SciPy do"
        why = {"valid": f" (only where the {step.inside} lies wholly inside the {outside})",
               "same": convention if step.mode == "same" else ""}.get(step.mode, "")
        offsets = ",".join(map(str, step.offsets))
        lengths = ",".join(map(str, step.lengths))
        mirrored = "; Wikipedia's order mirrors the window" if step.mirrored else ""
        return (f"\\textbf{{Mode \\texttt{{{step.mode}}}}}{why}: of the full result, ${full}$, keep ${kept}$ "
                f"(offset {offsets}, length {lengths}{mirrored}).")

    def render_TableStep(self, step: TableStep) -> str:
        wikipedia = step.reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA
        fixed = self.h if wikipedia else self.x
        y = self.y
        columns = "r" + "c" * len(step.columns) + "|c"
        header = " & ".join(["$m$", *(f"${c}$" for c in step.columns), f"${y}[n]$"]) + " \\\\"
        lines = [f"\\begin{{tabular}}{{{columns}}}", "\\toprule", header, "\\midrule",
                 " & ".join([f"${fixed}[m]$", *(f"${latex_value(v)}$" for v in step.fixed), ""]) + " \\\\",
                 "\\midrule"]
        for row in step.rows:
            label = self.table_label(step.reason, row.n)
            cells = ["" if c is None else f"${latex_value(c)}$" for c in row.cells]
            lines.append(" & ".join([f"${label}$", *cells, f"${latex_value(row.value)}$"]) + " \\\\")
        lines += ["\\bottomrule", "\\end{tabular}"]
        what = "kernel" if not wikipedia else "conjugated data"
        return (f"\\textbf{{Sliding table.}} Row $n$ holds the {what} as it lies under the zero-padded "
                f"${fixed}[m]$; multiply down each column and add along the row:\n\n"
                "\\begin{center}\n\\small\\renewcommand{\\arraystretch}{1.6}\n" + "\n".join(lines)
                + "\n\\end{center}")  # taller rows: stacked fractions in y[n] need the room

    def table_label(self, reason: Reason, n: int) -> str:
        if reason is Reason.DEFINITION_CONVOLUTION:
            return f"{self.h}[{n}-m]"
        if reason is Reason.DEFINITION_CIRCULAR:
            return f"{self.h}[({n}-m) \\bmod N]"
        moving = self.h if reason is Reason.DEFINITION_CORRELATION else self.x
        return f"\\overline{{{moving}}}[{offset('m', -n).replace(' ', '')}]"

    def matrix_intro(self) -> str:
        """What the two matrices of the matrix form are, in the definition's own symbols."""
        first, second = self.notation.factors
        conj = self.definition.conjugates
        a, b = self.factor(0, first[1], conj), self.factor(1, second[1], conj)
        out = self.notation.output
        reason = self.definition.reason
        if reason is Reason.DEFINITION_CONVOLUTION:
            what = (f"the window ${a}$ of ${self.x}$ under the kernel and the kernel ${b}$, flipped (rows and "
                    f"columns reversed) and moved to $({out})$")
        elif reason is Reason.DEFINITION_CORRELATION:
            what = f"the window ${a}$ of ${self.x}$ under the kernel and the kernel ${b}$"
        else:
            what = f"${a}$ and the window ${b}$ of ${self.h}$ under it"
        return (f"Each ${self.y}[{out}]$ is the sum of the elementwise products ($\\odot$) of two matrices: "
                f"{what} (where the kernel hangs over the edge, only the part that overlaps).")

    def as_matrices(self, step: TermStep) -> bool:
        """Whether a term is written in the matrix form (2-D, compact style, a small block)."""
        return (self.layout.style == "compact" and step.grid is not None and len(step.grid) == 2
                and max(step.grid) <= MATRIX_SIDE)

    def matrix_term(self, step: TermStep) -> str:
        r"""``&y[1,1] = \sum\left(\begin{bmatrix}...\end{bmatrix} \odot \begin{bmatrix}...\end{bmatrix}\right)
        = 1 + 0 + ... = 4``: the window of the data and the kernel as it lies over it."""
        rows, columns = step.grid

        def matrix(values: list) -> str:
            body = " \\\\ ".join(" & ".join(latex_value(values[r * columns + c]) for c in range(columns))
                                  for r in range(rows))
            return f"\\begin{{bmatrix}} {body} \\end{{bmatrix}}"

        window = matrix([a for a, _ in step.factors])
        kernel = matrix([b for _, b in step.factors])
        products = [latex_factor(p) for p in step.products]
        head = f"&{self.y}[{index_latex(step.n)}] = \\sum\\left( {window} \\odot {kernel} \\right)"
        value = latex_value(step.value)
        if len(products) == 1:  # the one product is the value: no '= 3 = 3'
            return f"{head} = {value} \\\\"
        if len(products) <= MATRIX_SUM_PER_ROW:
            return f"{head} = {' + '.join(products)} = {value} \\\\"
        return "\n".join([head + " \\\\", "&\\qquad = " + self.chunked(products, max(columns, MATRIX_SUM_PER_ROW)),
                          f"&\\qquad = {value} \\\\"])

    def render_TermStep(self, step: TermStep) -> str:
        y, n = self.y, index_latex(step.n)
        if not step.pairs:
            return f"&{y}[{n}] = 0 \\quad\\text{{(no overlapping samples)}} \\\\"
        if self.as_matrices(step):
            return self.matrix_term(step)
        conj = self.definition.conjugates
        positions = self.shown_positions(len(step.pairs), self.layout.max_products)
        labels, numbers = [], []
        for p in positions:
            if p is None:
                labels.append("\\dots")
                numbers.append("\\dots")
                continue
            i, j = step.pairs[p]
            labels.append(self.factor(0, index_latex(i), conj) + self.factor(1, index_latex(j), conj))
            a, b = step.factors[p]
            numbers.append(_product(latex_factor(a), latex_factor(b)))
        value = latex_value(step.value)
        per_row = self.products_per_row()
        if len(labels) <= per_row:
            return f"&{y}[{n}] = {' + '.join(labels)} = {' + '.join(numbers)} = {value} \\\\"
        rows = [f"&{y}[{n}] = " + self.chunked(labels, per_row),
                "&\\qquad = " + self.chunked(numbers, per_row),
                f"&\\qquad = {value} \\\\"]
        return "\n".join(rows)

    def chunked(self, items: list[str], per_row: int) -> str:
        chunks = [" + ".join(items[k:k + per_row]) for k in range(0, len(items), per_row)]
        return " \\\\\n&\\qquad\\quad + ".join(chunks) + " \\\\"

    def products_per_row(self) -> int:
        if self.derivation.x.ndim == 1:
            return PRODUCTS_PER_ROW
        return max(2, min(4, self.derivation.h.shape[-1]))

    def render_ElisionStep(self, step: ElisionStep) -> str:
        return "&\\qquad\\vdots \\\\"

    def render_ResultStep(self, step: ResultStep) -> str:
        return f"\\textbf{{Result.}}\n\\[ {self.sequence(step.signal, self.y)} \\]"


def _product(a: str, b: str) -> str:
    """``a\\cdot b``, with a space after ``\\cdot`` when b starts with a letter or digit."""
    return f"{a}\\cdot {b}" if b[:1].isalnum() else f"{a}\\cdot{b}"
