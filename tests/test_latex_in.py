r"""LaTeX answers read exactly; every known latex2sympy2 trap pinned."""

from __future__ import annotations

import pytest
import sympy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sympy import E, I, Indexed, IndexedBase, Mod, Rational, Symbol, conjugate, sqrt

from symconv.check import latex_in
from symconv.check.latex_in import (LatexValue, evaluate, latex_expr, parse_chain, parse_latex,
                                    read_latex, unit_step)
from symconv.errors import InputError, UnsupportedError
from helpers import needs_latex2sympy2

n = Symbol("n", real=True)


def value(text: str, **kw):
    return read_latex(text, **kw).value


# ----------------------------------------------------------------- the common cases, own parser


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3", 3),
        ("-2.5", Rational(-5, 2)),
        (".25", Rational(1, 4)),
        (r"\frac{13}{8}", Rational(13, 8)),
        (r"\tfrac{1}{2}", Rational(1, 2)),
        (r"\dfrac{3}{4}", Rational(3, 4)),
        (r"\frac12", Rational(1, 2)),
        (r"\frac 1 2", Rational(1, 2)),
        (r"\frac{a+b}2", (Symbol("a", real=True) + Symbol("b", real=True)) / 2),
        (r"1 \cdot 0.5 + 0.5 \times 1", 1),
        ("2 * 3 / 4", Rational(3, 2)),
        (r"\left(\tfrac{1}{2}\right)^{2}", Rational(1, 4)),
        ("(2)(3)", 6),
        ("(-1)(2)", -2),
        ("(1)(2)+(3)(4)", 14),
        ("2(3)", 6),
        (r"\frac{1}{2}\cdot\frac{1}{4}", Rational(1, 8)),
        ("0.1 + 0.2", Rational(3, 10)),
        ("2^{-1}", Rational(1, 2)),
    ],
)
def test_numbers_are_exact(text, expected):
    got = latex_expr(text, backend="own")
    assert got == expected
    assert not got.atoms(sympy.Float)


def test_decimals_are_exact_and_recorded():
    v = read_latex("[1, 1, 1.5, 1.63, 0.75, 0.25]")
    assert v.value == (1, 1, Rational(3, 2), Rational(163, 100), Rational(3, 4), Rational(1, 4))
    assert v.decimals == (0, 0, 1, 2, 2, 2)
    assert latex_expr("0.1") == Rational(1, 10)


@pytest.mark.parametrize(
    "text",
    [r"[1, \tfrac{1}{2}, 1, 1]", r"\{1, \tfrac{1}{2}, 1, 1\}", "(1, 0.5, 1, 1)", "1, 1/2, 1, 1",
     r"\left[1, \frac12, 1, 1\right]", r"\left\{1, 0.5, 1, 1\right\}", r"\lbrace 1, .5, 1, 1\rbrace"],
)
def test_sequences(text):
    v = read_latex(text)
    assert v.kind == "sequence"
    assert v.value == (1, Rational(1, 2), 1, 1)


@pytest.mark.parametrize(
    "text",
    [r"\begin{bmatrix} 4 & 3 & 4 \\ 2 & 4 & 3 \\ 2 & 3 & 4 \end{bmatrix}",
     r"\begin{pmatrix} 4 & 3 & 4 \\ 2 & 4 & 3 \\ 2 & 3 & 4 \\ \end{pmatrix}",
     r"\left[\begin{matrix} 4 & 3 & 4 \\ 2 & 4 & 3 \\ 2 & 3 & 4 \end{matrix}\right]"[6:-7],
     r"\begin{array}{ccc} 4 & 3 & 4 \\ 2 & 4 & 3 \\ 2 & 3 & 4 \end{array}",
     "[[4, 3, 4], [2, 4, 3], [2, 3, 4]]", "[4, 3, 4; 2, 4, 3; 2, 3, 4]"],
)
def test_matrices(text):
    v = read_latex(text)
    assert v.kind == "matrix"
    assert v.value == ((4, 3, 4), (2, 4, 3), (2, 3, 4))


def test_parenthesised_number_is_not_a_sequence():
    assert read_latex("(5)") == LatexValue("number", 5, None, (0,))


