"""Building without losing anything: build aside, then swap into place.

Owns the life of one build's folder, from its making to its swap, and the
removal of what killed builds left behind. Nothing else: the lock is in
`lock.py`, the checks on the target in `target.py`, the system call in
`exchange.py`.

    aside = begin(target)           # -> Aside; raises AsideFailed
    ... write the site into aside.path ...
    done = commit(aside, target)    # -> Committed; raises CommitFailed
    abandon(aside)                  # after a failed build, instead of commit

`commit` raises CommitFailed only while the old site is untouched. Once the
new site is in place nothing is raised: what went wrong afterwards (the old
folder could not be removed) is in `Committed.warnings`, so the caller
reports success truthfully, with those warnings.

The target is never missing: on Linux and macOS the new and old folders
trade names in one system call. Where no such call exists (Windows, some
network filesystems) two renames follow each other at once, and the target
is missing for that instant; `Committed.atomic` says which happened.

Each aside folder (`.<name>-new-<id>`) has a lock file beside it
(`.<name>-new-<id>.lock`) held by its build, so `begin()` removes leftovers
of killed builds while never touching the folder of a build still running.
A folder is only ever removed if it carries Loa's marker.
"""
from __future__ import annotations

import os
import re
import secrets
import shutil
import stat
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import filelock

from loa.build.errors import AsideFailed, BuildBusy, CommitFailed
from loa.build.exchange import exchange
from loa.build.lock import build_lock
from loa.build.target import MARKER, write_marker
from loa.core.model import Problem
from loa.core.problems import problem
from loa.i18n import messages

__all__ = ["Aside", "Committed", "begin", "commit", "abandon", "sweep_leftovers",
           "BuildBusy", "AsideFailed", "CommitFailed", "exclusive", "build_aside"]

# Windows refuses to rename a folder while a file in it is open (an Explorer
# window, an antivirus scan); such locks are usually gone within a second.
_RENAME_TRIES = (0.05, 0.2, 0.5, 1.0)
# The background removal, as a script: the marker goes last, so a removal
# killed halfway leaves a folder that the next build still recognises.
_REMOVE_MARKER_LAST = """\
import os, shutil, sys
folder, marker = sys.argv[1], sys.argv[2]
for entry in os.scandir(folder):
    if entry.name != marker:
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            try: os.unlink(entry.path)
            except OSError: pass
try:
    os.unlink(os.path.join(folder, marker)); os.rmdir(folder)
except OSError:
    pass
"""


@dataclass
class Aside:
    """The folder one build writes into, and the lock that says it is alive."""

    path: Path
    target: Path
    _lock: filelock.BaseFileLock = field(repr=False)

    @property
    def lock_file(self) -> Path:
        return Path(self._lock.lock_file)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()
        _unlink(self.lock_file)


@dataclass
class Committed:
    """The new site is in place. `warnings` are Problems to show, not failures."""

    target: Path
    atomic: bool
    old: Path | None = None
    warnings: list[Problem] = field(default_factory=list)


