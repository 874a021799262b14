"""The ledger of published URLs: a link shared in a Zalo group lives for years.

`content/published-urls.txt` lists every explainer URL Loa has ever
published, one per line. Every URL in it must keep resolving, to the page
itself or to a redirect made from an `aliases` entry; `loa build` adds newly
published URLs after each successful build. Authors commit the file.
"""
from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

from loa.content.catalog import unloaded_slugs
from loa.content.registries import os_reason
from loa.core import urls
from loa.build.atomic import write_text
from loa.core.problems import problem
from loa.core.model import Catalog, Problem
from loa.i18n import Messages, messages

FILENAME = "published-urls.txt"


def path_in(root: Path, content_dir: str) -> Path:
    return root / content_dir / FILENAME


def read(path: Path) -> list[tuple[int, str]]:
    """(line number, URL) for every URL in the ledger; comments skipped."""
    if not path.exists():
        return []
    out = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        url = line.strip()
        if url and not url.startswith("#"):
            out.append((number, url.strip("/") + "/"))
    return out


def reachable(catalog: Catalog, today: dt.date) -> set[str]:
    """Every explainer URL the next build will serve: pages and alias redirects."""
    live = catalog.published(today)
    # Khmer explainers live under km/ (issue 11): their addresses are recorded too.
    return {urls.page_of(e) for e in live} | {urls.explainer(a, e.lang) for e in live for a in e.aliases}


def problems(path: Path, rel: str, catalog: Catalog, today: dt.date,
             msgs: Messages | None = None) -> list[Problem]:
    say = msgs or messages()
    served = reachable(catalog, today)
    # An explainer whose file failed to load has its own error to fix; its
    # URL is not gone, and a hint to alias another explainer would mislead.
    broken = {urls.explainer(slug, lang) for slug in unloaded_slugs(catalog) for lang in ("vi", "km")}
    slugs = [e.slug for e in catalog.published(today)]
    found = []
    try:
        published = read(path)
    except (OSError, UnicodeDecodeError) as exc:
        reason = say("LOA108.not_utf8") if isinstance(exc, UnicodeDecodeError) else os_reason(exc, say)
        return [problem("LOA108", rel, 0, msgs=say, reason=reason)]
    for number, url in published:
        if url in served or url in broken:
            continue
        old = url.rstrip("/").rsplit("/", 1)[-1]
        p = problem("LOA220", rel, number, msgs=say, url="/" + url, slug=old)
        close = difflib.get_close_matches(old, slugs, n=1, cutoff=0.4)
        if close:
            p = type(p)(p.path, p.line, p.code, p.severity, p.message,
                        p.hint + say("LOA220.maybe", slug=close[0]))
        found.append(p)
    return found


def record(path: Path, catalog: Catalog, today: dt.date, msgs: Messages | None = None) -> list[str]:
    """Append newly published URLs, keeping every earlier line; returns what was added.

    A new ledger starts with two comment lines telling authors what the file
    is for, in the words of `msgs` (the source language by default)."""
    known = {url for _, url in read(path)}
    new = sorted(urls.page_of(e) for e in catalog.published(today) if urls.page_of(e) not in known)
    if not new:
        return []
    text = path.read_text(encoding="utf-8") if path.exists() else header(msgs)
    if text and not text.endswith("\n"):
        text += "\n"
    write_text(path, text + "".join(f"/{url}\n" for url in new))
    return new


def header(msgs: Messages | None = None) -> str:
    """The comment lines a new ledger starts with."""
    return (msgs or messages())("site.ledger_file")
