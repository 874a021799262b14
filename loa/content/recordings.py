"""Recordings an author puts next to an explainer: which file belongs to
which explainer, and whether it can be published, and nothing more
(`outputs/recordings.py` transcodes and publishes them).

The rule, like images: a recording is found by its name, not written into
the front matter. `hoa-giai-la-gi.m4a` (or .mp3, .ogg, .opus, .wav, .webm)
beside `hoa-giai-la-gi.md` is that explainer read aloud; a Khmer
`x.km.md` takes `x.km.m4a`. An author who records on a phone only has to
copy the file and rename it, with no YAML to get wrong. A recording whose
name matches no explainer is reported, so a typo is never a silent skip.

Each file is checked with ffprobe, which reads only the headers: whether it
is audio at all, how long it is. ffprobe and ffmpeg come with Debian's
`ffmpeg` package; a site without recordings never needs it.
"""
from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from loa.core.model import Explainer, Problem
from loa.core.problems import problem
from loa.i18n import Messages

EXTENSIONS = (".m4a", ".mp3", ".ogg", ".opus", ".wav", ".webm", ".aac")
MAX_SECONDS = 20 * 60  # an explainer read aloud takes minutes, not an hour
# A 20-minute WAV from a phone (44.1 kHz stereo) is about 212 MB.
MAX_BYTES = 250_000_000
PROBE_SECONDS = 20  # a broken file must not hang the check


@dataclass(frozen=True)
class Recording:
    """A recording that can be published: its file and its length."""

    source: Path
    rel: str  # path from the project root, for messages
    seconds: float


def tools_missing() -> bool:
    return shutil.which("ffmpeg") is None or shutil.which("ffprobe") is None


def beside(explainer: Explainer, root: Path, present: set[Path] | None = None) -> list[Path]:
    """The audio files named like the explainer, in its folder; `present`
    (every audio file under content/, from audio_files) saves a stat per name."""
    md = root / explainer.path
    stem = md.name[:-3] if md.name.lower().endswith(".md") else md.stem
    if present is None:
        present = set(audio_files(md.parent, deep=False))
    # A phone may save "bai.M4A": the suffix is matched in any case.
    return sorted(p for p in present if p.parent == md.parent and p.name[:len(stem)] == stem
                  and p.name[len(stem):].lower() in EXTENSIONS)


def audio_files(content: Path, deep: bool = True) -> list[Path]:
    try:
        found = content.rglob("*") if deep else content.iterdir()
        return sorted(p for p in found if p.suffix.lower() in EXTENSIONS and p.is_file())
    except OSError:
        return []


def orphans(explainers: list[Explainer], root: Path, content_dir: str, msgs: Messages,
            present: set[Path] | None = None) -> list[Problem]:
    """LOA475 for every audio file whose name matches no explainer."""
    present = set(audio_files(root / content_dir)) if present is None else present
    claimed = {p for e in explainers for p in beside(e, root, present)}
    stems = {}
    for e in explainers:
        md = root / e.path
        stems.setdefault(md.parent, []).append(md.name[:-3])
    found = []
    for audio in sorted(present):
        if audio in claimed:
            continue
        close = difflib.get_close_matches(audio.stem, stems.get(audio.parent, []), n=1, cutoff=0.6)
        hint = msgs("LOA475.close", name=close[0] + audio.suffix) if close else msgs("LOA475.no_match")
        found.append(problem("LOA475", audio.relative_to(root).as_posix(), 0, msgs=msgs, suggestion=hint))
    return found


def problems(explainers: tuple[Explainer, ...], root: Path, content_dir: str, msgs: Messages) -> list[Problem]:
    """Every recording's problems, drafts' included, for `loa check`: with
    the rest of the content's, so an author sees them all at once."""
    present = set(audio_files(root / content_dir))
    if not present:
        return []  # the usual case: one walk of content/, nothing to probe
    found = [p for e in explainers for p in check(e, root, msgs, present)[1]]
    return found + orphans(list(explainers), root, content_dir, msgs, present)


def check(explainer: Explainer, root: Path, msgs: Messages,
          present: set[Path] | None = None) -> tuple[Recording | None, list[Problem]]:
    """The explainer's recording, if it has one that can be published."""
    files = beside(explainer, root, present)
    if not files:
        return None, []
    if len(files) > 1:
        names = ", ".join(p.name for p in files)
        return None, [problem("LOA474", explainer.path, 0, msgs=msgs, names=names)]
    source = files[0]
    rel = source.relative_to(root).as_posix()
    if tools_missing():
        return None, [problem("LOA470", rel, 0, msgs=msgs)]
    size = source.stat().st_size
    if size > MAX_BYTES:
        return None, [problem("LOA473", rel, 0, msgs=msgs, size=f"{size / 1e6:.0f} MB",
                              limit=f"{MAX_BYTES // 1_000_000} MB")]
    seconds = probe(source)
    if seconds is None:
        return None, [problem("LOA471", rel, 0, msgs=msgs)]
    if seconds > MAX_SECONDS:
        return None, [problem("LOA472", rel, 0, msgs=msgs, length=spoken_length(seconds, msgs),
                              limit=spoken_length(MAX_SECONDS, msgs))]
    return Recording(source, rel, seconds), []


def probe(source: Path) -> float | None:
    """The length in seconds of the file's first audio stream; None when it has none."""
    try:
        done = subprocess.run(
            ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries",
             "stream=codec_type:format=duration", "-of", "json", str(source)],
            capture_output=True, timeout=PROBE_SECONDS, check=False)
        found = json.loads(done.stdout or b"{}")
    except (OSError, subprocess.TimeoutExpired, ValueError):
        return None
    if done.returncode != 0 or not found.get("streams"):
        return None
    try:
        seconds = float(found.get("format", {}).get("duration", ""))
    except ValueError:
        return None
    return seconds if seconds > 0 else None


def spoken_length(seconds: float, msgs: Messages) -> str:
    """"4 phút 12 giây": a length as the player's label says it."""
    whole = max(1, round(seconds))
    minutes, rest = divmod(whole, 60)
    if not minutes:
        return msgs("audio.length.seconds", seconds=rest)
    if not rest:
        return msgs("audio.length.minutes", minutes=minutes)
    return msgs("audio.length.both", minutes=minutes, seconds=rest)
