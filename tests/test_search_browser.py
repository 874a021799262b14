"""The search page in real Chromium, over HTTP and from a folder (file://).

The site is the repository's own, built once by `loa build` (conftest's
built_site); expectations are taken from the sample explainers' titles, so
new sample content does not break the tests.
"""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from search_harness import Transfers, sample_docs, write_site

pytestmark = pytest.mark.browser

DONE = "q => document.getElementById('loa-search-results').getAttribute('data-loa-query') === q"
RESULT_URLS = "links => links.map(a => a.getAttribute('href'))"


@pytest.fixture(scope="module")
def docs():
    return sample_docs()


@pytest.fixture(params=["http", "file"])
def base(request, built_site: Path, site_url: str) -> str:
    return site_url if request.param == "http" else built_site.as_uri() + "/"


def search_url(base: str, query: str = "") -> str:
    page = "tim-kiem/" if base.startswith("http") else "tim-kiem/index.html"
    return base + page + (f"?q={query}" if query else "")


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


def search(page, query: str) -> list[str]:
    page.fill("#loa-search-q", query)
    return results(page, query)


def results(page, query: str) -> list[str]:
    """Slugs of the shown explainers once the search for `query` is done
    (the glossary's entries, thuat-ngu/#term, are results too, but not
    explainers)."""
    page.wait_for_function(DONE, arg=query)
    hrefs = page.eval_on_selector_all("#loa-search-results h2 a", RESULT_URLS)
    return [h.removesuffix("index.html").rstrip("/").rsplit("/", 1)[-1] for h in hrefs if "#" not in h]


def slugs(docs, words: str) -> set[str]:
    return {d.url.rstrip("/").rsplit("/", 1)[-1] for d in docs if words in d.title.lower()}


MEDIATION = ["hòa giải", "hoà giải", "hoa giai", "HÒA GIẢI", unicodedata.normalize("NFD", "hòa giải")]


@pytest.mark.parametrize("query", MEDIATION, ids=["nfc", "old-tone-placement", "ascii", "upper", "nfd"])
def test_mediation_explainers_come_first_however_typed(page, base: str, docs, query: str) -> None:
    mediation = slugs(docs, "hòa giải")
    assert len(mediation) >= 2
    page.goto(search_url(base))
    assert set(search(page, query)[: len(mediation)]) == mediation


def test_dang_ky_ket_hon_finds_marriage_registration(page, base: str, docs) -> None:
    page.goto(search_url(base))
    assert search(page, "dang ky ket hon")[0] in slugs(docs, "đăng ký kết hôn")


def test_a_whole_question_finds_the_domestic_violence_explainer(page, base: str, docs) -> None:
    page.goto(search_url(base))
    assert search(page, "chồng đánh vợ thì bị xử lý thế nào")[0] in slugs(docs, "chồng đánh vợ")
    assert search(page, "chong danh vo thi bi xu ly the nao")[0] in slugs(docs, "chồng đánh vợ")


def test_a_question_about_foreign_marriage_finds_both_marriage_explainers(page, base: str) -> None:
    page.goto(search_url(base))
    found = search(page, "thủ tục đăng ký kết hôn với người nước ngoài")
    assert {"ket-hon-voi-nguoi-nuoc-ngoai", "dang-ky-ket-hon-can-biet"} == set(found[:2])


def test_pasted_text_searches_without_any_key_event(page, base: str, docs) -> None:
    page.goto(search_url(base))
    page.evaluate("""() => {
        const field = document.getElementById('loa-search-q');
        field.value = 'hòa giải';
        field.dispatchEvent(new Event('input', {bubbles: true}));
    }""")
    assert results(page, "hòa giải")[0] in slugs(docs, "hòa giải")
    page.evaluate("""() => {
        const field = document.getElementById('loa-search-q');
        field.focus();
        field.select();
        document.execCommand('insertText', false, 'đăng ký kết hôn');
    }""")
    assert results(page, "đăng ký kết hôn")[0] in slugs(docs, "đăng ký kết hôn")


def test_a_linked_search_shows_results_as_the_first_links(page, base: str, docs) -> None:
    page.goto(search_url(base, "hoa+giai"))
    found = results(page, "hoa giai")
    assert found[0] in slugs(docs, "hòa giải")
    assert page.input_value("#loa-search-q") == "hoa giai"
    first = page.evaluate("document.querySelector('article a') === document.querySelector('#loa-search-results a')")
    assert first


