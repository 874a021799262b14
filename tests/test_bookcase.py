"""`loa bookcase`: a ZIP of the built site that works opened from a folder.

A throwaway site is built with `loa build`, packed with `loa bookcase`, and
unpacked: every link of every page opens a file (a planted broken link is
found), Debian's Chromium opens the pages and uses the search from
`file://` on a phone-sized screen, and every request it makes stays inside
the folder. The guide page is read for what it must say."""
from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import AUDIENCES, LAWS, MKDOCS_YML, REPO, TOPICS, Site, explainer
from loa.adapters.cli import main
from loa.bookcase import offline

SITE_URL = "https://loa.example.test/"


def make_bookcase(root: Path) -> tuple[Path, Path]:
    """Build a small site and pack it; returns (the ZIP, the ZIM)."""
    project = Site(root)
    project.write({
        "mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides"),
        "docs/index.md": "# Trang chủ\n\nChào mừng.\n",
        "docs/gioi-thieu.md": "# Giới thiệu\n\nXem [trang chủ](index.md) và [bài](../bai-viet/a/).\n",
        "content/audiences.yml": AUDIENCES, "content/topics.yml": TOPICS, "content/laws.yml": LAWS,
        "content/a.md": explainer(aliases="[ten-cu]"),
        "content/b.md": explainer("Đăng ký kết hôn ở đâu?", summary="Đồng bào đến Ủy ban nhân dân xã để đăng ký.",
                                  topics="[bao-luc-gia-dinh]", audiences="[phu-nu-khmer]"),
    })
    runner = CliRunner()
    built = runner.invoke(main, ["build", "--config", str(project.config)])
    assert built.exit_code == 0, built.stderr
    packed = runner.invoke(main, ["bookcase", "--config", str(project.config), "--out", str(root / "tu-sach")])
    assert packed.exit_code == 0, packed.stderr
    assert "Traceback" not in packed.stderr
    (zip_path,) = (root / "tu-sach").glob("*.zip")
    (zim_path,) = (root / "tu-sach").glob("*.zim")
    assert str(zip_path) in packed.stderr and str(zim_path) in packed.stderr
    return zip_path, zim_path


