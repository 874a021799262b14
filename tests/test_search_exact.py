"""Nothing lost to compactness: Loa's index against the exact BM25 it
approximates, on the shared corpus (4,242 articles) and its questions.

The exact BM25 and the reader of the compact index are in
bench/lib/search_exact.py. The reader ranks as search.js does; the last test
checks that on the real search page in Chromium, so the comparison is the
page's own. "Nothing measurable" is a margin of 0.005 on recall@5 and MRR@10 on the
1,249 exam questions (their sampling error is about 0.008 on MRR@10), and of
0.03 on the 154 real questions of tests/data/real-questions.jsonl (four
questions; their sampling error on recall@5 is about 0.037).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from search_harness import REPO, corpus_docs, repo_thesaurus, write_site

sys.path.insert(0, str(REPO / "bench" / "lib"))
import search_exact  # noqa: E402 - bench/lib is not a package

from loa.outputs import search  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]
MARGIN = 0.005
REAL_MARGIN = 0.03
REAL = REPO / "tests" / "data" / "real-questions.jsonl"
FORMS = ("query", "query_ascii")


@pytest.fixture(scope="module")
def docs(corpus: Path):
    return corpus_docs(corpus)


@pytest.fixture(scope="module")
def exam(corpus: Path) -> list[dict]:
    with (corpus / "queries-exam.jsonl").open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def real() -> list[dict]:
    with REAL.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


@pytest.fixture(scope="module")
def exact(docs) -> search_exact.ExactBM25:
    return search_exact.ExactBM25(docs)


@pytest.fixture(scope="module")
def files(docs) -> dict[str, bytes]:
    return search.build_index(docs)


def figures(rank, questions: list[dict], form: str) -> dict:
    return search_exact.evaluate((rank(q[form]), [f"bai-viet/{i}/" for i in q["relevant_ids"]]) for q in questions)


def losses(exact, compact, questions: list[dict]) -> dict:
    """What the compact index loses against the exact BM25, per form and figure."""
    out = {}
    for form in FORMS:
        e, c = figures(exact.rank, questions, form), figures(compact.rank, questions, form)
        out[form] = {k: round(e[k] - c[k], 4) for k in ("recall@5", "mrr@10")} | {"exact": e, "compact": c}
    return out


def lost(found: dict, margin: float = MARGIN) -> list[str]:
    return [f"{form} {k}" for form, f in found.items() for k in ("recall@5", "mrr@10") if f[k] > margin]


def test_the_compact_index_loses_nothing_measurable_on_the_exam_questions(exact, files, exam) -> None:
    found = losses(exact, search_exact.CompactIndex(files), exam)
    print("\nexact vs compact, exam questions:", json.dumps(found))
    assert lost(found) == [], found


def test_the_compact_index_loses_nothing_measurable_on_real_questions(exact, files, real) -> None:
    found = losses(exact, search_exact.CompactIndex(files), real)
    print("\nexact vs compact, real questions:", json.dumps(found))
    assert lost(found, REAL_MARGIN) == [], found


def test_a_planted_loss_is_detected(docs, exact, exam, monkeypatch: pytest.MonkeyPatch) -> None:
    """Control: the old cut of pairs to a few postings each must show up."""
    monkeypatch.setattr(search, "PAIR_POSTINGS", 20)
    found = losses(exact, search_exact.CompactIndex(search.build_index(docs)), exam)
    assert lost(found), found


def test_skipping_content_words_is_detected_on_real_questions(docs, exact, real, monkeypatch) -> None:
    """Control: the old share of common syllables (a tenth) must show up."""
    monkeypatch.setattr(search, "COMMON_SHARE", 0.1)
    found = losses(exact, search_exact.CompactIndex(search.build_index(docs)), real)
    assert lost(found, REAL_MARGIN), found


def test_a_query_that_covers_a_title_lifts_that_explainer(monkeypatch: pytest.MonkeyPatch) -> None:
    """Title coverage (TITLE_BOOST), in both rankers, on a small site of its own."""
    def doc(slug: str, title: str, text: str) -> search.SearchDoc:
        return search.SearchDoc(f"bai-viet/{slug}/", title, title, (), text)

    docs = [doc("thoi-hieu", "Thời hiệu thừa kế", "Người thừa kế có quyền yêu cầu chia di sản trong thời hiệu 30 năm."),
            doc("khoi-kien", "Khởi kiện vụ án dân sự tại tòa án nhân dân",
                "Hồ sơ khởi kiện và án phí khi khởi kiện vụ án về thừa kế, thời hiệu."),
            *(doc(f"khac-{i}", f"Bài khác số {i}", "nội dung về việc khác của người dân " * 3) for i in range(8))]
    query = "thời hiệu khởi kiện thừa kế"
    firsts, boost_set = {}, search.TITLE_BOOST
    for boost in (boost_set, 0.0):
        monkeypatch.setattr(search, "TITLE_BOOST", boost)
        compact = search_exact.CompactIndex(search.build_index(docs))
        firsts[boost] = (compact.rank(query, 1), search_exact.ExactBM25(docs).rank(query, 1))
    assert firsts[boost_set] == (["bai-viet/thoi-hieu/"],) * 2
    assert firsts[0.0] == (["bai-viet/khoi-kien/"],) * 2  # the body alone prefers the long phrase


@pytest.mark.browser
def test_the_reader_ranks_as_the_search_page_does(browser, docs, exam, real, tmp_path: Path, serve) -> None:
    """The Python reader and search.js give the same top ten, with the
    repository's thesaurus, on every twentieth exam question and every third
    real one, as written and without diacritics."""
    thesaurus = repo_thesaurus()
    url = serve(write_site(tmp_path / "site", docs, thesaurus))
    compact = search_exact.CompactIndex(search.build_index(docs, thesaurus))
    page = browser.new_page()
    page.goto(url + "tim-kiem/")
    done = "q => document.getElementById('loa-search-results').getAttribute('data-loa-query') === q"
    differ = []
    for q in exam[::20] + real[::3]:
        for form in FORMS:
            page.fill("#loa-search-q", q[form])
            page.wait_for_function(done, arg=q[form])
            shown = page.eval_on_selector_all("#loa-search-results h2 a", "as => as.map(a => a.getAttribute('href'))")
            shown = [h.removeprefix(url) for h in shown]
            # The page shows the strong results first: compare what it shows.
            if shown != compact.rank(q[form])[:len(shown)] or not shown:
                differ.append(q[form])
    page.close()
    assert differ == []
