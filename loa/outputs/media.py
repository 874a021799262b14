"""What published explainers point at inside the site: their images,
published with them, and their links to other explainers, which this build
must publish too. Nothing more (`content/media.py` says which file an image
is and whether it may be published; `content/links.py` rewrites the links).

Images are re-encoded, never copied: a phone photo carries its place in
its metadata (GPS), which a page about domestic violence must not publish;
and one wider than MAX_WIDTH is shrunk, since readers are on phones and
pay for data. Results are cached in .loa-cache/media by the source's bytes,
so a rebuild reads each image once and encodes nothing.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from PIL import Image, ImageOps, ImageSequence

from loa.build import atomic
from loa.content import links, media
from loa.core import dates
from loa.core.model import Explainer, Problem
from loa.core.problems import problem
from loa.outputs.base import Output, SiteFile

MAX_WIDTH = 1200
# Bump whenever the encoding below changes, so cached images are redone.
VERSION = 1
_SAVE = {"JPEG": {"quality": 85, "optimize": True, "progressive": True}, "PNG": {"optimize": True},
         "WEBP": {"quality": 85, "method": 4}, "GIF": {"optimize": True}}


@dataclass(frozen=True)
class _Use:
    explainer: Explainer
    line: int
    rel: str  # under content/


class Media(Output):
    name = "media"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._uses: list[_Use] | None = None
        self._link_problems: list[Problem] = []

    def problems(self) -> list[Problem]:
        found = list(self._links_to_unpublished())
        for rel, use in self._first_uses().items():
            if self._encoded(rel) is None:
                found.append(problem("LOA186", use.explainer.path, use.line, msgs=self.ctx.msgs, target=rel,
                                     kinds=", ".join(sorted({s.lstrip(".") for s in media.FORMATS}))))
        return found

    def files(self) -> Iterable[SiteFile]:
        for rel in self._first_uses():
            data = self._encoded(rel)
            if data is not None:
                yield SiteFile(f"{media.SITE_DIR}/{rel}", data)

    def _first_uses(self) -> dict[str, _Use]:
        first: dict[str, _Use] = {}
        for use in self._scan():
            first.setdefault(use.rel, use)
        return first

    def _scan(self) -> list[_Use]:
        """Images of published explainers only: a draft's pictures stay private."""
        if self._uses is None:
            self._uses = []
            for e in self.ctx.plan.with_pages:  # a withdrawn page still shows its pictures
                if "../" + media.SITE_DIR + "/" not in e.body:
                    continue
                for ref in links.find(e.body):
                    rel = media.published_rel(ref.target) if ref.kind == "image" else None
                    if rel is not None:
                        self._uses.append(_Use(e, e.body_line + ref.line, rel))
        return self._uses

    def _links_to_unpublished(self) -> Iterable[Problem]:
        published = {e.slug for e in self.ctx.plan.with_pages}
        waiting = {e.slug: e for e in self.ctx.catalog.explainers if e.slug not in published}
        if not waiting:
            return  # the usual case: nothing to look for
        for e in self.ctx.plan.explainers:
            if not any(f"{slug}.md" in e.body for slug in waiting):
                continue
            for ref in links.find(e.body):
                other = waiting.get(ref.target.split("#", 1)[0][:-3]) if ref.kind == "link" else None
                if other is not None and ref.target.split("#", 1)[0].endswith(".md"):
                    say = self.ctx.msgs
                    reason = (say("LOA162.draft") if other.draft
                              else say("LOA162.scheduled", date=dates.vietnamese(other.date)))
                    yield problem("LOA162", e.path, e.body_line + ref.line, msgs=say, slug=other.slug,
                                  reason=reason, other=other.path)

    def _encoded(self, rel: str) -> bytes | None:
        source = self.ctx.root / self.ctx.settings.content_dir / rel
        try:
            raw = source.read_bytes()
        except OSError:
            return None
        return atomic.cached(self.ctx.cache_dir / "media" / f"{_key(raw)}{Path(rel).suffix.lower()}",
                             lambda: encode(raw))


def _key(raw: bytes) -> str:
    return hashlib.sha256(f"{VERSION}:{MAX_WIDTH}:".encode() + raw).hexdigest()


def encode(raw: bytes) -> bytes | None:
    """The image re-encoded without metadata, at most MAX_WIDTH wide; None if unreadable."""
    try:
        with Image.open(io.BytesIO(raw)) as im:
            kind = im.format
            if kind not in _SAVE:
                return None
            if getattr(im, "n_frames", 1) > 1:
                return _animated(im, kind)
            im.load()
            out = _shrink(ImageOps.exif_transpose(im) or im)
            buf = io.BytesIO()
            out.save(buf, kind, **_SAVE[kind])
            return buf.getvalue()
    except (OSError, ValueError, Image.DecompressionBombError, SyntaxError):
        return None


def _shrink(im: Image.Image) -> Image.Image:
    if im.width <= MAX_WIDTH:
        return im
    return im.resize((MAX_WIDTH, max(1, round(im.height * MAX_WIDTH / im.width))), Image.Resampling.LANCZOS)


def _animated(im: Image.Image, kind: str) -> bytes:
    frames = [_shrink(frame.copy()) for frame in ImageSequence.Iterator(im)]
    buf = io.BytesIO()
    frames[0].save(buf, kind, save_all=True, append_images=frames[1:], loop=im.info.get("loop", 0),
                   duration=im.info.get("duration", 100))
    return buf.getvalue()
