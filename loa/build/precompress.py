"""Compressed copies of a built site's text files, for a web server to send
as they are (nginx's `gzip_static` and `brotli_static`, see deploy/nginx/).

The last step of a full build: it runs after every output has written its
files and the link check has passed, inside the aside folder, so the copies
are swapped into place with the pages they belong to and can never be older
than them. A copy sits beside its file ("index.html.gz", "index.html.br").

Levels, measured on the sample site (2.0 MB of text in 896 files): gzip 6
takes 0.06 s and gzip 9 0.18 s for 0.3 % less; brotli 5 takes 0.05 s and
writes 6 % less than gzip, brotli 11 takes 3 s for 9 % less. The build pays
for every page, so the fast levels win.

Copies are kept in the build cache by the digest of what they compress, so
a build in place compresses only the files that changed (at 1,000
explainers, 23 MB of text took 1.3 s of CPU time to compress); the cache
keeps only what the last build used.
"""
from __future__ import annotations

import gzip
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

import brotli

# Text that servers send compressed; images, fonts and archives already are.
# Not .txt: those are the posts and loudspeaker scripts staff download, a few
# KB each and rarely fetched (the share box copies from the page), yet more
# than half of a large site's text files.
SUFFIXES = frozenset((".html", ".css", ".js", ".json", ".xml", ".svg", ".map", ".webmanifest"))
# Below this the headers of a compressed response outweigh what it saves.
MIN_SIZE = 512
GZIP_LEVEL = 6
BROTLI_QUALITY = 5
ENCODINGS = (".gz", ".br")


@dataclass
class Summary:
    files: int = 0
    original: int = 0
    gzip: int = 0
    brotli: int = 0
    used: set[str] = field(default_factory=set)  # cache entries this build read or wrote


def compress_site(root: Path, workers=None, cache: Path | None = None, previous: Path | None = None) -> Summary:
    """Write a .gz and a .br beside every text file of the site under `root`.

    With `workers` (loa.build.workers.Workers, parallel on a large build)
    the second process compresses every other file meanwhile: MkDocs is done
    by then, so both cores are free. With `cache`, copies made before are
    reused. With `previous`, the published site this build replaces, a copy
    equal to the one it holds is linked from there (writer.py)."""
    from loa.build.writer import SiteWriter

    site = SiteWriter(root, previous)
    paths = sorted(_texts(root))
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    if workers is None or not workers.parallel:
        summary = compress_files(paths, cache, site)
    else:
        theirs = workers.submit(compress_files, paths[1::2], cache, site)
        mine = compress_files(paths[0::2], cache, site)
        summary = _sum(mine, theirs.result())
    if cache is not None:
        _prune(cache, summary.used)
    return summary


def compress_files(paths: list[Path], cache: Path | None, site) -> Summary:
    summary = Summary()
    for path in paths:
        _compress(path, summary, cache, site)
    return summary


def _texts(root: Path):
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            if path.suffix.lower() in SUFFIXES and path.stat().st_size >= MIN_SIZE:
                yield path


def _sum(a: Summary, b: Summary) -> Summary:
    return Summary(a.files + b.files, a.original + b.original, a.gzip + b.gzip, a.brotli + b.brotli,
                   a.used | b.used)


def _compress(path: Path, summary: Summary, cache: Path | None, site) -> None:
    data = path.read_bytes()
    key = hashlib.blake2b(data, digest_size=16).hexdigest() if cache is not None else ""
    # mtime=0: the same page gives the same bytes, build after build.
    packed = _made(cache, key, ".gz", summary, lambda: gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))
    squeezed = _made(cache, key, ".br", summary, lambda: brotli.compress(data, quality=BROTLI_QUALITY))
    summary.files += 1
    summary.original += len(data)
    gz = Path(f"{path}.gz")
    if len(packed) < len(data) and not gz.exists():  # MkDocs writes its own sitemap.xml.gz
        site.write_at(gz, packed)
        summary.gzip += len(packed)
    if len(squeezed) < len(data):
        site.write_at(Path(f"{path}.br"), squeezed)
        summary.brotli += len(squeezed)


def _made(cache: Path | None, key: str, suffix: str, summary: Summary, make) -> bytes:
    if cache is None:
        return make()
    name = key + suffix
    summary.used.add(name)
    kept = cache / name
    try:
        return kept.read_bytes()
    except FileNotFoundError:
        pass
    made = make()
    # Written aside and renamed: two processes, or a killed build, never
    # leave a half-written copy under the digest's name.
    part = cache / f"{name}.{os.getpid()}.part"
    part.write_bytes(made)
    os.replace(part, kept)
    return made


def _prune(cache: Path, used: set[str]) -> None:
    for entry in cache.iterdir():
        if entry.name not in used:
            entry.unlink(missing_ok=True)
