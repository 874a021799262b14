"""What readers see first (issue 16): the home page's first phone screen,
the header, the help box, phone numbers to tap, one date format."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import AUDIENCES, LAWS, MKDOCS_YML, REPO, TOPICS, Site, explainer
from loa.adapters.cli import main
from loa.core import dates
from loa.i18n import messages

SHORT = "Loa Sóc Trăng"
FULL = "Loa · Pháp luật cho phụ nữ Sóc Trăng"
CONFIG = (MKDOCS_YML.format(overrides=REPO / "overrides").replace("site_name: Loa thử", f"site_name: {FULL}")
          .replace("      organisation:", f"      short_name: {SHORT}\n      organisation:")
          # The hotline again among the contacts, as the sample site had it.
          + "        - name: Đường dây nóng Hội LHPN tỉnh\n          phone: \"0377.672.444\"\n")
NUMBERS = explainer("Đường dây nóng", date="2026-12-01",
                    summary="Gọi đường dây nóng 0377.672.444; khi nguy hiểm gọi Công an 113.").replace(
    "Hòa giải viên giúp", "## Số cần nhớ\n\n- **111**: Tổng đài bảo vệ trẻ em.\n- Điều 113 không phải số điện thoại.\n\nHòa giải viên giúp")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = Site(tmp_path_factory.mktemp("home") / "project").write({
        "mkdocs.yml": CONFIG, "docs/index.md": "# Trang chủ\n\nGặp chuyện khó, gọi 0377.672.444.\n",
        "content/audiences.yml": AUDIENCES, "content/topics.yml": TOPICS, "content/laws.yml": LAWS,
        "content/duong-day-nong.md": NUMBERS, "content/hoa-giai.md": explainer(date="2026-11-05"),
    })
    result = CliRunner().invoke(main, ["build", "--config", str(project.config), "--site-dir", str(project.root / "site")])
    assert result.exit_code == 0, result.stderr
    return project.root / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text("utf-8")


def test_home_leads_with_the_call_button_the_audiences_and_topics_then_the_newest(site):
    home = read(site, "index.html")
    call = home.index('class="loa-call__button" href="tel:0377672444"')
    ways = home.index('class="loa-ways"')
    assert call < ways < home.index('id="bai-moi"')
    assert 'href="doi-tuong/phu-nu-khmer/"' in home and 'href="chu-de/bao-luc-gia-dinh/"' in home
    assert 'href="tel:113"' in home
    assert home.index("Đường dây nóng</a>") > home.index('id="bai-moi"')  # the newest explainers come after


def test_every_number_written_on_a_page_can_be_tapped(site):
    page = read(site, "bai-viet/duong-day-nong/index.html")
    body = page[page.index("<article"):page.index("</article>")]
    assert '<p class="loa-summary">Gọi đường dây nóng <a href="tel:0377672444">0377.672.444</a>; ' \
           'khi nguy hiểm gọi Công an <a href="tel:113">113</a>.</p>' in body
    assert '<strong><a href="tel:111">111</a></strong>: Tổng đài' in body
    assert "Điều 113 không" in body  # an article number is not a phone number
    assert 'gọi <a href="tel:0377672444">0377.672.444</a>' in read(site, "index.html")  # docs/ pages too


def test_the_help_box_lists_each_number_once(site):
    page = read(site, "bai-viet/duong-day-nong/index.html")
    box = page[page.index('<aside class="loa-help"'):]
    box = box[:box.index("</aside>")]
    numbers = re.findall(r'href="tel:(\d+)"', box)
    assert sorted(numbers) == ["02993827525", "0377672444"]


def test_the_header_shows_the_short_name_and_the_title_the_full_one(site):
    home = read(site, "index.html")
    assert f'title="{FULL}">{SHORT}</a>' in home
    assert f"<title>{FULL}</title>" in home


def test_every_date_is_written_one_way(site):
    shown = dates.vietnamese(dt.date(2026, 12, 1), messages("vi"))
    assert shown == "1/12/2026"
    for rel in ("bai-viet/duong-day-nong/index.html", "chia-se/index.html", "index.html"):
        html = read(site, rel)
        assert f'<time datetime="2026-12-01">{shown}</time>' in html, rel
        assert not re.search(r">0\d/\d{1,2}/\d{4}<|>\d{1,2}/0\d/\d{4}<", html), rel


CUT = """() => {
    const brand = document.querySelector('.loa-brand');
    const input = document.querySelector('#loa-header-q');
    const style = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d');
    ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return {brand: brand.scrollWidth > brand.clientWidth, example: ctx.measureText(input.placeholder).width > room};
}"""


def first_screen(page, url: str) -> None:
    """Search, the call button and every audience and topic tile lie inside
    the first 360 x 740 screen; neither the name nor the search example is cut."""
    page.goto(url)
    for place in (page.locator("#loa-header-q"), page.locator(".loa-call__button"),
                  page.locator(".loa-ways__list a").last):
        box = place.bounding_box()
        assert box and box["y"] >= 0 and box["y"] + box["height"] <= 740, box
    assert page.evaluate(CUT) == {"brand": False, "example": False}
    heights = page.evaluate("() => [...document.querySelectorAll('.loa-ways__list a')].map(a => a.offsetHeight)")
    assert min(heights) >= 44, heights  # tap targets


@pytest.mark.browser
def test_the_first_phone_screen_holds_search_call_and_ways_and_nothing_is_cut(site, serve, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        first_screen(page, serve(site))
        assert page.locator(".loa-ways__list a").count() == 4  # two audiences, two topics
        # Control: the header as it was (a narrow box beside the name) is caught cutting the example.
        page.add_style_tag(content=".loa-search-form{order:0;flex-basis:auto}.loa-search-form input{width:6.5rem;flex:none}")
        assert page.evaluate(CUT)["example"] is True
    finally:
        page.close()


@pytest.mark.browser
def test_the_sample_sites_home_fits_the_first_phone_screen(site_url, browser):
    page = browser.new_page(viewport={"width": 360, "height": 740})
    try:
        first_screen(page, site_url)
        assert page.locator(".loa-ways__list a").count() >= 10  # every audience and topic of content/
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [320, 412, 720, 768, 1280])
def test_the_header_name_and_search_example_fit_every_width(site, serve, browser, width):
    page = browser.new_page(viewport={"width": width, "height": 740})
    try:
        page.goto(serve(site) + "bai-viet/duong-day-nong/")
        assert page.evaluate(CUT) == {"brand": False, "example": False}
    finally:
        page.close()
