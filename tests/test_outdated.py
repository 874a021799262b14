"""Words that went out of date (issue 10 item 5): content/outdated-words.yml,
each use in an explainer a warning with its line and what to write, found
whatever the case, tone placement or normal form; `historical:` marks a
deliberate use; the registry is checked like the other registries."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from click.testing import CliRunner

from conftest import REPO, explainer
from loa.adapters.cli import main
from loa.content import catalog, outdated
from loa.core.model import Explainer, OutdatedWord

TODAY = dt.date(2026, 12, 1)
CAP_HUYEN = OutdatedWord("cap-huyen", ("UBND huyện", "Ủy ban nhân dân cấp huyện"), dt.date(2025, 7, 1),
                         "không còn cấp huyện", "72/2025/QH15", "UBND xã")
REGISTRY = """\
cap-huyen:
  words: [UBND huyện, Ủy ban nhân dân cấp huyện]
  since: 2025-07-01
  number: 72/2025/QH15
  reason: chính quyền địa phương chỉ còn hai cấp
  instead: UBND xã, phường
"""


def article(body: str, title: str = "Hòa giải", historical: tuple[str, ...] = ()) -> Explainer:
    return Explainer(slug="a", path="content/a.md", title=title, summary="Tóm tắt.", audiences=(), topics=(),
                     date=dt.date(2024, 1, 1), body=body, body_line=10, historical=historical,
                     field_lines=(("title", 2), ("summary", 3), ("historical", 8)))


def lines(body: str, **kw) -> list[int]:
    return [u.line for u in outdated.uses(article(body, **kw), outdated.Matcher([CAP_HUYEN]), TODAY)]


@pytest.mark.parametrize("written", [
    "UBND huyện", "UBND HUYỆN", "ubnd huyen", "Ubnd Huyen",
    unicodedata.normalize("NFD", "UBND huyện"),
    "Ủy ban nhân dân cấp huyện", "Uỷ ban nhân dân cấp huyện",  # the tone on either vowel
    "ủy ban nhân dân cấp huyện,", "(UBND  huyện)", "**UBND huyện**", "[UBND huyện](../x/y.md)",
])
def test_every_way_of_writing_it_is_found(written: str) -> None:
    assert lines(f"Nộp hồ sơ ở {written} nơi cư trú.") == [10]


@pytest.mark.parametrize("written", [
    "UBND huyền",  # another word: its marks differ
    "UBND xã", "câu chuyện ở huyện",  # "chuyện" holds the letters of "huyện" but is another word
    "[xem thêm](../ubnd-huyen.md)",  # a link's address is no text a reader sees
    "UBND",
])
def test_other_words_are_not(written: str) -> None:
    assert lines(f"Nộp hồ sơ ở {written} nơi cư trú.") == []


def test_each_line_once_with_its_number_title_and_summary_included() -> None:
    body = "Dòng một.\nUBND huyện và UBND huyện.\n\nỦy ban nhân dân cấp huyện."
    assert lines(body) == [11, 13]
    assert lines("Không có gì.", title="Thủ tục ở UBND huyện") == [2]


def test_a_word_is_outdated_only_from_its_day() -> None:
    later = OutdatedWord("x", ("UBND huyện",), dt.date(2999, 1, 1), "r", "1/2999/QH15", "y")
    assert outdated.uses(article("UBND huyện."), outdated.Matcher([later]), TODAY) == []


def test_a_historical_mark_silences_that_word_only() -> None:
    other = OutdatedWord("thi-tran", ("thị trấn",), dt.date(2025, 6, 16), "r", "72/2025/QH15", "xã, phường")
    e = article("Trước 1/7/2025 nộp ở UBND huyện.\nNay nộp ở thị trấn.", historical=("ubnd huyen",))
    assert [(u.entry.id, u.line) for u in outdated.uses(e, outdated.Matcher([CAP_HUYEN, other]), TODAY)] == [
        ("thi-tran", 11)]
    by_id = article("UBND huyện.", historical=("cap-huyen",))
    assert outdated.uses(by_id, outdated.Matcher([CAP_HUYEN]), TODAY) == []


def check(site, *args: str):
    result = CliRunner().invoke(main, ["check", "--config", str(site.config), *args])
    assert "Traceback" not in result.output + result.stderr
    return result


def test_loa_check_warns_with_the_line_and_what_to_write(make_site) -> None:
    site = make_site({"content/outdated-words.yml": REGISTRY,
                      "content/a.md": explainer() + "\nTrước đây nộp ở ubnd huyen.\n"})
    result = check(site)
    assert result.exit_code == 0  # a warning
    assert ('content/a.md:12: cảnh báo LOA341: "UBND huyện" không còn đúng từ 1/7/2025: chính quyền địa '
            "phương chỉ còn hai cấp (72/2025/QH15)") in result.stderr
    assert "gợi ý: viết UBND xã, phường; nếu cố ý nhắc tên cũ" in result.stderr
    assert check(site, "--strict").exit_code == 1


def test_historical_in_front_matter_and_a_stale_mark(make_site) -> None:
    text = explainer(historical="[UBND huyện, Phòng Tư pháp huyện]") + "\nTrước 1/7/2025 nộp ở UBND huyện.\n"
    site = make_site({"content/outdated-words.yml": REGISTRY, "content/a.md": text})
    result = check(site)
    assert "LOA341" not in result.stderr
    assert ('content/a.md:8: cảnh báo LOA342: "Phòng Tư pháp huyện" ở trường historical không có trong '
            "content/outdated-words.yml") in result.stderr
    unused = make_site({"content/outdated-words.yml": REGISTRY, "content/a.md": explainer(historical="[UBND huyện]")})
    assert "không còn xuất hiện trong bài" in check(unused).stderr


# Khmer explainers (issue 11): the words are Vietnamese; a Khmer text that
# quotes a body in Vietnamese spelling is warned about like a Vietnamese one.
KHMER_BODY = "\nបងប្អូនស្ត្រីអាចដាក់ពាក្យនៅ {name}។\n"


def khmer(name: str, **fields: str) -> str:
    return explainer("តើការផ្សះផ្សាជាអ្វី?", lang="km", translates="a", summary="ការផ្សះផ្សាជួយប្រជាជន។",
                     date="2026-12-01", **fields) + KHMER_BODY.format(name=name)


def test_a_khmer_explainer_quoting_an_outdated_vietnamese_name_is_warned_at_its_line(make_site) -> None:
    site = make_site({"content/outdated-words.yml": REGISTRY, "content/a.md": explainer(),
                      "content/a.km.md": khmer("UBND huyện Mỹ Xuyên")})
    result = check(site)
    assert result.exit_code == 0, result.stderr
    assert 'content/a.km.md:14: cảnh báo LOA341: "UBND huyện" không còn đúng từ 1/7/2025' in result.stderr


def test_a_khmer_explainer_naming_the_new_body_or_marking_the_old_one_is_not(make_site) -> None:
    for text in (khmer("UBND xã Mỹ Xuyên"), khmer("UBND huyện Mỹ Xuyên", historical="[UBND huyện]")):
        site = make_site({"content/outdated-words.yml": REGISTRY, "content/a.md": explainer(),
                          "content/a.km.md": text})
        assert "LOA341" not in check(site).stderr


def test_the_khmer_samples_quote_no_outdated_vietnamese_word() -> None:
    found = catalog.load(REPO)
    khmer_samples = [e for e in found.explainers if e.lang == "km"]
    assert khmer_samples
    matcher = outdated.Matcher(found.outdated)
    assert [(e.path, u.line, u.word) for e in khmer_samples for u in outdated.uses(e, matcher, TODAY)] == []


def test_a_withdrawn_explainer_is_not_warned_about(make_site) -> None:
    text = explainer(withdrawn="{date: 2025-07-01, reason: Cũ}") + "\nNộp ở UBND huyện.\n"
    site = make_site({"content/outdated-words.yml": REGISTRY, "content/a.md": text})
    assert "LOA341" not in check(site).stderr


@pytest.mark.parametrize("entry, code, words", [
    (REGISTRY.replace("  instead: UBND xã, phường\n", ""), "LOA340", 'thiếu trường "instead"'),
    (REGISTRY.replace("2025-07-01", "1 tháng 7"), "LOA340", "since không đúng định dạng"),
    (REGISTRY.replace("2025-07-01", "31/6/2025"), "LOA340", "không có ngày 31"),
    (REGISTRY.replace("words: [UBND huyện, Ủy ban nhân dân cấp huyện]", "words: [1, {a: b}]"), "LOA340", "words"),
    (REGISTRY + "  nguon: x\n", "LOA340", 'không có trường "nguon"'),
    (REGISTRY.replace("chính quyền địa phương chỉ còn hai cấp", "dài " * 200), "LOA175", "reason"),
    ("Cấp Huyện:\n  words: [x]\n", "LOA172", "cap-huyen"),
])
def test_a_bad_registry_entry_is_an_error(make_site, entry: str, code: str, words: str) -> None:
    site = make_site({"content/outdated-words.yml": entry, "content/a.md": explainer()})
    result = check(site)
    assert result.exit_code == 1
    assert f"content/outdated-words.yml:1: lỗi {code}:" in result.stderr and words in result.stderr, result.stderr


def test_the_registry_is_refused_by_its_size_before_it_is_read(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    with (site.root / "content/outdated-words.yml").open("wb") as f:
        f.truncate(6_000_000)  # sparse: nothing is written, a reader sees the size
    result = check(site)
    assert result.exit_code == 1 and "content/outdated-words.yml:1: lỗi LOA173:" in result.stderr


def test_no_registry_is_nothing_to_check(make_site) -> None:
    site = make_site({"content/a.md": explainer() + "\nNộp ở UBND huyện.\n"})
    assert catalog.load(site.root).outdated == () and "LOA341" not in check(site).stderr


def test_the_repositorys_registry_is_clean_and_every_entry_names_its_text_and_source() -> None:
    found = catalog.load(REPO)
    assert not [p for p in found.problems if "outdated-words" in p.path]
    assert {w.id for w in found.outdated} >= {"tinh-soc-trang", "cap-huyen", "thi-tran"}
    text = (REPO / "content/outdated-words.yml").read_text(encoding="utf-8")
    for w in found.outdated:
        assert re.fullmatch(r"\d+/\d{4}/[A-Z0-9Đ-]+", w.number), w.number
        comment = text[:text.index(f"\n{w.id}:")].rsplit("\n\n", 1)[-1]
        assert comment.startswith("# Nguồn:") and w.number in comment, w.id


def test_a_previews_cache_rereads_only_what_changed() -> None:
    plain, used = article("Không có gì."), article("Nộp ở UBND huyện.")
    cache: dict = {}
    assert [p.line for p in outdated.problems([plain, used], [CAP_HUYEN], TODAY, cache=cache)] == [10]
    assert len(cache) == 2
    edited = article("Không có gì.\nNay nộp ở UBND huyện.")
    found = outdated.problems([edited, used], [CAP_HUYEN], TODAY, cache=cache)
    assert [p.line for p in found] == [11, 10] and len(cache) == 2  # the old value of `plain` dropped out
    later = OutdatedWord(**{**CAP_HUYEN.__dict__, "since": dt.date(2999, 1, 1)})
    assert outdated.problems([edited, used], [later], TODAY, cache=cache) == []  # a new registry, read again


def test_where_two_entries_overlap_the_longer_is_the_one_reported() -> None:
    court = OutdatedWord("toa-an", ("Tòa án nhân dân cấp huyện",), dt.date(2025, 7, 1), "r", "81/2025/QH15",
                         "Tòa án nhân dân khu vực")
    district = OutdatedWord("cap-huyen", ("cấp huyện",), dt.date(2025, 7, 1), "r", "72/2025/QH15", "cấp xã")
    matcher = outdated.Matcher([district, court])
    found = outdated.uses(article("Nộp đơn ở Tòa án nhân dân cấp huyện.\nViệc này của cấp huyện."), matcher, TODAY)
    assert [(u.entry.id, u.line) for u in found] == [("toa-an", 10), ("cap-huyen", 11)]