@pytest.fixture(scope="module")
def bookcase(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    zip_path, _ = make_bookcase(tmp_path_factory.mktemp("bookcase"))
    unpacked = tmp_path_factory.mktemp("usb")
    with zipfile.ZipFile(zip_path) as archive:
        archive.extractall(unpacked)
    return zip_path, unpacked


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_the_zip_opens_on_the_site_with_the_guide_beside_it(bookcase) -> None:
    zip_path, unpacked = bookcase
    names = zipfile.ZipFile(zip_path).namelist()
    assert "index.html" in names and "DOC-TRUOC.html" in names  # no folder around them
    assert "bai-viet/a/index.html" in names and "tim-kiem/index.html" in names
    assert not [n for n in names if n.endswith((".gz", ".br", ".map")) or "/." in n or n.startswith(".")]
    assert not [n for n in names if n.startswith("assets/javascripts/")]  # Material's, unused by Loa


def test_every_link_opens_a_file(bookcase) -> None:
    _, unpacked = bookcase
    files = files_of(unpacked)
    assert offline.missing_targets(files) == []
    page = files["bai-viet/a/index.html"].decode()
    assert 'href="../../index.html"' in page and 'href="../../tim-kiem/index.html"' in page
    assert 'href="../b/index.html"' in page or "../b/" not in page
    about = files["gioi-thieu/index.html"].decode()
    assert 'href="../bai-viet/a/index.html"' in about
    # The 404 page's addresses start at the site's root; from a folder they are relative.
    assert 'href="/' not in files["404.html"].decode()


def test_the_link_check_finds_a_link_to_a_folder_or_a_missing_file() -> None:
    files = {"index.html": b'<a href="bai-viet/a/">x</a><a href="khong-co.html">y</a><a href="#top">z</a>'
                           b'<a href="tel:113">113</a><a href="https://example.org/">o</a>',
             "bai-viet/a/index.html": b"<p>a</p>"}
    assert offline.missing_targets(files) == [("index.html", "bai-viet/a/"), ("index.html", "khong-co.html")]


def test_rewriting_names_files_and_leaves_other_addresses(tmp_path: Path) -> None:
    (tmp_path / "bai-viet" / "a").mkdir(parents=True)
    html = ('<a href="../..">h</a><a href="../a/#s">a</a><a href="https://loa.example.test/bai-viet/a/">s</a>'
            '<a href="https://example.org/x/">o</a><a href="mailto:a@b.vn">m</a>'
            '<link rel="canonical" href="https://loa.example.test/bai-viet/a/">'
            '<meta http-equiv="refresh" content="0; url=../a/"><a title="a > b" href="../a/">q</a>')
    out = offline.rewrite_page(html, "bai-viet/b/index.html", tmp_path, SITE_URL)
    assert out == ('<a href="../../index.html">h</a><a href="../a/index.html#s">a</a>'
                   '<a href="../a/index.html">s</a><a href="https://example.org/x/">o</a>'
                   '<a href="mailto:a@b.vn">m</a><link rel="canonical" href="https://loa.example.test/bai-viet/a/">'
                   '<meta http-equiv="refresh" content="0; url=../a/index.html">'
                   '<a title="a > b" href="../a/index.html">q</a>')


def test_the_guide_says_how_to_copy_by_usb_and_send_by_zalo(bookcase) -> None:
    zip_path, unpacked = bookcase
    guide = (unpacked / "DOC-TRUOC.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy"' in guide
    assert '<html lang="vi">' in guide and 'href="index.html"' in guide
    for words in ("USB", "Zalo", "Kiwix", "Giải nén", "File lớn có thể không gửi được", zip_path.name,
                  zip_path.with_suffix(".zim").name, "2 bài", '<a href="tel:0377672444">0377.672.444</a>'):
        assert words in guide, words


def test_a_stale_site_is_refused(tmp_path: Path) -> None:
    zip_path, _ = make_bookcase(tmp_path)
    (tmp_path / "content" / "a.md").write_text(explainer("Bài đã sửa"), encoding="utf-8")
    zip_path.unlink()
    result = CliRunner().invoke(main, ["bookcase", "--config", str(tmp_path / "mkdocs.yml"),
                                       "--out", str(tmp_path / "tu-sach")])
    assert result.exit_code == 1
    assert "content/a.md:1: lỗi LOA721:" in result.stderr
    assert not zip_path.exists()


def recording(browser):
    """A phone-sized browser context that records every request it makes."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    seen: list[str] = []
    context.route("**/*", lambda route: (seen.append(route.request.url), route.continue_()))
    context.on("request", lambda request: seen.append(request.url))
    return context, seen


@pytest.mark.browser
def test_the_recorder_sees_a_request_that_leaves_the_folder(tmp_path: Path, browser) -> None:
    """Control: a page of a folder that fetches from elsewhere is caught."""
    (tmp_path / "index.html").write_text('<title>x</title><img src="http://127.0.0.1:9/anh.png">', encoding="utf-8")
    context, seen = recording(browser)
    context.new_page().goto(tmp_path.as_uri() + "/index.html")
    context.close()
    assert "http://127.0.0.1:9/anh.png" in seen


@pytest.mark.browser
def test_chromium_reads_the_folder_and_nothing_leaves_it(bookcase, browser) -> None:
    _, unpacked = bookcase
    base = unpacked.resolve().as_uri() + "/"
    context, seen = recording(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pages = sorted(p for p in files_of(unpacked) if p.endswith(".html"))
    for rel in pages:
        page.goto(base + rel)
        if 'http-equiv="refresh"' in (unpacked / rel).read_text(encoding="utf-8"):
            page.wait_for_url(base + "bai-viet/a/index.html")  # the alias sends readers on
        assert page.title() and page.locator("h1").count() == 1, rel
    # Click through from the home page, as a reader would.
    page.goto(base + "index.html")
    page.click("a.loa-brand")
    assert page.url == base + "index.html"
    page.goto(base + "bai-viet/a/index.html")
    page.fill("#loa-header-q", "dang ky ket hon")  # typed without diacritics, as on most phones
    page.press("#loa-header-q", "Enter")
    page.wait_for_url(base + "tim-kiem/index.html?q=dang+ky+ket+hon")
    page.wait_for_function("() => document.querySelector('#loa-search-results h2 a') !== null")
    page.click("#loa-search-results h2 a")
    page.wait_for_url(base + "bai-viet/b/index.html")
    assert "Đăng ký kết hôn ở đâu?" in page.inner_text("h1")
    context.close()
    assert seen and all(url.startswith(base) for url in seen), sorted(set(u for u in seen if not u.startswith(base)))
    assert any("assets/loa/search/" in url for url in seen)  # the search really ran from the folder
    assert errors == []