def test_results_show_title_summary_audiences_and_accented_highlights(page, base: str) -> None:
    page.goto(search_url(base, "hoa+giai"))
    results(page, "hoa giai")
    card = page.locator("#loa-search-results > li").first
    assert card.locator("h2 a").count() == 1
    assert card.locator("p.loa-card__summary").inner_text()
    assert card.locator("p.loa-card__meta").inner_text().startswith("Dành cho: ")
    marked = page.eval_on_selector_all("#loa-search-results mark", "ms => ms.map(m => m.textContent.toLowerCase())")
    assert {"hòa", "giải"} <= set(marked)


def test_results_are_announced_in_a_live_region(page, base: str) -> None:
    page.goto(search_url(base))
    status = page.locator("#loa-search-status")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    search(page, "hòa giải")
    page.wait_for_function("() => document.getElementById('loa-search-status').textContent.startsWith('Có ')")
    search(page, "xyzxyz")
    page.wait_for_function("() => document.getElementById('loa-search-status').textContent.startsWith('Không tìm thấy')")


def test_the_keyboard_alone_searches_and_reaches_the_results(page, base: str) -> None:
    page.goto(search_url(base))
    page.keyboard.press("Tab")  # the harness page has the header form first
    while page.evaluate("document.activeElement.id") != "loa-search-q":
        page.keyboard.press("Tab")
    page.keyboard.type("hoa giai")
    page.keyboard.press("Enter")
    results(page, "hoa giai")
    page.keyboard.press("Tab")  # the button
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement === document.querySelector('#loa-search-results a')")
    assert focused


def test_more_results_on_request(page, base: str) -> None:
    """At most ten at first, fewer when the rest score under half the best
    (tests/test_search_trust.py); the button brings the others."""
    page.goto(search_url(base))
    search(page, "phụ nữ")
    shown = page.locator("#loa-search-results > li").count()
    more = page.locator("#loa-search-more")
    assert 1 <= shown <= 10 and more.is_visible()
    assert page.evaluate("LoaSearch.last.results") > shown
    more.click()
    page.wait_for_function(f"() => document.querySelectorAll('#loa-search-results > li').length > {shown}")


def test_the_header_form_leads_to_the_search_page(page, base: str, docs) -> None:
    explainer = next(d for d in docs if "chồng đánh vợ" in d.title.lower())
    suffix = "" if base.startswith("http") else "index.html"
    page.goto(base + explainer.url + suffix)
    page.fill("#loa-header-q", "hoa giai")
    page.press("#loa-header-q", "Enter")
    assert results(page, "hoa giai")[0] in slugs(docs, "hòa giải")


def test_no_index_is_downloaded_without_a_search(page, base: str, built_site: Path, docs) -> None:
    transfers = Transfers(page, built_site, base)
    page.goto(base + docs[0].url + ("" if base.startswith("http") else "index.html"))
    page.wait_for_load_state("load")
    assert transfers.paths() == []  # an explainer loads no search code at all
    page.goto(search_url(base))
    page.wait_for_timeout(300)
    assert transfers.paths() == ["assets/loa/search.js"]
    search(page, "hòa giải")
    assert transfers.index_files()


def test_exact_spelling_ranks_first_when_the_reader_types_diacritics(browser, tmp_path: Path) -> None:
    """On a two-explainer site of its own: the sample content has no hóa/hòa pair."""
    from loa.outputs.search import SearchDoc

    docs = [
        SearchDoc("bai-viet/hoa/", "Hòa thuận trong nhà", "Hòa thuận, hòa giải, hòa hợp.", (), "Hòa thuận hòa hợp."),
        SearchDoc("bai-viet/hoa-don/", "Hóa đơn tiền điện", "Giữ hóa đơn.", (), "Hóa đơn ghi số tiền."),
    ]
    site = write_site(tmp_path, docs)
    page = browser.new_page()
    page.goto(site.as_uri() + "/tim-kiem/index.html")
    assert search(page, "hóa")[0] == "hoa-don"
    assert search(page, "hòa")[0] == "hoa"
    assert set(search(page, "hoa")) == {"hoa", "hoa-don"}
    page.close()
