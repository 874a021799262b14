"""Checks of Khmer text in explainers: typing order and legacy fonts (LOA810-814).

Every line of every file is read for Khmer typed in an order NFC does not
repair (a vowel before the subscript it sits on, a vowel in two parts):
such text renders with dotted circles and search cannot find its words.
Lines of a `lang: km` explainer are also read for text typed with a legacy
Khmer font (Limon and similar), which shows Latin garbage to anyone without
that font. Fenced code blocks are left alone.
"""
from __future__ import annotations

from loa.content.frontmatter import Document
from loa.core.model import Problem
from loa.core.problems import problem
from loa.i18n import Messages, messages
from loa.text import khmer

ORDER_CODES = {"mark_before_coeng": "LOA810", "shifter_after_vowel": "LOA810",
               "split_vowel": "LOA811", "stray_coeng": "LOA812", "mark_after_invisible": "LOA814"}
LEGACY_HITS = 20  # past a few, the whole file needs converting anyway


def order_problems(text: str, path: str, msgs: Messages | None = None) -> list[Problem]:
    say = msgs or messages()
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.isascii():
            continue
        seen = set()
        for m in khmer.order_mistakes(line):
            code = ORDER_CODES[m.kind]
            if (code, m.found) in seen:
                continue  # the same slip twice on a line is one thing to fix
            seen.add((code, m.found))
            found.append(problem(code, path, number, msgs=say, column=m.column,
                                 found=_shown(m.found), fix=_shown(m.fix)))
    return found


def legacy_problems(doc: Document, path: str, msgs: Messages | None = None) -> list[Problem]:
    """Lines of a Khmer explainer's title, summary and body typed with a legacy font."""
    if doc.data.get("lang") != "km":
        return []
    say = msgs or messages()
    lines = [(doc.lines.get(k, 1), str(doc.data.get(k) or "")) for k in ("title", "summary")]
    fence = False
    for offset, line in enumerate(doc.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            fence = not fence
        elif not fence:
            lines.append((doc.body_line + offset, line))
    found = []
    for number, line in lines:
        sample = khmer.legacy_font(line)
        if sample is not None:
            found.append(problem("LOA813", path, number, msgs=say, sample=sample))
            if len(found) >= LEGACY_HITS:
                break
    return found


def _shown(text: str) -> str:
    """Khmer marks alone are invisible in a terminal: show them on a dotted
    circle, each with its code point."""
    marks = " + ".join(f"U+{ord(c):04X}" for c in text)
    return f"{text.replace(khmer.COENG, '◌' + khmer.COENG)} ({marks})"
