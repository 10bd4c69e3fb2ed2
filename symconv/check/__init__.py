"""Answer checking: read claimed answers (LaTeX included), compare exactly, diagnose mistakes.

``check`` compares a claimed result term by term and names the mistakes; ``check_line``
checks one worked line stage by stage; ``check_solution`` checks every worked line of a text;
``grade`` grades an answer key; ``check_output_size`` and ``check_layer`` check CNN layer
sizes and outputs. LaTeX is read by :mod:`symconv.check.latex_in`.
"""

from symconv.check.batch import BatchReport, ItemResult, grade, load_answer_key
from symconv.check.answer import check, compute
from symconv.check.diagnose import read_claim
from symconv.check.layer import check_layer, check_output_size
from symconv.check.lines import check_line, check_solution
from symconv.check.hypotheses import KINDS
from symconv.check.verdict import LineVerdict, Mistake, StageVerdict, TermVerdict, Verdict

__all__ = [
    "KINDS",
    "BatchReport",
    "ItemResult",
    "LineVerdict",
    "Mistake",
    "StageVerdict",
    "TermVerdict",
    "Verdict",
    "check",
    "check_layer",
    "check_line",
    "check_output_size",
    "check_solution",
    "compute",
    "grade",
    "load_answer_key",
    "read_claim",
]
