"""User text on its way into LaTeX: the only door for names, labels and titles.

Every character that LaTeX treats specially (``\\ { } $ & # ^ _ % ~``) is written so that it
prints as itself. Letters of Latin-1 and Latin Extended (``ö``, ``ß``, ``ł``, ``ő``), dashes,
quotes and guillemets pass through as UTF-8: symconv's documents load ``\\usepackage[T1]{fontenc}``
and pdflatex reads UTF-8 by default (:data:`TYPESET`); any other character becomes ``?``. Nothing
a user types can start a command (``\\input``, ``\\write18``), open math, end a group or comment
out the rest.

Examples
--------
>>> print(latex_text("Lösung für Übung 3 — Faltung ✓"))
Lösung für Übung 3 — Faltung ?
>>> print(latex_text(r"$\\input{/etc/passwd}$ 50% #1 & a_b"))
\\$\\textbackslash{}input\\{/etc/passwd\\}\\$ 50\\% \\#1 \\& a\\_b
>>> print(latex_name("x"), latex_name("x_0"), latex_name("image"), latex_name("a b"))
x \\mathit{x\\_0} \\mathit{image} \\text{a b}
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["TYPESET", "latex_name", "latex_text"]

TYPESET = frozenset("".join((
    "¡¢£¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉ"
    "ÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñ"
    "òóôõö÷øùúûüýþÿĀāĂăĄąĆćĈĉĊċČčĎďĐđĒēĔĕĖėĘę"
    "ĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİıĲĳĴĵĶķĹĺĻļĽľŁłŃńŅņ"
    "ŇňŊŋŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰű"
    "ŲųŴŵŶŷŸŹźŻżŽžƒǄǅǆǇǈǉǊǋǌǍǎǏǐǑǒǓǔǢǣǦǧǨǩǪǫǰ"
    "ǴǵȘșȚțȲȳȷ‐‑‒–—―‖‘’‚“”„†‡•‰‱‹›€…"
)))
"""Non-ASCII characters that pass through: those pdflatex's UTF-8 input maps to the T1 and TS1
font encodings (t1enc.dfu, ts1enc.dfu) in Latin-1, Latin Extended-A/B, dashes, quotes,
guillemets, ``…`` and ``€``; each was compiled with ``[T1]{fontenc}`` (no missing glyph)."""

_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\textasciicircum{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\textasciitilde{}",
}

_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9_]*\Z")


def latex_text(text: str) -> str:
    """``text`` escaped for LaTeX text mode (also valid inside ``\\text{...}``)."""
    out = []
    for char in str(text):
        if char in _SPECIAL:
            out.append(_SPECIAL[char])
        elif char == "\n" or char == "\t":
            out.append(" ")
        elif " " <= char <= "~" or char in TYPESET:
            out.append(char)
        else:
            out.append("?")
    return "".join(out)


def latex_name(name: str) -> str:
    """A user's name for a signal, for math mode: one letter as is, an identifier in ``\\mathit``,
    anything else as escaped text."""
    name = str(name)
    if len(name) == 1 and name.isascii() and name.isalpha():
        return name
    if _IDENTIFIER.match(name):
        return r"\mathit{" + name.replace("_", r"\_") + "}"
    if all(_greek(c) or (c.isascii() and (c.isalnum() or c == "_")) for c in name) and any(map(_greek, name)):
        letters = "".join(_greek(c) + ("{}" if _greek(c).startswith("\\") and following.isalnum() else "")
                          or c.replace("_", r"\_") for c, following in zip(name, name[1:] + " "))  # α, Δx
        return letters if len(name) == 1 else r"\mathit{" + letters + "}"
    return r"\text{" + latex_text(name) + "}"


def _greek(character: str) -> str:
    """``\\alpha`` for ``α`` (SymPy's spelling, so ``Α`` is ``A``); '' for any other character, accented
    Greek letters included."""
    words = unicodedata.name(character, "").split()
    if len(words) != 4 or words[0] != "GREEK" or words[1] not in ("SMALL", "CAPITAL") or words[2] != "LETTER":
        return ""
    from sympy import Symbol, latex
    letter = words[3].lower()
    return latex(Symbol(letter.capitalize() if words[1] == "CAPITAL" else letter))
