"""The folder leaflets are written into, and the list of files Loa made there.

Owns which folder `loa print` may write into and the marker file that lists
what it wrote, and nothing more. The idea is loa/build/target.py's: Loa
writes only into a folder that is new, empty, or marked as its own, never
inside the content, and it removes only files its own marker lists (the
leaflet of an explainer taken down, on a run over every explainer). A file
someone put beside the leaflets is never touched.

    refusal(folder, shown, content_dir, msgs) -> Problem | None
    Writer(folder, header): begin(names), write(name, data), finish(complete)
"""
from __future__ import annotations

import os
from pathlib import Path
from loa.build import atomic
from loa.core.model import Problem
from loa.core.problems import problem
from loa.i18n import Messages

MARKER = ".loa-to-roi"
# Files the operating system drops into any folder a person opens.
_OS_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})


def refusal(folder: Path, shown: str, content_dir: Path, msgs: Messages) -> Problem | None:
    """Why `folder` may not receive leaflets, or None. `shown` is how the
    person named it, so the message repeats their words."""
    real = Path(os.path.realpath(folder))
    content = Path(os.path.realpath(content_dir))
    if real == content or content in real.parents:
        return problem("LOA701", shown, 1, msgs=msgs, folder=shown, content=str(content_dir))
    if os.path.lexists(folder) and not real.is_dir():
        return problem("LOA702", shown, 1, msgs=msgs, folder=shown)
    if real.is_dir() and not (real / MARKER).is_file() and not _is_empty(real):
        return problem("LOA703", shown, 1, msgs=msgs, folder=shown)
    return None


def made_by_loa(folder: Path) -> list[str]:
    """The names the marker lists, in its order; [] when there is none."""
    try:
        text = (Path(folder) / MARKER).read_text("utf-8")
    except OSError:
        return []
    return [line for line in text.splitlines() if line and not line.startswith("#")]


class Writer:
    """Writes leaflets into one folder, then records them in the marker.

    `begin` lists the names about to be written before any is, so a run cut
    short leaves nothing Loa would not recognise next time; `finish` on a
    `complete` run (every explainer) removes the files listed before and
    not made now: leaflets of explainers no longer published."""

    def __init__(self, folder: Path, header: str) -> None:
        self.folder = Path(folder)
        self.header = header
        self.before: list[str] = []
        self.names: list[str] = []

    def begin(self, names: list[str]) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        self.before = made_by_loa(self.folder)
        self.names = list(names)
        _mark(self.folder, self.header, self.before + self.names)

    def write(self, name: str, data: bytes) -> None:
        atomic.write_bytes(self.folder / name, data)

    def finish(self, complete: bool) -> list[str]:
        removed = []
        if complete:
            for name in self.before:
                path = self.folder / name
                if name not in self.names and _plain_name(name) and path.is_file() and not path.is_symlink():
                    path.unlink()
                    removed.append(name)
        _mark(self.folder, self.header, self.names if complete else self.before + self.names)
        return removed


def _mark(folder: Path, header: str, names: list[str]) -> None:
    lines = [f"# {line}" for line in header.splitlines()] + sorted(set(names))
    atomic.write_text(folder / MARKER, "\n".join(lines) + "\n")


def _plain_name(name: str) -> bool:
    # The marker is a text file anyone can edit: only a bare file name in
    # this folder is ever removed, never a path leading elsewhere.
    return name == os.path.basename(name) and name not in ("", ".", "..", MARKER)


def _is_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return all(entry.name in _OS_LITTER for entry in entries)
