"""Khmer pages in Debian's Chromium (issue 11), over HTTP and from file://:
the page renders in the font the site ships, and Khmer search finds the
right explainer first, with the browser's Intl.Segmenter and without it."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO

pytestmark = pytest.mark.browser

PAGE = "km/hoa-giai-o-co-so-la-gi/index.html"
SEARCH = "km/tim-kiem/index.html"
QUERIES = [tuple(line.split("\t")) for line in (REPO / "tests/data/khmer_queries.tsv").read_text(
    encoding="utf-8").splitlines() if line and not line.startswith("#")]
WORDS_IN_NO_EXPLAINER = ["យន្តហោះ", "កាហ្វេ"]  # airplane, coffee
NO_SEGMENTER = "delete Intl.Segmenter;"
FONT_STATE = """async () => {
  await document.fonts.ready;
  const h1 = document.querySelector(".md-content h1");
  await document.fonts.load('16px "Loa Khmer"', h1.textContent);
  return {
    check: document.fonts.check('16px "Loa Khmer"', h1.textContent),
    loaded: Array.from(document.fonts).filter(f => f.family.includes("Loa Khmer")).map(f => f.status),
    family: getComputedStyle(h1).fontFamily,
    lang: document.documentElement.lang,
  };
}"""


def _page(browser, init: str = ""):
    context = browser.new_context()
    if init:
        context.add_init_script(init)
    page = context.new_page()
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    return context, page, requested


@pytest.fixture(scope="module")
def bases(built_site: Path, serve) -> dict[str, str]:
    return {"http": serve(built_site), "file": built_site.resolve().as_uri() + "/"}


@pytest.mark.parametrize("how", ["http", "file"])
def test_a_khmer_page_renders_in_the_shipped_font(browser, bases, how: str) -> None:
    context, page, requested = _page(browser)
    try:
        page.goto(bases[how] + PAGE)
        state = page.evaluate(FONT_STATE)
    finally:
        context.close()
    assert state["lang"] == "km"
    assert state["family"].startswith('"Loa Khmer"')
    assert state["loaded"] == ["loaded"] and state["check"]
    assert any(u.endswith("assets/loa/km/khmer.woff2") for u in requested)


def test_a_vietnamese_page_loads_no_khmer_font(browser, bases) -> None:
    context, page, requested = _page(browser)
    try:
        page.goto(bases["http"] + "bai-viet/hoa-giai-o-co-so-la-gi/index.html")
        page.evaluate("document.fonts.ready.then(() => 1)")
    finally:
        context.close()
    assert not [u for u in requested if "/km/" in u]


def _results(browser, base: str, init: str = "") -> tuple[bool, dict[str, list[str]]]:
    context, page, _ = _page(browser, init)
    try:
        page.goto(base + SEARCH)
        segmenter = page.evaluate("LoaKmSearch.segmenter()")
        found = {}
        for query in [q for q, _ in QUERIES] + WORDS_IN_NO_EXPLAINER:
            found[query] = page.evaluate("q => LoaKmSearch.run(q)", query.replace("\\u200b", "\u200b"))
    finally:
        context.close()
    return segmenter, found


@pytest.mark.parametrize("init", ["", NO_SEGMENTER], ids=["intl-segmenter", "fallback"])
def test_khmer_queries_put_the_right_explainer_first(browser, bases, init: str) -> None:
    segmenter, found = _results(browser, bases["http"], init)
    assert segmenter is (init == "")  # control: the fallback run really had no Intl.Segmenter
    assert len(QUERIES) >= 40
    right = [q for q, slug in QUERIES if found[q][:1] == [f"km/{slug}/"]]
    wrong = {q: found[q][:2] for q, _ in QUERIES if q not in right}
    assert len(right) >= 0.9 * len(QUERIES), wrong
    for word in WORDS_IN_NO_EXPLAINER:
        assert found[word] == [], word


def test_khmer_search_works_from_a_folder(browser, bases) -> None:
    context, page, _ = _page(browser)
    try:
        page.goto(bases["file"] + SEARCH + "?q=" + "ការចុះបញ្ជីអាពាហ៍ពិពាហ៍")
        page.wait_for_selector("#loa-search-results li a")
        first = page.get_attribute("#loa-search-results li a", "href")
        status = page.text_content("#loa-search-status")
    finally:
        context.close()
    assert first.endswith("km/dang-ky-ket-hon-can-biet/index.html")  # a folder opened from disk needs the file
    assert status.startswith("មាន ") and "អត្ថបទ" in status
