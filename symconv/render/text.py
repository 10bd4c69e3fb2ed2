"""A derivation as plain text: one line per step, every output term written out.

Examples
--------
>>> from symconv.derive import explain
>>> print(explain([1, "1/2", 1, 1], [1, "1/2", "1/4"]).text())  # doctest: +NORMALIZE_WHITESPACE
Convolution of x and h: y[n] = sum_m x[m] h[n-m]
Data x: n = 0..3: 1, 1/2, 1, 1
Kernel h: n = 0..2: 1, 1/2, 1/4
Flip: h[m] -> h[-m], m = -2..0: 1/4, 1/2, 1; then h[n-m] is h[-m] moved right by n.
Range: x[m] is nonzero only for m = 0..3 and h[n-m] only for n-m = 0..2, so y[n] can be nonzero only for n from s_x + s_h = 0 + 0 = 0 to e_x + e_h = 3 + 2 = 5 (s, e: the first and last index of a sequence); m runs from max(0, n - 2) to min(3, n).
Slide, n = 3: h[3-m] under x[m], m = 1..3: 1/4, 1/2, 1
y[0] = x[0]h[0] = 1*1 = 1
y[1] = x[0]h[1] + x[1]h[0] = 1*1/2 + 1/2*1 = 1
y[2] = x[0]h[2] + x[1]h[1] + x[2]h[0] = 1*1/4 + 1/2*1/2 + 1*1 = 3/2
y[3] = x[1]h[2] + x[2]h[1] + x[3]h[0] = 1/2*1/4 + 1*1/2 + 1*1 = 13/8
y[4] = x[2]h[2] + x[3]h[1] = 1*1/4 + 1*1/2 = 3/4
y[5] = x[3]h[2] = 1*1/4 = 1/4
Result y: n = 0..5: 1, 1, 3/2, 13/8, 3/4, 1/4
"""

from __future__ import annotations

from symconv.render.base import Bound, Renderer, offset, range_bounds
from symconv.render.values import text_factor, text_table, text_value
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

__all__ = ["TextRenderer", "render_text"]


def render_text(derivation: Derivation) -> str:
    """The derivation as plain text."""
    return TextRenderer(derivation).render()


def _index(index: Index) -> str:
    return str(index) if isinstance(index, int) else ",".join(str(i) for i in index)


