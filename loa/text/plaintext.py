"""Markdown to plain text, for social posts and the search index.

Neither Facebook nor Zalo renders Markdown, and the search index wants words,
not syntax. Rather than strip syntax with regexes (which breaks on nesting and
escapes), the Markdown is converted to HTML by Python-Markdown and that HTML is
walked with `html.parser`, so every construct is understood exactly as the site
renders it. This module owns the plain-text rules "and nothing more": it knows
nothing about posts, channels or URLs beyond the optional link resolver.
"""
from __future__ import annotations

import functools
import html
import re
import threading
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Optional

import markdown
from markdown.postprocessors import RawHtmlPostprocessor

# Given a link target that is not absolute (e.g. "../x/slug.md#muc"), return
# an absolute URL, or None when the link cannot be made absolute.
LinkResolver = Callable[[str], Optional[str]]

_EXTENSIONS = ("tables", "sane_lists", "attr_list", "admonition")
_BREAK = "\x00"  # stands for <br> until whitespace has been collapsed
_SKIPPED = {"table", "script", "style", "svg", "iframe", "object", "template"}
_BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "div",
           "pre", "dt", "dd", "hr", "section", "aside", "details", "summary"}
_ABSOLUTE = re.compile(r"^(https?:)?//", re.IGNORECASE)
_ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.IGNORECASE)
# Leftovers of Markdown that Python-Markdown leaves alone when it is broken:
# an unclosed "**bold", a link with an unparsable target, a missing reference.
_STRAY_STARS = re.compile(r"(?<![\w*])\*+(?=\w)|(?<=\w)\*+(?![\w*])|\*{2,}")
_BROKEN_LINK = re.compile(r"\[([^\[\]]*)\]\([^()]*\)|\[([^\[\]]+)\]\[[^\[\]]*\]")
# A sentence ends at . ! ? or … followed by space and a capital, digit or
# quote. Vietnamese abbreviations such as "TP. Sóc Trăng" must not split.
_SENTENCE_END = re.compile(r"[.!?…]+[\"”»)]*(?=\s+[\"“«(]*(\w))")
_ABBREVIATIONS = {"tp", "tx", "tt", "q", "p", "ths", "ts", "pgs", "gs", "bs",
                  "đ", "k", "nxb", "th", "ng", "tr", "st", "vd", "v.v"}


class _StrippingPostprocessor(RawHtmlPostprocessor):
    """Drops the author's raw HTML but keeps entities, which share its stash."""

    def stash_to_string(self, text) -> str:
        text = str(text)
        if _ENTITY.fullmatch(text):
            return text
        if re.match(r"<br\b", text, re.IGNORECASE):
            return "<br>"
        # Inline tags vanish, keeping the Markdown between them; block HTML
        # (embeds, forms, comments) vanishes whole, since it is not prose.
        return ""


_local = threading.local()  # Markdown instances are stateful, not thread-safe


def _markdown() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(extensions=list(_EXTENSIONS))
        md.postprocessors.register(_StrippingPostprocessor(md), "raw_html", 30)
        _local.md = md
    return md


# Anything Markdown could read as markup; text without it is already plain.
_MARKUP = re.compile(r"[*_`\[\]<>&\\#]|^\s*(?:\d+[.)]|[-+])(?:\s|$)")


@dataclass(frozen=True)
class Block:
    """One line-ish unit of plain text: a paragraph, heading or list item."""

    kind: str  # "para", "heading", "item"
    text: str
    prefix: str = ""  # "• ", "2. ", indentation for nested lists
    opens_list: bool = False  # first item of a top-level list


class _Walker(HTMLParser):
    """Turns the HTML Python-Markdown produced into a list of Blocks."""

    def __init__(self, resolve_link: LinkResolver | None):
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._resolve = resolve_link
        self._buf: list[str] = []
        self._lists: list[list] = []  # [ordered, next number] per open list
        self._links: list[tuple[str, int]] = []
        self._kind, self._prefix = "para", ""
        self._opens = False
        self._skip = 0
        self._pre = 0

    def handle_starttag(self, tag, attrs):
        if self._skip or tag in _SKIPPED:
            self._skip += tag in _SKIPPED
            return
        attributes = dict(attrs)
        if tag in ("ul", "ol"):
            self._flush()
            self._lists.append([tag == "ol", _start(attributes)])
            self._opens = len(self._lists) == 1
        elif tag == "li":
            self._start_item()
        elif tag in _BLOCKS and not self._in_item():
            self._flush()
            self._kind = "heading" if tag[0] == "h" and tag[1:].isdigit() else "para"
            self._pre += tag == "pre"
        elif tag in ("p", "div") and self._in_item():
            self._buf.append(" ")  # a loose item's paragraphs share its line
        elif tag == "br":
            self._buf.append(_BREAK)
        elif tag == "a":
            self._links.append((attributes.get("href") or "", len(self._buf)))

    def handle_endtag(self, tag):
        if self._skip:
            self._skip -= tag in _SKIPPED
            return
        if tag in ("ul", "ol") and self._lists:
            self._flush()
            self._lists.pop()
        elif tag == "li" or (tag in _BLOCKS and not self._in_item()):
            self._flush()
            self._pre -= tag == "pre" and self._pre > 0
        elif tag == "a" and self._links:
            self._close_link(*self._links.pop())

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)  # <br /> and <img />: no end tag comes

    def handle_data(self, data):
        if not self._skip:
            self._buf.append(data.replace(_BREAK, ""))

    def close(self):
        super().close()
        self._flush()

    def _in_item(self) -> bool:
        return self._kind == "item" and bool(self._lists)

    def _start_item(self):
        self._flush()
        depth = max(len(self._lists) - 1, 0)
        marker = "• "
        if self._lists and self._lists[-1][0]:
            marker = f"{self._lists[-1][1]}. "
            self._lists[-1][1] += 1
        self._kind, self._prefix = "item", "  " * depth + marker

    def _close_link(self, href: str, start: int):
        text = _inline("".join(self._buf[start:])).rstrip(":").strip()
        url = self._target(href.strip())
        if not url:
            return
        del self._buf[start:]
        self._buf.append(f"{text}: {url}" if text and not _same_link(text, url) else url)

    def _target(self, href: str) -> str | None:
        if _ABSOLUTE.match(href):
            return "https:" + href if href.startswith("//") else href
        if href.lower().startswith(("mailto:", "tel:")):
            return href.split(":", 1)[1]
        if not href or href.startswith("#") or self._resolve is None:
            return None  # a relative link means nothing outside the site
        return self._resolve(href)

    def _flush(self):
        raw = "".join(self._buf)
        self._buf.clear()
        text = raw.strip("\n") if self._pre else _inline(raw)
        if text:
            opens = self._opens and self._kind == "item"
            self.blocks.append(Block(self._kind, text, self._prefix, opens))
            self._opens = self._opens and not opens
            # Text after a nested list stays under its item, indented.
            self._prefix = " " * len(self._prefix)
        if not self._in_item():
            self._kind, self._prefix = "para", ""