def test_greek_names_and_case_kept():
    assert latex_expr(r"\alpha + \beta") == Symbol("alpha", real=True) + Symbol("beta", real=True)
    x, X = Symbol("x", real=True), Symbol("X", real=True)
    assert latex_expr("X - x") == X - x
    assert latex_expr(r"\pi") == sympy.pi


def test_indexing_brackets_and_subscripts():
    x = IndexedBase("x")
    assert latex_expr("x[3]") == Indexed(x, 3)  # l2s2 reads x[3] as a call x(3)
    assert latex_expr("x[n-2]") == Indexed(x, n - 2)  # l2s2 reads x*(n - 2)
    assert latex_expr("x_{n-2}") == Indexed(x, n - 2)
    assert latex_expr("x_3 + h[-k]") == Indexed(x, 3) + Indexed(IndexedBase("h"), -Symbol("k", real=True))


def test_unit_step_is_one_at_zero():
    assert latex_expr("u[0]") == 1
    assert latex_expr("u[n]") == unit_step(n)
    assert latex_expr("u(n)") == unit_step(n)
    assert latex_expr("u[n]").subs(n, 0) == 1  # Heaviside(0) would be 1/2
    assert latex_expr(r"\delta[n-2]").subs(n, 2) == 1


@needs_latex2sympy2
def test_closed_form_both_backends_agree():
    own = latex_expr("(n+1) 0.5^n u[n]", backend="own")
    general = latex_expr("(n+1) 0.5^n u[n]", backend="latex2sympy2")
    assert sympy.simplify(own - general) == 0
    assert own == (n + 1) * Rational(1, 2) ** n * unit_step(n)
    assert [own.subs(n, k) for k in range(-1, 3)] == [0, 1, 1, Rational(3, 4)]


def test_e_is_euler_and_e_indexed_is_a_sequence():
    assert latex_expr("e") == E
    assert latex_expr(r"\mathrm{e}^{2}") == E**2
    assert latex_expr("e[n]") == Indexed(IndexedBase("e"), n)


def test_imaginary_unit_is_explicit_and_i_j_stay_names():
    assert latex_expr(r"1 + 2\mathrm{j}") == 1 + 2 * I
    assert latex_expr(r"\jmath^2") == -1
    assert latex_expr("i^2") == Symbol("i", real=True) ** 2  # l2s2's latex2latex gives -1
    assert latex_expr("x[i]") == Indexed(IndexedBase("x"), Symbol("i", real=True))


@needs_latex2sympy2
def test_general_items_go_to_latex2sympy2():
    assert latex_expr(r"\sqrt{2} + 0.5") == sqrt(2) + Rational(1, 2)
    assert latex_expr(r"\sqrt{2} \cdot x[n-1]") == sqrt(2) * Indexed(IndexedBase("x"), n - 1)
    assert latex_expr(r"\cos(\pi n) 0.5^n") == sympy.cos(sympy.pi * n) / 2**n
    assert latex_expr(r"\binom{4}{2} \frac12") == 3
    assert latex_expr(r"|-3| + 2!") == 5
    assert value(r"[\sqrt{4}, \tfrac12]") == (2, Rational(1, 2))


def test_worked_line_parses_into_stages():
    stages = parse_chain(r"c[3] = a[0]b[3] + a[1]b[2] = 1 \cdot 0 + \tfrac{1}{2}\cdot\tfrac{1}{4} = \tfrac{1}{8}")
    assert [s.kind for s in stages] == ["index", "add", "add", "frac"]
    products = [[(f.name, evaluate(f.args[0])) for f in t.factors()] for _, t in stages[1].terms()]
    assert products == [[("a", 0), ("b", 3)], [("a", 1), ("b", 2)]]
    assert [t.ops for _, t in stages[2].terms()] == [("cdot",), ("cdot",)]
    assert evaluate(stages[2]) == Rational(1, 8)


def test_sums():
    node = parse_latex(r"\sum_m a[m] b[1-m]")
    assert node.kind == "sum" and node.name == "m" and node.args[1] is None
    assert latex_expr(r"\sum_{m=0}^{3} m") == 6
    assert latex_expr(r"\sum_{m=0}^{2} a[m]") == sum(Indexed(IndexedBase("a"), k) for k in range(3))