class TextRenderer(Renderer):
    """Plain text; 2-D signals as labelled grids."""

    # ------------------------------------------------------------------ pieces
    def factor(self, position: int, index: str, show_conj: bool = True, general: bool = False) -> str:
        operand, _, conj = self.notation.factors[position]
        name = self.operand_name(operand) + ("~" if self.notation.modulo else "")
        if general and self.notation.modulo and position == 1:
            index = f"({index}) mod N"
        return f"conj({name}[{index}])" if conj and show_conj else f"{name}[{index}]"

    def sequence(self, signal: Signal) -> str:
        """``n = 0..3: 1, 1/2, 1, 1`` (1-D; long ones elided) or a grid (2-D)."""
        if signal.ndim == 2:
            return f"i = {signal.starts[0]}..{signal.end[0]}, j = {signal.starts[1]}..{signal.end[1]}:\n" + \
                text_table(signal, name=self.names.y)
        values = signal.values
        if signal.ndim == 1:
            shown = self.shown_positions(len(values), self.layout.max_terms)
            items = ", ".join("..." if p is None else text_value(values[p]) for p in shown)
            return f"n = {signal.start}..{signal.end}: {items}"
        return str(signal)

    def ranges(self, signal: Signal) -> str:
        starts, ends = signal.starts, (signal.end,) if signal.ndim == 1 else signal.end
        return ", ".join(f"{s}..{e}" for s, e in zip(starts, ends))

    # ------------------------------------------------------------------ steps
    def render_DefinitionStep(self, step: DefinitionStep) -> str:
        x, h, y = self.names.x, self.names.h, self.names.y
        out, m = self.notation.output, self.notation.summation
        first, second = self.notation.factors
        body = f"{self.factor(0, first[1], general=True)} {self.factor(1, second[1], general=True)}"
        if step.reason is Reason.DEFINITION_CIRCULAR:
            periods = ",".join(str(p) for p in step.period)
            return (f"Circular convolution of {x} and {h}, period N = {periods}: "
                    f"{y}[{out}] = sum_{m} {body}, with {m} and {out} running over 0..N-1")
        if step.reason is Reason.DEFINITION_CONVOLUTION:
            return f"Convolution of {x} and {h}: {y}[{out}] = sum_{m} {body}"
        order = "" if step.reason is Reason.DEFINITION_CORRELATION else " (Wikipedia's order)"
        slides = h if step.reason is Reason.DEFINITION_CORRELATION else x
        return (f"Cross-correlation of {x} and {h}{order}, {slides} slides without flipping: "
                f"{y}[{out}] = sum_{m} {body}")

    def render_SignalStep(self, step: SignalStep) -> str:
        role = "Data" if step.role == "data" else "Kernel"
        return f"{role} {self.role_name(step.role)}: {self.sequence(step.signal)}"

    def render_ConjugateStep(self, step: ConjugateStep) -> str:
        name, m = self.role_name(step.role), self.notation.summation
        if step.real:
            return f"{name} is real, so conj({name}[{m}]) = {name}[{m}]."
        return f"Conjugate: conj({name}): {self.sequence(step.conjugated)}"

    def render_WrapStep(self, step: WrapStep) -> str:
        name = self.role_name(step.role)
        return f"{name}~ = {name} wrapped modulo N (samples at equal index mod N added): {self.sequence(step.wrapped)}"

    def render_FlipStep(self, step: FlipStep) -> str:
        h = self.names.h
        if step.kernel.ndim == 1:
            return (f"Flip: {h}[m] -> {h}[-m], {self.sequence(step.reversed).replace('n =', 'm =', 1)}; "
                    f"then {h}[n-m] is {h}[-m] moved right by n.")
        return f"Flip: {h}[k,l] -> {h}[-k,-l] (rows and columns reversed), {self.sequence(step.reversed)}"

    def slide_labels(self, step: SlideStep) -> tuple[str, str]:
        """The placed operand and the fixed one of a 1-D slide: ``('h[2-m]', 'x[m]')``."""
        n = _index(step.n)
        if step.reason is Reason.SHIFT_KERNEL_CIRCULAR:
            return self.factor(1, f"{n}-m", general=True), self.factor(0, "m")
        moving, fixed = (self.names.x, self.names.h) if step.reason is Reason.SLIDE_DATA else (self.names.h, self.names.x)
        if step.reason is Reason.SHIFT_KERNEL:
            return f"{moving}[{n}-m]", f"{fixed}[m]"
        return f"conj({moving}[{offset('m', -step.n).replace(' ', '')}])", f"{fixed}[m]"

    def render_SlideStep(self, step: SlideStep) -> str:
        n = _index(step.n)
        if step.placed.ndim == 1:
            placed, fixed = self.slide_labels(step)
            values = self.sequence(step.placed).split(": ", 1)[1]
            return f"Slide, n = {n}: {placed} under {fixed}, m = {self.ranges(step.placed)}: {values}"
        fixed = self.names.h if step.reason is Reason.SLIDE_DATA else self.names.x
        (r0, c0), (r1, c1) = step.placed.starts, step.placed.end
        return (f"Slide, ({self.notation.output}) = ({n}): the kernel lies over rows {r0}..{r1} and columns "
                f"{c0}..{c1} of {fixed}, weights {self.sequence(step.placed)}")

    def render_RangeStep(self, step: RangeStep) -> str:
        if step.reason is Reason.DEFINITION_CIRCULAR:
            return f"Range: {self.names.y}[{self.notation.output}] has N samples, indices 0..N-1."
        x, h, y = self.names.x, self.names.h, self.names.y
        parts, limits = [], []
        letters = zip(self.notation.output.split(","), self.notation.summation.split(","))
        for (n, m), sx, ex, sh, eh, (low, high) in zip(letters, step.starts_x, step.ends_x, step.starts_h,
                                                       step.ends_h, range_bounds(step)):
            parts.append(f"{n} from {self.bound(low)} to {self.bound(high)}")
            if step.reason is Reason.DEFINITION_CONVOLUTION:
                limits.append(f"{m} runs from max({sx}, {offset(n, -eh)}) to min({ex}, {offset(n, -sh)})")
            elif step.reason is Reason.DEFINITION_CORRELATION:
                limits.append(f"{m} runs from max({sh}, {offset('-' + n, sx)}) to min({eh}, {offset('-' + n, ex)})")
            else:
                limits.append(f"{m} runs from max({sx}, {offset('-' + n, sh)}) to min({ex}, {offset('-' + n, eh)})")
        first, second = self.notation.factors
        a = f"{x}[{first[1]}]"
        b = f"{h}[{second[1]}]"
        ra = ", ".join(f"{s}..{e}" for s, e in zip(step.starts_x, step.ends_x))
        rb = ", ".join(f"{s}..{e}" for s, e in zip(step.starts_h, step.ends_h))
        axis = " along each axis" if len(parts) > 1 else ""
        text = (f"Range: {a} is nonzero only for {first[1]} = {ra} and {b} only for {second[1]} = {rb}, "
                f"so {y}[{self.notation.output}] can be nonzero only for {' and '.join(parts)} "
                f"(s, e: the first and last index of a sequence{axis})")
        if self.layout.style == "table":
            return text + "; each line multiplies every column of the table."
        return text + "; " + "; ".join(limits) + "."

    def bound(self, bound: Bound) -> str:
        """``s_x + s_h = 0 + 0 = 0``."""
        left, right = (f"{p[0]}_{self.operand_name(p[1])}" for p in (bound.left, bound.right))
        return f"{left} {bound.sign} {right} = {bound.numbers()} = {bound.value}"

    def render_WindowStep(self, step: WindowStep) -> str:
        full = f"{_index(step.full_start)}..{_index(step.full_end)}"
        kept = f"{_index(step.start)}..{_index(step.end)}"
        convention = {"same": f", {step.same_convention} convention",
                      "valid": ", the data inside the longer kernel" if step.inside == "data" else ""}.get(step.mode, "")
        return (f"Mode {step.mode}{convention}: of the full result ({full}) keep {kept} "
                f"(offset {','.join(map(str, step.offsets))}, length {','.join(map(str, step.lengths))}"
                f"{', mirrored by the order' if step.mirrored else ''}).")

    def render_TableStep(self, step: TableStep) -> str:
        fixed = self.names.h if step.reason is Reason.DEFINITION_CORRELATION_WIKIPEDIA else self.names.x
        header = ["m", *(str(c) for c in step.columns), self.names.y]
        rows = [[f"{fixed}[m]", *(text_value(v) for v in step.fixed), ""]]
        rows += [[f"n={row.n}", *("" if c is None else text_value(c) for c in row.cells), text_value(row.value)]
                 for row in step.rows]
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
        lines = ["  ".join(cell.rjust(w) for cell, w in zip(r, widths)) for r in [header, *rows]]
        return "Sliding table:\n" + "\n".join(lines)

    def render_TermStep(self, step: TermStep) -> str:
        y, n = self.names.y, _index(step.n)
        if not step.pairs:
            return f"{y}[{n}] = 0 (no overlapping samples)"
        conj = self.definition.conjugates
        positions = self.shown_positions(len(step.pairs), self.layout.max_products)
        labels, numbers = [], []
        for p in positions:
            if p is None:
                labels.append("...")
                numbers.append("...")
                continue
            i, j = step.pairs[p]
            labels.append(self.factor(0, _index(i), conj) + self.factor(1, _index(j), conj))
            a, b = step.factors[p]
            numbers.append(f"{text_factor(a)}*{text_factor(b)}")
        return f"{y}[{n}] = {' + '.join(labels)} = {' + '.join(numbers)} = {text_value(step.value)}"

    def render_ElisionStep(self, step: ElisionStep) -> str:
        return (f"... ({step.count} lines, {self.names.y}[{_index(step.first)}] to "
                f"{self.names.y}[{_index(step.last)}], left out: all computed and verified; "
                "use --all or elide=False to show them)")

    def render_ResultStep(self, step: ResultStep) -> str:
        return f"Result {self.names.y}: {self.sequence(step.signal)}"


def _axes(index: Index) -> tuple[int, ...]:
    return index if isinstance(index, tuple) else (index,)

