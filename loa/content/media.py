"""Images in explainer bodies: which file each one is, and whether it can be
published, and nothing more (`outputs/media.py` publishes them).

An author puts a picture next to the .md, or in a folder beside it, and
writes `![Sơ đồ](anh/so-do.png)`, as any Markdown editor does. Every image
is published once at `anh/<its path under content/>`, so the link written
into the generated page `bai-viet/<slug>.md` is `../anh/<path>`, whichever
folder the explainer is in. Nothing is fetched from another site: the
site's readers must make no request to a third party.
"""
from __future__ import annotations

import difflib
import posixpath
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

from PIL import Image, UnidentifiedImageError

from loa.content import links
from loa.core.model import Problem
from loa.core.problems import problem
from loa.i18n import Messages, messages

SITE_DIR = "anh"  # where images are published in the site
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".webp": "WEBP", ".gif": "GIF"}
MAX_BYTES = 10_000_000
# Pixels decide the memory a decode takes, whatever the file's size.
MAX_PIXELS = 40_000_000
_PREFIX = f"../{SITE_DIR}/"


@dataclass(frozen=True)
class Found:
    """An image that can be published: its file under content/."""

    rel: str  # path under content/, e.g. "hoa-giai/anh/so-do.png"

    @property
    def page_target(self) -> str:
        """What the generated page `bai-viet/<slug>.md` links to."""
        return _PREFIX + quote(self.rel, safe="/-_.~")

    @property
    def site_path(self) -> str:
        return f"{SITE_DIR}/{self.rel}"


def published_rel(page_target: str) -> str | None:
    """The path under content/ of a target `page_target` made, else None."""
    return unquote(page_target[len(_PREFIX):]) if page_target.startswith(_PREFIX) else None


class Images:
    """Checks images for one catalog load; each file is opened once."""

    def __init__(self, root: Path, content_dir: str, msgs: Messages | None = None) -> None:
        self.root = root
        self.msgs = msgs or messages()
        self.content_dir = content_dir.strip("/")
        self._seen: dict[str, tuple[str, dict] | None] = {}

    def check(self, ref: links.Ref, source: str, line: int) -> tuple[Found | None, list[Problem]]:
        problems = []
        if not (ref.alt or "").strip():
            problems.append(problem("LOA187", source, line, msgs=self.msgs, target=ref.target))
        found, failure = self._resolve(ref.target, source)
        if failure is not None:
            code, params = failure
            problems.append(problem(code, source, line, msgs=self.msgs, target=ref.target, **params))
        return found, problems

    def _resolve(self, target: str, source: str) -> tuple[Found | None, tuple[str, dict] | None]:
        if links.is_external(target):
            return None, ("LOA180", {})
        path, _anchor = links.split(target)
        if path.startswith("/"):  # from the content folder, the only root an author knows
            full = posixpath.normpath(f"{self.content_dir}/{path.lstrip('/')}")
        else:
            full = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
        if not path or not full.startswith(self.content_dir + "/"):
            return None, ("LOA182", {})
        if full not in self._seen:
            self._seen[full] = self._file_problem(full)
        failure = self._seen[full]
        return (None, failure) if failure else (Found(full[len(self.content_dir) + 1:]), None)

    def _file_problem(self, full: str) -> tuple[str, dict] | None:
        suffix = posixpath.splitext(full)[1].lower()
        if suffix == ".svg":
            return "LOA184", {}
        if suffix not in FORMATS:
            return "LOA183", {"kinds": _kinds()}
        file = self.root / full
        try:
            if not file.is_file():
                return "LOA181", {"suggestion": _closest(file, self.msgs)}
            if not file.resolve().is_relative_to((self.root / self.content_dir).resolve()):
                return "LOA182", {}
            size = file.stat().st_size
        except OSError:
            return "LOA181", {"suggestion": _closest(file, self.msgs)}
        if size > MAX_BYTES:
            return "LOA185", {"size": f"{size / 1e6:.1f} MB", "limit": f"{MAX_BYTES // 1_000_000} MB"}
        return _header_problem(file, self.msgs)


def _header_problem(file: Path, msgs: Messages) -> tuple[str, dict] | None:
    """Pillow reads only the header here; the output decodes the pixels."""
    try:
        with Image.open(file) as im:
            kind, (w, h) = im.format, im.size
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError):
        return "LOA186", {"kinds": _kinds()}
    if kind not in set(FORMATS.values()):
        return "LOA186", {"kinds": _kinds()}
    if w * h > MAX_PIXELS:
        return "LOA185", {"size": msgs("LOA185.pixels", width=w, height=h),
                          "limit": msgs("LOA185.pixel_limit", millions=MAX_PIXELS // 1_000_000)}
    return None


def _kinds() -> str:
    return ", ".join(sorted({s.lstrip(".") for s in FORMATS}))


def _closest(file: Path, msgs: Messages) -> str:
    """A name in the same folder that differs only in case, or is close."""
    try:
        names = [p.name for p in file.parent.iterdir() if p.suffix.lower() in FORMATS]
    except OSError:
        names = []
    same = [n for n in names if n.casefold() == file.name.casefold()]
    close = same or difflib.get_close_matches(file.name, names, n=1, cutoff=0.6)
    if close:
        return msgs("LOA181.close", name=close[0])
    return msgs("LOA181.no_match")
