"""The README documents every command and every front-matter field."""
from __future__ import annotations

from pathlib import Path

import pytest

from loa.adapters.cli import main
from loa.content.schema import FIELDS

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_documented(command: str) -> None:
    assert f"`loa {command}`" in README


@pytest.mark.parametrize("field", FIELDS)
def test_every_front_matter_field_is_documented(field: str) -> None:
    assert f"| `{field}` |" in README


def test_readme_opens_with_the_two_setup_commands() -> None:
    first_block = README.split("```")[1]
    assert "make build" in first_block and "make test" in first_block
