"""The index builder (loa/search.py): files, format, weights, spellings.

A small decoder here reads the files back the way search.js does, so the
format is pinned from both ends.
"""
from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

from loa.outputs import search
from loa.text.folding import fold_table
from loa.outputs.search import SearchDoc, build_index, fnv1a
from loa.outputs.search_page import page_body as search_page_body

ROOT = search.ROOT


def doc(slug: str, title: str, text: str = "", summary: str = "", audiences: tuple[str, ...] = ()) -> SearchDoc:
    return SearchDoc(f"bai-viet/{slug}/", title, summary or title, audiences, text)


DOCS = [
    doc("hoa-giai", "Hòa giải ở cơ sở là gì?", "Hòa giải viên giúp hai bên thương lượng.", audiences=("Phụ nữ nông thôn",)),
    doc("hoa-don", "Hóa đơn tiền điện", "Hóa đơn ghi rõ số tiền."),
    doc("ket-hon", "Đăng ký kết hôn", "Đăng ký kết hôn ở UBND xã, hòa thuận."),
    doc("bao-luc", "Chồng đánh vợ thì bị xử lý thế nào?", "Bạo lực gia đình bị nghiêm cấm."),
]


def loaded(files: dict[str, bytes], name: str):
    text = files[f"{ROOT}{name}.js"].decode("utf-8")
    match = re.fullmatch(r'LoaSearch\.add\("([^"]+)",(.*)\);\n', text, re.S)
    assert match and match.group(1) == name
    return json.loads(match.group(2))


def gaps(data: str, value: dict[str, int], fields: int) -> list[tuple[int, ...]]:
    """(explainer number, then `fields` one-digit fields) for each item of a
    list whose items start with the gap varint to the previous explainer."""
    items, i, d = [], 0, -1
    while i < len(data):
        gap, shift = 0, 0
        while value[data[i]] >= 32:
            gap += (value[data[i]] - 32) << shift
            shift, i = shift + 5, i + 1
        d += gap + (value[data[i]] << shift) + 1
        items.append((d, *(value[c] for c in data[i + 1:i + 1 + fields])))
        i += 1 + fields
    return items


def decode(entry: str, digits: str) -> tuple[str, list[str], list[tuple[int, int, int]]]:
    term, spellings, _scale, data, _titles = entry.split("|")
    spellings = spellings.split(",")
    value = {c: i for i, c in enumerate(digits)}
    if len(spellings) > 1:
        return term, spellings, gaps(data, value, 2)
    return term, spellings, [(d, w, 1) for d, w in gaps(data, value, 1)]


def titles_of(files: dict[str, bytes], term: str) -> dict[str, int]:
    """URL -> the share of its title (1..LEVELS) that `term` holds."""
    core = loaded(files, "core")
    name = f"w/{core['words'].split(' ').index(term)}"
    entry = next(e for e in loaded(files, name) if e.startswith(term + "|"))
    value = {c: i for i, c in enumerate(core["digits"])}
    shares = gaps(entry.split("|")[4], value, 1)
    return dict(zip(urls_of(files, [d for d, _ in shares]), [s for _, s in shares]))


def lookup(files: dict[str, bytes], term: str):
    core = loaded(files, "core")
    if " " in term:
        name = f"b/{fnv1a(term) % core['pairFiles']}"
    else:
        name = f"w/{core['words'].split(' ').index(term)}"
    entries = [e for e in loaded(files, name) if e.startswith(term + "|")]
    assert len(entries) == 1
    return decode(entries[0], core["digits"])


def urls_of(files: dict[str, bytes], docs: list[int]) -> list[str]:
    core = loaded(files, "core")
    return [loaded(files, f"m/{d // core['group']}")[d % core["group"]][0] for d in docs]


def test_the_same_explainers_in_any_order_give_the_same_bytes() -> None:
    shuffled = DOCS[:]
    random.Random(3).shuffle(shuffled)
    assert build_index(DOCS) == build_index(shuffled)


def test_files_are_scripts_that_register_themselves() -> None:
    files = build_index(DOCS)
    assert f"{ROOT}core.js" in files
    for path in files:
        name = path.removeprefix(ROOT).removesuffix(".js")
        assert re.fullmatch(r"core|[wbm]/\d+", name), path
        loaded(files, name)


def test_core_carries_the_folding_table_and_vocabulary() -> None:
    files = build_index(DOCS)
    core = loaded(files, "core")
    assert core["fold"] == {c: list(v) for c, v in fold_table().items()}
    assert core["docs"] == 4
    vocabulary = core["words"].split(" ")
    assert vocabulary == sorted(vocabulary) and "hoa" in vocabulary and "dang" in vocabulary
    assert core["id"] != loaded(build_index(DOCS[:3]), "core")["id"]


