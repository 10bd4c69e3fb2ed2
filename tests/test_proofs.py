"""Proofs: every identity verifies, a broken link is named, renderings compile."""

import dataclasses
import shutil
import subprocess

import pytest
from sympy import IndexedBase, Sum, Symbol, conjugate, oo, symbols

from symconv.cli import main
from symconv.errors import InputError, SelfCheckError
from symconv.proofs import IDENTITIES, Link, Proof, Reason, prove
from symconv.proofs.render import render_document, render_latex, render_markdown, render_text


@pytest.mark.parametrize("name", sorted(IDENTITIES))
def test_every_identity_verifies_and_renders(name):
    proof = prove(name)
    assert proof.verify() is proof
    assert render_text(proof).startswith(proof.title)
    assert r"\begin{align*}" in render_latex(proof)
    assert render_markdown(proof).startswith("## ")


def test_broken_index_change_is_named():
    proof = prove("flip")
    n, m, k = Symbol("n", integer=True), *symbols("m k", integer=True)
    x, h = IndexedBase("x"), IndexedBase("h")
    wrong = Link(Sum(x[n + m] * conjugate(h[m]), (m, -oo, oo)),
                 Sum(x[k] * conjugate(h[n - k]), (k, -oo, oo)), Reason.CHANGE_INDEX,
                 detail="k = n + m", substitution=(m, k, k - n))
    broken = dataclasses.replace(proof, links=[proof.links[0], wrong, *proof.links[2:]], parts=())
    with pytest.raises(SelfCheckError) as err:
        broken.verify()
    assert str(err.value).startswith("flip identity: link 2 (CHANGE_INDEX) fails: ")


def _message(proof):
    try:
        proof.verify()
    except SelfCheckError as err:
        return str(err)
    return ""


def test_chain_gap_is_named():
    proof = prove("commutative")
    gap = dataclasses.replace(proof, links=[proof.links[0], proof.links[2]], parts=())
    with pytest.raises(SelfCheckError) as err:
        gap.verify()
    assert str(err.value) == ("commutativity: link 2 (DEFINITION_CONVOLUTION) does not start where "
                              "link 1 ended")


def test_wrong_instance_value_is_named_with_its_part():
    proof = prove("flip")
    full = proof.parts[0]
    n = Symbol("n", integer=True)
    wrong = full.links[0].rhs.as_expr_in(n) + 1      # checked from the definitions, term by term
    bad = dataclasses.replace(full, links=[dataclasses.replace(full.links[0], rhs=wrong, check=None),
                                           dataclasses.replace(full.links[1], lhs=wrong)])
    broken = dataclasses.replace(proof, parts=(bad,))
    with pytest.raises(SelfCheckError) as err:
        broken.verify()
    assert str(err.value).startswith("flip identity / full mode: link 1 (FINITE_EXPANSION) fails:")


def test_symbolic_finite_sequences_expand_term_by_term():
    part = prove("commutative").parts[0]
    a, b = symbols("a0:4"), symbols("b0:3")
    assert part.links[3].via == a[1] * b[2] + a[2] * b[1] + a[3] * b[0]
    assert len(part.links) == 6


def test_flip_modes_use_convention_windows():
    proof = prove("flip", x=[1, 2, 3, 4, 5], h=[1, 0, -1])
    valid = [p for p in proof.parts if p.title == "valid mode"][0]
    assert valid.links[0].rhs.start == 0 and valid.links[0].rhs.values == (-2, -2, -2)
    assert "valid mode, flip on both axes" in proof.parts[-1].title


def test_unknown_identity():
    with pytest.raises(InputError) as err:
        prove("flp")
    assert str(err.value) == ("identity: 'flp' is not one of: associative, commutative, conv_layer_gradients, "
                              "correlation_order, dft, flip, impulse, shift, z_transform; did you "
                              "mean 'flip'?")


