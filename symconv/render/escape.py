"""User text on its way into LaTeX: the only door for names, labels and titles.

Every character that LaTeX treats specially (``\\ { } $ & # ^ _ % ~``) is written so that it
prints as itself. Letters the fonts lack but math can write (``ℓ``, ``𝑥``, ``ℝ``, Greek) become
math (:func:`math_letter`; :func:`declare_letters` does the same for a whole document); other
letters (Cyrillic, CJK) are written as their code point ``[U+0430]`` in text and refused in a
document, naming the letter. Letters of Latin-1 and Latin Extended (``ö``, ``ß``, ``ł``, ``ő``), dashes,
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

from symconv.errors import InputError

__all__ = ["TYPESET", "declare_letters", "latex_name", "latex_text", "math_letter", "typesettable", "unreadable"]

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
        elif math_letter(char):
            out.append(r"\ensuremath{" + math_letter(char) + "}")
        elif unicodedata.category(char).startswith("L"):
            out.append(f"[U+{ord(char):04X}]")
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
    if all(math_letter(c) or (c.isascii() and (c.isalnum() or c == "_")) for c in name) and any(map(math_letter, name)):
        letters = "".join(math_letter(c) + ("{}" if math_letter(c).startswith("\\") and following.isalnum() else "")
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


_LETTERLIKE = {"ℓ": r"\ell", "ℏ": r"\hbar", "℘": r"\wp", "ℜ": r"\Re", "ℑ": r"\Im", "ℵ": r"\aleph",
               "ı": r"\imath", "ȷ": r"\jmath"}
_ALPHABETS = (("BOLD ITALIC", r"\boldsymbol{\mathit{%s}}"), ("BOLD SCRIPT", r"\mathcal{%s}"),
              ("BOLD FRAKTUR", r"\mathfrak{%s}"), ("SANS-SERIF BOLD ITALIC", r"\mathsf{%s}"),
              ("SANS-SERIF BOLD", r"\mathsf{%s}"), ("SANS-SERIF ITALIC", r"\mathsf{%s}"),
              ("SANS-SERIF", r"\mathsf{%s}"), ("BOLD", r"\mathbf{%s}"), ("ITALIC", r"\mathit{%s}"),
              ("SCRIPT", r"\mathcal{%s}"), ("FRAKTUR", r"\mathfrak{%s}"), ("DOUBLE-STRUCK", r"\mathbb{%s}"),
              ("MONOSPACE", r"\mathtt{%s}"))


def math_letter(character: str) -> str:
    """The LaTeX math (amsmath, amssymb) for a letter that pdflatex cannot take as UTF-8 text:
    Greek (``α`` -> ``\\alpha``), letterlike symbols (``ℓ`` -> ``\\ell``), the mathematical
    alphabets (``𝑥`` -> ``\\mathit{x}``, ``ℝ`` -> ``\\mathbb{R}``); '' for any other character.

    Examples
    --------
    >>> math_letter("ℓ"), math_letter("𝑥"), math_letter("ℝ"), math_letter("β"), math_letter("а")
    ('\\\\ell', '\\\\mathit{x}', '\\\\mathbb{R}', '\\\\beta', '')
    """
    if character in _LETTERLIKE:
        return _LETTERLIKE[character]
    if _greek(character):
        return _greek(character)
    name = unicodedata.name(character, "")
    plain = unicodedata.normalize("NFKC", character)
    if not name.startswith(("MATHEMATICAL ", "DOUBLE-STRUCK ", "SCRIPT ", "BLACK-LETTER ")) or character == plain:
        return ""
    inner = plain if plain.isascii() else _greek(plain)
    if not inner or (not plain.isascii() and "ITALIC" not in name and "BOLD" not in name):
        return ""
    style = name.removeprefix("MATHEMATICAL ").replace("BLACK-LETTER", "FRAKTUR")
    for words, command in _ALPHABETS:
        if style.startswith(words + " "):
            if command.startswith((r"\mathcal", r"\mathbb")) and not plain.isupper():
                return r"\mathit{%s}" % inner
            return command % inner
    return inner


def declare_letters(document: str) -> str:
    """``document`` with a ``\\DeclareUnicodeCharacter`` before ``\\begin{document}`` for each
    letter in it that pdflatex's T1 fonts lack but math can write (:func:`math_letter`).

    Raises
    ------
    InputError
        A letter that neither the fonts nor math can write (Cyrillic, CJK, ...).

    Examples
    --------
    >>> print(declare_letters("\\\\begin{document}$ℓ$\\\\end{document}").splitlines()[0])
    \\DeclareUnicodeCharacter{2113}{\\ensuremath{\\ell}}
    >>> declare_letters("\\\\begin{document}а\\\\end{document}")
    Traceback (most recent call last):
    ...
    symconv.errors.InputError: LaTeX: 'а' (CYRILLIC SMALL LETTER A, U+0430) is not in the fonts symconv typesets with; write a Latin or Greek letter, or ask for text output
    """
    declarations = []
    for character in sorted(set(document)):
        if character.isascii() or character in TYPESET or not unicodedata.category(character).startswith("L"):
            continue
        command = math_letter(character)
        if not command:
            raise InputError("LaTeX", f"{unreadable(character)} is not in the fonts symconv typesets with; "
                                      "write a Latin or Greek letter, or ask for text output")
        declarations.append(r"\DeclareUnicodeCharacter{%04X}{\ensuremath{%s}}" % (ord(character), command))
    if not declarations:
        return document
    head, begin, body = document.partition(r"\begin{document}")
    return head + "\n".join(declarations) + "\n" + begin + body


def unreadable(character: str) -> str:
    """``'а' (CYRILLIC SMALL LETTER A, U+0430)``: a character named for a message."""
    return f"'{character}' ({unicodedata.name(character, 'unnamed')}, U+{ord(character):04X})"


def typesettable(tex: str) -> bool:
    """Whether every letter of ``tex`` is in the fonts or has a :func:`math_letter`."""
    return all(c.isascii() or c in TYPESET or not unicodedata.category(c).startswith("L") or math_letter(c)
               for c in set(tex))
