"""The bookcase's ZIM file: Debian's kiwix-serve serves it on loopback and
its full-text search finds an explainer typed with diacritics, without them
and with d for đ; python-libzim (libzim 9, what Kiwix's apps use) finds the
same. Aliases are redirections inside the ZIM."""
from __future__ import annotations

import subprocess
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from libzim.reader import Archive
from libzim.search import Query, Searcher

from conftest import free_port, wait_until_listening
from test_bookcase import make_bookcase

KIWIX_SERVE = Path("/usr/bin/kiwix-serve")
QUERIES = ("đăng ký kết hôn", "dang ky ket hon", "ĐĂNG KÝ KẾT HÔN", "đồng bào ủy ban", "dong bao uy ban")


@pytest.fixture(scope="module")
def zim_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_bookcase(tmp_path_factory.mktemp("zim"))[1]


@pytest.fixture(scope="module")
def kiwix(zim_path: Path):
    if not KIWIX_SERVE.exists():
        pytest.fail("Debian's kiwix-serve is missing: run scripts/setup-system (package kiwix-tools)")
    port = free_port()
    proc = subprocess.Popen([str(KIWIX_SERVE), "--address=127.0.0.1", f"--port={port}", str(zim_path)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        wait_until_listening(proc, port, "kiwix-serve")
        yield f"http://127.0.0.1:{port}", zim_path.stem
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.mark.parametrize("query", QUERIES)
def test_kiwix_serve_finds_the_explainer_with_or_without_diacritics(kiwix, query: str) -> None:
    base, book = kiwix
    page = get(f"{base}/search?" + urllib.parse.urlencode({"content": book, "pattern": query}))
    assert f'href="/{book}/bai-viet/b/index.html"' in page, page[-1500:]
    assert f'href="/{book}/bai-viet/a/index.html"' not in page  # the other explainer does not match


def test_kiwix_serve_control_an_absent_word_finds_nothing(kiwix) -> None:
    base, book = kiwix
    page = get(f"{base}/search?" + urllib.parse.urlencode({"content": book, "pattern": "xyzzyq"}))
    assert "/bai-viet/" not in page


def test_kiwix_serve_shows_the_explainer_and_follows_the_alias(kiwix) -> None:
    base, book = kiwix
    assert "Đăng ký kết hôn ở đâu?" in get(f"{base}/{book}/bai-viet/b/index.html")
    assert "Hòa giải ở cơ sở là gì?" in get(f"{base}/{book}/bai-viet/ten-cu/index.html")
    # Folder addresses, as Loa's own search page links to them, land on the page.
    for folder, title in (("bai-viet/b/", "Đăng ký kết hôn ở đâu?"), ("bai-viet/ten-cu/", "Hòa giải ở cơ sở là gì?")):
        with urllib.request.urlopen(f"{base}/{book}/{folder}", timeout=10) as response:
            assert response.url.endswith("/index.html") and title in response.read().decode("utf-8"), folder


@pytest.mark.parametrize("query", QUERIES)
def test_libzim_9_finds_the_same(zim_path: Path, query: str) -> None:
    found = Searcher(Archive(str(zim_path))).search(Query().set_query(query))
    assert list(found.getResults(0, 10)) == ["bai-viet/b/index.html"]


def test_the_zim_describes_itself_for_kiwix_s_library(zim_path: Path) -> None:
    archive = Archive(str(zim_path))
    assert archive.main_entry.get_item().path == "index.html"
    assert archive.get_metadata("Language") == b"vie"
    assert archive.get_metadata("Title").decode() == "Loa thử"
    assert archive.get_entry_by_path("bai-viet/ten-cu/index.html").is_redirect
    assert archive.get_entry_by_path("DOC-TRUOC.html").get_item().mimetype == "text/html"
    assert archive.has_illustration(48) and archive.get_illustration_item(48).mimetype == "image/png"
