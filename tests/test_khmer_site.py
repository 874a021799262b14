"""Khmer pages in a real build (issue 11): their addresses and the ledger,
the links between translations, and every word on a Khmer page in Khmer."""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main
from loa.content.translations import missing_words
from loa.outputs import khmer_font
from loa.text.folding import every_vietnamese_letter

KM_BODY = "\n## ការផ្សះផ្សាជាអ្វី?\n\nអ្នកផ្សះផ្សាជួយភាគីទាំងពីរ **ព្រមព្រៀងគ្នា**។\n"
KHMER_FILE = explainer(
    "តើការផ្សះផ្សានៅមូលដ្ឋានជាអ្វី?", lang="km", translates="hoa-giai",
    summary="ការផ្សះផ្សាជួយប្រជាជនដោះស្រាយជម្លោះតូចតាច។", hashtags="[ការផ្សះផ្សា, PhuNuSocTrang]",
).replace("\nHòa giải viên giúp hai bên **thương lượng**.\n", KM_BODY)
# Letters only Vietnamese writes (ASCII and Latin-1 letters are in URLs, numbers, "Facebook").
VIETNAMESE_ONLY = {c for c in every_vietnamese_letter() if not c.isascii()}


def build(make_site, files: dict[str, str]) -> Path:
    site = make_site(files)
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 0, result.stderr
    return site.root


@pytest.fixture(scope="module")
def khmer_site(tmp_path_factory) -> Path:
    from conftest import AUDIENCES, LAWS, MKDOCS_YML, REPO, TOPICS, Site

    site = Site(tmp_path_factory.mktemp("khmer") / "project").write({
        "mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides"),
        "docs/index.md": "# Trang chủ\n\nChào mừng.\n",
        "content/audiences.yml": AUDIENCES, "content/topics.yml": TOPICS, "content/laws.yml": LAWS,
        "content/hoa-giai.md": explainer(),
        "content/hoa-giai.km.md": KHMER_FILE,
    })
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 0, result.stderr
    return site.root


