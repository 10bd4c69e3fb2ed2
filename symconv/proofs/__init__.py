"""Checked proofs: chains of equalities with reasons (proof.py), the identities (identities.py),
and their LaTeX / Markdown / text renderings (render.py)."""

from symconv.proofs.identities import IDENTITIES, prove
from symconv.proofs.proof import Link, Proof, Reason

__all__ = ["IDENTITIES", "Link", "Proof", "Reason", "prove"]
