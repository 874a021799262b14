"""Checks of an author's text: unsafe HTML, hidden characters, text damaged
by legacy Vietnamese fonts, and nesting too deep to render.

`text_problems` reads the raw lines of a whole file (front matter and body),
so that a title is checked as carefully as the body. `value_problems` reads
the parsed strings of YAML (front matter and registries): YAML escapes
("\\x3c", "\\u003c"), folded lines and quote doubling spell markup that no
raw line shows. The build sanitises HTML anyway (sanitize.py); these checks
exist so the author hears about it.

Every scan is linear in the length of its line: a crafted line must not make
`loa check` run for minutes. So no pattern here has overlapping quantifiers,
and the stretch of a tag is found with str.find, not with a lazy `[^>]*?`
tried again from every `<`.
"""
from __future__ import annotations

import html
import re
from typing import Iterable, Iterator

from loa.text.legacy import detect_line
from loa.core.problems import problem
from loa.core.model import Problem

_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_TAG_NAME = re.compile(r"<\s*([A-Za-z]\w*)")
_DANGEROUS_TAGS = frozenset(
    "script style iframe object embed frame frameset applet base meta link".split())
_FORM_TAGS = frozenset("form input button textarea select".split())
_TAG_OPEN = re.compile(r"<[A-Za-z]")
_EVENT = re.compile(r"[\s/\"'](on[a-z]+)\s*=", re.I)
_BLANKS = re.compile(r"[\x00-\x20]+")
# Entities and spaces hide schemes, so this runs on the unescaped, squeezed
# line, where every alternative has a bounded length.
_SCHEME = re.compile(
    r"(\]\(<?|\]:<?|(?:xlink:href|formaction|action|poster|srcset|href|src)=[\"']?)"
    r"(javascript|vbscript|data):", re.I)
_CHARREF = re.compile(r"&#([xX][0-9a-fA-F]+|[0-9]+)")
MAX_DEPTH = 8
# Legacy-font detection costs microseconds per character and only warns:
# past a few dozen warnings, or a few hundred thousand characters of
# accented text, `loa doctor --fix` is the answer anyway.
LEGACY_HITS = 20
LEGACY_BUDGET = 300_000
LEGACY_WINDOW = 20_000  # characters of one line: prose lines are far shorter


def text_problems(text: str, path: str) -> list[Problem]:
    return list(_scan(text, path))


def _scan(text: str, path: str) -> Iterator[Problem]:
    hits, budget = 0, LEGACY_BUDGET
    for number, line in enumerate(text.split("\n"), start=1):
        yield from _unsafe(line, path, number)
        if hits < LEGACY_HITS and budget > 0 and not line.isascii():
            window = line[:min(budget, LEGACY_WINDOW)]
            budget -= len(window)
            for p in _legacy(window, path, number):
                hits += 1
                yield p


def _unsafe(line: str, path: str, number: int) -> Iterator[Problem]:
    """Each distinct problem once per line: a line of 100,000 "<a on=" is
    one thing to fix, not 100,000 lines of report."""
    found: dict[Problem, None] = {}
    for ch in set(_BIDI.findall(line)):
        found.setdefault(problem("LOA204", path, number, codepoint=ord(ch)))
    if "<" in line or ":" in line:
        found.update(dict.fromkeys(_html_problems(line, path, number)))
    return iter(sorted(found, key=lambda p: (p.code, p.message)))


def value_problems(strings: Iterable[tuple[int, int, str]], path: str,
                   already: Iterable[Problem] = ()) -> list[Problem]:
    """HTML and bidi checks on parsed YAML strings, (first line, last line, text).

    A plain spelling is already reported by the raw line check; a value
    problem is kept only when no line of its value reported the same thing.
    """
    seen = {(p.line, p.code, p.message) for p in already}
    found: dict[Problem, None] = {}
    for first, last, text in strings:
        for part in text.split("\n"):
            for p in _unsafe(part, path, first):
                if not any((n, p.code, p.message) in seen for n in range(first, last + 1)):
                    found.setdefault(p)
    return list(found)


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
    # Names are gathered first: a Problem costs far more than a match.
    names = {m.group(1).lower() for m in _TAG_NAME.finditer(line)}
    for name in sorted(names & _DANGEROUS_TAGS):
        yield problem("LOA200", path, number, tag=name)
    for name in sorted(names & _FORM_TAGS):
        yield problem("LOA203", path, number, tag=name)
    attrs = {m.group(1).lower() for start, end in _tag_stretches(line)
             for m in _EVENT.finditer(line, start + 2, end)}
    for attr in sorted(attrs):
        yield problem("LOA201", path, number, attr=attr)
    yield from _scheme_problems(line, path, number)