class _Text(HTMLParser):
    """Visible text and attribute words of a page, with the language each is in."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "area", "base", "col", "embed", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.langs = ["?"]
        self.skip = 0
        self.found: list[tuple[str, str]] = []  # (lang, text)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        lang = a.get("lang", self.langs[-1])
        for name in ("title", "aria-label", "placeholder", "alt"):
            if a.get(name):
                self.found.append((lang, a[name]))
        if tag == "meta" and a.get("property", "").startswith("og:") and a.get("content"):
            self.found.append((lang, a["content"]))
        if tag not in self.VOID:
            self.langs.append(lang)
            self.skip += tag in ("script", "style")

    def handle_endtag(self, tag):
        if tag not in self.VOID and len(self.langs) > 1:
            self.langs.pop()
            self.skip -= tag in ("script", "style")

    def handle_data(self, data):
        if data.strip() and not self.skip:
            self.found.append((self.langs[-1], data.strip()))


def vietnamese_outside_lang_vi(html: str, allowed: set[str]) -> list[str]:
    parser = _Text()
    parser.feed(html)
    words = []
    for lang, text in parser.found:
        if lang == "vi":
            continue
        for proper in allowed:
            text = text.replace(proper, "")
        words += [w for w in re.findall(r"\S+", text) if set(w) & VIETNAMESE_ONLY]
    return words


def test_a_khmer_page_lives_under_km_and_is_recorded_in_the_ledger(khmer_site: Path) -> None:
    site = khmer_site / "site"
    assert (site / "km/hoa-giai/index.html").is_file()
    assert (site / "km/index.html").is_file() and (site / "km/tim-kiem/index.html").is_file()
    assert not (site / "bai-viet/hoa-giai-km").exists()
    assert (site / "social/hoa-giai-km/og.png").is_file()  # its share image, drawn in Khmer
    ledger = (khmer_site / "content/published-urls.txt").read_text(encoding="utf-8").splitlines()
    assert "/km/hoa-giai/" in ledger and "/bai-viet/hoa-giai/" in ledger


def test_the_two_pages_link_to_each_other_with_hreflang_and_lang(khmer_site: Path) -> None:
    km = (khmer_site / "site/km/hoa-giai/index.html").read_text(encoding="utf-8")
    vi = (khmer_site / "site/bai-viet/hoa-giai/index.html").read_text(encoding="utf-8")
    assert '<html lang="km"' in km and '<html lang="vi"' in vi
    assert '<link rel="alternate" hreflang="vi" href="../../bai-viet/hoa-giai/">' in km
    assert '<link rel="alternate" hreflang="km" href="../../km/hoa-giai/">' in vi
    assert '<a href="../../bai-viet/hoa-giai/" hreflang="vi" lang="vi">Tiếng Việt</a>' in km
    assert '<a href="../../km/hoa-giai/" hreflang="km" lang="km">ភាសាខ្មែរ</a>' in vi


def test_only_khmer_pages_load_the_khmer_stylesheet(khmer_site: Path) -> None:
    site = khmer_site / "site"
    for page in ("km/hoa-giai/index.html", "km/index.html", "km/tim-kiem/index.html"):
        assert "assets/loa/km/km.css" in (site / page).read_text(encoding="utf-8"), page
    for page in ("bai-viet/hoa-giai/index.html", "index.html", "tim-kiem/index.html"):
        assert "km.css" not in (site / page).read_text(encoding="utf-8"), page
    font = (site / khmer_font.WOFF2).read_bytes()
    assert font[:4] == b"wOF2" and len(font) <= khmer_font.MAX_BYTES


@pytest.mark.parametrize("page", ["km/hoa-giai/index.html", "km/index.html", "km/tim-kiem/index.html"])
def test_every_word_on_a_khmer_page_is_khmer(khmer_site: Path, page: str) -> None:
    html = (khmer_site / "site" / page).read_text(encoding="utf-8")
    # Proper names from mkdocs.yml, quoted inside Khmer posts, stay as written.
    left = vietnamese_outside_lang_vi(html, {"Hội LHPN tỉnh thử"})
    assert left == []
    assert "អត្ថបទភាសាខ្មែរនេះ កំពុងរង់ចាំ" in html or page != "km/hoa-giai/index.html"  # the review note


def test_the_404_page_says_it_in_khmer_too_when_the_site_has_khmer_pages(khmer_site: Path, make_site) -> None:
    html = (khmer_site / "site/404.html").read_text(encoding="utf-8")
    assert '<section lang="km" class="loa-notfound-km"' in html and "រកមិនឃើញទំព័រនេះទេ" in html
    assert "assets/loa/km/km.css" in html and 'href="/km/tim-kiem/"' in html
    plain = (build(make_site, {"content/hoa-giai.md": explainer()}) / "site/404.html").read_text(encoding="utf-8")
    assert "loa-notfound-km" not in plain and "km.css" not in plain  # control: a Vietnamese-only site


def test_the_detector_finds_vietnamese_left_on_a_page() -> None:
    # control: the check above can fail
    assert vietnamese_outside_lang_vi('<p>Cần giúp đỡ?</p><p lang="vi">Tiếng Việt</p>', set()) == ["Cần", "giúp", "đỡ?"]


def test_a_vietnamese_page_keeps_its_words_and_only_gains_the_link(khmer_site: Path) -> None:
    html = (khmer_site / "site/bai-viet/hoa-giai/index.html").read_text(encoding="utf-8")
    assert "ភាសាខ្មែរ" in html and "Cần giúp đỡ?" in html
    khmer_letters = set(re.findall("[\u1780-\u17ff]", html))
    assert khmer_letters <= set("ភាសាខ្មែរ")


def test_khmer_posts_are_khmer_with_khmer_hashtags_and_the_km_address(khmer_site: Path) -> None:
    post = (khmer_site / "site/social/hoa-giai-km/facebook.txt").read_text(encoding="utf-8")
    assert "ចំណុចសំខាន់ៗ៖" in post and "https://loa.example.test/km/hoa-giai/?utm_source=facebook" in post
    assert post.rstrip().endswith("#ការផ្សះផ្សា #PhuNuSocTrang")
    assert "Điều cần biết" not in post


def test_the_khmer_catalogue_has_every_page_word() -> None:
    assert missing_words("km") == []


def test_every_khmer_translation_is_marked_as_awaiting_review() -> None:
    from babel.messages.pofile import read_po

    from loa.i18n import HERE, Messages

    vi = Messages("vi")
    unmarked = []
    for path in sorted((HERE / "km").glob("*.po")):
        with path.open("rb") as f:
            for m in read_po(f):
                # Not translated: the same as the Vietnamese ("Facebook", "ភាសាខ្មែរ"), or no Khmer in it.
                same = (m.string in ("", m.id) or not re.search("[\u1780-\u17ff]", str(m.string))
                        or vi.has(str(m.id)) and vi.raw(str(m.id)) == m.string)
                if m.id and not same and not any("awaiting review by a Khmer speaker" in c for c in m.auto_comments):
                    unmarked.append(f"{path.name}: {m.id}")
                assert not m.fuzzy, f"{path.name}: {m.id} is fuzzy and would not be published"
    assert unmarked == []


def test_a_khmer_file_named_in_khmer_takes_its_address_from_what_it_translates(make_site) -> None:
    root = build(make_site, {"content/hoa-giai.md": explainer(), "content/ការផ្សះផ្សា.md": KHMER_FILE})
    assert (root / "site/km/hoa-giai/index.html").is_file()


def test_a_broken_translates_is_reported_with_file_and_line(make_site) -> None:
    site = make_site({"content/hoa-giai.md": explainer(),
                      "content/hoa-giai.km.md": KHMER_FILE.replace("translates: hoa-giai", "translates: hoa-giay")})
    result = CliRunner().invoke(main, ["check", "--config", str(site.config)])
    assert result.exit_code == 1
    assert "content/hoa-giai.km.md:9: lỗi LOA801:" in result.stderr
    assert '"hoa-giai"' in result.stderr  # the hint names the closest Vietnamese page


def test_links_between_khmer_and_vietnamese_explainers_reach_the_right_page(make_site) -> None:
    vi = explainer().replace("**thương lượng**.", "**thương lượng**. [ភាសាខ្មែរ](hoa-giai.km.md)")
    km = KHMER_FILE.replace("**ព្រមព្រៀងគ្នា**។", "**ព្រមព្រៀងគ្នា**។ [Tiếng Việt](hoa-giai.md) [ទំព័រនេះ](/km/hoa-giai/)")
    root = build(make_site, {"content/hoa-giai.md": vi, "content/hoa-giai.km.md": km})
    vi_html = (root / "site/bai-viet/hoa-giai/index.html").read_text(encoding="utf-8")
    km_html = (root / "site/km/hoa-giai/index.html").read_text(encoding="utf-8")
    assert '<a href="../../km/hoa-giai/" rel="noopener noreferrer">ភាសាខ្មែរ</a>' in vi_html
    assert '<a href="../../bai-viet/hoa-giai/" rel="noopener noreferrer">Tiếng Việt</a>' in km_html
    assert '<a href="./" rel="noopener noreferrer">ទំព័រនេះ</a>' in km_html


def test_the_vietnamese_search_index_is_the_same_with_or_without_khmer_explainers(make_site, tmp_path) -> None:
    def index(root: Path) -> dict[str, bytes]:
        folder = root / "site/assets/loa/search"
        return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}

    vi_only = index(build(make_site, {"content/hoa-giai.md": explainer()}))
    with_khmer = index(build(make_site, {"content/hoa-giai.km.md": KHMER_FILE}))
    assert vi_only and with_khmer == vi_only


def test_khmer_texts_keep_the_placeholders_of_the_vietnamese() -> None:
    import string

    from loa.i18n import DOMAINS, Messages, keys

    vi, km = Messages("vi"), Messages("km")
    fields = lambda text: sorted({f for _, f, _, _ in string.Formatter().parse(text) if f})  # noqa: E731
    differ = {k: (fields(vi.raw(k)), fields(km.raw(k))) for d in DOMAINS for k in keys("km", d)
              if vi.has(k) and fields(vi.raw(k)) != fields(km.raw(k))}
    assert differ == {}


def test_loa_publish_writes_a_khmer_post_in_khmer(khmer_site: Path) -> None:
    result = CliRunner().invoke(main, ["publish", "--slug", "hoa-giai-km", "--channel", "zalo", "--stdout",
                                       "--config", str(khmer_site / "mkdocs.yml")])
    assert result.exit_code == 0, result.stderr
    assert "ចំណុចសំខាន់ៗ៖" in result.stdout and "/km/hoa-giai/?utm_source=zalo" in result.stdout
    assert "Điều cần biết" not in result.stdout and "Đọc đầy đủ" not in result.stdout


def test_the_vietnamese_home_page_leads_to_the_khmer_part(khmer_site: Path, make_site) -> None:
    home = (khmer_site / "site/index.html").read_text(encoding="utf-8")
    assert '<a href="km/" hreflang="km" lang="km">ភាសាខ្មែរ</a>' in home
    plain = (build(make_site, {"content/hoa-giai.md": explainer()}) / "site/index.html").read_text(encoding="utf-8")
    assert "ភាសាខ្មែរ" not in plain  # control: no Khmer explainer, no link


def test_an_old_name_of_a_khmer_explainer_redirects_inside_km(make_site) -> None:
    renamed = KHMER_FILE.replace("lang: km", "lang: km\naliases: [hoa-giai-cu-km]")
    root = build(make_site, {"content/hoa-giai.md": explainer(), "content/hoa-giai.km.md": renamed})
    stub = (root / "site/km/hoa-giai-cu/index.html").read_text(encoding="utf-8")
    assert "../../km/hoa-giai/" in stub and "refresh" in stub
    assert '<html lang="km">' in stub and "អត្ថបទនេះបានផ្លាស់ទៅអាសយដ្ឋានថ្មី៖" in stub
    assert not (root / "site/bai-viet/hoa-giai-cu-km").exists()


def test_a_picture_in_a_khmer_explainer_is_published(make_site) -> None:
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 20), "red").save(buf, "PNG")
    km = KHMER_FILE.replace("**ព្រមព្រៀងគ្នា**។", "**ព្រមព្រៀងគ្នា**។\n\n![គំនូសតាង](anh/so-do.png)")
    root = build(make_site, {"content/hoa-giai.md": explainer(), "content/hoa-giai.km.md": km,
                             "content/anh/so-do.png": buf.getvalue()})
    html = (root / "site/km/hoa-giai/index.html").read_text(encoding="utf-8")
    src = re.search(r'<img[^>]*src="([^"]+)"', html).group(1)
    assert (root / "site/km/hoa-giai" / src).resolve().is_file()


def test_a_post_links_to_the_page_in_the_language_the_text_links_to(make_site) -> None:
    vi = explainer(summary="Xem [bản tiếng Khmer](hoa-giai.km.md).")
    km = KHMER_FILE.replace("summary: ការផ្សះផ្សាជួយប្រជាជនដោះស្រាយជម្លោះតូចតាច។",
                            "summary: ការផ្សះផ្សាជួយប្រជាជន [Tiếng Việt](hoa-giai.md)។")
    root = build(make_site, {"content/hoa-giai.md": vi, "content/hoa-giai.km.md": km})
    vi_post = (root / "site/social/hoa-giai/facebook.txt").read_text(encoding="utf-8")
    km_post = (root / "site/social/hoa-giai-km/facebook.txt").read_text(encoding="utf-8")
    assert "bản tiếng Khmer: https://loa.example.test/km/hoa-giai/" in vi_post
    assert "Tiếng Việt: https://loa.example.test/bai-viet/hoa-giai/?utm_source=facebook&utm_medium=social\n" in km_post


def test_the_preview_serves_a_khmer_page_and_shows_an_edit(make_site) -> None:
    from test_serve import previewing, wait_for

    km = KHMER_FILE.replace("translates: hoa-giai", "translates: a")
    site = make_site({"content/a.md": explainer(), "content/a.km.md": km})
    with previewing(site) as (url, _):
        km_url = url.replace("/bai-viet/a/", "/km/a/")
        assert wait_for(km_url, '<html lang="km"', 30)
        (site.root / "content/a.km.md").write_text(km.replace("**ព្រមព្រៀងគ្នា**។", "**ព្រមព្រៀងគ្នា**។ ថ្មី។"),
                                                   encoding="utf-8")
        assert wait_for(km_url, "ថ្មី។", 30)
        assert wait_for(km_url, "ចែករំលែក", 5)  # the share box, in Khmer, after the rebuild too
