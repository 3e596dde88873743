"""The package's modules: each module-level name is bound once.

A word set defined twice in one module silently replaces the first for every function that reads it
(the rules read their word sets at call time), so a rule written against the first set stops working
without a failing test of its own. Linters do not catch it for plain assignments.
"""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

import kg

MODULES = sorted(Path(kg.__file__).parent.rglob("*.py"))


def assigned_twice(source: str) -> list[str]:
    """The module-level names that `source` assigns more than once."""
    names: Counter[str] = Counter()
    for node in ast.parse(source).body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        names.update(t.id for t in targets if isinstance(t, ast.Name))
    return sorted(name for name, count in names.items() if count > 1)


def test_a_name_assigned_twice_is_found() -> None:
    assert assigned_twice("WORDS = {'a'}\nOTHER = 1\nWORDS = {'b'}\n") == ["WORDS"]


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(Path(kg.__file__).parent)))
def test_module_binds_each_name_once(path: Path) -> None:
    assert assigned_twice(path.read_text(encoding="utf-8")) == []
