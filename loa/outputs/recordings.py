"""Explainers read aloud: each recording transcoded and published with its
page, the player above the body, and where there is no recording the
button that reads the page with the browser's own voice. Nothing more
(`content/recordings.py` finds and checks the files).

Readers pay for data, so a recording is made small for speech: Opus at
20 kb/s mono in WebM, which Chromium, Firefox and Android play, and MP3 at
24 kb/s mono (22.05 kHz), which every iPhone and old phone plays. Both stay
under 1 MB per 5 minutes (BYTES_PER_SECOND; measured in tests/test_listen.py
and README). The player says `preload="none"`: nothing is fetched until the
reader presses play.

Transcoding takes seconds per minute of sound, so results are cached in
.loa-cache/audio by the source's bytes and these settings: a rebuild copies
them and runs no ffmpeg.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import tempfile
from pathlib import Path

from loa.content import recordings
from loa.core.model import Problem
from loa.core.problems import format_problem, problem
from loa.outputs.base import Fragments, Output
from loa.plan.site import PlannedPage

SITE_DIR = "nghe"  # "nghe": listen
SCRIPT = "assets/loa/listen.js"
# Bump whenever the encodings below change, so cached files are redone.
VERSION = 1
FORMATS = {
    "webm": ["-c:a", "libopus", "-b:a", "20k", "-vbr", "constrained", "-application", "voip", "-f", "webm"],
    "mp3": ["-ar", "22050", "-c:a", "libmp3lame", "-b:a", "24k", "-f", "mp3"],
}
TYPES = {"webm": "audio/webm; codecs=opus", "mp3": "audio/mpeg"}
# The budget: 1 MB per 5 minutes, whatever the format.
BYTES_PER_SECOND = 1_000_000 / 300
TRANSCODE_SECONDS = 600


class TranscodeError(RuntimeError):
    """ffmpeg could not make one format of a recording; carries the problem."""

    def __init__(self, found: Problem) -> None:
        super().__init__(found.message)
        self.problem = found


class Recordings(Output):
    name = "recordings"
    whole_site = True  # a preview rebuild keeps the files the first build wrote
    decorate_ahead = True  # the player and the speech button depend on the plan and the files alone

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._found: dict[str, recordings.Recording] | None = None

    def _recordings(self) -> dict[str, recordings.Recording]:
        """slug -> recording, for explainers with a page; probed once per build.
        Their problems were reported by the pipeline's check, which a build
        only follows when there were none (content/recordings.problems)."""
        if self._found is None:
            self._found = {}
            present = set(recordings.audio_files(self.ctx.root / self.ctx.settings.content_dir))
            for e in self.ctx.plan.with_pages if present else ():
                found, _ = recordings.check(e, self.ctx.root, self.ctx.msgs, present)
                if found is not None:
                    self._found[e.slug] = found
        return self._found

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        e = page.explainer
        if e is None or page.kind != "explainer":
            return
        found = self._recordings().get(e.slug)
        render = self.ctx.renderer_for(page.lang).render
        if found is not None:
            say = self.ctx.msgs_for(page.lang)
            fragments.before.append(render("listen.html", page=page, sources=sources(e.slug), types=TYPES,
                                           length=recordings.spoken_length(found.seconds, say)))
        else:
            fragments.before.append(render("listen.html", page=page, sources={}, types=TYPES, length=""))
            fragments.scripts.append(SCRIPT)

    def write(self, site) -> None:
        from loa.build.pipeline import BuildFailed  # the pipeline imports the outputs

        cache = self.ctx.cache_dir / "audio"
        for slug, found in sorted(self._recordings().items()):
            for kind, rel in sources(slug).items():
                try:
                    site.copy(transcoded(found, kind, cache, self.ctx.msgs), rel)
                except TranscodeError as exc:
                    raise BuildFailed(format_problem(exc.problem)) from exc


def sources(slug: str) -> dict[str, str]:
    """Site paths of a recording's formats, the one browsers prefer first."""
    return {kind: f"{SITE_DIR}/{slug}.{kind}" for kind in FORMATS}


def transcoded(found: recordings.Recording, kind: str, cache: Path, msgs) -> Path:
    """The cached file of one format, made when missing."""
    target = cache / f"{_key(found.source, kind)}.{kind}"
    if target.is_file():
        return target
    cache.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=cache)
    os.close(fd)
    os.chmod(tmp, 0o644)
    command = ["ffmpeg", "-nostdin", "-v", "error", "-y", "-i", str(found.source), "-vn", "-sn", "-dn",
               "-map_metadata", "-1", "-ac", "1", *FORMATS[kind], tmp]
    try:
        done = subprocess.run(command, capture_output=True, timeout=TRANSCODE_SECONDS, check=False)
        if done.returncode != 0 or os.path.getsize(tmp) == 0:
            reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise TranscodeError(problem("LOA476", found.rel, 0, msgs=msgs, kind=kind, reason=reason[0][:200]))
        os.replace(tmp, target)  # whole or not at all: an interrupted build leaves no half file
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise TranscodeError(problem("LOA476", found.rel, 0, msgs=msgs, kind=kind, reason=str(exc)[:200])) from exc
    finally:
        Path(tmp).unlink(missing_ok=True)
    return target


def _key(source: Path, kind: str) -> str:
    digest = hashlib.sha256(f"{VERSION}:{kind}:{' '.join(FORMATS[kind])}:".encode())
    with source.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
