"""After every build: every internal href and src in the site resolves to a
file, and a link to a section of another page finds that section's id."""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from loa.i18n import Messages, messages

_REF = re.compile(r'\s(?:href|src)="([^"]*)"', re.I)
_ID = re.compile(r'\s(?:id|name)="([^"]*)"', re.I)


@dataclass(frozen=True)
class BrokenLink:
    page: str  # site-relative file
    target: str

    def describe(self, msgs: Messages | None = None) -> str:
        return (msgs or messages()).get("cli.build.broken_link", page=self.page, target=self.target)

    __str__ = describe


def check(site_dir: Path, site_url: str = "") -> list[BrokenLink]:
    broken = []
    files = _all_files(site_dir)
    ids: dict[str, set[str]] = {}  # page -> its ids, read once, only when a link names a section
    for page in sorted(f for f in files if f.endswith(".html")):
        html = (site_dir / page).read_text(encoding="utf-8", errors="replace")
        for target in set(_REF.findall(html)):
            resolved = _resolve(page, target, site_url)
            if resolved is None:
                continue
            if not _exists(resolved, files) or not _has_section(site_dir, resolved, target, files, ids):
                broken.append(BrokenLink(page, target))
    return broken


def _has_section(site_dir: Path, resolved: str, target: str, files: set[str], ids: dict[str, set[str]]) -> bool:
    """True unless `target` names a #section its page has no id for."""
    fragment = unquote(urlsplit(target).fragment)
    if not fragment:
        return True
    page = resolved + "index.html" if resolved == "" or resolved.endswith("/") else \
        resolved if resolved in files else f"{resolved}/index.html"
    if not page.endswith(".html"):
        return True  # a section of an image or a PDF page is not ours to check
    if page not in ids:
        ids[page] = set(_ID.findall((site_dir / page).read_text(encoding="utf-8", errors="replace")))
    return fragment in ids[page]


def _all_files(site_dir: Path) -> set[str]:
    # os.walk lists names without a stat call per file: a site holds tens of
    # thousands of small search files.
    found = set()
    for folder, _dirs, names in os.walk(site_dir):
        rel = os.path.relpath(folder, site_dir)
        prefix = "" if rel == "." else rel.replace(os.sep, "/") + "/"
        found.update(prefix + name for name in names)
    return found


def _resolve(page: str, target: str, site_url: str) -> str | None:
    """Site-relative path `target` points at, or None when it is not internal."""
    if site_url and target.startswith(site_url):
        return unquote(urlsplit(target[len(site_url):]).path) or ""
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or target.startswith("#") or not parts.path:
        return None
    base = posixpath.dirname(page)
    if parts.path.startswith("/"):  # root-relative, as MkDocs writes in 404.html
        prefix = urlsplit(site_url).path or "/"
        path = parts.path[len(prefix):] if parts.path.startswith(prefix) else parts.path.lstrip("/")
        base, parts = "", parts._replace(path=path or ".")
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path)))
    if joined.startswith(".."):
        return "\0outside"  # above the site root: never a file of ours
    if joined == ".":
        return ""
    return joined + "/" if parts.path.endswith("/") else joined


def _exists(path: str, files: set[str]) -> bool:
    if path == "" or path.endswith("/"):
        return (path + "index.html") in files
    return path in files or f"{path}/index.html" in files
