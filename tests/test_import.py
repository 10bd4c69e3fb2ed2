"""``import symconv`` loads only what convolve and correlate need; the rest loads on first use.

Each check runs in a fresh interpreter and reads ``sys.modules`` (no timing).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import symconv

ROOT = Path(__file__).resolve().parents[1]

ON_FIRST_USE = ["symconv.check", "symconv.closed_forms", "symconv.cnn", "symconv.derive", "symconv.proofs",
                "symconv.render", "symconv.sequences", "symconv.steps", "symconv.symbolic", "symconv.ztransform"]
"""Subpackages and modules (checker, LaTeX reading, PDF, worked solutions, proofs, CNN, closed
forms, z-transform, SymPy objects) that ``import symconv`` must not load."""


def loaded_after(statements: str) -> list[str]:
    """The symconv modules and heavy libraries in ``sys.modules`` after ``statements``."""
    code = (f"import sys, json\n{statements}\n"
            "print(json.dumps(sorted(m for m in sys.modules if m.startswith(('symconv', 'latex2sympy2', "
            "'scipy', 'torch')))))\n")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                               timeout=120, check=True)
    return json.loads(completed.stdout)


def under(modules: list[str], package: str) -> list[str]:
    return [m for m in modules if m == package or m.startswith(package + ".")]


def test_issue_19_import_symconv_loads_only_the_convolution_path():
    modules = loaded_after("import symconv")
    for package in ON_FIRST_USE:
        assert under(modules, package) == [], package
    assert not [m for m in modules if not m.startswith("symconv")]
    assert {"symconv.operations", "symconv.engine", "symconv.signal"} <= set(modules)


def test_issue_19_convolve_and_correlate_need_nothing_more():
    modules = loaded_after("import symconv\n"
                           "y = symconv.convolve([1, '1/2'], [1, 1]), symconv.correlate([[1, 2]], [[1]]).values\n"
                           "text = repr(y)\n"
                           "symconv.circular_convolve([1, 2, 3], [1, 1], 3)")
    for package in ON_FIRST_USE:
        assert under(modules, package) == [], package


def test_issue_19_a_lazy_name_loads_its_module_on_first_use():
    modules = loaded_after("import symconv\nsymconv.explain")
    assert "symconv.derive" in modules and under(modules, "symconv.cnn") == []


@pytest.mark.parametrize("name", ["check", "ztransform"])
def test_names_shared_with_their_subpackage_stay_the_functions(name):
    # importing the subpackage binds it on symconv; the public name must still be the function
    result = loaded_after(f"import symconv, symconv.{name}\n"
                         f"from symconv.{name} import {name} as f\n"
                         f"assert symconv.{name} is f and callable(symconv.{name})")
    assert f"symconv.{name}" in result
    assert callable(getattr(symconv, name))


def test_unknown_attribute_is_an_attribute_error():
    with pytest.raises(AttributeError, match="^module 'symconv' has no attribute 'nope'$"):
        symconv.nope  # noqa: B018


def test_dir_lists_the_lazy_names():
    assert set(symconv.__all__) <= set(dir(symconv))
