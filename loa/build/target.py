"""Which folder a build may replace, and the marker that says Loa made it.

Owns the marker file (`.loa-site`) written into every site Loa makes, and
`guard()`, the one check run before a build touches its target. A build
replaces its whole target folder, so the target must be a folder Loa made
(or an empty or missing one), and never the project, the content or
anything that contains them. Nothing else.

    guard(target, project_root, content_dir) -> None   raises UnsafeTarget
    write_marker(folder, msgs=None) -> None
    is_loa_site(folder) -> bool
"""
from __future__ import annotations

import os
from pathlib import Path

from loa.build.errors import UnsafeTarget
from loa.i18n import Messages, messages

MARKER = ".loa-site"
# Files the operating system drops into any folder a person opens: a folder
# holding only these is still empty to its owner.
_OS_LITTER = frozenset({".DS_Store", "Thumbs.db", "desktop.ini", ".directory"})
# Sites built before the marker existed carry Loa's own stylesheet; they are
# accepted once, and the first build marks them.
_LEGACY_SIGNATURE = ("index.html", "assets/loa/loa.css")


def write_marker(folder: Path, msgs: Messages | None = None) -> None:
    # Its text is for whoever opens the folder: only its presence is checked.
    (Path(folder) / MARKER).write_text((msgs or messages()).get("site.marker_file"), encoding="utf-8")


def is_loa_site(folder: Path) -> bool:
    folder = Path(folder)
    if (folder / MARKER).is_file():
        return True
    return all((folder / rel).is_file() for rel in _LEGACY_SIGNATURE)


def guard(target: Path, project_root: Path, content_dir: Path) -> None:
    """Refuse a target whose replacement would destroy something.

    Paths are compared after following links, and by file identity where
    they exist, so `.`, `..`, `Content` on a case-blind disk or a link to
    the project are all seen for what they are."""
    shown = str(target)
    real = Path(os.path.realpath(target))
    root = Path(os.path.realpath(project_root))
    content = Path(os.path.realpath(content_dir))
    if _is_within(root, real):
        raise UnsafeTarget.of("LOA901", shown, target=shown)
    if _is_within(content, real):
        raise UnsafeTarget.of("LOA902", shown, target=shown, content=str(content_dir))
    if _is_within(real, content):
        raise UnsafeTarget.of("LOA903", shown, target=shown, content=str(content_dir))
    if os.path.lexists(target) and not real.is_dir():
        raise UnsafeTarget.of("LOA904", shown, target=shown)  # a file, or a link to nothing
    if real.is_dir() and not _is_empty(real) and not is_loa_site(real):
        raise UnsafeTarget.of("LOA905", shown, target=shown)


def _is_within(inner: Path, outer: Path) -> bool:
    """True when `inner` is `outer` or lies somewhere below it."""
    for candidate in (inner, *inner.parents):
        if _same(candidate, outer):
            return True
    return False


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist yet: compare the spelling
        return os.path.normcase(a) == os.path.normcase(b)


def _is_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return all(entry.name in _OS_LITTER for entry in entries)
