"""What an earlier build made from the same inputs, kept for the next one.

A build in place usually follows a build of nearly the same content: an
author changed one explainer, or nothing. The work that depends on one
explainer alone (its page, its posts, its broadcast script) is therefore
kept in the build cache under a key made of everything it was made from,
and a later build with the same key uses it instead of making it again.

The key of an explainer's work is the digest of:
- the site's key (`site_key`): Loa's own code and the installed packages,
  the settings and the engine's configuration, today's date, the front
  matter of every explainer (titles, slugs and dates show on other pages
  and in posts), and the size and time of every other file the build reads
  (registries, the URL ledger, images, recordings, docs/, the theme's
  overrides), taken before the build reads them (`Stamp`);
- the explainer itself, body included.

So a change to anything but one explainer's body makes every key new, and
a change to that body makes only its own key new. Nothing is ever taken
from an entry made from other inputs: an unreadable or foreign entry is a
miss. Entries that no build has used for a day are removed.

Not for the preview (`loa serve`), which keeps its own memory between
rebuilds (session.py).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import os
import pickle
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable

from loa.content.catalog import ReadCache
from loa.core.model import Catalog, Explainer, Settings

FOLDER = "memo"
KEEP_SECONDS = 24 * 3600  # an entry no build used for this long is removed
# Files that change with every build or are the build's own: never part of a key.
_SKIPPED_NAMES = frozenset({".git", "__pycache__", ".loa-cache", ".DS_Store", "Thumbs.db"})


def _digest(*parts: str | bytes) -> str:
    h = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _replace(path: Path, data: bytes) -> bool:
    """Written aside and renamed: a reader sees the old file or the new one.
    No fsync: a file lost in a crash is only a miss. False when it could not
    be written (a full disk costs the next build time, not this one)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError:
        tmp.unlink(missing_ok=True)
        return False
    return True


def digest(data: bytes) -> str:
    return _digest(data)


@functools.lru_cache(maxsize=1)
def code_key() -> str:
    """Loa's own files (code, templates, catalogues, scripts), every
    installed package's version and Python's: a new Loa, MkDocs or Python
    makes all keys new."""
    package = Path(__file__).resolve().parent.parent
    parts: list[str | bytes] = []
    for path in sorted(_files(package)):
        parts += [path.relative_to(package).as_posix(), path.read_bytes()]
    versions = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    return _digest(*parts, "\n".join(versions), sys.version)


@dataclasses.dataclass(frozen=True)
class Stamp:
    """The name, size and modification time of every file in some folders,
    taken before the build reads any of them: a file saved after the stamp
    has a newer time, so the next build's key differs. A file changed in
    the last seconds before the stamp may change again within the clock's
    granularity unseen ("racy", as git says): such a build keeps nothing."""

    key: str
    racy: bool


RACY_SECONDS = 2.0  # FAT, on the USB sticks of Windows laptops, keeps times to 2 s


def stamp(folders: Iterable[Path], skip_suffix: str = "") -> Stamp:
    """A Stamp of `folders`, leaving out files ending in `skip_suffix` (the
    explainers, whose own value is part of each key)."""
    taken = time.time()
    rows, newest = [], 0.0
    for folder in folders:
        folder = Path(folder)
        rows.append(f"{folder.resolve()}\t{folder.is_dir()}")
        if not folder.is_dir():
            continue
        for path in sorted(_files(folder)):
            if skip_suffix and path.name.lower().endswith(skip_suffix):
                continue
            try:
                st = path.stat()
            except OSError:
                continue
            newest = max(newest, st.st_mtime)
            rows.append(f"{path.relative_to(folder).as_posix()}\t{st.st_size}\t{st.st_mtime_ns}")
    return Stamp(_digest("\n".join(rows)), newest > taken - RACY_SECONDS)


def _files(folder: Path) -> Iterable[Path]:
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in _SKIPPED_NAMES and not d.startswith(".site-")]
        for name in filenames:
            if name not in _SKIPPED_NAMES and not name.endswith((".pyc", ".tmp")):
                yield Path(dirpath, name)


