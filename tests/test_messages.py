"""The catalogue of problems: permanent codes, Vietnamese messages and hints."""
from __future__ import annotations

import re
import string
import unicodedata

import pytest

from loa.core.problems import CATALOGUE, format_problem, problem, texts

ENGLISH = re.compile(r"\b(error|warning|the|file|line|must|should|please)\b", re.I)


@pytest.mark.parametrize("code", sorted(CATALOGUE))
def test_each_entry_is_vietnamese_nfc_and_formattable(code: str) -> None:
    _, message, hint = texts(code)
    assert re.fullmatch(r"LOA\d{3}", code)
    assert unicodedata.is_normalized("NFC", message + hint)
    assert not message.lower().startswith(("error", "lỗi", "cảnh báo"))  # the line says that already
    assert not ENGLISH.search(re.sub(r"\{[^}]*\}", "", message + hint)), code
    fields = {name for text in (message, hint) for _, name, _, _ in string.Formatter().parse(text) if name}
    filled = problem(code, "content/a.md", 3, **{f: "x" for f in fields - {"codepoint", "path"}},
                     **({"codepoint": 0x202E} if "codepoint" in fields else {}))
    assert filled.message and filled.code == code


def test_a_problem_line_starts_with_place_then_code() -> None:
    text = format_problem(problem("LOA130", "content/a.md", 4, value="phu-nu-khome",
                                  suggestion='có phải ý bạn là "phu-nu-khmer"?'))
    assert text == ('content/a.md:4: lỗi LOA130: đối tượng "phu-nu-khome" không có trong content/audiences.yml\n'
                    '  gợi ý: có phải ý bạn là "phu-nu-khmer"?')
