"""Heading anchors that keep Vietnamese readable: "Đăng ký ở đâu" ->
`#dang-ky-o-dau`, and the anchors pages had before, kept working.

Python-Markdown's own slugify turns the text to ASCII by dropping what does
not decompose, so "đ" vanished: "Ai đi đăng ký" was `#ai-i-ang-ky`. mkdocs.yml
gives `toc` this module's `slugify` instead (`!!python/name:`). Links
already shared point at the old anchors, so `old_anchor_ids` adds each
heading's old id beside its new one: a published link never breaks. This
module owns anchor spelling "and nothing more".
"""
from __future__ import annotations

import html
import re
import unicodedata

from markdown.extensions.toc import slugify as _engine_slugify
from markdown.extensions.toc import unique

_D = str.maketrans("đĐ", "dD")
_SPACES = re.compile(r"[-\s]+")
_HEADING = re.compile(r'<h([1-6]) id="([^"]*)"([^>]*)>(.*?)</h\1>', re.DOTALL)
_ID = re.compile(r'\sid="([^"]*)"')
_TAG = re.compile(r"<[^>]+>")


def slugify(value: str, separator: str = "-") -> str:
    """Lower case, Latin letters without their tone marks, "đ" as "d";
    letters of other scripts (Khmer) are kept whole, as browsers allow."""
    text = unicodedata.normalize("NFC", value).translate(_D)
    kept = []
    for ch in unicodedata.normalize("NFD", text):
        # A mark on a Latin letter is a Vietnamese tone or hat: drop it. A
        # mark in another script is part of its letter (Khmer vowel signs).
        if unicodedata.combining(ch) and kept and kept[-1].isascii():
            continue
        kept.append(ch)
    text = unicodedata.normalize("NFC", "".join(kept)).lower()
    text = "".join(ch for ch in text if ch.isalnum() or ch in "_- \t\n" or unicodedata.category(ch)[0] == "M")
    return _SPACES.sub(separator, text.strip())


def old_slug(text: str) -> str:
    """The anchor Python-Markdown's own slugify gave a heading before."""
    return _engine_slugify(text, "-")


def old_anchor_ids(body_html: str) -> str:
    """The body with each heading's old anchor as an empty element of that
    id at the heading's start, where old and new anchors differ."""
    if "<h" not in body_html:
        return body_html
    taken = set(_ID.findall(body_html))
    old_ids: set[str] = set()

    def alias(m: re.Match) -> str:
        level, new, rest, inner = m.groups()
        # Numbered as toc numbers repeats ("_1"), so a second "Lưu ý" keeps its old id too.
        base = old_slug(html.unescape(_TAG.sub("", inner)).strip())
        old = unique(base, old_ids) if base else ""
        if not old or old == new or old in taken:
            return m.group(0)
        taken.add(old)
        return f'<h{level} id="{new}"{rest}><span id="{old}"></span>{inner}</h{level}>'

    return _HEADING.sub(alias, body_html)
