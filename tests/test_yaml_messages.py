"""YAML mistakes are explained in Vietnamese, whichever parser (C or Python) reads them."""
from __future__ import annotations

import pytest

from loa.content import frontmatter


@pytest.mark.parametrize("text, expected", [
    ("audiences: [a, b\ndate: 1\n", "thiếu dấu , hoặc ] trong danh sách"),
    ("social: {a: b\ndate: 1\n", "thiếu dấu , hoặc }"),
])
def test_an_unclosed_list_or_mapping_is_named(text: str, expected: str) -> None:
    _doc, problems = frontmatter.parse(f"---\ntitle: a\n{text}---\nx\n", "c.md")
    assert [p.code for p in problems] == ["LOA110"]
    assert expected in problems[0].message
    assert "không đọc được" not in problems[0].message