def test_sums_over_several_indices_are_nested_sums():
    node = parse_latex(r"\sum_{k,l} x[k,l] h[1-k,2-l]")
    assert (node.kind, node.name, node.args[0].kind, node.args[0].name) == ("sum", "k", "sum", "l")
    assert latex_expr(r"\sum_{k,l=0}^{1} (k + 2 l)") == latex_expr(r"\sum_{k=0}^{1}\sum_{l=0}^{1} (k + 2 l)") == 6


@pytest.mark.parametrize("text", [
    r"h[(n-m) \bmod N]", r"h[(n-m) \mod N]", r"h[n-m \pmod{N}]", r"h[(n - m) mod N]", r"h[((n-m))_N]",
    r"h[(n-m) \operatorname{mod} N]", r"h[(n-m) \mathrm{mod}\, N]", r"h[n - m \bmod N]",
])
def test_remainders_in_every_notation(text):
    n, m, N = (Symbol(c, real=True) for c in "nmN")
    assert latex_expr(text) == Indexed(IndexedBase("h"), Mod(n - m, N))


def test_remainders_maxima_conjugates_and_the_operation():
    assert latex_expr(r"7 \bmod 3") == latex_expr("7 mod 3") == latex_expr(r"((7))_3") == 1
    assert latex_expr(r"\max(0,\, 2 - 5) + \min(3, 1)") == 1
    i, j, k, l, N = (Symbol(c, real=True) for c in "ijklN")
    assert latex_expr(r"h[(i-k,j-l) \bmod N]") == Indexed(IndexedBase("h"), Mod(i - k, N), Mod(j - l, N))
    h = Indexed(IndexedBase("h"), k)
    assert latex_expr(r"\overline{h[k]}") == latex_expr(r"\overline{h}[k]") == latex_expr("h^*[k]") == \
        latex_expr("h^{*}[k]") == conjugate(h)
    assert latex_expr(r"\overline{1 + 2\mathrm{i}}") == 1 - 2 * I
    node = parse_chain(r"y[n] = (x \star h)[n] = \left(x * h\right)[n]")[1:]
    assert [(nd.kind, nd.name, nd.text) for nd in node] == [("operation", "x,h", r"\star"), ("operation", "x,h", "*")]
    assert parse_latex("(x + h)").kind == "group"  # an operation is a name, an operator and a name, then [n]


# ----------------------------------------------------------------- pitfalls of latex2sympy2


@needs_latex2sympy2
def test_pitfall_commas_are_separators_not_thousands():
    from latex2sympy2 import latex2sympy

    assert latex2sympy("10,100,250") == 10100250  # the trap
    assert value("10,100,250") == (10, 100, 250)


@needs_latex2sympy2
def test_pitfall_assignment_keeps_its_left_side_and_assigns_nothing():
    from latex2sympy2 import latex2sympy

    assert latex2sympy("a = 5") == 5  # the trap: the left side is dropped
    v = read_latex("a = 5")
    assert (v.value, v.lhs) == (5, "a")
    assert read_latex(r"y[n] = [1, 2]").lhs == "y[n]"


@needs_latex2sympy2
def test_pitfall_globals_kept_between_calls():
    import latex2sympy2 as l2s2

    before = dict(l2s2.variances)
    l2s2.latex2latex("x = 1")  # the trap: now module-wide x = 1
    try:
        assert l2s2.latex2latex("x + y") == "y + 1"
        # our reading is unaffected, and leaves the module's state as it found it
        assert latex_expr(r"\sqrt{4} x + y", backend="latex2sympy2") == 2 * Symbol("x", real=True) + Symbol("y", real=True)
        assert len(l2s2.variances) == len(before) + 1
    finally:
        l2s2.set_variances(before)


@needs_latex2sympy2
def test_pitfall_unevaluated_results_are_evaluated():
    from latex2sympy2 import latex2sympy

    assert (latex2sympy(r"\frac{1}{2}") == Rational(1, 2)) is False  # the trap
    assert latex_expr(r"\frac{1}{2}", backend="latex2sympy2") == Rational(1, 2)
    assert latex_expr(r"1 \cdot 2", backend="latex2sympy2") == 2