def test_a_term_lists_the_explainers_that_contain_it() -> None:
    files = build_index(DOCS)
    _, _, postings = lookup(files, "ket")
    assert urls_of(files, [d for d, _, _ in postings]) == ["bai-viet/ket-hon/"]
    _, _, postings = lookup(files, "hoa giai")
    assert urls_of(files, [d for d, _, _ in postings]) == ["bai-viet/hoa-giai/"]
    _, _, postings = lookup(files, "hoa")
    assert urls_of(files, [d for d, _, _ in postings]) == ["bai-viet/hoa-don/", "bai-viet/hoa-giai/", "bai-viet/ket-hon/"]


def test_spellings_say_who_wrote_hoa_and_who_hoa_with_another_tone() -> None:
    files = build_index(DOCS)
    _, spellings, postings = lookup(files, "hoa")
    assert set(spellings) == {"2", "1"}  # hòa, hóa
    by_url = dict(zip(urls_of(files, [d for d, _, _ in postings]), [m for _, _, m in postings]))
    assert by_url["bai-viet/hoa-giai/"] == 1 << spellings.index("2")
    assert by_url["bai-viet/hoa-don/"] == 1 << spellings.index("1")
    _, spellings, _ = lookup(files, "dang ky")
    assert spellings == ["đă 1"]


def test_more_occurrences_weigh_more_and_weights_fit_one_digit() -> None:
    docs = [doc("mot", "Một", "hòa giải " + "khác " * 20), doc("ba", "Ba", "hòa giải " * 3 + "khác " * 14)]
    files = build_index(docs)
    _, _, postings = lookup(files, "giai")
    weight = dict(zip(urls_of(files, [d for d, _, _ in postings]), [w for _, w, _ in postings]))
    assert weight["bai-viet/ba/"] > weight["bai-viet/mot/"]
    assert all(1 <= w <= search.LEVELS for _, w, _ in postings)
    assert max(w for _, w, _ in postings) == search.LEVELS  # levels are of the term's own best


def test_a_term_carries_its_best_weight_as_a_scale() -> None:
    files = build_index(DOCS)
    core = loaded(files, "core")
    scales = {}
    for term in ("hoa", "hoa giai", "ket"):
        name = f"b/{fnv1a(term) % core['pairFiles']}" if " " in term else f"w/{core['words'].split(' ').index(term)}"
        entry = next(e for e in loaded(files, name) if e.startswith(term + "|"))
        scales[term] = sum((core["digits"].index(c) % 32) << 5 * i for i, c in enumerate(entry.split("|")[2]))
    assert all(1 <= s <= search.SCALE for s in scales.values())
    assert scales["hoa"] < scales["ket"]  # "hoa" is in three explainers of four, "kết" in one


def test_only_the_best_postings_of_a_term_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "WORD_POSTINGS", 2)
    docs = [doc(f"d{i}", f"Bài {i}", "luật " * i + "khác " * (20 - i)) for i in range(1, 6)]
    files = build_index(docs)
    _, _, postings = lookup(files, "luat")
    assert sorted(urls_of(files, [d for d, _, _ in postings])) == ["bai-viet/d4/", "bai-viet/d5/"]


def test_a_syllable_lists_the_titles_it_covers_with_its_share() -> None:
    docs = [doc("trom", "Tội trộm cắp tài sản (Điều 173 Bộ luật Hình sự)", "Người nào lén lút lấy tài sản."),
            doc("cuop", "Tội cướp tài sản", "Dùng vũ lực để lấy tài sản, bị xử lý theo Điều 168."),
            doc("khac", "Hòa giải", "tài sản tài sản tài sản")]
    files = build_index(docs)
    trom = titles_of(files, "trom")
    assert trom == {"bai-viet/trom/": trom["bai-viet/trom/"]}  # in one title, not in the bodies' lists
    shares = [titles_of(files, t).get("bai-viet/trom/", 0) for t in ("toi", "trom", "cap", "tai", "san")]
    assert all(1 <= s <= search.LEVELS for s in shares)
    assert abs(sum(shares) - search.LEVELS) <= len(shares)  # a title's shares add up to all of it
    assert shares[1] > shares[0]  # "trộm" is rarer than "tội", so it holds more of the title
    assert "bai-viet/trom/" not in titles_of(files, "dieu")  # the parenthesis says where, not what
    assert "bai-viet/khac/" not in titles_of(files, "tai")  # a body is not a title