def _start(attributes: dict) -> int:
    value = attributes.get("start") or "1"
    return int(value) if value.isdigit() else 1


def _inline(raw: str) -> str:
    lines = (" ".join(part.split()) for part in raw.split(_BREAK))
    return "\n".join(line for line in lines if line)


def _same_link(text: str, url: str) -> bool:
    # "<https://x.vn>" and "[x.vn](https://x.vn)" need not repeat the URL.
    def bare(s: str) -> str:
        return re.sub(r"^[a-z]+:(//)?", "", s.lower()).rstrip("/")
    return bare(text) == bare(url)


def _tidy(text: str) -> str:
    text = _BROKEN_LINK.sub(lambda m: m.group(1) or m.group(2) or "", text)
    text = _STRAY_STARS.sub("", text).replace("`", "")
    return unicodedata.normalize("NFC", text)


def blocks(markdown_text: str, resolve_link: LinkResolver | None = None) -> list[Block]:
    """The Markdown as plain-text Blocks, in document order."""
    if markdown_text.isprintable() and not _MARKUP.search(markdown_text):
        # A title or summary with no markup: nothing for Markdown to do.
        text = " ".join(unicodedata.normalize("NFC", markdown_text).split())
        return [Block("para", text)] if text else []
    return list(_blocks(markdown_text, resolve_link))


# Both channels' posts read the same body with the same resolver.
@functools.lru_cache(maxsize=64)
def _blocks(markdown_text: str, resolve_link: LinkResolver | None) -> tuple[Block, ...]:
    md = _markdown()
    html = md.reset().convert(unicodedata.normalize("NFC", markdown_text))
    walker = _Walker(resolve_link)
    walker.feed(html)
    walker.close()
    result = []
    for block in walker.blocks:
        text = "\n".join(line.strip() for line in _tidy(block.text).split("\n"))
        if text.strip():
            result.append(Block(block.kind, text.strip(), block.prefix, block.opens_list))
    return tuple(result)


def render(parts: list[Block]) -> str:
    """Join Blocks: list items line by line, everything else by a blank line."""
    out: list[str] = []
    for i, block in enumerate(parts):
        if i:
            tight = block.kind == "item" and parts[i - 1].kind == "item" \
                and not block.opens_list
            out.append("\n" if tight else "\n\n")
        out.append(block.prefix + block.text)
    return "".join(out)


def to_plain(markdown_text: str, resolve_link: LinkResolver | None = None) -> str:
    """Plain text of a Markdown document; no trailing newline."""
    return render(blocks(markdown_text, resolve_link))


_KHMER_END = re.compile("(?<=[\u17d4\u17d5])\\s*")  # khan ។ and bariyoosan ៕, a space after or not


def sentences(text: str) -> list[str]:
    """Split plain text into sentences, keeping abbreviations like "TP." whole."""
    if "\u17d4" in text or "\u17d5" in text:  # Khmer (issue 11)
        return [s for part in _KHMER_END.split(text) for s in _latin_sentences(part)]
    return _latin_sentences(text)


def _latin_sentences(text: str) -> list[str]:
    result: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        head = text[start:match.end()].strip()
        following = match.group(1)
        if not (following.isupper() or following.isdigit()) or _abbreviated(head):
            continue
        result.append(head)
        start = match.end()
    tail = text[start:].strip()
    return result + [tail] if tail else result


def _abbreviated(head: str) -> bool:
    words = head.split()
    last = words[-1].rstrip(".").lower() if words else ""
    return last in _ABBREVIATIONS or len(last) == 1


_TAG = re.compile(r"<[^>]+>")


def text_of_html(html_text: str) -> str:
    """The words of rendered HTML, for search: tags out, entities decoded.
    Faster than converting the Markdown again, and it indexes what readers see."""
    return " ".join(html.unescape(_TAG.sub(" ", html_text)).split())
