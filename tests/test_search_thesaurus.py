"""The search thesaurus, content/thesaurus.yml: the authors' list of the
words readers use, read and checked (loa/content/thesaurus.py), sent to the
browser with the index (loa/outputs/search.py), applied by search.js.

Each code's smallest case is in tests/test_every_code.py; these tests cover
what the registry means and how the page uses it.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from loa.content import thesaurus
from loa.core.model import ThesaurusEntry
from loa.outputs import search
from loa.outputs.search import SearchDoc
from search_harness import REPO, repo_thesaurus, write_site

sys.path.insert(0, str(REPO / "bench" / "lib"))
import search_exact  # noqa: E402

DONE = "q => document.getElementById('loa-search-results').getAttribute('data-loa-query') === q"


def read(tmp_path: Path, text: str):
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content" / thesaurus.NAME).write_text(text, encoding="utf-8")
    problems: list = []
    entries = thesaurus.load(tmp_path, tmp_path / "content", problems)
    return entries, problems


def test_same_as_gives_an_entry_the_words_of_another(tmp_path: Path) -> None:
    entries, problems = read(tmp_path, "ly-hon:\n  words: [ly hôn]\n  readers: [bỏ chồng]\n"
                                       "chia-tay:\n  same_as: ly-hon\n  readers: [chia tay chồng]\n"
                                       "bo-nhau:\n  same_as: chia-tay\n  readers: [bỏ nhau]\n")
    assert problems == []
    assert [(e.id, e.words, e.readers) for e in entries] == [
        ("ly-hon", ("ly hôn",), ("bỏ chồng",)), ("chia-tay", ("ly hôn",), ("chia tay chồng",)),
        ("bo-nhau", ("ly hôn",), ("bỏ nhau",))]


def test_a_longer_loop_is_named_in_full(tmp_path: Path) -> None:
    _, problems = read(tmp_path, "a:\n  same_as: b\n  readers: [x]\n" "b:\n  same_as: c\n  readers: [y]\n"
                                 "c:\n  same_as: a\n  readers: [z]\n")
    assert [p.code for p in problems] == ["LOA621"] * 3
    assert "a → b → c → a" in problems[0].message


def test_a_phrase_twice_is_found_however_it_is_typed(tmp_path: Path) -> None:
    """Case, spaces, NFD and the tone's place are the same phrase; other
    marks are another ("đẻ" is not "để")."""
    _, problems = read(tmp_path, "a:\n  words: [thai sản]\n  readers: [nghỉ đẻ, Nghỉ  đẻ, nghỉ để]\n"
                                 "b:\n  words: [ly hôn]\n  readers: [nghi\u0309 \u0111e\u0309]\n")
    assert [(p.code, p.line) for p in problems] == [("LOA622", 1), ("LOA622", 4)]
    assert "dòng 1" in problems[1].message


def test_no_registry_is_no_thesaurus(tmp_path: Path) -> None:
    problems: list = []
    assert thesaurus.load(tmp_path, tmp_path, problems) == () and problems == []


def test_the_repository_list_is_seeded_and_clean() -> None:
    entries = repo_thesaurus()
    assert sum(len(e.readers) for e in entries) >= 150
    assert {"bỏ chồng", "nghỉ đẻ", "bao lâu", "mức phạt", "là gì"} <= {r for e in entries for r in e.readers}


def rules(*entries: ThesaurusEntry):
    files = search.build_index([SearchDoc("bai-viet/a/", "Lương và lượng", "Tiền lương", (), "lương lượng")],
                               entries)
    return search_exact.CompactIndex(files)


def test_one_syllable_fires_only_when_spelled_exactly() -> None:
    index = rules(ThesaurusEntry("tien-luong", ("tiền lương",), ("lương",)),
                  ThesaurusEntry("ly-hon", ("ly hôn",), ("bỏ chồng",)))
    assert index.expansions(search.words("lương tháng này")) == ["tiền lương"]
    assert index.expansions(search.words("luong thang nay")) == []  # could be "lượng"
    assert index.expansions(search.words("lượng")) == []
    assert index.expansions(search.words("BO CHONG thi sao")) == ["ly hôn"]  # two syllables fire unmarked


def test_the_longest_phrase_wins() -> None:
    index = rules(ThesaurusEntry("danh", ("cố ý gây thương tích",), ("chồng đánh",)),
                  ThesaurusEntry("bao-luc", ("bạo lực gia đình",), ("bị chồng đánh",)))
    assert index.expansions(search.words("bị chồng đánh thì sao")) == ["bạo lực gia đình"]


def test_added_terms_weigh_less_than_the_readers_own() -> None:
    index = rules(ThesaurusEntry("x", ("tiền lương",), ("nợ lương",)))
    factors = {t[0]: t[3] for t in index.query_terms("nợ lương")[0]}
    assert factors["luong"] == 1.0 and factors["tien"] == search.ALSO < 1.0


@pytest.mark.browser
def test_a_readers_phrase_finds_the_law_word_and_says_so(browser, tmp_path: Path) -> None:
    docs = [SearchDoc("bai-viet/ly-hon/", "Ly hôn thì con ở với ai?", "Khi ly hôn, con dưới 36 tháng ở với mẹ.", (),
                      "Ly hôn và nuôi con."),
            SearchDoc("bai-viet/cho/", "Đi chợ", "Chồng đi chợ.", (), "Chồng đi chợ mua rau.")]
    site = write_site(tmp_path, docs, repo_thesaurus())
    page = browser.new_page()
    page.goto(site.as_uri() + "/tim-kiem/index.html")
    for query in ("bỏ chồng", "bo chong"):
        page.fill("#loa-search-q", query)
        page.wait_for_function(DONE, arg=query)
        assert page.locator("#loa-search-results h2 a").first.get_attribute("href").endswith("ly-hon/index.html")
        also = page.locator("#loa-search-also")
        assert also.is_visible() and also.inner_text() == "Cũng tìm: ly hôn"
    marks = page.eval_on_selector_all("#loa-search-results mark", "ms => ms.map(m => m.textContent)")
    assert {"Ly", "hôn"} <= set(marks)  # the added words are highlighted too
    # An added word is highlighted only as the thesaurus spells it.
    page.fill("#loa-search-q", "bị chồng đánh")
    page.wait_for_function(DONE, arg="bị chồng đánh")
    summaries = page.locator("#loa-search-results").inner_html()
    assert "<mark>chồng</mark>" in summaries.lower() or "<mark>Chồng</mark>" in summaries
    page.fill("#loa-search-q", "đi chợ")
    page.wait_for_function(DONE, arg="đi chợ")
    assert not page.locator("#loa-search-also").is_visible()
    page.close()
