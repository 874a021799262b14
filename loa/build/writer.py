"""Writing the files of one build into its aside folder.

The folder is swapped into place only when the build is complete, so each
file is written plainly (no temporary-file dance, see `atomic.py`). The
writer is made per build and remembers, for that build only, the folders
it has made: a build writes thousands of files into a few hundred folders.
"""
from __future__ import annotations

from pathlib import Path, PurePosixPath

from loa.build.atomic import _copy


class SiteWriter:
    """Writes the files of one build under `root`, its aside folder.

    `write(rel_path, data)` takes a site-relative path ("bai-viet/x/index.html");
    `write_at(path, data)` an absolute one inside root, for code that takes a
    `write(path, bytes)` callable. Paths that leave root are refused, so no
    title or slug can make a build write outside its own folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.files = 0
        self.bytes = 0
        self._made: set[Path] = {self.root}

    def write(self, rel_path: str | PurePosixPath, data: bytes) -> Path:
        return self.write_at(self._inside(rel_path), data)

    def write_at(self, path: Path, data: bytes) -> Path:
        path = Path(path)
        self._check(path)
        self._folder(path.parent)
        with open(path, "wb") as handle:
            handle.write(data)
        self.files += 1
        self.bytes += len(data)
        return path

    def copy(self, source: Path, rel_path: str | PurePosixPath) -> Path:
        return self.copy_at(source, self._inside(rel_path))

    def copy_at(self, source: Path, path: Path) -> Path:
        """A real copy: a link would let an edit of the site change the source."""
        path = Path(path)
        self._check(path)
        self._folder(path.parent)
        _copy(Path(source), path)
        self.files += 1
        self.bytes += path.stat().st_size
        return path

    def _folder(self, folder: Path) -> None:
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True)
            self._made.add(folder)

    def _inside(self, rel_path: str | PurePosixPath) -> Path:
        rel = PurePosixPath(rel_path)
        if rel.is_absolute() or ".." in rel.parts or not rel.parts:
            raise ValueError(f"not a path inside the site: {rel_path!r}")
        return self.root.joinpath(*rel.parts)

    def _check(self, path: Path) -> None:
        if not path.is_relative_to(self.root) or ".." in path.relative_to(self.root).parts:
            raise ValueError(f"{path} is outside the site folder {self.root}")
