"""Writing files so that nobody sees half of one.

Owns two ways of writing, and nothing more:

- `write_bytes(path, data)` / `write_text(path, text)`: for files that live
  on (the URL ledger, repaired content, reports). The data goes to a
  temporary file in the same folder, is flushed to disk, then renamed over
  the target in one step.
- `write_cache(path, data)` / `cached(path, make)`: for the build cache,
  whose files can always be made again. Written aside and renamed, but not
  flushed: a first build keeps one image per explainer, and a flush each
  cost more than drawing it. A file a crash left empty is made again.
- `write_in_new_folder(path, data)` / `copy_in_new_folder(source, path)`:
  for files inside a build's aside folder, which is itself swapped into
  place when complete, so no per-file dance is needed. They keep no state
  (a build's own writer is `loa.build.writer.SiteWriter`).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_cache(path: Path, data: bytes) -> None:
    """Keep `data` in the build cache at `path`: a reader sees the whole file
    or none (see the module's docstring)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def in_cache(path: Path) -> bool:
    """Whether the build cache holds `path`; an empty file (a crash before
    the data reached the disk) does not count."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def cached(path: Path | None, make) -> bytes | None:
    """What the build cache keeps at `path` (named by the digest of what it
    was made from), else `make()`'s bytes, kept there for the next build; a
    None from `make` (nothing could be made) is not kept."""
    if path is not None and in_cache(path):
        return path.read_bytes()
    data = make()
    if path is not None and data is not None:
        write_cache(path, data)
    return data


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def write_in_new_folder(path: Path, data: bytes) -> None:
    """Write a file inside a build's aside folder, making its folder if needed."""
    _write_making_folder(Path(path), data)


def copy_in_new_folder(source: Path, path: Path) -> None:
    """Copy a file (never link it) into a build's aside folder."""
    _copy_making_folder(Path(source), Path(path))


def _write_making_folder(path: Path, data: bytes) -> None:
    # The folder usually exists already; make it only when the open says it
    # does not, so a build spends no system call per file on folders.
    try:
        handle = open(path, "wb")
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(path, "wb")
    with handle:
        handle.write(data)


def _copy_making_folder(source: Path, path: Path) -> None:
    try:
        _copy(source, path)
    except FileNotFoundError:
        if not source.is_file():
            raise
        path.parent.mkdir(parents=True, exist_ok=True)
        _copy(source, path)


def _copy(source: Path, path: Path) -> None:
    # A copy, never a link: a link would let an edit of the site change the
    # source. shutil copies inside the kernel where it can (sendfile, fcopyfile).
    shutil.copyfile(source, path)
