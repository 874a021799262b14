"""The bookcase as a ZIM file, for Kiwix: the same pages as the ZIP (links
already made to name files, `offline.py`), written with python-libzim, with
a full-text index.

Searching without accents, measured with both readers: libzim 9 (Kiwix
today, python-libzim) folds the marks off a query but not off the text it
was given as index data, so "hoa giai" finds nothing in "hòa giải"; libzim 8
(Debian's kiwix-serve) finds both spellings in text that has both. đ is a
letter of its own, not d with a mark, so neither turns "đồng bào" into
"dong bao". Each explainer is therefore indexed three times over: as
written, folded (loa/text/folding.py: "hoa giai", "dong bao"), and, for the
words with a đ, with only the marks dropped ("đong bao"), which is what
libzim 9 makes of a query typed with all its accents. Xapian has no
Vietnamese stemmer; none is needed, as Vietnamese words do not inflect.
Xapian splits words at spaces, which Khmer does not write: a Khmer
explainer is also indexed as ICU's words (loa/text/khmer.py) with spaces
between them, so a Khmer word typed alone finds it; a query typed as one
run of several Khmer words is still one term to Xapian and finds nothing.

Alias pages (a meta refresh to the new address) become ZIM redirections,
so Kiwix jumps straight to the explainer, and so does every folder address
("bai-viet/x/"), which Loa's own search page links to.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import html
import io
import mimetypes
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from libzim.writer import Creator, Hint, IndexData, Item, StringProvider
from PIL import Image

from loa.bookcase.offline import SiteEntry
from loa.text import folding, khmer

LANGUAGE = "vie"  # ISO 639-3, as ZIM metadata wants
_TITLE = re.compile(r"<title>(.*?)</title>", re.S | re.I)
_REFRESH = re.compile(r"""<meta http-equiv="refresh" content="0; url=([^"]+)">""", re.I)
_WORD = re.compile(r"\w*[\u0111\u0110]\w*")  # words with đ or Đ
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


@dataclass(frozen=True)
class Doc:
    """What Kiwix's search knows of one explainer."""

    title: str
    text: str


@dataclass(frozen=True)
class Metadata:
    name: str  # ZIM "Name": stable across versions of the same bookcase
    title: str
    description: str
    creator: str
    made: dt.date
    colour: str  # the illustration's colour, "#rrggbb"


def searchable(title: str, text: str) -> str:
    """The text Kiwix indexes: as written, folded, and the words with đ
    without their marks; Khmer, which has no spaces between words, as
    ICU's words with spaces between them."""
    whole = f"{title}\n{text}"
    marked = " ".join(dict.fromkeys(_unmarked(w) for w in _WORD.findall(whole)))
    words = khmer.segments(whole) if khmer.has_khmer(whole) else []
    spaced = " ".join(words + [_unmarked(w) for w in words])
    return f"{whole}\n{folding.fold(whole)}\n{marked}\n{spaced}"


def _unmarked(word: str) -> str:
    """As libzim makes of a query: decomposed, every non-spacing mark
    dropped (Vietnamese tones, and Khmer's coeng and most vowel signs)."""
    return unicodedata.normalize("NFC", "".join(
        ch for ch in unicodedata.normalize("NFD", word.lower()) if unicodedata.category(ch) != "Mn"))


class _Index(IndexData):
    def __init__(self, doc: Doc) -> None:
        super().__init__()
        self.doc = doc

    def has_indexdata(self) -> bool:
        return True

    def get_title(self) -> str:
        return self.doc.title

    def get_content(self) -> str:
        return searchable(self.doc.title, self.doc.text)

    def get_keywords(self) -> str:
        return ""

    def get_wordcount(self) -> int:
        return len(self.doc.text.split())


class _File(Item):
    def __init__(self, entry: SiteEntry, title: str, mimetype: str, doc: Doc | None) -> None:
        super().__init__()
        self.entry, self.title, self.mimetype, self.doc = entry, title, mimetype, doc

    def get_path(self) -> str:
        return self.entry.path

    def get_title(self) -> str:
        return self.title

    def get_mimetype(self) -> str:
        return self.mimetype

    def get_contentprovider(self) -> StringProvider:
        return StringProvider(self.entry.data)

    def get_hints(self) -> dict:
        front = self.mimetype == "text/html" and self.entry.path.endswith("index.html")
        return {Hint.FRONT_ARTICLE: front, Hint.COMPRESS: self.mimetype.startswith(TEXT_TYPES)}

    def get_indexdata(self) -> IndexData | None:
        return _Index(self.doc) if self.doc is not None else None


def mimetype_of(path: str) -> str:
    return mimetypes.guess_type(path)[0] or "application/octet-stream"


def write_zim(path: Path, files: Iterable[SiteEntry], docs: Mapping[str, Doc], meta: Metadata) -> int:
    """Write the ZIM at `path` (under a temporary name, renamed when complete); returns its size."""
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        with _quiet(), Creator(str(temporary)).config_indexing(True, LANGUAGE) as creator:
            creator.set_mainpath("index.html")
            _metadata(creator, meta)
            moved = {}
            for entry in files:
                _add(creator, entry, docs.get(entry.path), moved)
            _folders(creator, [e.path for e in files], moved)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
    return path.stat().st_size


@contextlib.contextmanager
def _quiet():
    """libzim prints its progress in English straight to the terminal
    (file descriptor 1, even when not verbose); the command has its own words."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def _folders(creator: Creator, paths: list[str], moved: dict[str, str]) -> None:
    """A redirection from each folder to its page: Loa's search script links
    to "bai-viet/x/" (on the web the server adds index.html; Kiwix does not)."""
    for path in paths:
        if path.endswith("/index.html"):
            creator.add_redirection(path[:-len("index.html")], "", moved.get(path, path), {Hint.FRONT_ARTICLE: False})


def _add(creator: Creator, entry: SiteEntry, doc: Doc | None, moved: dict[str, str]) -> None:
    mimetype = mimetype_of(entry.path)
    title = doc.title if doc else ""
    if mimetype == "text/html":
        text = entry.data.decode("utf-8")
        refresh = _REFRESH.search(text)
        if refresh:  # an alias: a redirection inside the ZIM
            target = os.path.normpath(os.path.join(os.path.dirname(entry.path), html.unescape(refresh.group(1))))
            creator.add_redirection(entry.path, "", target, {Hint.FRONT_ARTICLE: False})
            moved[entry.path] = target
            return
        found = _TITLE.search(text)
        title = title or (html.unescape(found.group(1)).strip() if found else "")
    creator.add_item(_File(entry, title, mimetype, doc))


def _metadata(creator: Creator, meta: Metadata) -> None:
    for key, value in (("Name", meta.name), ("Title", meta.title), ("Description", meta.description),
                       ("Language", LANGUAGE), ("Creator", meta.creator), ("Publisher", meta.creator),
                       ("Date", meta.made.isoformat()), ("Tags", "_category:other;_pictures:yes")):
        creator.add_metadata(key, value)
    icon = io.BytesIO()
    Image.new("RGB", (48, 48), meta.colour).save(icon, "PNG")
    creator.add_illustration(48, icon.getvalue())