@needs_latex2sympy2
def test_pitfall_brace_less_frac():
    assert latex_expr(r"\frac12") == Rational(1, 2)
    assert latex_expr(r"\frac12", backend="latex2sympy2") == Rational(1, 2)
    assert latex_expr(r"\frac{a+b}2", backend="latex2sympy2") == latex_expr(r"\frac{a+b}{2}")


@needs_latex2sympy2
def test_pitfall_truncation_is_refused():
    from latex2sympy2 import latex2sympy

    assert latex2sympy("1 + 2 )").doit() == 3  # the trap: ')' silently dropped
    with pytest.raises(InputError, match=r"^answer, column 7: '\)' has no matching '\('$"):
        latex_expr("1 + 2 )", backend="latex2sympy2")
    assert latex2sympy(r"{g}_{k} + 3") == Symbol("g")  # the trap: '_{k} + 3' swallowed
    with pytest.raises(InputError, match=r"^answer, column 4: unexpected '_'$"):
        latex_expr(r"{g}_{k} + 3", backend="latex2sympy2")  # caught by the consumption check


@needs_latex2sympy2
def test_pitfall_juxtaposed_numbers():
    assert latex_expr("(2)(3)", backend="latex2sympy2") == 6
    assert latex_expr("(1)(2)+(3)(4)", backend="latex2sympy2") == 14
    with pytest.raises(InputError):
        latex_expr(r"3 \frac{1}{2}")


@needs_latex2sympy2
def test_pitfall_decimals_exact_in_general_items():
    assert latex_expr(r"\sqrt{4} \cdot 0.1", backend="latex2sympy2") == Rational(1, 5)


@needs_latex2sympy2
def test_pitfall_power_towers_refused_before_evaluation():
    for text in (r"10^{10^{10}}", r"\sqrt{10^{10^{10}}}", r"2^{2^{2^{2^{2}}}}"):
        with pytest.raises(InputError, match="power too large to evaluate"):
            latex_expr(text)
    assert latex_expr(r"2^{2^{2^{2}}}") == 65536
    assert latex_expr(r"0.5^{n}") == Rational(1, 2) ** n


