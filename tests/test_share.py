"""The "Chia sẻ" box, the staff page and share.js (loa/share.py)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest

from loa.outputs import share
from loa.core.model import Explainer

REPO = Path(__file__).resolve().parent.parent
ASSETS = REPO / "overrides" / "assets" / "loa"
URL = "https://phunu-soctrang.example/bai-viet/hoa-giai-la-gi/"
# Posts with everything that could go wrong in HTML: quotes, <, &, entities,
# emoji, a blank line and the final newline.
POSTS = {
    "facebook": ("Hòa giải \"ở cơ sở\" là gì?\n\nTổ hòa giải <ấp> & khóm &amp; 'xã'.\n\n"
                 "📞 Đường dây nóng: 0377.672.444\n👉 Đọc đầy đủ: " + URL
                 + "?utm_source=facebook&utm_medium=social\n\n#HoaGiaiCoSo\n"),
    "zalo": "Hòa giải ở cơ sở là gì?\n\n• Không mất tiền.\n\n" + URL + "?utm_source=zalo&utm_medium=social\n",
}
EXPLAINER = Explainer(slug="hoa-giai-la-gi", path="content/hoa-giai-la-gi.md",
                      title="Hòa giải <ở> cơ sở & \"bạn\"", summary="Tóm tắt.", audiences=(),
                      topics=(), date=dt.date(2024, 5, 1), body="", body_line=1)


class Sources(HTMLParser):
    """What a browser would see: each textarea's value and each copy button's target."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.values: dict[str, str] = {}
        self.buttons: dict[str, str] = {}
        self.links: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "textarea":
            self._open = a["id"]
            self.values[self._open] = ""
        elif tag == "button" and "data-loa-copy" in a:  # copy buttons; "Tạo dòng ghi sổ" makes a line
            self.buttons[a["data-loa-copy"]] = a.get("class", "")
        elif tag == "a":
            self.links.append(a["href"])

    def handle_endtag(self, tag):
        if tag == "textarea":
            # The HTML parser drops one newline right after <textarea>.
            value = self.values[self._open]
            self.values[self._open] = value[1:] if value.startswith("\n") else value
            self._open = None

    def handle_data(self, data):
        if self._open:
            self.values[self._open] += data


def parse(html: str) -> Sources:
    s = Sources()
    s.feed(html)
    return s


def test_share_box_carries_each_post_byte_for_byte():
    html = share.share_box_html(EXPLAINER, POSTS, URL)
    found = parse(html)
    assert found.values == {"loa-share-hoa-giai-la-gi-facebook": POSTS["facebook"],
                            "loa-share-hoa-giai-la-gi-zalo": POSTS["zalo"],
                            "loa-share-hoa-giai-la-gi-link": URL}
    assert set(found.buttons) == set(found.values)


def test_share_box_is_escaped_html():
    html = share.share_box_html(EXPLAINER, POSTS, URL)
    assert "<ấp>" not in html and "<script" not in html and " on" not in html.replace("noopener", "")
    assert html.startswith('<aside class="loa-share" aria-label="Chia sẻ"')
    assert 'aria-live="polite"' in html
    for label in ("Sao chép bài cho Facebook", "Sao chép bài cho Zalo", "Sao chép đường dẫn",
                  "Chia sẻ lên Facebook"):
        assert label in html


def test_facebook_link_is_a_plain_sharer_link():
    found = parse(share.share_box_html(EXPLAINER, POSTS, URL))
    assert found.links == ["https://www.facebook.com/sharer/sharer.php?u="
                           "https%3A%2F%2Fphunu-soctrang.example%2Fbai-viet%2Fhoa-giai-la-gi%2F"]


def test_staff_page_lists_newest_first_with_every_post():
    older = replace(EXPLAINER, slug="cu", title="Bài cũ", date=dt.date(2023, 1, 2))
    entries = [share.StaffEntry(older, {"zalo": "cũ\n"}, "https://x.example/bai-viet/cu/"),
               share.StaffEntry(EXPLAINER, POSTS, URL)]
    html = share.staff_page_html(entries)
    assert html.index("Hòa giải &lt;ở&gt;") < html.index("Bài cũ")
    assert "Ngày đăng: <time datetime=\"2023-01-02\">2/1/2023</time>" in html  # d/m/yyyy, as everywhere
    found = parse(html)
    assert found.values["loa-staff-hoa-giai-la-gi-facebook"] == POSTS["facebook"]
    assert found.values["loa-staff-cu-zalo"] == "cũ\n"
    assert set(found.buttons) == set(found.values)


def test_staff_page_says_when_there_is_nothing_yet():
    assert "Chưa có bài viết nào." in share.staff_page_html([])


def test_script_has_no_inline_handlers_or_third_party_code():
    js = (ASSETS / "share.js").read_text("utf-8")
    assert "navigator.clipboard.writeText" in js and "execCommand(\"copy\")" in js
    assert "Đã sao chép" not in js  # its words come from the page (data-loa-done)
    assert "data-loa-" in js
    for banned in ("fetch(", "XMLHttpRequest", "createElement(\"script", "eval(", "innerHTML", "facebook.com"):
        assert banned not in js


# Real Chromium: the clipboard holds exactly the post -----------------------------

PAGE = """<!doctype html><html lang="vi"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self'">
<link rel="stylesheet" href="share.css"></head><body><main>{body}</main>
<script src="share.js"></script></body></html>"""


@pytest.fixture
def served(tmp_path, serve):
    """Pages using share.js, served over HTTP as the site would be."""
    for name in ("share.js", "share.css"):
        (tmp_path / name).write_bytes((ASSETS / name).read_bytes())

    def page(name: str, body: str) -> str:
        (tmp_path / name).write_text(PAGE.format(body=body), encoding="utf-8")
        return serve(tmp_path) + name

    return page


def _clipboard_after_click(browser, url: str, button: str, *, without_clipboard_api: bool) -> tuple[str, str]:
    from playwright.sync_api import expect

    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        if without_clipboard_api:  # as on old phones and http:// pages
            page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page.goto(url)
        page.click(button)
        # Locator assertions run outside the page, so its CSP (no eval) allows them.
        expect(page.locator(button)).to_have_text("Đã sao chép")
        # The live region is filled a moment later so screen readers notice.
        expect(page.locator(".loa-copy-status")).not_to_have_text("")
        status = page.text_content(".loa-copy-status") or ""
        reader = context.new_page()
        reader.goto(url.rsplit("/", 1)[0] + "/share.js")
        return reader.evaluate("navigator.clipboard.readText()"), status
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("without_api", [False, True], ids=["clipboard-api", "execCommand-fallback"])
@pytest.mark.parametrize("target", ["facebook", "zalo", "link"])
def test_copy_button_puts_the_exact_post_on_the_clipboard(browser, served, target, without_api):
    url = served("box.html", share.share_box_html(EXPLAINER, POSTS, URL))
    expected = POSTS.get(target, URL)
    button = f'[data-loa-copy="loa-share-hoa-giai-la-gi-{target}"]'
    copied, status = _clipboard_after_click(browser, url, button, without_clipboard_api=without_api)
    assert copied.encode("utf-8") == expected.encode("utf-8")
    assert "Đã sao chép" in status


@pytest.mark.browser
def test_staff_page_copy_button_copies_its_post(browser, served):
    url = served("staff.html", share.staff_page_html([share.StaffEntry(EXPLAINER, POSTS, URL)]))
    copied, _ = _clipboard_after_click(browser, url, '[data-loa-copy="loa-staff-hoa-giai-la-gi-zalo"]',
                                       without_clipboard_api=False)
    assert copied == POSTS["zalo"]
