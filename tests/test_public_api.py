"""The public API: symconv.__all__ sorted, complete and importable; ``import symconv`` stays light."""

from __future__ import annotations

import importlib
import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import symconv

ROOT = Path(__file__).resolve().parents[1]

CONTRACT = ["InputError", "SelfCheckError", "Signal", "SymconvError", "UnsupportedError", "__version__",
            "circular_convolve", "convolve", "correlate", "flip", "to_exact"]
"""Names issue 3 promises; later issues and outside checks call them."""

FOUNDATION_MODULES = ["errors", "text", "exact", "samples", "parse", "signal", "conventions", "operations",
                      "engine", "engine.direct", "engine.dispatch", "render.values", "cli"]

HEAVY = ["latex2sympy2", "scipy", "flint", "torch"]


def test_all_is_sorted_and_unique():
    assert symconv.__all__ == sorted(symconv.__all__)
    assert len(set(symconv.__all__)) == len(symconv.__all__)


def test_all_is_importable():
    namespace: dict = {}
    exec("from symconv import *", namespace)  # noqa: S102 - a fixed statement, not user input
    for name in symconv.__all__:
        assert getattr(symconv, name) is not None
        if name != "__version__":
            assert namespace[name] is getattr(symconv, name)


def test_all_is_complete():
    public = {name for name, value in vars(symconv).items()
              if not name.startswith("_") and not inspect.ismodule(value)}
    assert public <= set(symconv.__all__)


def test_contract_names_are_exported():
    assert set(CONTRACT) <= set(symconv.__all__)
    assert isinstance(symconv.__version__, str) and symconv.__version__.count(".") == 2


def test_contract_signatures():
    assert list(inspect.signature(symconv.convolve).parameters)[:4] == ["x", "h", "mode", "same_convention"]
    correlate = inspect.signature(symconv.correlate).parameters
    assert list(correlate)[:2] == ["x", "h"] and correlate["order"].default == "canonical"
    assert correlate["mode"].kind is inspect.Parameter.KEYWORD_ONLY
    assert inspect.signature(symconv.convolve).parameters["mode"].default == "full"
    assert inspect.signature(symconv.convolve).parameters["same_convention"].default == "scipy"
    assert list(inspect.signature(symconv.circular_convolve).parameters)[:3] == ["x", "h", "N"]
    assert list(inspect.signature(symconv.Signal).parameters) == ["values", "start"]


@pytest.mark.parametrize("name", FOUNDATION_MODULES)
def test_foundation_modules_list_their_public_names(name):
    module = importlib.import_module(f"symconv.{name}")
    assert module.__doc__, "a module docstring says what the module owns"
    names = module.__all__
    assert names == sorted(names)
    for public in names:
        assert hasattr(module, public), public
    defined = {n for n, value in vars(module).items()
               if not n.startswith("_") and (inspect.isfunction(value) or inspect.isclass(value))
               and value.__module__ == module.__name__}
    assert defined <= set(names)


def test_py_typed_is_shipped():
    assert (Path(symconv.__file__).parent / "py.typed").exists()


def _imported_after(statement: str, **environment: str) -> dict:
    code = ("import sys, json\n"
            "import sympy\n"
            "before = set(sys.modules)\n"
            f"{statement}\n"
            "roots = lambda names: sorted({n.split('.')[0] for n in names})\n"
            "print(json.dumps({'all': roots(sys.modules), 'added': roots(set(sys.modules) - before)}))\n")
    env = {**os.environ, **environment,
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                               cwd=ROOT, timeout=120, check=True)
    return json.loads(completed.stdout)


def test_import_symconv_is_light():
    """latex2sympy2, scipy, flint and torch are imported lazily, inside the functions that need them.

    SymPy itself imports python-flint when it is installed (its ground types); so symconv must add
    no flint module beyond SymPy's, and with SYMPY_GROUND_TYPES=python none appears at all.
    """
    default = _imported_after("import symconv")
    assert not set(HEAVY) & set(default["added"])
    assert not {"latex2sympy2", "scipy", "torch"} & set(default["all"])
    python_ground_types = _imported_after("import symconv", SYMPY_GROUND_TYPES="python")
    assert not set(HEAVY) & set(python_ground_types["all"])
