"""The build's last net: every internal link of the site resolves
(loa/build/linkcheck.py). A target that means the same from every page of
a depth is judged once; the same words from another depth or folder, or a
bare "#section", are judged again."""
from __future__ import annotations

from pathlib import Path

from loa.build import linkcheck

SITE_URL = "https://loa.example/"


def _page(*hrefs: str, ids: tuple[str, ...] = ()) -> str:
    links = "".join(f'<a href="{h}">x</a>' for h in hrefs)
    anchors = "".join(f'<h2 id="{i}">y</h2>' for i in ids)
    return f'<!doctype html><html><head><link rel="stylesheet" href="{{css}}"></head><body>{anchors}{links}</body></html>'


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


def test_the_same_words_are_judged_from_each_page_s_place(tmp_path: Path) -> None:
    shared = ("../../assets/a.css", "../../bai-viet/hai/#muc", "/assets/a.css", f"{SITE_URL}bai-viet/mot/",
              "mailto:hoi@example.org", "tel:0377672444", "https://example.org/x")
    _write(tmp_path, {
        "assets/a.css": "",
        "index.html": _page("bai-viet/mot/", "../../assets/a.css", "#dau", ids=("dau",)).replace("{css}", "assets/a.css"),
        # Two pages two folders down: their shared links are all fine.
        "bai-viet/mot/index.html": _page(*shared, "#tren", "anh.png", ids=("tren",)).replace("{css}", "../../assets/a.css"),
        "bai-viet/hai/index.html": _page(*shared, "#tren", "anh.png", ids=("muc",)).replace("{css}", "../../assets/a.css"),
        "bai-viet/mot/anh.png": "",
        # One folder down, the same words climb above the site.
        "chu-de/index.html": _page("../../assets/a.css", "../bai-viet/hai/#khong-co", "#tren").replace("{css}", "../assets/a.css"),
    })
    broken = {(b.page, b.target) for b in linkcheck.check(tmp_path, SITE_URL)}
    assert broken == {
        # From the site's root, "../../assets/a.css" leaves the site.
        ("index.html", "../../assets/a.css"),
        # "anh.png" sits beside mot's page only. (A bare "#section" is the
        # page's own business, as before: never judged, never remembered.)
        ("bai-viet/hai/index.html", "anh.png"),
        ("chu-de/index.html", "../../assets/a.css"),
        ("chu-de/index.html", "../bai-viet/hai/#khong-co"),
    }


def test_a_link_judged_fine_once_is_not_trusted_from_another_depth(tmp_path: Path) -> None:
    # The same relative words first seen where they resolve, then where they do not.
    _write(tmp_path, {
        "a/b/index.html": _page("../../c/").replace("{css}", "../../c/index.html"),
        "a/b/d/index.html": _page("../../c/").replace("{css}", "../../../c/index.html"),
        "c/index.html": _page().replace("{css}", "index.html"),
    })
    broken = {(b.page, b.target) for b in linkcheck.check(tmp_path, SITE_URL)}
    assert broken == {("a/b/d/index.html", "../../c/")}


def test_which_targets_mean_the_same_from_every_page() -> None:
    same = linkcheck._same_from_any_page
    assert same("../../assets/a.css", 2, SITE_URL)
    assert same("/assets/a.css", 2, SITE_URL) and same(f"{SITE_URL}x/", 1, SITE_URL)
    assert same("https://example.org/", 0, SITE_URL) and same("mailto:a@b.c", 3, SITE_URL)
    assert not same("#muc", 2, SITE_URL)
    assert not same("../x/", 2, SITE_URL)  # climbs one of two folders: depends on which folder
    assert not same("../../../x", 2, SITE_URL)  # climbs above the site
    assert not same("x/", 0, SITE_URL)