def test_size_limit():
    text = "1+" * (latex_in.MAX_LATEX_CHARS // 2) + "1"
    with pytest.raises(InputError) as exc:
        read_latex(text)
    assert str(exc.value) == (
        f"answer: LaTeX text of {len(text)} characters is longer than the limit of "
        f"{latex_in.MAX_LATEX_CHARS}"
    )


def test_unsupported_when_latex2sympy2_cannot_be_imported(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake(name, *args, **kwargs):
        if name == "latex2sympy2":
            raise ModuleNotFoundError("No module named 'typing.io'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    assert latex_expr(r"\frac{1}{2} + 0.5") == 1  # the common cases need nothing else
    with pytest.raises(UnsupportedError) as caught:
        latex_expr(r"\sqrt{2}")
    assert str(caught.value) == (
        "this LaTeX needs latex2sympy2, which cannot be imported here (ModuleNotFoundError: No module "
        "named 'typing.io'; pip installs it on Python 3.11 and 3.12 only): it reads \\sqrt, functions "
        "such as \\sin, \\exp and \\log, \\binom and floors; write the value with + - \\cdot \\frac ^ only")


# ----------------------------------------------------------------- error messages (API)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (r"\frac{1}{2", r"answer, column 9: expected '}' to close '\frac{1}{'"),
        (r"[1, 2", "answer, column 1: expected ']' to close '['"),
        (r"(1, 2]", "answer, column 6: expected ')' to close '(' (column 1), found ']'"),
        ("2 3", r"answer, column 3: two numbers side by side ('2 3'); separate items with commas or multiply with \cdot"),
        (r"3 \frac{1}{2}", r"answer, column 3: '3 \frac{1}{2}' is ambiguous (a mixed number or a product); write \cdot for a product or a single fraction"),
        (r"[1, \ldots, 4]", r"answer, column 5: '\ldots' leaves terms out; write every term"),
        (r"1 + \foo", r"answer, column 5: unknown LaTeX command '\foo'"),
        (r"x \ast h", r"answer, column 3: '\ast' is an operation, not a value; write the result"),
        (r"(x \star h)[1]", r"answer, column 1: '\star' is an operation, not a value; write the result"),
        (r"\bmod 3", r"answer, column 1: '\bmod' needs a value before it, e.g. (n - m) \bmod N"),
        (r"5 \bmod", r"answer, column 3: '\bmod' needs a modulus, e.g. (n - m) \bmod N"),
        (r"5 \bmod 0", "answer, column 9: the modulus 0 is not a positive integer"),
        (r"\max 3", r"answer, column 6: '\max' needs its arguments in parentheses, e.g. \max(0, n - 2)"),
        (r"\overline 3", r"answer, column 11: '\overline' needs braces, e.g. \overline{h[m]}"),
        ("1 +", "answer, column 4: the formula ends too early"),
        (r"\frac{1}{0}", "answer, column 10: division by zero"),
        ("a = b = 5", "answer, column 7: more than one '='; an answer is one value (check worked lines with check_line)"),
        ("1 + 2 = 3", "answer, column 1: the left of '=' must be a name such as y or y[n]"),
        (r"\begin{bmatrix} 1 & 2 \\ 3 \end{bmatrix}", "answer, column 26: row 2 has 1 entries, row 1 has 2"),
        ("1 & 2", "answer, column 3: '&' outside a matrix"),
        ("2 ^ ", "answer, column 3: '^' at the end needs an argument"),
        ("0,5 #", "answer, column 5: unexpected character '#'"),
        ("x[]", "answer, column 2: empty index in 'x[]'"),
        (r"\sum a[m]", r"answer, column 1: '\sum' needs an index, e.g. \sum_{m} or \sum_{m=0}^{3}"),
        (r"\sum_m a[m]", r"answer, column 1: a sum without both bounds has no value; write \sum_{m=0}^{3} or expand it"),
        (r"\frac{1}", r"answer, column 9: '\frac' needs two arguments, e.g. \frac{1}{2}; found the end"),
        ("2^{5000000}", "answer, column 1: power too large to evaluate (exponent 5000000); the limit is 100000 bits"),
        ("(" * 101 + ")" * 101, "answer, column 101: brackets nested deeper than 100"),
    ],
)
def test_error_messages(text, message):
    with pytest.raises(InputError) as exc:
        read_latex(text)
    assert str(exc.value) == message


def test_where_names_the_input():
    with pytest.raises(InputError, match=r"^claimed answer, item 2, column 1: "):
        read_latex("[", where="claimed answer, item 2")


def test_plain_text_powers_and_conjugates():
    a, b = Symbol("a", real=True), Symbol("b", real=True)
    assert latex_expr("a**2*b + 2**-1") == a**2 * b + Rational(1, 2)
    assert latex_expr("2**10") == 1024 and latex_expr("a**b**2") == a ** (b**2)
    assert latex_expr("conj(h[1]) + 1") == conjugate(Indexed(IndexedBase("h"), 1)) + 1
    assert latex_expr("conj(2 + \\mathrm{i})") == 2 - I
    for text, message in [("conj(h[1]", "answer, column 5: expected ')' to close '('"),
                          ("a ** ", "answer, column 6: the formula ends too early"),
                          ("**2", "answer, column 1: unexpected '**'")]:
        with pytest.raises(InputError) as error:
            latex_expr(text)
        assert str(error.value) == message


def test_data_symbols_with_longer_names():
    """A symbol of the data written x_0, x_{0} (SymPy's LaTeX), ab, h_{0} or \\alpha_{1} is that
    symbol in a worked line, not x indexed by 0; without such a symbol x_{0} is x[0]."""
    names = ["x_0", "ab", "h0", "alpha_1"]
    for text, name in [("x_0", "x_0"), ("x_{0}", "x_0"), ("ab", "ab"), ("h_{0}", "h0"), ("h0", "h0"),
                       (r"\alpha_{1}", "alpha_1"), ("alpha_1", "alpha_1")]:
        stage = parse_chain(f"y[0] = 2 {text}", symbols=names)[1]
        assert stage.kind == "mul" and stage.args[1].kind == "name" and stage.args[1].name == name, text
    assert parse_chain("y[0] = x_{0}", symbols=[])[1].kind == "index"
    assert parse_chain("y[0] = x_{01}", symbols=names)[1].kind == "index"  # x_0 is not a word there
    assert [f.name for f in parse_chain("y[0] = a b", symbols=names)[1].args] == ["a", "b"]
    assert [f.name for f in parse_chain(r"y[0] = ab\cdot\alpha_{1}", symbols=names)[1].args] == ["ab", "alpha_1"]


@needs_latex2sympy2
def test_general_parser_errors_carry_a_column():
    with pytest.raises(InputError, match=r"^answer, column \d+: "):
        read_latex(r"\operatorname{sinc}(n)")
    with pytest.raises(InputError, match="factorial of 1000000 is too large to evaluate"):
        read_latex("1000000!")


# ----------------------------------------------------------------- fuzz

_PIECES = [
    "1", "0.5", "12", ".", "x", "n", "u", "e", "a", "[", "]", "(", ")", "{", "}", r"\{", r"\}",
    "+", "-", "*", "/", "^", "_", ",", ";", "&", r"\\", "=", "!", "|", r"\frac", r"\tfrac",
    r"\cdot", r"\times", r"\left(", r"\right)", r"\sqrt", r"\sum", r"\alpha", r"\pi", r"\ldots",
    r"\begin{bmatrix}", r"\end{bmatrix}", r"\mathrm{j}", r"\delta", r"\infty", " ", "\\", "%",
    r"\sin", r"\binom", "2^{2^{2}}", "10^{10^{10}}", r"\operatorname{f}", "**", "conj(", "x_0", "I",
]


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join) | st.text(max_size=25))
def test_fuzz_only_our_errors(text):
    try:
        result = read_latex(text)
    except (InputError, UnsupportedError) as exc:
        assert "\n" not in str(exc)
        return
    flat = result.value if isinstance(result.value, tuple) else (result.value,)
    for item in flat:
        for v in item if isinstance(item, tuple) else (item,):
            assert isinstance(v, sympy.Expr)
            assert not v.atoms(sympy.Float)


