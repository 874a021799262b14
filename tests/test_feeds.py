"""Feeds: RSS 2.0, Atom and JSON Feed of published explainers, per language
and per audience, dated from front matter, parsed back with feedparser and
checked against each format's required elements, and linked from pages."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
import xml.etree.ElementTree as ET

import feedparser
import pytest
from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main
from loa.i18n import messages
from loa.outputs.feeds import plan_feeds

ATOM = "{http://www.w3.org/2005/Atom}"
FUTURE = (dt.date.today() + dt.timedelta(days=30)).isoformat()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory):
    from conftest import LAWS, MKDOCS_YML, REPO, TOPICS, Site

    project = Site(tmp_path_factory.mktemp("feeds"))
    project.write({
        "mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides"),
        "docs/index.md": "# Trang chủ\n\nChào.\n",
        # An audience name with markup: it must reach feeds and pages escaped.
        "content/audiences.yml": ("phu-nu-nong-thon:\n  name: Phụ nữ <b>nông thôn</b> & \"ấp\"\n"
                                  "  description: Ở xã.\nphu-nu-khmer:\n  name: Phụ nữ Khmer\n  description: Khmer.\n"),
        "content/topics.yml": TOPICS, "content/laws.yml": LAWS,
        "content/cu.md": explainer("Bài cũ", date="2023-03-15", audiences="[phu-nu-khmer]"),
        "content/moi.md": explainer("Bài mới", date="2024-06-01", reviewed="2025-01-10"),
        "content/nhap.md": explainer("Bài nháp", draft="true"),
        "content/sap-dang.md": explainer("Bài sắp đăng", date=FUTURE),
        "content/da-rut.md": explainer("Bài đã rút", date="2023-05-01",
                                       withdrawn="{date: 2024-01-01, reason: Luật đã thay đổi.}"),
    })
    result = CliRunner().invoke(main, ["build", "--config", str(project.config)])
    assert result.exit_code == 0, result.stderr
    return project.root / "site"


def test_rss_has_what_rss_2_requires(site) -> None:
    parsed = feedparser.parse((site / "feed/vi/rss.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    channel = parsed.feed
    assert channel.title and channel.description
    assert channel.link == "https://loa.example.test/"  # <link> is the site, not the feed
    # Published and not withdrawn only, newest first.
    assert [e.title for e in parsed.entries] == ["Bài mới", "Bài cũ"]
    assert (site / "bai-viet" / "da-rut" / "index.html").is_file()  # its page stays; feeds leave it out
    first = parsed.entries[0]
    assert first.link == first.id == "https://loa.example.test/bai-viet/moi/"
    assert first.summary.startswith("Hòa giải giúp")
    assert first.published == "Sat, 01 Jun 2024 00:00:00 +0700"  # the front matter's date, in Vietnam
    root = ET.fromstring((site / "feed/vi/rss.xml").read_bytes())
    for item in root.iter("item"):
        assert item.findtext("title") and item.findtext("link") and item.findtext("guid")


def test_atom_has_what_rfc_4287_requires(site) -> None:
    parsed = feedparser.parse((site / "feed/vi/atom.xml").read_bytes())
    assert parsed.bozo == 0 and parsed.version == "atom10"
    root = ET.fromstring((site / "feed/vi/atom.xml").read_bytes())
    for name in ("id", "title", "updated"):
        assert root.findtext(ATOM + name), name
    assert root.find(f"{ATOM}author/{ATOM}name").text == "Hội LHPN tỉnh thử"
    # The feed changed last when its newest explainer was reviewed, not when it was built.
    assert root.findtext(ATOM + "updated") == "2025-01-10T00:00:00+07:00"
    entries = root.findall(ATOM + "entry")
    assert len(entries) == 2
    for e in entries:
        assert e.findtext(ATOM + "id") and e.findtext(ATOM + "title") and e.findtext(ATOM + "updated")
    assert [e.findtext(ATOM + "published") for e in entries] == ["2024-06-01T00:00:00+07:00",
                                                                "2023-03-15T00:00:00+07:00"]


def test_json_feed_has_the_keys_version_1_1_requires(site) -> None:
    data = json.loads((site / "feed/vi/feed.json").read_text(encoding="utf-8"))
    assert data["version"] == "https://jsonfeed.org/version/1.1"
    assert data["title"] and data["feed_url"] == "https://loa.example.test/feed/vi/feed.json"
    assert data["language"] == "vi"
    assert [i["title"] for i in data["items"]] == ["Bài mới", "Bài cũ"]
    for item in data["items"]:
        assert item["id"] and (item.get("content_text") or item.get("content_html"))
        dt.datetime.fromisoformat(item["date_published"])  # RFC 3339
    assert data["items"][0]["date_modified"] == "2025-01-10T00:00:00+07:00"


def test_no_date_in_any_feed_is_the_build_s(site) -> None:
    today = dt.date.today()
    stamps = [today.strftime("%d %b %Y"), today.isoformat()]
    for path in (site / "feed").rglob("*"):
        if path.suffix in (".xml", ".json"):
            text = path.read_text(encoding="utf-8")
            assert not any(s in text for s in stamps), path


def test_one_feed_per_audience_with_its_explainers_only(site) -> None:
    khmer = feedparser.parse((site / "feed/vi/doi-tuong/phu-nu-khmer/rss.xml").read_bytes())
    assert [e.title for e in khmer.entries] == ["Bài cũ"]
    rural = feedparser.parse((site / "feed/vi/doi-tuong/phu-nu-nong-thon/atom.xml").read_bytes())
    assert rural.bozo == 0
    assert [e.title for e in rural.entries] == ["Bài mới"]
    assert 'Phụ nữ <b>nông thôn</b> & "ấp"' in rural.feed.title  # text, escaped by feedgen
    assert "&lt;b&gt;" in (site / "feed/vi/doi-tuong/phu-nu-nong-thon/rss.xml").read_text(encoding="utf-8")


def alternates(page) -> list[dict[str, str]]:
    from html.parser import HTMLParser

    found = []

    class Links(HTMLParser):
        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if tag == "link" and a.get("rel") == "alternate":
                found.append(a)

    Links().feed(page.read_text(encoding="utf-8"))
    return found


def test_pages_link_their_feeds_relatively_and_escaped(site) -> None:
    home = alternates(site / "index.html")
    assert [(a["type"], a["href"]) for a in home] == [
        ("application/rss+xml", "feed/vi/rss.xml"), ("application/atom+xml", "feed/vi/atom.xml"),
        ("application/feed+json", "feed/vi/feed.json")]
    page = site / "doi-tuong" / "phu-nu-nong-thon" / "index.html"
    links = alternates(page)
    assert [a["href"] for a in links][3:] == ["../../feed/vi/doi-tuong/phu-nu-nong-thon/rss.xml",
                                              "../../feed/vi/doi-tuong/phu-nu-nong-thon/atom.xml",
                                              "../../feed/vi/doi-tuong/phu-nu-nong-thon/feed.json"]
    for a in links:
        assert (page.parent / a["href"]).resolve().is_file()
    assert 'title="Loa thử: bài mới cho Phụ nữ &lt;b&gt;nông thôn&lt;/b&gt; &amp; &#34;ấp&#34; (RSS)"' in \
        page.read_text(encoding="utf-8")
    assert len(alternates(site / "bai-viet" / "moi" / "index.html")) == 3


def _item(slug: str, **extra):
    from loa.core.model import Explainer
    from loa.outputs.feeds import Item

    e = Explainer(slug=slug, path=f"content/{slug}.md", title=slug, summary="s", audiences=("a",), topics=(),
                  date=dt.date(2024, 1, 1), body="b", body_line=5)
    fields = {f.name: getattr(e, f.name) for f in dataclasses.fields(e)} | extra
    return Item(types.SimpleNamespace(**fields), f"bai-viet/{slug}/")


def test_feeds_key_on_the_explainer_s_language() -> None:
    feeds = plan_feeds((_item("vi-bai"), _item("km-bai", lang="km")), {"a": "A"}, "vi", "Loa", messages())
    by_folder = {f.folder: [i.explainer.slug for i in f.items] for f in feeds}
    assert by_folder == {"feed/vi/": ["vi-bai"], "feed/vi/doi-tuong/a/": ["vi-bai"],
                         "feed/km/": ["km-bai"], "feed/km/doi-tuong/a/": ["km-bai"]}


def test_json_files_are_the_bytes_json_dumps_would_write():
    from loa.outputs import json_files

    value = {"title": "Hòa giải ở cơ sở", "items": [{"tags": ["Phụ nữ", "ឯកសារ"], "n": 1.5, "ok": None}], "e": []}
    for indent in (1, 2):
        expected = (json.dumps(value, ensure_ascii=False, indent=indent) + "\n").encode("utf-8")
        assert json_files.utf8(value, indent) == expected


def test_a_feed_holds_the_explainers_changed_last() -> None:
    from loa.outputs.feeds import FEED_LENGTH

    # Newest first by date, as items_of gives them; the oldest was reviewed
    # after every other was written, so it is news too.
    items = tuple(_item(f"bai-{n:03d}", date=dt.date(2024, 1, 1) + dt.timedelta(days=FEED_LENGTH + 20 - n))
                  for n in range(FEED_LENGTH + 20))
    items = items[:-1] + (_item("bai-cu", date=dt.date(2020, 1, 1), reviewed=dt.date(2025, 1, 1)),)
    feeds = plan_feeds(items, {"a": "A"}, "vi", "Loa", messages())
    for feed in feeds:
        slugs = [i.explainer.slug for i in feed.items]
        assert len(slugs) == FEED_LENGTH
        assert slugs[:-1] == [f"bai-{n:03d}" for n in range(FEED_LENGTH - 1)]  # the order is kept
        assert slugs[-1] == "bai-cu"
    few = plan_feeds(items[:3], {}, "vi", "Loa", messages())
    assert [i.explainer.slug for i in few[0].items] == ["bai-000", "bai-001", "bai-002"]
