"""The first use of each glossary term in an explainer body, marked in place.

Works on HTML that is already escaped (the sanitised body), like phones.py:
it only touches text between tags, never a tag or an attribute, and never
text inside a link, a heading, code, a button or a summary. A term matches
whole words only, compared as search folds them with their marks kept
(folding.py), so "Hoà giải ở cơ sở", "HÒA GIẢI Ở CƠ SỞ" and the NFD form
are one term, while "hòa" inside "hòa bình" or "tạo" for "tảo" is not. A
term inside the name of a law ("Luật Hòa giải ở cơ sở") is the law's name,
not a use. A term split by a tag ("tài <b>sản</b>") is not matched.

Each use found becomes a link to the term's entry on the glossary page,
carrying its definition in data-* attributes; glossary.js turns it into a
button that shows the definition. Without the script the link still leads
to the definition. The module owns that rule "and nothing more".
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Sequence

from markupsafe import escape

from loa.text.folding import word_spans, words
from loa.text import quiet as quiet_mod

Key = tuple[tuple[str, str], ...]

_QUIET = {"a", "code", "pre", "script", "style", "textarea", "kbd", "samp", "title", "svg", "button",
          "summary", "h1", "h2", "h3", "h4", "h5", "h6", "abbr", "dfn"}


@dataclass(frozen=True)
class Entry:
    """One term as a page shows it: where it links and what it says."""

    id: str
    spellings: tuple[str, ...]  # the term, then its variants
    definition: str
    source: str = ""  # "Điều 46 Bộ luật Dân sự", or ""


class Matcher:
    """Every spelling as folded words, indexed by its first word, longest first."""

    def __init__(self, entries: Sequence[Entry], names: Iterable[str] = ()) -> None:
        self.first: dict[str, list[tuple[Key, Entry | None]]] = {}
        for entry in entries:
            for spelling in entry.spellings:
                self._add(tuple(words(spelling)), entry)
        for name in names:  # law titles: a term inside one is not a use
            self._add(tuple(words(name)), None)
        for group in self.first.values():
            group.sort(key=lambda item: -len(item[0]))

    def _add(self, key: Key, entry: Entry | None) -> None:
        if key:
            self.first.setdefault(key[0][0], []).append((key, entry))

    def find(self, text: str, spans: list[tuple[int, int, str, str]], i: int) -> tuple[int, Entry | None] | None:
        """The longest phrase starting at word i: how many words, and its entry.
        A term's words stand apart by spaces only ("tài sản, chung" is not
        "tài sản chung"); a law's name keeps its commas."""
        for key, entry in self.first.get(spans[i][2], ()):
            n = len(key)
            if i + n > len(spans) or any((spans[i + j][2], spans[i + j][3]) != key[j] for j in range(n)):
                continue
            gaps = [text[spans[i + j - 1][1]:spans[i + j][0]] for j in range(1, n)]
            if all(g.isspace() if entry is not None else "\n" not in g for g in gaps):
                return n, entry
        return None


def mark_terms(html: str, matcher: Matcher, href: str) -> tuple[str, list[str]]:
    """The HTML with each term's first use marked, and the ids of the terms
    used, in order. `href` is the glossary page, relative to this page."""
    used: list[str] = []
    out: list[str] = []
    quiet: list[str] = []
    for part in quiet_mod.parts(html):
        if part.startswith("<"):
            quiet_mod.track(part, quiet, _QUIET)
            out.append(part)
        elif quiet or not part.strip():
            out.append(part)
        else:
            out.append(_mark(part, matcher, href, used))
    return "".join(out), used


def _mark(text: str, matcher: Matcher, href: str, used: list[str]) -> str:
    text = unicodedata.normalize("NFC", text)  # NFD in, NFC out: the same letters
    spans = word_spans(text)
    pieces: list[str] = []
    at, i = 0, 0
    while i < len(spans):
        found = matcher.find(text, spans, i)
        if found is None:
            i += 1
            continue
        n, entry = found
        if entry is not None and entry.id not in used:
            start, end = spans[i][0], spans[i + n - 1][1]
            pieces += [text[at:start], _link(text[start:end], entry, href)]
            at = end
            used.append(entry.id)
        i += n
    return "".join(pieces) + text[at:] if pieces else text


def _link(shown: str, entry: Entry, href: str) -> str:
    # `shown` is the page's own escaped text; the registry's words are escaped here.
    source = f' data-loa-source="{escape(entry.source)}"' if entry.source else ""
    return (f'<a class="loa-term" href="{escape(href)}#{escape(entry.id)}" '
            f'data-loa-def="{escape(entry.definition)}"{source}>{shown}</a>')