def _tag_stretches(line: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each `<x ... >`; a `<x` inside one belongs to it,
    so each character is read once however many `<` the line holds."""
    pos = 0
    while (m := _TAG_OPEN.search(line, pos)) is not None:
        end = line.find(">", m.start())
        end = len(line) if end < 0 else end
        yield m.start(), end
        pos = end + 1


def _scheme_problems(line: str, path: str, number: int) -> Iterator[Problem]:
    if ":" not in line:
        return
    squeezed = _BLANKS.sub("", _unescape(line))
    matches = list(_SCHEME.finditer(squeezed))
    opened = _bracket_open_at(squeezed, [m.start() for m in matches])
    # "]:" is a reference definition only after an unclosed "[".
    schemes = {m.group(2).lower() for m, is_open in zip(matches, opened)
               if is_open or not m.group(1).startswith("]:")}
    for scheme in sorted(schemes):
        yield problem("LOA202", path, number, scheme=scheme)


def _unescape(line: str) -> str:
    # html.unescape turns the digits of "&#...;" into an int, and Python
    # refuses more than 4,300 digits with a ValueError; leading zeros still
    # spell a letter ("&#00000097;" is "a"), so only they are dropped.
    if "&#" in line:
        line = _CHARREF.sub(_short_charref, line)
    return html.unescape(line)


def _short_charref(m: re.Match[str]) -> str:
    ref = m.group(1)
    prefix, digits = (ref[0], ref[1:]) if ref[0] in "xX" else ("", ref)
    digits = digits.lstrip("0") or "0"
    replacement = "FFFD" if prefix else "65533"  # U+FFFD, as a browser shows it
    return "&#" + prefix + (digits if len(digits) <= 8 else replacement)


def _bracket_open_at(text: str, positions: list[int]) -> list[bool]:
    """For each position (ascending): is a "[" open there, unclosed by "]"?"""
    out, is_open, pos = [], False, 0
    for target in positions:
        while pos < target:
            ch = text[pos]
            is_open = True if ch == "[" else False if ch == "]" else is_open
            pos += 1
        out.append(is_open)
    return out


def nesting_problems(body: str, path: str, first_line: int) -> list[Problem]:
    """Lists or quotes nested deeper than MAX_DEPTH; one problem per stretch.

    Python-Markdown recurses once per level and fails with a RecursionError
    naming no file, long before an author could read such a page anyway.
    """
    found, fence, reported = [], "", False
    for i, line in enumerate(body.split("\n")):
        fence = _fence_state(line, fence)
        depth = 0 if fence or _FENCE.match(line) else _depth(line)
        if depth > MAX_DEPTH and not reported:
            found.append(problem("LOA205", path, first_line + i, depth=depth, limit=MAX_DEPTH))
        reported = depth > MAX_DEPTH
    return found


_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})")
_HRULE = frozenset("-*_ \t")


def _fence_state(line: str, fence: str) -> str:
    m = _FENCE.match(line)
    if m is None:
        return fence
    if not fence:
        return m.group(1)[0] * 3
    return "" if m.group(1).startswith(fence) else fence


def _depth(line: str) -> int:
    """Levels of quote and list at the start of a line, read once."""
    stripped = line.lstrip(" \t")
    if not stripped or set(stripped) <= _HRULE:
        return 0  # blank, or a rule such as "* * *"
    indent = line[: len(line) - len(stripped)]
    depth, i, n = (len(indent) + 3 * indent.count("\t")) // 4, 0, len(stripped)
    while i < n:
        ch = stripped[i]
        if ch == ">":
            depth, i = depth + 1, i + 1
        elif ch in "-*+" and i + 1 < n and stripped[i + 1] in " \t":
            depth, i = depth + 1, i + 2
        elif ch.isdigit():
            j = i
            while j < n and j - i < 10 and stripped[j].isdigit():
                j += 1
            if j + 1 < n and stripped[j] in ".)" and stripped[j + 1] in " \t":
                depth, i = depth + 1, j + 2
            else:
                break
        elif ch in " \t":
            i += 1
        else:
            break
    return depth
