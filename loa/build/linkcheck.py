"""After every build: every internal href and src in the site resolves to a file."""
from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from loa.i18n import Messages, messages

_REF = re.compile(r'\s(?:href|src)="([^"]*)"', re.I)


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
    for page in sorted(f for f in files if f.endswith(".html")):
        html = (site_dir / page).read_text(encoding="utf-8", errors="replace")
        for target in set(_REF.findall(html)):
            resolved = _resolve(page, target, site_url)
            if resolved is not None and not _exists(resolved, files):
                broken.append(BrokenLink(page, target))
    return broken


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