def site_key(settings: Settings, catalog: Catalog, today: dt.date, lang: str,
             stamps: Iterable[Stamp] = (), engine: str = "") -> str:
    """Everything an explainer's work may depend on besides the explainer's body."""
    explainers = sorted(catalog.explainers, key=lambda e: e.path)
    fronts = "\n".join(repr(dataclasses.replace(e, body="")) for e in explainers)
    return _digest(code_key(), repr(settings), today.isoformat(), lang, engine, fronts, *(s.key for s in stamps))


class Memo:
    """The build cache's entries for one build.

    Small values (posts, scripts, what a page taught the outputs) live in
    one table per kind of work, read once and written back by `save()` with
    only the entries this build used or made; `get(kind, key)` and
    `keep(kind, key, value)`. Pages, which are big, are files of their own:
    `get_bytes(key)` and `keep_bytes(key, data)`."""

    def __init__(self, cache_dir: Path, key: str, keeping: bool = True) -> None:
        self.folder = cache_dir / FOLDER
        self.key = key
        self.keeping = keeping  # False: this build's inputs may be changing (Stamp.racy)
        self.used: set[Path] = set()
        self.hits = 0
        self.misses = 0
        self._explainers: dict[str, str] = {}  # path -> digest of the explainer's value
        self._tables: dict[str, dict[str, Any]] = {}  # kind -> what earlier builds kept
        self._now: dict[str, dict[str, Any]] = {}  # kind -> what this build used or made
        self._changed: set[str] = set()  # kinds with an entry made by this build

    def of(self, kind: str, e: Explainer) -> str:
        """The key of `kind` of work (a page, posts, a script) for `e`."""
        mine = self._explainers.get(e.path)
        if mine is None:
            mine = self._explainers[e.path] = _digest(repr(e))
        return _digest(self.key, kind, mine)

    def _path(self, key: str, suffix: str) -> Path:
        return self.folder / key[:2] / f"{key}{suffix}"

    def _table(self, kind: str) -> dict[str, Any]:
        if kind not in self._tables:
            table: Any = {}
            try:
                with open(self.folder / f"{kind}.pickle", "rb") as f:
                    table = pickle.load(f)
            except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
                    ImportError, IndexError, KeyError):
                pass  # no table, or a damaged one: every entry is a miss
            self._tables[kind] = table if isinstance(table, dict) else {}
        return self._tables[kind]

    def has(self, kind: str, key: str) -> bool:
        return key in self._table(kind)

    def get(self, kind: str, key: str) -> Any | None:
        """The value an earlier build kept under `key`, or None."""
        found = self._table(kind).get(key)
        if found is None:
            self.misses += 1
            return None
        self.hits += 1
        self._now.setdefault(kind, {})[key] = found
        return found

    def keep(self, kind: str, key: str, value: Any) -> None:
        if self.keeping:
            self._now.setdefault(kind, {})[key] = value
            self._changed.add(kind)

    def save(self) -> None:
        """Write back each table with this build's entries only: an entry
        no longer used drops out (the explainer changed or went)."""
        if not self.keeping:
            return
        for kind, entries in self._now.items():
            if kind not in self._changed and entries.keys() == self._table(kind).keys():
                continue  # every entry reused, none made: the table on disk is this build's
            try:
                data = pickle.dumps(entries, protocol=pickle.HIGHEST_PROTOCOL)
            except (pickle.PicklingError, TypeError, AttributeError):
                continue  # not kept: the next build makes it again
            self._write(self.folder / f"{kind}.pickle", data)

    def has_bytes(self, key: str) -> bool:
        return self._path(key, ".bin").is_file()

    def get_bytes(self, key: str) -> bytes | None:
        path = self._path(key, ".bin")
        try:
            data = path.read_bytes()
        except OSError:
            return None
        self._touch(path)
        return data

    def forget_bytes(self, key: str) -> None:
        self._path(key, ".bin").unlink(missing_ok=True)

    def keep_bytes(self, key: str, data: bytes) -> None:
        if self.keeping:
            self._write(self._path(key, ".bin"), data)

    def _touch(self, path: Path) -> None:
        self.used.add(path)
        try:
            os.utime(path)
        except OSError:
            pass

    def _write(self, path: Path, data: bytes) -> None:
        if _replace(path, data):
            self.used.add(path)

    def prune(self, now: float | None = None) -> None:
        """Remove the entries that no build has used for a day (another
        build, a preview of another folder, may be using recent ones)."""
        if not self.folder.is_dir():
            return
        limit = (now if now is not None else time.time()) - KEEP_SECONDS
        for path in self.folder.glob("*/*.bin"):
            try:
                if path not in self.used and path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                pass