def begin(target: Path) -> Aside:
    """Make the folder to build into, beside `target` (so the swap stays on
    one filesystem), marked as Loa's, after removing leftovers of killed builds."""
    target = _real(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep_leftovers(target)
        return _make_aside(target)
    except OSError as exc:
        raise AsideFailed.of("LOA907", str(target), target=str(target), detail=_why(exc),
                             parent=str(target.parent)) from exc


def _make_aside(target: Path) -> Aside:
    while True:
        name = f".{target.name}-new-{secrets.token_hex(4)}"
        # Locked before the folder exists, marked after: a sweeper in another
        # process never sees a marked folder that is not yet locked.
        lock = filelock.FileLock(target.parent / f"{name}.lock", thread_local=False)
        lock.acquire(timeout=0, blocking=False)
        try:
            (target.parent / name).mkdir()
        except FileExistsError:
            lock.release()
            continue
        except BaseException:
            lock.release()
            raise
        aside = Aside(target.parent / name, target, lock)
        write_marker(aside.path)
        return aside


def commit(aside: Aside, target: Path) -> Committed:
    """Put the site built in `aside` at `target`; remove the old one in the background."""
    target = _real(target)
    if not (aside.path / MARKER).is_file():
        write_marker(aside.path)  # the build may have cleaned its folder
    try:
        atomic, old = _put_in_place(aside.path, target)
    except OSError as exc:
        raise CommitFailed.of("LOA908", str(target), target=str(target), detail=_why(exc)) from exc
    # From here on the new site is in place: nothing may raise.
    done = Committed(target, atomic)
    if old is not None:
        done.old = _retire(old, done)
    aside.release()
    if done.old is not None:
        _remove_in_background(done.old, done)
    return done


def abandon(aside: Aside) -> None:
    """Remove the folder of a build that failed; the target was never touched.
    What cannot be removed now (a file in use) is removed by a later begin()."""
    _remove_marker_last(aside.path)
    aside.release()


def sweep_leftovers(target: Path) -> list[Path]:
    """Remove `.<name>-new-*` and `.<name>-old-*` folders beside `target` that
    carry Loa's marker and whose build is gone. Returns what was removed;
    what cannot be removed now (a file in use on Windows) waits for next time."""
    target = Path(target)
    pattern = re.compile(rf"\.{re.escape(target.name)}-(new|old)-[^.]+")
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match is None or not entry.is_dir(follow_symlinks=False):
            continue
        folder = Path(entry.path)
        if not (folder / MARKER).is_file():
            continue  # not Loa's: never removed
        if match.group(1) == "new" and not _claim(folder):
            continue  # a build that is still running
        _remove_marker_last(folder)
        _unlink(folder.with_name(folder.name + ".lock"))
        removed.append(folder)
    for entry in entries:  # a build killed between taking its lock and making its folder
        name = entry.name.removesuffix(".lock")
        if name != entry.name and pattern.fullmatch(name) and not os.path.lexists(entry.path[:-5]) \
                and _claim(Path(entry.path[:-5])):
            _unlink(Path(entry.path))
    return removed


def _claim(folder: Path) -> bool:
    """True when nobody holds the folder's lock: its build has died."""
    lock = filelock.FileLock(folder.with_name(folder.name + ".lock"), thread_local=False)
    try:
        lock.acquire(timeout=0, blocking=False)
    except (filelock.Timeout, RuntimeError):
        return False
    lock.release()
    return True


def _put_in_place(new: Path, target: Path) -> tuple[bool, Path | None]:
    """Put `new` at `target`. Returns whether that was one atomic step, and
    where the old site now is (None on a first build). Raises OSError only
    with the old site at `target`, as it was."""
    if not os.path.lexists(target):
        _retry(lambda: os.rename(new, target))
        return False, None
    if _retry(lambda: exchange(new, target)):
        return True, new  # the old site now has the aside's name
    # No atomic exchange here: move the old site aside, the new one in,
    # and put the old one back if the second step fails.
    old = new.with_name(new.name.replace("-new-", "-old-", 1))
    _retry(lambda: os.rename(target, old))
    try:
        _retry(lambda: os.rename(new, target))
    except OSError:
        _retry(lambda: os.rename(old, target))
        raise
    return False, old


def _retry(step: Callable[[], object]) -> object:
    for pause in _RENAME_TRIES:
        try:
            return step()
        except PermissionError:
            if sys.platform != "win32":
                raise
            time.sleep(pause)
    return step()


def _retire(old_site: Path, done: Committed) -> Path | None:
    """Mark the old site and give it an `-old-` name, so a later build can
    remove it if the background removal is killed."""
    try:
        if not (old_site / MARKER).is_file():
            write_marker(old_site)  # a site built before the marker existed
        old = old_site.with_name(old_site.name.replace("-new-", "-old-", 1))
        if old != old_site:
            os.rename(old_site, old)
        return old
    except OSError as exc:
        done.warnings.append(_left_behind(done.target, old_site, exc))
        return old_site


def _remove_in_background(folder: Path, done: Committed) -> None:
    """Deleting thousands of old pages can take longer than building them;
    the new site is already in place, so nobody needs to wait for it."""
    options: dict = {"start_new_session": True}
    if sys.platform == "win32":  # outlive the console window the author closes
        options = {"creationflags": subprocess.DETACHED_PROCESS | subprocess.CREATE_NEW_PROCESS_GROUP}
    try:
        subprocess.Popen([sys.executable, "-c", _REMOVE_MARKER_LAST, str(folder), MARKER],
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         **options)
    except OSError:  # no interpreter to start (a frozen app): remove it now
        _remove_marker_last(folder)
        if folder.exists():
            done.warnings.append(_left_behind(done.target, folder, None))


def _left_behind(target: Path, old: Path, exc: OSError | None) -> Problem:
    detail = _why(exc) if exc is not None else messages().get("LOA909.in_use")
    return problem("LOA909", str(target), target=str(target), old=str(old), detail=detail)


def _remove_marker_last(folder: Path) -> None:
    try:
        entries = [Path(e.path) for e in os.scandir(folder) if e.name != MARKER]
    except OSError:
        return
    for path in entries:
        if path.is_dir() and not path.is_symlink():
            _rmtree(path)
        else:
            _unlink(path)
    _unlink(folder / MARKER)
    try:
        folder.rmdir()
    except OSError:
        pass  # something in it is still in use: the next build retries


def _rmtree(folder: Path) -> None:
    def retry_writable(function, path, _exc_info) -> None:
        # Windows refuses to delete read-only files; a file in use stays for next time.
        try:
            os.chmod(path, stat.S_IWRITE)
            function(path)
        except OSError:
            pass

    if sys.version_info >= (3, 12):
        shutil.rmtree(folder, onexc=retry_writable)
    else:
        shutil.rmtree(folder, onerror=retry_writable)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass  # already gone, or held open by another build on Windows


def _real(target: Path) -> Path:
    # Build beside the folder a link points to, so the link stays a link.
    return Path(os.path.realpath(target))


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


# Thin wrappers for the callers of the first API; the lead removes them
# once `loa build` and the plugin call begin/commit/abandon themselves.

@contextmanager
def exclusive(site_dir: Path, wait: bool = False) -> Iterator[None]:
    """Hold a lock beside `site_dir` for the whole build (see lock.build_lock)."""
    with build_lock(site_dir, wait=wait):
        yield


def build_aside(site_dir: Path, produce: Callable[[Path], None]) -> Committed:
    """Run `produce(folder)` into a fresh folder, then swap it into site_dir.
    If `produce` raises, the folder is removed and site_dir is untouched."""
    aside = begin(site_dir)
    try:
        produce(aside.path)
    except BaseException:
        abandon(aside)
        raise
    return commit(aside, site_dir)