def test_cli_prove_text_and_tex(tmp_path, capsys):
    assert main(["prove", "shift"]) == 0
    assert capsys.readouterr().out.startswith("shift\n")
    target = tmp_path / "flip.tex"
    assert main(["prove", "flip", "-o", str(target)]) == 0
    assert target.read_text().startswith(r"\documentclass")
    assert main(["prove", "flip", "-o", str(tmp_path / "flip.doc")]) == 2
    assert capsys.readouterr().err == ("symconv: error: output: '" + str(tmp_path / "flip.doc")
                                       + "' does not end in .txt, .md, .tex or .pdf (what symconv prove writes); "
                                         "rename it or give --format\n")
    assert not (tmp_path / "flip.doc").exists()


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")
@pytest.mark.parametrize("name", sorted(IDENTITIES))
def test_documents_compile(tmp_path, name):
    tex = tmp_path / f"{name}.tex"
    tex.write_text(render_document(prove(name)))
    run = subprocess.run(["pdflatex", "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error",
                          tex.name], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout[-2000:]


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None, reason="needs pdflatex")
def test_cli_prove_pdf(tmp_path):
    target = tmp_path / "flip.pdf"
    assert main(["prove", "flip", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")


def test_conv_layer_gradients_against_autograd():
    """The derivatives in the proof equal PyTorch's autograd on integer values (when importable)."""
    proof = prove("conv_layer_gradients")
    assert [link.reason.name for link in proof.links] == ["FINITE_EXPANSION"] * 5
    torch = pytest.importorskip("torch")
    values = {**{f"x{i}": v for i, v in enumerate([1, -2, 3, 0, 5])},
              **{f"w{i}": v for i, v in enumerate([2, 1, -1])}, **{f"g{i}": v for i, v in enumerate([1, 4, -3])}}
    x = torch.tensor([[[1., -2, 3, 0, 5]]], requires_grad=True, dtype=torch.float64)
    w = torch.tensor([[[2., 1, -1]]], requires_grad=True, dtype=torch.float64)
    torch.nn.functional.conv1d(x, w).backward(torch.tensor([[[1., 4, -3]]], dtype=torch.float64))

    def at(expr):
        return int(expr.subs({s: values[s.name] for s in expr.free_symbols}))

    assert [at(link.lhs) for link in proof.links] == x.grad[0, 0].int().tolist()
    assert [at(link.lhs) for link in proof.parts[0].links] == w.grad[0, 0].int().tolist()


def test_issue_15_proofs_print_mathematics_not_code():
    for name in ("flip", "z_transform"):
        proof = prove(name)
        text, tex = render_text(proof), render_document(proof)
        for code in ("conj(", "FiniteSequence", "Sum(", "Piecewise(", "symconv.", "start (", "[[",
                     "frac45", "left|", "∧", "Correlation(", "Convolution(", "**"):
            assert code not in text, (name, code)
        assert "conj" not in tex and "?" not in tex.split(r"\begin{document}")[1]
    text = render_text(prove("flip"))
    assert "= Σ_k x[k]·h♭[n - k]    [definition of the flip: h♭[j] = h̄[-j]]" in text
    assert "where h♭ = {1/4, 1/2, 1↑}" in text
    assert r"K^{\flat}[i, j] = \overline{K[- i, - j]}" in render_latex(prove("flip"))


def test_issue_15_z_transform_proof_is_a_chain_and_uses_the_given_sequences():
    proof = prove("z_transform")
    assert [link.reason.name for link in proof.links] == [
        "DEFINITION_Z_TRANSFORM", "DEFINITION_CONVOLUTION", "INTERCHANGE_SUMS", "CHANGE_INDEX", "FACTOR",
        "DEFINITION_Z_TRANSFORM"]
    instance = prove("z_transform", x=[1, 2, 3], h=[1, -1]).parts[0]
    text = render_text(instance)
    assert text.startswith("x = δ[n] + 2·δ[n - 1] + 3·δ[n - 2] and h = δ[n] - δ[n - 1]")
    assert "where X(z) = 1 + 2/z + 3/z^2    [z-transform of the closed form: ROC z ≠ 0]" in text
    n = Symbol("n", integer=True)
    from symconv.sequences import unit_step
    text = render_text(prove("z_transform", x=unit_step(-n - 1) - unit_step(-n - 4), h=[1]).parts[0])
    assert "ROC every z" in text


def test_issue_15_z_transform_instance_checks_each_transform_against_its_series():
    import dataclasses as dc
    from sympy import Rational
    from symconv.proofs.identities import _series_check
    from symconv.sequences import unit_step
    from symconv.ztransform import ztransform
    n, z = Symbol("n", integer=True), Symbol("z")
    for seq in (Rational(4, 5)**n * unit_step(n), unit_step(n) - unit_step(n - 4),
                unit_step(-n - 1) - unit_step(-n - 4), -2**n * unit_step(-n - 1)):
        found = ztransform(seq, n, z)
        assert _series_check(seq, found) is None
        assert _series_check(seq, dc.replace(found, transform=found.transform + z**-2)) is not None
    a, b = symbols("a b")
    text = render_text(prove("z_transform", x=a**n * unit_step(n), h=b**n * unit_step(n)).parts[0])
    assert "for z in both ROCs: |z| > max(|a|, |b|)]" in text
    assert "= {z^2/((z - a)·(z - b)) if a ≠ b; z^2/(z - a)^2 otherwise}" in text


@pytest.mark.tex
@pytest.mark.skipif(shutil.which("pdflatex") is None or shutil.which("pdftotext") is None,
                    reason="needs pdflatex and pdftotext")
@pytest.mark.parametrize("name", ["flip", "z_transform"])
def test_issue_15_proof_pdfs_read_as_mathematics(tmp_path, name):
    target = tmp_path / f"{name}.pdf"
    assert main(["prove", name, "-o", str(target), "--quiet"]) == 0
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    for code in ("conj", "Sum(", "FiniteSequence", "Piecewise", "frac", "left|", "∧", "symconv.conventions",
                 "start (", "[[", "?"):
        assert code not in text, code
    assert ("♭" in text) == (name == "flip")