def test_a_glossary_entry_has_no_title_share() -> None:
    docs = [doc("hoa-giai", "Hòa giải ở cơ sở là gì?", "Hòa giải viên giúp hai bên."),
            SearchDoc("thuat-ngu/#hoa-giai-vien", "Hòa giải viên", "Người giúp hai bên.", (), "", title_counts=False)]
    files = build_index(docs)
    assert set(titles_of(files, "vien")) == set()
    assert set(titles_of(files, "hoa")) == {"bai-viet/hoa-giai/"}


def test_title_subject_drops_only_a_trailing_parenthesis() -> None:
    assert search.title_subject("Tội trộm cắp tài sản (Điều 173 Bộ luật Hình sự 2015)") == "Tội trộm cắp tài sản"
    assert search.title_subject("Quyền (và nghĩa vụ) của vợ chồng") == "Quyền (và nghĩa vụ) của vợ chồng"
    assert search.title_subject("(Điều 5)") == "(Điều 5)"  # nothing else to go on


def test_common_syllables_are_listed_for_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(search, "COMMON_MIN", 1)
    monkeypatch.setattr(search, "COMMON_SHARE", 0.5)
    docs = [doc(f"d{i}", f"Bài số {i}", "của " + ("hiếm" if i == 0 else "")) for i in range(6)]
    core = loaded(build_index(docs), "core")
    assert set(core["common"].split()) == {"bai", "so", "cua"}


def test_every_pair_file_the_browser_may_ask_for_exists() -> None:
    """search.js asks for the shard of any two known syllables side by side;
    with few pairs a shard can be empty, and its file must still be there."""
    files = build_index(DOCS)
    core = loaded(files, "core")
    assert core["pairFiles"] > 1
    for h in range(core["pairFiles"]):
        loaded(files, f"b/{h}")


def test_pair_files_grow_with_the_site_in_powers_of_two() -> None:
    assert search.pair_files(0) == 1
    assert search.pair_files(search.PAIRS_PER_FILE * 100) == 128
    assert search.pair_files(10**9) == search.MAX_PAIR_FILES


def test_fnv1a_matches_the_published_test_vectors() -> None:
    assert fnv1a("") == 0x811C9DC5
    assert fnv1a("a") == 0xE40C292C
    assert fnv1a("foobar") == 0xBF9CF968


def test_no_explainers_still_gives_a_working_core() -> None:
    files = build_index([])
    assert list(files) == [f"{ROOT}core.js"]
    assert loaded(files, "core")["docs"] == 0


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts_with_text = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        if self.tags and self.tags[-1][0] == "script" and data.strip():
            self.scripts_with_text += 1


def test_search_page_body_is_labelled_announced_and_loads_only_search_js() -> None:
    outline = _Outline()
    outline.feed(search_page_body())
    tags = outline.tags
    by_id = {a.get("id"): (t, a) for t, a in tags if a.get("id")}
    field = by_id["loa-search-q"][1]
    assert field["name"] == "q"
    assert any(t == "label" and a.get("for") == "loa-search-q" for t, a in tags)
    assert any(t == "form" and a.get("role") == "search" for t, a in tags)
    status = by_id["loa-search-status"][1]
    assert status["role"] == "status" and status["aria-live"] == "polite"
    assert by_id["loa-search-results"][0] == "ol"
    assert [a["src"] for t, a in tags if t == "script"] == ["../assets/loa/search.js"]
    assert outline.scripts_with_text == 0  # the CSP allows no inline script
    results = tags.index(by_id["loa-search-results"])
    assert not any(t == "a" for t, _ in tags[:results])  # results are the first links
    assert "hidden" in by_id["loa-search-suggest"][1]  # "did you mean" waits for a word the site lacks
    assert "hidden" in by_id["loa-search-help"][1]  # the ways forward wait for a weak search


def test_search_imports_neither_mkdocs_nor_click() -> None:
    code = "import sys, loa.outputs.search; sys.exit(any(m in sys.modules for m in ('mkdocs', 'click')))"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_line_separators_in_titles_are_escaped_for_older_browsers() -> None:
    files = build_index([doc("la", "Dòng\u2028mới\u2029đây")])
    assert not any("\u2028" in c.decode("utf-8") or "\u2029" in c.decode("utf-8") for c in files.values())
    assert loaded(files, "m/0")[0][1] == "Dòng\u2028mới\u2029đây"
