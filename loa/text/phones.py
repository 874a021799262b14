"""Phone numbers written in a page's text become links a phone can call.

Readers on a phone tap "0377.672.444" to call it. Authors write numbers
as text, so this module finds them in HTML that is already escaped (Loa's
sanitised bodies, its autoescaped templates) and wraps each in a `tel:`
link. It only ever touches text between tags, never a tag or an attribute,
and never text already inside a link, code or a script, so it cannot
change what the escaping allowed. It owns that rule "and nothing more".

A full number (0 and 9 to 10 more digits, a 1800/1900 line, or +84) is
always a number. A short emergency number (111 to 115) is also an article
or a year, so it is linked only next to a word that says to call it
("gọi 113", "Tổng đài 111", "113: Công an").
"""
from __future__ import annotations

import re
from typing import Iterable

from loa.text import quiet as quiet_mod

_SEP = r"[ .\u00a0-]?"
_FULL = (r"(?:\+84" + _SEP + r"|0)\d{2,3}(?:" + _SEP + r"\d{2,4}){2,3}"
         r"|1[89]00" + _SEP + r"\d{3,4}(?:" + _SEP + r"\d{2,4})?")
_NUMBER = re.compile(r"(?<![\w.,/+\-])(?:(" + _FULL + r")|(11[1-5]))(?![\w]|[.,]\d|/)")
_TAG = re.compile(r"<[^>]*>")
_QUIET = {"a", "code", "pre", "script", "style", "textarea", "kbd", "samp", "title", "svg", "button"}
_BLOCK = re.compile(r"</?(?:p|li|h[1-6]|td|th|dd|dt|div|section|aside|blockquote|br)\b", re.IGNORECASE)


def dialable(number: str) -> str:
    """What a tel: link holds: the digits, and a leading +."""
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


def link_phones(html: str, call_words: Iterable[str]) -> str:
    """The HTML with every phone number in its text made a tel: link."""
    if not _NUMBER.search(_TAG.sub(" ", html)):
        return html  # most bodies have no number: no need to walk them
    words = tuple(w.strip().lower() for w in call_words if w.strip())
    out: list[str] = []
    quiet: list[str] = []  # open elements whose text is left alone
    before = ""  # text of the current block so far, for a short number's context
    parts = quiet_mod.parts(html)
    for i, part in enumerate(parts):
        if part.startswith("<"):
            quiet_mod.track(part, quiet, _QUIET)
            if _BLOCK.match(part):
                before = ""
            out.append(part)
            continue
        out.append(part if quiet else _link(part, before, _following(parts, i), words))
        before = (before + part)[-80:]
    return "".join(out)


def _following(parts: list[str], i: int) -> str:
    """The text right after part i, across inline tags, up to the block's end."""
    text = ""
    for part in parts[i + 1:i + 6]:
        if part.startswith("<"):
            if _BLOCK.match(part):
                break
            continue
        text += part
    return text[:40]


def _link(text: str, before: str, after: str, words: tuple[str, ...]) -> str:
    def replace(m: re.Match) -> str:
        number = m.group(0)
        if m.group(1) and not _phone_length(dialable(number)):
            return number  # a 12-digit citizen ID number, say: not a phone
        if m.group(2) and not _called(before + text[:m.start()], text[m.end():] + after, words):
            return number
        return f'<a href="tel:{dialable(number)}">{number}</a>'
    return _NUMBER.sub(replace, text)


def _phone_length(digits: str) -> bool:
    # Mobile 10 digits, landline 11 (0299 3827525), +84 and 9 or 10 more,
    # 1800/1900 lines 8 or 10.
    if digits.startswith("+84"):
        return len(digits) in (12, 13)
    if digits.startswith(("1800", "1900")):
        return len(digits) in (8, 10)
    return len(digits) in (10, 11)


def _called(left: str, right: str, words: tuple[str, ...]) -> bool:
    # "gọi 113", "gọi Công an 113", "Tổng đài 111"; or a list of numbers,
    # each item opening with one: "113: Công an" (but not "Điều 113: …").
    near = " ".join(left.lower().split()[-3:])
    opens_block = not left.strip()
    return any(w in near for w in words) or (opens_block and bool(re.match(r"\s*:\s*\S", right)))
