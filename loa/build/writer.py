"""Writing the files of one build into its aside folder.

The folder is swapped into place only when the build is complete, so each
file is written plainly (no temporary-file dance, see `atomic.py`). The
writer is made per build and remembers, for that build only, the folders
it has made: a build writes thousands of files into a few hundred folders.

A build in place replaces a site that already holds most of its files, byte
for byte. Such a file is not written again: the new folder gets a hard link
to the published one, which the swap then retires (swap.py), so the link
count is back to one once the old site is gone. Creating a small file costs
far more than reading one on the disks Loa runs on (11,000 index files of
150 bytes: 0.2 to 4 s written, 0.15 s linked, on the bench machine), and a
file that did not change keeps its date, so a web server's ETag and
Last-Modified stay the same and a phone that has it is told "304, unchanged".
A link is made only after the bytes were compared, never on trust.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path, PurePosixPath

from loa.build.atomic import _copy


class SiteWriter:
    """Writes the files of one build under `root`, its aside folder.

    `write(rel_path, data)` takes a site-relative path ("bai-viet/x/index.html");
    `write_at(path, data)` an absolute one inside root, for code that takes a
    `write(path, bytes)` callable. Paths that leave root are refused, so no
    title or slug can make a build write outside its own folder.

    `previous` is the published site this build will replace, if any: its
    files equal to what is written are linked instead (see the module's
    docstring). A writer can be sent to the other process of a build."""

    def __init__(self, root: Path, previous: Path | None = None) -> None:
        self.root = Path(root)
        self.previous = Path(previous) if previous is not None else None
        self.files = 0
        self.bytes = 0
        self.linked = 0  # files taken from the previous site
        # Paths as strings below: a build writes tens of thousands of files,
        # and pathlib's objects cost several microseconds an operation.
        self._root = os.fspath(self.root)
        self._previous = os.fspath(self.previous) if self.previous is not None else None
        self._made: set[str] = {self._root}
        self._shared: set[str] = set()  # linked to the previous site's file

    def __getstate__(self) -> dict:
        # Sent to the other process, a writer starts afresh: a job is
        # pickled by a thread of the pool while this process goes on
        # writing, so the sets must not be pickled as they grow, and
        # thousands of folders would make every job dear to send. The two
        # processes write different files, so neither needs to know what
        # the other made or linked.
        return dict(self.__dict__, _made={self._root}, _shared=set(), files=0, bytes=0, linked=0)

    def write(self, rel_path: str | PurePosixPath, data: bytes) -> Path:
        return self.write_at(self._inside(rel_path), data)

    def write_at(self, path: Path | str, data: bytes) -> Path:
        path, rel = self._check(path)
        self._folder(path)
        if not self._link_previous(path, rel, lambda size: data if size == len(data) else None):
            self._unshare(path)
            with open(path, "wb") as handle:
                handle.write(data)
        self.files += 1
        self.bytes += len(data)
        return Path(path)

    def copy(self, source: Path, rel_path: str | PurePosixPath) -> Path:
        return self.copy_at(source, self._inside(rel_path))

    def copy_at(self, source: Path, path: Path | str) -> Path:
        """A real copy: a link would let an edit of the site change the source."""
        path, rel = self._check(path)
        source = Path(source)
        self._folder(path)
        if not self._link_previous(path, rel, lambda size: _bytes_if_size(source, size)):
            self._unshare(path)
            _copy(source, Path(path))
        self.files += 1
        self.bytes += os.stat(path).st_size
        return Path(path)

    def _link_previous(self, path: str, rel: str, expected) -> bool:
        """Link the previous site's file at path's place into `path` when it
        holds exactly the bytes `expected(its size)` gives (None: it cannot);
        False when the file must be written."""
        if self._previous is None:
            return False
        old = os.path.join(self._previous, rel)
        try:
            with open(old, "rb") as handle:
                st = os.fstat(handle.fileno())
                if not stat.S_ISREG(st.st_mode):
                    return False
                data = expected(st.st_size)
                if data is None or handle.read(st.st_size + 1) != data:
                    return False
            os.link(old, path, follow_symlinks=False)
            if os.lstat(path).st_ino != st.st_ino:  # replaced meanwhile: not what was compared
                os.unlink(path)
                return False
        except OSError:  # none there, or links are not possible on this disk
            return False
        self.linked += 1
        self._shared.add(path)
        return True

    def _unshare(self, path: str) -> None:
        """A file written twice: if the first time linked it, writing into
        it would change the published site's file."""
        if path in self._shared:
            try:
                os.unlink(path)
            except FileNotFoundError:
                pass
            self._shared.discard(path)

    def _folder(self, path: str) -> None:
        folder = os.path.dirname(path)
        if folder not in self._made:
            os.makedirs(folder, exist_ok=True)
            self._made.add(folder)

    def _inside(self, rel_path: str | PurePosixPath) -> str:
        rel = str(rel_path)
        parts = [part for part in rel.split("/") if part not in ("", ".")]
        if rel.startswith("/") or ".." in parts or not parts:
            raise ValueError(f"not a path inside the site: {rel_path!r}")
        return os.path.join(self._root, *parts)

    def _check(self, path: Path | str) -> tuple[str, str]:
        """`path` as a string, and its part below the root; a path that
        leaves the root (or is the root) is refused."""
        path = os.fspath(path)
        inside = path.startswith(self._root) and path[len(self._root):len(self._root) + 1] in ("/", os.sep)
        parts = [p for p in path[len(self._root) + 1:].replace(os.sep, "/").split("/") if p not in ("", ".")] \
            if inside else []
        if not parts or ".." in parts:
            raise ValueError(f"{path} is outside the site folder {self.root}")
        return path, "/".join(parts)


def _bytes_if_size(source: Path, size: int) -> bytes | None:
    try:
        return source.read_bytes() if source.stat().st_size == size else None
    except OSError:
        return None
