"""One core, thin adapters: the core imports neither mkdocs nor click."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

LOA = Path(__file__).resolve().parent.parent / "loa"
ADAPTERS = {"mkdocs_plugin.py": {"mkdocs"}, "cli.py": {"click"}, "cli_vi.py": {"click"}}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("module", sorted(p.name for p in LOA.glob("*.py")))
def test_core_modules_import_neither_engine_nor_cli(module: str) -> None:
    allowed = ADAPTERS.get(module, set())
    forbidden = ({"mkdocs", "material", "click"} - allowed) & imported_roots(LOA / module)
    assert not forbidden, f"loa/{module} imports {forbidden}"


def test_the_checker_finds_imports() -> None:
    assert "mkdocs" in imported_roots(LOA / "mkdocs_plugin.py")
    assert "click" in imported_roots(LOA / "cli.py")
