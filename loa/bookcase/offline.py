"""A built site made to work from a folder (`file://`): the pages of the
bookcase, the same bytes for the ZIP and for the ZIM.

On the web, "bai-viet/x/" opens "bai-viet/x/index.html"; opened from a
folder it shows a file listing, and on a phone nothing at all. So every
link and address in a page that points into the site is rewritten to name
its file: "../x/" -> "../x/index.html", "../.." -> "../../index.html",
"/assets/a.css" (the 404 page's) -> "../assets/a.css", the site's own
"https://…/bai-viet/x/" -> "bai-viet/x/index.html". Links to other sites,
anchors, `tel:` and `mailto:` are left as they are.

Why rewrite rather than a second build with MkDocs' `use_directory_urls:
false`: Loa's own pages, its search index and its redirects are addressed
by folder (loa/core/urls.py), which that option does not change, and a
second build costs a whole build (2.7 s for the 14-explainer sample, most of
a minute at 4,242), where this rewrite reads each page once (see bench/).

Only attributes inside tags are touched, found by a pattern that reads
quoted values whole, so a ">" or a quote inside a value cannot shift it.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Iterator, Mapping
from urllib.parse import unquote, urlsplit

# Tags whose attributes name a file or a page, and those attributes.
_TAG = re.compile(r"""<(a|link|script|img|source|area|iframe|form|meta)\b((?:[^>"']|"[^"]*"|'[^']*')*)>""", re.I)
_ATTR = re.compile(r"""(\s(?:href|src|action|content)\s*=\s*)("[^"]*"|'[^']*')""", re.I)
_REFRESH = re.compile(r"^(\s*\d+\s*;\s*url=)(.*)$", re.I | re.S)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)
# What a bookcase leaves out: compressed copies for web servers, Loa's marker
# and lock files, and the sitemap (web addresses, for search engines).
SKIPPED_SUFFIXES = (".gz", ".br")
SKIPPED_NAMES = frozenset(("sitemap.xml",))
KEPT = ("assets/loa/", "feed/")


@dataclass(frozen=True)
class SiteEntry:
    """One file of the bookcase."""

    path: str  # site-relative, "/"-separated
    data: bytes


def site_files(root: Path) -> Iterator[str]:
    """The site-relative paths a bookcase carries, sorted (so archives are reproducible)."""
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or name.endswith(SKIPPED_SUFFIXES) or name in SKIPPED_NAMES:
                continue
            found.append(Path(folder, name).relative_to(root).as_posix())
    return iter(sorted(found))


def entries(root: Path, site_url: str) -> list[SiteEntry]:
    """The files of the built site under `root` that a reader can reach, HTML
    rewritten for file://: every page, Loa's own assets and feeds (its
    scripts load the search index by name), and any other file a page links
    to. Material's unused JavaScript, source maps and the staff's share
    images (named only in link-preview tags) stay behind: on the sample
    site they were two thirds of the ZIP (1.37 MB of it; 0.48 MB without)."""
    pages, others = [], []
    for rel in site_files(root):
        if rel.endswith(".html"):
            html = rewrite_page((root / rel).read_text(encoding="utf-8"), rel, root, site_url)
            pages.append(SiteEntry(rel, html.encode("utf-8")))
        elif not rel.endswith(".map"):
            others.append(rel)
    wanted = {os.path.normpath(os.path.join(os.path.dirname(page.path), unquote(urlsplit(link).path)))
              for page in pages for link in links(page.data.decode("utf-8"))
              if link and not link.startswith(("#", "?", "//")) and not _SCHEME.match(link)}
    kept = [SiteEntry(rel, (root / rel).read_bytes()) for rel in others if rel.startswith(KEPT) or rel in wanted]
    return sorted(pages + kept, key=lambda e: e.path)


def rewrite_page(html: str, rel: str, root: Path, site_url: str) -> str:
    here = PurePosixPath(rel).parent

    def attribute(m: re.Match) -> str:
        quote, value = m.group(2)[0], m.group(2)[1:-1]
        name = m.group(1).strip().split("=")[0].strip().lower()
        if name == "content":
            refresh = _REFRESH.match(value)
            if not refresh:
                return m.group(0)  # other meta tags: descriptions, addresses for link previews
            return f"{m.group(1)}{quote}{refresh.group(1)}{local(refresh.group(2), here, root, site_url)}{quote}"
        return f"{m.group(1)}{quote}{local(value, here, root, site_url)}{quote}"

    def tag(m: re.Match) -> str:
        if m.group(1).lower() == "link" and re.search(r"""rel\s*=\s*["']?canonical""", m.group(2), re.I):
            return m.group(0)  # the page's web address, never fetched
        return f"<{m.group(1)}{_ATTR.sub(attribute, m.group(2))}>"

    return _TAG.sub(tag, html)


def local(url: str, here: PurePosixPath, root: Path, site_url: str) -> str:
    """`url` as written in a page at folder `here`, pointing at a file when it points into the site."""
    if site_url and url.startswith(site_url):
        url = "/" + url[len(site_url):]
    if not url or url.startswith(("#", "//")) or _SCHEME.match(url):
        return url
    parts = urlsplit(url)
    path, tail = parts.path, url[len(parts.path):]
    if path.startswith("/"):  # from the site's root: relative to this page instead
        path = os.path.relpath("." + path, "." / here) + ("/" if path.endswith("/") else "")
    if not path:
        return url  # "?q=…" or the page itself
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if path.endswith("/") or last in (".", "..") or os.path.isdir(os.path.normpath(os.path.join(root, here, path))):
        path = path.rstrip("/") + "/index.html"
    return path + tail


def links(html: str) -> Iterator[str]:
    """Every address a page's tags point at, meta refreshes included, canonical links left out."""
    for m in _TAG.finditer(html):
        if m.group(1).lower() == "link" and re.search(r"""rel\s*=\s*["']?canonical""", m.group(2), re.I):
            continue
        for a in _ATTR.finditer(m.group(2)):
            value = a.group(2)[1:-1]
            if a.group(1).strip().lower().startswith("content"):
                refresh = _REFRESH.match(value)
                if not refresh:
                    continue
                value = refresh.group(2)
            yield value


def missing_targets(files: Mapping[str, bytes]) -> list[tuple[str, str]]:
    """(page, link) for every link among the bookcase's `files` (site-relative
    path -> bytes) that does not open one of them: the last check before an
    archive is written, and what the tests ask of an unpacked one."""
    missing = []
    for rel, data in files.items():
        if not rel.endswith(".html"):
            continue
        here = PurePosixPath(rel).parent
        for value in links(data.decode("utf-8")):
            if not value or value.startswith(("#", "?", "//")) or _SCHEME.match(value):
                continue
            target = os.path.normpath(os.path.join(here, unquote(urlsplit(value).path)))
            if target not in files:
                missing.append((rel, value))
    return missing
