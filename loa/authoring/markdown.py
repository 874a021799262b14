"""The HTML mammoth makes from a Word file, as Markdown. Nothing more.

markdownify (a kept-up library on BeautifulSoup) does the conversion; what
it does with mammoth's HTML was measured (tests/test_authoring.py): it
keeps Vietnamese as it is (NFC in, NFC out), headings as "#", bold as
"**", nested lists, and tables as pipe tables with the first row as the
header, which is how Word tables are read. Two things are added here:
a "|" inside a table cell is escaped (markdownify leaves it, which splits
the cell in two), and "<" is written as "&lt;" so text typed in Word never
becomes HTML.

The title leaves the body (it is the page's heading), and a document that
uses Heading 1 for its sections has them moved one level down, since a
page has one h1.
"""
from __future__ import annotations

import re
import unicodedata

from markdownify import ATX, MarkdownConverter

_HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
_TAGS = re.compile(r"<[^>]+>")


class _Converter(MarkdownConverter):
    def escape(self, text, parent_tags):
        text = super().escape(text, parent_tags).replace("<", "&lt;")
        if "td" in parent_tags or "th" in parent_tags:
            text = text.replace("|", r"\|")
        return text


def split_title(html: str) -> tuple[str, str]:
    """The first heading's text, and the HTML without it ('' if it has none)."""
    first = _HEADING.search(html)
    if first is None:
        return "", html
    title = _plain(first.group(2))
    rest = html[:first.start()] + html[first.end():]
    if first.group(1) == "1" and re.search(r"<h1\b", rest):
        rest = re.sub(r"<(/?)h([1-5])\b", lambda m: f"<{m.group(1)}h{int(m.group(2)) + 1}", rest)
    return title, rest


def _plain(fragment: str) -> str:
    from html import unescape

    return " ".join(unescape(_TAGS.sub("", fragment)).split())


def to_markdown(html: str) -> str:
    text = _Converter(heading_style=ATX, bullets="-", table_infer_header=True, strong_em_symbol="*",
                      newline_style="backslash").convert(html)
    text = re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"
    return unicodedata.normalize("NFC", text)
