"""A new explainer's file: its front matter, where it goes, and writing it
without ever replacing a file that is already there. Nothing more.

The front matter is written in the shape of the samples, one field a line,
so an author who opens it sees what to fill. Strings are written as JSON
strings, which are YAML double-quoted scalars: a title with ":" or "#" in
it is kept as typed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from slugify import slugify

from loa.core import dates
from loa.core.model import Catalog, LawRef


@dataclass(frozen=True)
class Draft:
    """What a new explainer says, as far as it is known."""

    title: str
    date: dt.date
    summary: str = ""
    audiences: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    laws: tuple[LawRef, ...] = ()
    body: str = ""


def slug_of(title: str) -> str:
    return slugify(title, max_length=80, word_boundary=True)


def text(draft: Draft) -> tuple[str, dict[str, int]]:
    """The file's text and the line of each front-matter field."""
    lines = ["---", f"title: {_s(draft.title)}", f"summary: {_s(draft.summary)}",
             f"audiences: [{', '.join(draft.audiences)}]", f"topics: [{', '.join(draft.topics)}]"]
    if draft.laws:
        lines.append("laws:")
        for ref in draft.laws:
            lines.append(f"  - id: {ref.law_id}")
            if ref.articles:
                lines.append(f"    articles: [{', '.join(str(a) for a in ref.articles)}]")
    else:
        lines.append("laws: []")
    lines += [f"date: {dates.vietnamese(draft.date)}", "---", ""]
    where = {line.split(":", 1)[0]: i + 1 for i, line in enumerate(lines) if line[:1].isalpha()}
    body = draft.body.strip("\n")
    return "\n".join(lines) + ("\n" + body + "\n" if body else ""), where


def _s(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def folder_for(catalog: Catalog, content: Path, topics: tuple[str, ...]) -> Path:
    """The folder where explainers of the first topic already are (the most
    used one), else a folder named after that topic."""
    if not topics:
        return content
    used = Counter(Path(e.path).parent.name for e in catalog.explainers if e.topics[:1] == topics[:1])
    if used:
        name = sorted(used.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
        if (content / name).is_dir():
            return content / name
    return content / topics[0]


def write_new(path: Path, content: str | bytes) -> bool:
    """Write `content` to a file that does not exist yet; False if one does
    (O_EXCL: even one made a moment ago by someone else is never replaced)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    except FileExistsError:
        return False
    data = content.encode("utf-8") if isinstance(content, str) else content
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    return True
