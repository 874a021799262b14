"""The build's compressed copies (loa/build/precompress.py): a .gz and a .br
beside each text file worth compressing, the same bytes decompressed, in
one process or split with the build's second one."""
from __future__ import annotations

import gzip
from pathlib import Path

import brotli
import pytest

from loa.build import precompress
from loa.build.workers import Workers

PAGE = ("<p>Hòa giải viên giúp hai bên thương lượng.</p>\n" * 40).encode("utf-8")


def site(root: Path) -> Path:
    for i in range(7):
        (root / f"bai-viet/b{i}").mkdir(parents=True)
        (root / f"bai-viet/b{i}/index.html").write_bytes(PAGE + str(i).encode())
    (root / "nho.html").write_bytes(b"<p>x</p>")  # too small to gain
    (root / "anh.png").write_bytes(PAGE)  # images are not compressed again
    (root / "sitemap.xml").write_bytes(PAGE)
    (root / "sitemap.xml.gz").write_bytes(b"MkDocs' own")  # kept as the engine wrote it
    return root


@pytest.mark.parametrize("parallel", [False, True])
def test_every_text_file_gets_both_copies(tmp_path: Path, parallel: bool) -> None:
    root = site(tmp_path)
    workers = Workers(parallel)
    try:
        summary = precompress.compress_site(root, workers)
    finally:
        workers.close()
    pages = sorted(root.glob("bai-viet/*/index.html"))
    assert summary.files == len(pages) + 1  # and sitemap.xml
    for page in pages:
        assert gzip.decompress(Path(f"{page}.gz").read_bytes()) == page.read_bytes()
        assert brotli.decompress(Path(f"{page}.br").read_bytes()) == page.read_bytes()
    assert not (root / "nho.html.gz").exists() and not (root / "anh.png.gz").exists()
    assert (root / "sitemap.xml.gz").read_bytes() == b"MkDocs' own"
    assert summary.gzip < summary.original / 5 and summary.brotli < summary.original / 5


def test_the_same_page_gives_the_same_bytes(tmp_path: Path) -> None:
    first, second = site(tmp_path / "a"), site(tmp_path / "b")
    precompress.compress_site(first)
    precompress.compress_site(second)
    assert (first / "bai-viet/b1/index.html.gz").read_bytes() == (second / "bai-viet/b1/index.html.gz").read_bytes()


def test_a_build_in_place_reuses_the_copies_it_made(tmp_path: Path, monkeypatch) -> None:
    cache = tmp_path / "cache"
    first = site(tmp_path / "a")
    precompress.compress_site(first, cache=cache)
    kept = sorted(p.name for p in cache.iterdir())
    assert kept and not any(name.endswith(".part") for name in kept)

    def never(*args, **kwargs):
        raise AssertionError("compressed again")

    monkeypatch.setattr(precompress.gzip, "compress", never)
    monkeypatch.setattr(precompress.brotli, "compress", never)
    second = site(tmp_path / "b")
    precompress.compress_site(second, cache=cache)
    page = "bai-viet/b3/index.html"
    assert (second / f"{page}.gz").read_bytes() == (first / f"{page}.gz").read_bytes()
    assert brotli.decompress((second / f"{page}.br").read_bytes()) == (second / page).read_bytes()


def test_the_cache_keeps_only_what_the_last_build_used(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    root = site(tmp_path / "a")
    precompress.compress_site(root, cache=cache)
    before = {p.name for p in cache.iterdir()}
    (root / "bai-viet/b0/index.html").write_bytes(PAGE + b"changed")
    for old in root.rglob("*.gz"):
        if old.name != "sitemap.xml.gz":
            old.unlink()
    precompress.compress_site(root, cache=cache)
    after = {p.name for p in cache.iterdir()}
    assert len(after) == len(before)  # one page's two copies replaced, none added
    assert after != before
