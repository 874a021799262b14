"""One core, thin adapters: only loa/adapters/ imports mkdocs or click."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

LOA = Path(__file__).resolve().parent.parent / "loa"
ADAPTER_IMPORTS = {"mkdocs", "material", "click"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


MODULES = sorted(p.relative_to(LOA).as_posix() for p in LOA.rglob("*.py"))


@pytest.mark.parametrize("module", MODULES)
def test_core_modules_import_neither_engine_nor_cli(module: str) -> None:
    allowed = ADAPTER_IMPORTS if module.startswith("adapters/") else set()
    forbidden = ({"mkdocs", "material", "click"} - allowed) & imported_roots(LOA / module)
    assert not forbidden, f"loa/{module} imports {forbidden}"


def test_the_checker_finds_imports() -> None:
    assert "mkdocs" in imported_roots(LOA / "adapters/mkdocs_plugin.py")
    assert "click" in imported_roots(LOA / "adapters/cli.py")
    assert len(MODULES) > 20