@pytest.mark.parametrize("text, message", [
    ("[1, 2]", "answer, column 3: expected one formula, found a list"),
    (r"\{1,2\}", "answer, column 4: expected one formula, found a list"),
    ("1, 2", "answer, column 2: expected one formula, found a list"),
    (r"\left[1; 2\right]", "answer, column 8: expected one formula, found a list"),
    ("3 + [1,2]", "answer, column 7: expected one formula, found a list"),
])
def test_issue_a_list_is_not_one_formula(text, message):
    # review: after separators inside brackets were allowed (x[1,2], \max(0, n)), [1, 2] said
    # "unexpected '['" and \{1,2\} "unexpected '\{'"
    with pytest.raises(InputError) as e:
        parse_latex(text)
    assert str(e.value) == message


def test_issue_separators_inside_index_brackets_stay_one_formula():
    for text in ("x[1, 2]", r"h^*[1, 2]", r"\max(0, n) + h[(i-k, j-l) \bmod N]", r"\sum_{k,l} x[k,l]",
                 r"(x * h)[1, 2]"):
        parse_latex(text)


@pytest.mark.parametrize("text, value", [
    (r"\lfloor \frac{7}{2}\rfloor", 3), (r"\lfloor 7/2 \rfloor", 3), (r"\lceil \frac{7}{2} \rceil + 1", 5)])
@needs_latex2sympy2
def test_issue_21_floor_and_ceiling_as_the_readme_lists(text, value):
    assert read_latex(text).value == value


def test_issue_21_a_sum_claim_is_named():
    with pytest.raises(InputError) as error:
        read_latex(r"\sum_{m=0}^{9999} m", where="claimed answer")
    assert str(error.value) == ("claimed answer, column 1: a sum is no claimed value; write its value (a worked "
                                "line 'y[n] = \\sum ... = value' is checked with check_line)")


def test_issue_21_a_backslash_before_a_new_line_stays_one_line():
    """Found by the fuzz suite: the message quoted a raw new line."""
    with pytest.raises(InputError) as error:
        read_latex("\\\n", where="claimed answer")
    assert str(error.value) == "claimed answer, column 1: unknown LaTeX command '\\\\n'"
