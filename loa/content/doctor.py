"""`loa doctor`: rewrite files damaged by legacy Vietnamese encodings, and
Khmer typed in an order NFC does not repair (loa.text.khmer.fix_order).

legacy.py knows the code charts and which lines are damaged; this module
walks the files, keeps a backup of each original (never overwritten), and
writes the repaired text atomically. Text that is already correct Vietnamese
is never touched: a second run changes nothing.
"""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from loa.build import atomic

from loa.content import checks, khmer_checks
from loa.core.problems import problem
from loa.core.model import Problem
from loa.i18n import messages
from loa.text import khmer
from loa.text.legacy import ENCODING_NAMES, convert_text, detect_cp1258, detect_line

FIXABLE_SUFFIXES = (".md", ".yml", ".yaml", ".txt")
FIXABLE_KHMER = ("LOA810", "LOA811", "LOA814")  # what khmer.fix_order puts right


@dataclass(frozen=True)
class FixResult:
    """What `fix_file` changed in one file."""

    path: Path
    encodings: tuple[str, ...]  # keys of ENCODING_NAMES, first seen first
    lines_changed: int
    backup: Path
    khmer_lines: int = 0  # lines whose Khmer typing order was put right (issue 11)


class MissingPathError(FileNotFoundError):
    """A path given to `fix_paths` does not exist."""


def fix_file(path: str | os.PathLike[str]) -> FixResult | None:
    """Rewrite one file as UTF-8 NFC Unicode, keeping a backup of the original.

    Returns None, and leaves the file alone, when nothing needed fixing.
    """
    path = Path(path)
    raw = path.read_bytes()
    decoded = _decode(raw)
    if decoded is None:
        return None
    text, encodings = decoded
    lines = text.split("\n")
    for index, line in enumerate(lines):
        hit = detect_line(line)
        if hit is not None:
            lines[index] = convert_text(line, hit.encoding)
            if hit.encoding not in encodings:
                encodings += (hit.encoding,)
    khmer_lines = 0
    for index, line in enumerate(lines):
        fixed = khmer.fix_order(line) if khmer.has_khmer(line) else line
        if fixed != line:
            lines[index], khmer_lines = fixed, khmer_lines + 1
    if not encodings and not khmer_lines:
        return None
    new_lines = [line.encode("utf-8") for line in lines]
    changed = sum(old != new for old, new in zip(raw.split(b"\n"), new_lines))
    # Write through a symlink, never over it.
    target = path.resolve() if path.is_symlink() else path
    backup = _write_backup(target, raw)
    atomic.write_bytes(target, b"\n".join(new_lines))
    return FixResult(path, encodings, changed, backup, khmer_lines)


def _decode(raw: bytes) -> tuple[str, tuple[str, ...]] | None:
    """The text of a file, and the byte encoding repaired by reading it."""
    try:
        return raw.decode("utf-8"), ()
    except UnicodeDecodeError:
        pass
    if detect_cp1258(raw):
        return unicodedata.normalize("NFC", raw.decode("cp1258")), ("cp1258",)
    # A file saved straight from a TCVN3/VNI document holds the codes as
    # bytes: read them as cp1252 and let line detection decide.
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:  # bytes cp1252 leaves undefined; keep them
        text = raw.decode("latin-1")
    if any(detect_line(line) for line in text.split("\n")):
        return text, ()
    return None


def _write_backup(path: Path, raw: bytes) -> Path:
    names = [f"{path.name}.bak"] + [f"{path.name}.bak.{n}" for n in range(1, 1000)]
    for name in names:
        try:
            # "x" refuses to overwrite, so an earlier backup always survives.
            with open(path.with_name(name), "xb") as handle:
                handle.write(raw)
                handle.flush()
                os.fsync(handle.fileno())
            return path.with_name(name)
        except FileExistsError:
            continue
    raise FileExistsError(messages()("cli.doctor.no_backup_name", path=path.as_posix()))


def fix_paths(paths: Iterable[str | os.PathLike[str]]) -> list[FixResult]:
    """Fix every given file, and every .md/.yml/.yaml/.txt file in folders."""
    paths = [Path(p) for p in paths]
    _require(paths)
    results = (fix_file(file) for file in _iter_files(paths))
    return [result for result in results if result is not None]


def _require(paths: list[Path]) -> None:
    missing = [p.as_posix() for p in paths if not p.exists()]
    if missing:
        # Checked up front so a typo stops the run before any file changes.
        raise MissingPathError(messages()("cli.doctor.missing", paths=", ".join(missing)))


def _iter_files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if not path.is_dir():
            yield path
            continue
        for root, dirs, files in os.walk(path):
            # Hidden folders are tooling (.git, .venv), never content.
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                file = Path(root, name)
                if name.endswith(FIXABLE_SUFFIXES) and not file.is_symlink():
                    yield file


def describe(result: FixResult) -> str:
    """One Vietnamese line telling the author what `fix_file` did."""
    t = messages()
    said = []
    if result.encodings:
        names = t("cli.doctor.and").join(ENCODING_NAMES[e] for e in result.encodings)
        said.append(t("cli.doctor.converted", path=result.path.as_posix(), lines=result.lines_changed,
                      encodings=names, backup=result.backup.as_posix()))
    if result.khmer_lines:
        said.append(t("cli.doctor.khmer_order", path=result.path.as_posix(), lines=result.khmer_lines,
                      backup=result.backup.as_posix()))
    return "\n".join(said)


def scan_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Problem]:
    """What `fix_paths` would change, as warnings, without writing anything."""
    paths = [Path(p) for p in paths]
    _require(paths)
    found: list[Problem] = []
    for file in _iter_files(paths):
        raw = file.read_bytes()
        rel = file.as_posix()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            if detect_cp1258(raw):
                found.append(problem("LOA212", rel, 0))
            continue
        found += checks.legacy_problems(text, rel)
        found += [p for p in khmer_checks.order_problems(text, rel) if p.code in FIXABLE_KHMER]
    return found
