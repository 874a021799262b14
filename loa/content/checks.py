"""Line-by-line checks of an author's text: unsafe HTML, hidden characters,
and text damaged by legacy Vietnamese fonts.

These run on the whole file (front matter and body) before it is parsed, so
that a title is checked as carefully as the body. The build sanitises HTML
anyway (sanitize.py); these checks exist so the author hears about it.
"""
from __future__ import annotations

import html
import re
from typing import Iterator

from loa.text.legacy import detect_line
from loa.core.problems import problem
from loa.core.model import Problem

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_TAG = re.compile(r"<\s*(script|style|iframe|object|embed|frame|frameset|applet|base|meta|link)\b", re.I)
_FORM = re.compile(r"<\s*(form|input|button|textarea|select)\b", re.I)
_EVENT = re.compile(r"<[a-z][^>]*?[\s/\"'](on[a-z]+)\s*=", re.I)
# A URL is dangerous by its scheme; entities and spaces hide schemes, so the
# line is unescaped and squeezed before this runs.
_SCHEME = re.compile(
    r"(?:\]\(\s*<?|\[[^\]]*\]:\s*<?|(?:href|src|action|formaction|poster|srcset|xlink:href)\s*=\s*[\"']?)"
    r"(javascript|vbscript|data)\s*:", re.I)


def text_problems(text: str, path: str) -> list[Problem]:
    return list(_scan(text, path))


def _scan(text: str, path: str) -> Iterator[Problem]:
    for number, line in enumerate(text.split("\n"), start=1):
        for m in _BIDI.finditer(line):
            yield problem("LOA204", path, number, codepoint=ord(m.group()))
        if "<" in line or ":" in line:
            yield from _html_problems(line, path, number)
        yield from _legacy(line, path, number)


def legacy_problems(text: str, path: str) -> list[Problem]:
    return [p for number, line in enumerate(text.split("\n"), start=1) for p in _legacy(line, path, number)]


def _legacy(line: str, path: str, number: int) -> Iterator[Problem]:
    if line.isascii():
        return
    hit = detect_line(line)
    if hit is not None:
        code = "LOA210" if hit.encoding == "tcvn3" else "LOA211"
        yield problem(code, path, number, sample=hit.sample, converted=hit.converted)


def _html_problems(line: str, path: str, number: int) -> Iterator[Problem]:
    for m in _TAG.finditer(line):
        yield problem("LOA200", path, number, tag=m.group(1).lower())
    for m in _FORM.finditer(line):
        yield problem("LOA203", path, number, tag=m.group(1).lower())
    for m in _EVENT.finditer(line):
        yield problem("LOA201", path, number, attr=m.group(1).lower())
    squeezed = re.sub(r"[\x00-\x20]+", "", html.unescape(line))
    for m in _SCHEME.finditer(squeezed):
        yield problem("LOA202", path, number, scheme=m.group(1).lower())