def latest_key(*parts: Iterable[Any]) -> str | None:
    """The key of work made from `parts` (sequences of dataclass values, as
    the search documents are) with this version of Loa, hashed value by
    value so that no copy of the whole is made; None for other values (the
    work is then made)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(code_key().encode())
    for part in parts:
        h.update(b"\x00part")
        for value in part:
            if not dataclasses.is_dataclass(value):
                return None  # a repr that may not say everything: no key
            data = repr(value).encode("utf-8", "surrogatepass")  # frozen dataclasses of text: all they hold
            h.update(len(data).to_bytes(8, "little"))
            h.update(data)
    return h.hexdigest()


def has_latest(cache_dir: Path | None, kind: str, key: str | None) -> bool:
    """Whether the latest `kind` of work kept was made under `key` (read
    from its small key file: the work itself is not read)."""
    if cache_dir is None or key is None:
        return False
    try:
        return (cache_dir / FOLDER / f"{kind}.key").read_text(encoding="ascii") == key
    except (OSError, UnicodeDecodeError):
        return False


def kept_latest(cache_dir: Path | None, kind: str, key: str | None) -> Any | None:
    """The latest `kind` of work kept, if it was made under `key`; else None.
    Only the latest is kept (the search index, from the text of every page)."""
    if cache_dir is None or key is None:
        return None
    try:
        with open(cache_dir / FOLDER / f"{kind}.latest", "rb") as f:
            kept_key, value = pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
            ImportError, IndexError, KeyError):
        return None
    return value if kept_key == key else None


def keep_latest(cache_dir: Path | None, kind: str, key: str | None, value: Any) -> None:
    if cache_dir is None or key is None:
        return
    try:
        data = pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return
    # The work first, then its key: a key file never names work not yet there.
    if _replace(cache_dir / FOLDER / f"{kind}.latest", data):
        _replace(cache_dir / FOLDER / f"{kind}.key", key.encode("ascii"))


class StoredReads(ReadCache):
    """The explainers read by an earlier build or check, kept in the build
    cache: a file whose bytes, registries and language are those of an
    earlier read is not parsed and checked again. Entries are written by
    this version of Loa only (code_key)."""

    FILENAME = "reads.pickle"

    def __init__(self, cache_dir: Path) -> None:
        super().__init__()
        self.path = cache_dir / FOLDER / self.FILENAME
        self._changed = False
        self._seen: set[str] = set()
        try:
            with open(self.path, "rb") as f:
                stamp, entries = pickle.load(f)
            if stamp == code_key() and isinstance(entries, dict):
                self._entries = entries
        except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError,
                ImportError, IndexError, KeyError):
            pass  # none yet, or damaged: every file is read

    def get(self, path: Path, rel: str, *args: Any, **kwargs: Any) -> Any:
        self._seen.add(rel)
        return super().get(path, rel, *args, **kwargs)

    def read(self, *args: Any, **kwargs: Any) -> Any:
        self._changed = True
        return super().read(*args, **kwargs)

    def save(self) -> None:
        """Keep the entries of the files read now (a deleted file drops out)."""
        keep = self._seen
        if not self._changed and keep == set(self._entries):
            return
        entries = {rel: entry for rel, entry in self._entries.items() if rel in keep}
        try:
            data = pickle.dumps((code_key(), entries), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, TypeError, AttributeError):
            return
        _replace(self.path, data)
