"""Results a reader can trust, in real Chromium: the strongest results first
and the rest behind "Xem thêm", small words never highlighted alone, and a
way forward when nothing answers.

Each test writes a small site of its own (tests/search_harness.py), so what
should be strong or weak is known from the text.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from loa.outputs.search import SearchDoc
from search_harness import sample_docs, write_site

pytestmark = pytest.mark.browser

DONE = "q => document.getElementById('loa-search-results').getAttribute('data-loa-query') === q"
FILLER_TEXT = "Chị bị chồng đánh thì phải làm sao? Ai giúp chị khi nào cũng được."


def doc(slug: str, title: str, text: str, summary: str = "") -> SearchDoc:
    return SearchDoc(f"bai-viet/{slug}/", title, summary or title, (), text)


@pytest.fixture
def open_site(browser, tmp_path: Path):
    pages = []

    def open_(docs: list[SearchDoc], query: str = ""):
        site = write_site(tmp_path / f"site{len(pages)}", docs)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        pages.append((page, errors))
        page.goto(site.as_uri() + "/tim-kiem/index.html")
        if query:
            search(page, query)
        return page

    yield open_
    for page, errors in pages:
        page.close()
        assert errors == []


def search(page, query: str) -> None:
    page.fill("#loa-search-q", query)
    page.wait_for_function(DONE, arg=query)


def shown(page) -> int:
    return page.locator("#loa-search-results > li").count()


def weak_and_strong() -> list[SearchDoc]:
    """One explainer about domestic violence, and twelve that share only a
    word of the question."""
    docs = [doc("bao-luc", "Bạo lực gia đình: chồng đánh vợ", "Chồng đánh vợ là bạo lực gia đình. " * 3)]
    docs += [doc(f"khac-{i}", f"Chuyện khác số {i}", f"Vợ chồng đi chợ, mua rau số {i}.") for i in range(12)]
    return docs


def test_weaker_results_wait_behind_more(open_site) -> None:
    page = open_site(weak_and_strong(), "chồng đánh vợ")
    total = page.evaluate("LoaSearch.last.results")
    assert shown(page) < total and shown(page) < 10
    assert page.locator("#loa-search-results h2 a").first.get_attribute("href").endswith("bai-viet/bao-luc/index.html")
    assert page.locator("#loa-search-more").is_visible()
    page.wait_for_function("() => document.getElementById('loa-search-status').textContent.includes('sát nhất')")


def test_more_keeps_focus_and_says_what_it_added(open_site) -> None:
    docs = [doc(f"bai-{i}", f"Phụ nữ và pháp luật {i}", "phụ nữ " * (1 + i % 3)) for i in range(25)]
    page = open_site(docs, "phụ nữ")
    first = shown(page)
    page.focus("#loa-search-more")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.querySelectorAll('#loa-search-results > li').length > {first}")
    page.wait_for_function("() => document.getElementById('loa-search-status').textContent.startsWith('Đã hiện thêm')")
    if page.locator("#loa-search-more").is_visible():
        assert page.evaluate("document.activeElement.id") == "loa-search-more"
    while page.locator("#loa-search-more").is_visible():
        count = shown(page)
        page.keyboard.press("Enter")
        page.wait_for_function(f"() => document.querySelectorAll('#loa-search-results > li').length > {count}")
    # The button went away: focus is on the first of the results it added last.
    assert page.evaluate("document.activeElement.closest('#loa-search-results > li') !== null")
    assert shown(page) == 25


def marked(page) -> list[str]:
    return page.eval_on_selector_all("#loa-search-results mark", "ms => ms.map(m => m.textContent.toLowerCase())")


def test_small_words_are_never_highlighted_alone(open_site) -> None:
    page = open_site([doc("hoi", "Chồng đánh vợ thì bị xử lý thế nào?", FILLER_TEXT, FILLER_TEXT)],
                     "bị chồng đánh thì phải làm sao")
    words = marked(page)
    assert {"chồng", "đánh"} <= set(words)
    # Alone means not beside a word it forms one of the query's pairs with:
    # the summary's "bị chồng đánh thì phải làm sao" is the question itself.
    title = page.locator("#loa-search-results h2").inner_html()
    assert "<mark>Chồng</mark> <mark>đánh</mark> vợ thì bị" in title


def test_a_small_word_is_highlighted_beside_the_word_it_pairs_with(open_site) -> None:
    text = "Vợ bị đánh. Chồng bị phạt."
    page = open_site([doc("hoi", "Vợ bị đánh thì sao", text, text)], "bị đánh")
    summary = page.locator("#loa-search-results .loa-card__summary").inner_html()
    assert "<mark>bị</mark> <mark>đánh</mark>" in summary  # "bị đánh" is the query's pair
    assert "Chồng bị phạt" in summary  # this "bị" stands alone


def test_a_question_on_the_sample_site_shows_its_best_answers_first(open_site) -> None:
    """The trial's "16 of 16": a whole question no longer lists every explainer."""
    docs = sample_docs()
    page = open_site(docs, "bị chồng đánh thì phải làm sao")
    assert shown(page) < len(docs)
    assert set(marked(page)).isdisjoint({"bị", "thì", "phải", "làm", "sao"})


def test_nothing_found_offers_topics_hotline_and_a_spelling(open_site) -> None:
    docs = [doc("hoa-giai", "Hòa giải ở cơ sở", "Hòa giải viên giúp các bên."),
            doc("ket-hon", "Đăng ký kết hôn", "Đăng ký kết hôn ở xã.")]
    page = open_site(docs, "xyzqw")
    help_box = page.locator("#loa-search-help")
    assert help_box.is_visible()
    assert help_box.locator("a[href^='tel:']").count() == 1
    assert help_box.locator("a[href$='chu-de/index.html']").count() == 1
    assert not page.locator("#loa-search-suggest").is_visible()  # nothing near "xyzqw"
    search(page, "hoa giia")  # two letters swapped
    suggestion = page.locator("#loa-search-suggest a")
    assert suggestion.is_visible() and suggestion.inner_text() == "hoa giai"
    suggestion.click()
    page.wait_for_function(DONE, arg="hoa giai")
    assert page.locator("#loa-search-results h2 a").first.inner_text().startswith("Hòa giải")
    assert not help_box.is_visible()  # answered well now


def test_a_good_answer_shows_no_help(open_site) -> None:
    page = open_site(weak_and_strong(), "bạo lực gia đình")
    assert not page.locator("#loa-search-help").is_visible()


def test_core_is_asked_for_with_the_key_of_the_explainers(open_site, browser, tmp_path: Path) -> None:
    """Caching never leans on Last-Modified: the page names its index."""
    page = open_site(weak_and_strong())
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    key = page.locator("script[data-loa-index]").get_attribute("data-loa-index")
    search(page, "chồng đánh vợ")
    core = [u for u in requested if "/search/core.js" in u]
    assert key and core and all(u.endswith(f"core.js?v={key}") for u in core)
    other = write_site(tmp_path / "other", weak_and_strong()[:5])
    assert (other / "tim-kiem/index.html").read_text(encoding="utf-8").count(f'data-loa-index="{key}"') == 0
