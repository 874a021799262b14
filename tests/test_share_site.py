"""Cross-posting on the repository's real site: every sample explainer's posts,
link previews and share images, and the copy buttons in real Chromium."""
from __future__ import annotations

import json
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image, ImageStat

from conftest import REPO
from loa.outputs import images, khmer_images
from loa.text import khmer
import datetime as dt

from loa.adapters.mkdocs_plugin import read_project
from loa.build import pipeline

SETTINGS = pipeline.check(read_project(REPO / "mkdocs.yml")[0], dt.date.today()).settings
MARKDOWN_LEFTOVERS = re.compile(r"\*\*|__|^#+ |\[[^\]]*\]\(|\]\(|<[a-z/][^>]*>|&[a-z]+;|&#\d+;|`", re.M)


def manifest(built_site: Path) -> list[dict]:
    return json.loads((built_site / "social/index.json").read_text(encoding="utf-8"))["explainers"]


def posts(built_site: Path):
    for entry in manifest(built_site):
        for channel, rel in entry["files"].items():
            yield entry, channel, (built_site / rel).read_bytes().decode("utf-8")


def test_every_sample_explainer_has_both_posts(built_site: Path) -> None:
    """Every one that may go out: a withdrawn explainer, or one relying on a
    repealed text with no note, gets none (issue 10 item 7)."""
    from loa.content import catalog, review

    found = catalog.load(REPO)
    stale = {e.slug for e in found.explainers if review.no_post_reason(e, found.laws, dt.date.today())}
    pages = {p.parent.name for p in (built_site / "bai-viet").glob("*/index.html")} - stale
    pages |= {e.slug for e in found.explainers if e.lang == "km"} - stale  # Khmer explainers post too (issue 11)
    entries = manifest(built_site)
    assert {e["slug"] for e in entries} == pages and len(pages) >= 12
    assert all(sorted(e["channels"]) == ["facebook", "zalo"] for e in entries)


def test_posts_are_plain_nfc_and_within_their_limit(built_site: Path) -> None:
    for entry, channel, text in posts(built_site):
        limit = SETTINGS.channel(channel).max_length
        assert len(text) <= limit, (entry["slug"], channel, len(text))
        assert text == unicodedata.normalize("NFC", text)
        assert not MARKDOWN_LEFTOVERS.search(text), (entry["slug"], channel)
        assert text.startswith(entry["title"] + "\n\n")


def test_post_links_are_absolute_tagged_and_resolve(built_site: Path) -> None:
    for entry, channel, text in posts(built_site):
        links = re.findall(r"https?://\S+", text)
        own = [u for u in links if urlsplit(u).path == urlsplit(entry["url"]).path]
        assert own, (entry["slug"], channel)
        query = parse_qs(urlsplit(own[-1]).query)
        assert query == {"utm_source": [channel], "utm_medium": ["social"]}
        for url in links:
            if url.startswith(SETTINGS.site_url):
                path = urlsplit(url).path[len(urlsplit(SETTINGS.site_url).path):]
                assert (built_site / path / "index.html").is_file(), url


class _Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name")):
            self.tags[a.get("property") or a.get("name")] = a.get("content") or ""


def meta_of(path: Path) -> dict[str, str]:
    parser = _Meta()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tags


def test_every_page_has_absolute_open_graph_tags(built_site: Path) -> None:
    checked = 0
    for path in built_site.rglob("index.html"):
        tags = meta_of(path)
        if "og:title" not in tags:
            assert "refresh" in path.read_text(encoding="utf-8"), path  # only redirect stubs lack them
            continue
        for key in ("og:title", "og:description", "og:url", "og:image", "og:site_name"):
            assert tags.get(key), (path, key)
        khmer = path.relative_to(built_site).parts[0] == "km"  # the Khmer part of the site (issue 11)
        assert tags["og:locale"] == ("km_KH" if khmer else "vi_VN") and tags["twitter:card"] == "summary_large_image"
        for key in ("og:url", "og:image"):
            assert tags[key].startswith(SETTINGS.site_url), (path, key)
        image = built_site / tags["og:image"][len(SETTINGS.site_url):]
        with Image.open(image) as im:
            assert im.size == (1200, 630)
            assert max(ImageStat.Stat(im.convert("L")).stddev) > 10, image  # not blank
        checked += 1
    assert checked > 30


def test_explainer_description_is_its_summary(built_site: Path) -> None:
    page = built_site / "bai-viet/hoa-giai-o-co-so-la-gi/index.html"
    tags = meta_of(page)
    assert tags["og:image"].endswith("/social/hoa-giai-o-co-so-la-gi/og.png")
    entry = next(e for e in manifest(built_site) if e["slug"] == "hoa-giai-o-co-so-la-gi")
    assert tags["og:title"] == entry["title"]
    assert tags["og:description"] in page.read_text(encoding="utf-8")


def test_the_font_draws_every_character_of_every_title(built_site: Path) -> None:
    titles = [e["title"] for e in manifest(built_site)] + [SETTINGS.site_name, SETTINGS.organisation]
    for title in titles:
        # Khmer titles are drawn with the Khmer font (tests/test_khmer_font.py checks it).
        font = khmer_images.FONT if khmer.has_khmer(title) else images.FONT_BOLD
        assert images.missing_glyphs(title, font) == set(), title


@pytest.mark.browser
def test_copy_buttons_copy_the_post_files_byte_for_byte(built_site: Path, site_url: str, browser) -> None:
    from playwright.sync_api import expect

    slug = "hoa-giai-o-co-so-la-gi"
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"],
                                  viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    page.goto(f"{site_url}bai-viet/{slug}/")
    expected = {
        "facebook": (built_site / f"social/{slug}/facebook.txt").read_bytes().decode("utf-8"),
        "zalo": (built_site / f"social/{slug}/zalo.txt").read_bytes().decode("utf-8"),
        "link": f"{SETTINGS.site_url}bai-viet/{slug}/",
    }
    for target, text in expected.items():
        button = page.locator(f'[data-loa-copy="loa-share-{slug}-{target}"]')
        button.click()
        expect(button).to_have_text("Đã sao chép")
        assert page.evaluate("navigator.clipboard.readText()") == text, target
    context.close()
