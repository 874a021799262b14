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

# On the bytes: a page of Vietnamese is a str of two bytes a character, which
# the pattern reads about a third slower than the UTF-8 it came from.
_REF = re.compile(rb'\s(?:href|src)="([^"]*)"', re.I)
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
    # Whether a target is fine, for targets that mean the same from every
    # page of a depth: most links of a page ("../../assets/…", the header's,
    # the footer's) are on every other page too.
    known: dict[tuple[int, str], bool] = {}
    for page in sorted(f for f in files if f.endswith(".html")):
        html = (site_dir / page).read_bytes()
        depth = page.count("/")
        for target in {t.decode("utf-8", "replace") for t in set(_REF.findall(html))}:
            key = (depth, target)
            fine = known.get(key)
            if fine is None:
                resolved = _resolve(page, target, site_url)
                fine = resolved is None or (_exists(resolved, files)
                                            and _has_section(site_dir, resolved, target, files, ids))
                if _same_from_any_page(target, depth, site_url):
                    known[key] = fine
            if not fine:
                broken.append(BrokenLink(page, target))
    return broken


def _same_from_any_page(target: str, depth: int, site_url: str) -> bool:
    """Whether `target` resolves alike from every page `depth` folders down:
    an address with a scheme or a root, or a relative one that first climbs
    to the site's root ("../../x" from "a/b/index.html"). A bare "#section"
    or "x/" depends on the page."""
    if target.startswith("#"):
        return False
    if (site_url and target.startswith(site_url)) or target.startswith("/") or ":" in target.split("/", 1)[0]:
        return True
    climb = "../" * depth
    return bool(climb) and target.startswith(climb) and not target.startswith(climb + "../") \
        and target[len(climb):] not in ("", ".", "..")


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
