"""Khmer text (issue 11): words without spaces, invisible separators, typing
order NFC does not repair, legacy fonts, hashtags and sentences."""
from __future__ import annotations

import re
import unicodedata

import pytest

from loa.outputs.posts import hashtag
from loa.text import khmer
from loa.text.plaintext import sentences

COENG = khmer.COENG


def test_icu_finds_the_words_of_a_khmer_sentence() -> None:
    assert khmer.words("ការផ្សះផ្សានៅមូលដ្ឋានគឺជាអ្វី") == ["ការផ្សះផ្សា", "នៅ", "មូលដ្ឋាន", "គឺជា", "អ្វី"]


def test_numbers_and_latin_words_are_folded_as_vietnamese_search_folds_them() -> None:
    assert khmer.words("ច្បាប់លេខ 35/2013/QH13 Hòa giải") == ["ច្បាប់", "លេខ", "35", "2013", "qh13", "hoa", "giai"]


@pytest.mark.parametrize("separator", [khmer.ZWSP, khmer.ZWNJ, khmer.ZWJ, "\u00ad"])
def test_invisible_separators_do_not_change_the_words(separator: str) -> None:
    plain = khmer.words("អំពើហិង្សាក្នុងគ្រួសារ")
    assert khmer.words(f"អំពើ{separator}ហិង្សា{separator}ក្នុង{separator}គ្រួសារ") == plain
    assert all(separator not in w for w in plain)


def test_zwsp_separates_words_and_zwnj_joins() -> None:
    assert khmer.clean("ក\u200bខ\u200cគ") == "ក ខគ"


def test_a_vowel_typed_before_the_coeng_is_found_with_its_fix() -> None:
    wrong = "ស" + "\u17b6" + COENG + "ម"  # ា typed before ្ម
    assert unicodedata.normalize("NFC", wrong) == wrong  # NFC leaves it as typed
    [m] = khmer.order_mistakes("ពាក្យ " + wrong)
    assert (m.kind, m.column, m.fix) == ("mark_before_coeng", 8, COENG + "ម" + "\u17b6")
    assert khmer.fix_order(wrong) == "ស" + COENG + "ម" + "\u17b6"


def test_a_vowel_typed_in_two_parts_is_found() -> None:
    [m] = khmer.order_mistakes("ក" + "\u17c1\u17b6" + "ក")  # េ + ា instead of ោ
    assert (m.kind, m.fix) == ("split_vowel", "\u17c4")


def test_a_register_shifter_after_the_vowel_and_a_stray_coeng_are_found() -> None:
    kinds = [m.kind for m in khmer.order_mistakes("យ" + "\u17b6\u17c9" + "ង ក" + COENG)]
    assert kinds == ["shifter_after_vowel", "stray_coeng"]


def test_a_separator_inside_a_cluster_is_found_and_dropped_by_the_fix() -> None:
    [m] = khmer.order_mistakes("ក" + khmer.ZWSP + "\u17b6 ខ")
    assert m.kind == "mark_after_invisible"
    assert khmer.fix_order("ក" + khmer.ZWSP + "\u17b6") == "កា"
    assert khmer.order_mistakes("ក" + khmer.ZWSP + "ខ") == []  # control: between words it is right


def test_well_typed_khmer_has_no_mistake() -> None:
    # control: the samples' own words, typed in the stored order
    text = "ប្រពន្ធ ស្ត្រី យ៉ាង ត្រូវ សម្ងាត់ ហើយ ម្ដេច ប្រឹក្សា"
    assert khmer.order_mistakes(text) == []


def test_limon_text_is_recognised() -> None:
    # "ថ្ងៃខែឆ្នាំកំណើត" as the Limon font types it (from the kfc converter's README)
    assert khmer.legacy_font("éf¶ExqñaMkMeNIt") == "éf¶ExqñaMkMeNIt"
    assert khmer.legacy_font("**eKaledA** nigBlrdæ rbs´Gñk") is not None


@pytest.mark.parametrize("line", [
    "Luật Hòa giải ở cơ sở năm 2013, số 35/2013/QH13",
    "Gọi đường dây nóng Hội LHPN tỉnh: 0377.672.444",
    "ការផ្សះផ្សាគឺស្ម័គ្រចិត្ត។",
    "https://loa.example/km/hoa-giai/ MkDocs Material",
])
def test_vietnamese_khmer_and_urls_are_not_legacy_text(line: str) -> None:
    assert khmer.legacy_font(line) is None


def test_a_khmer_hashtag_keeps_its_letters_and_marks_whole() -> None:
    assert hashtag("ខ្មែរ") == "#ខ្មែរ"
    assert hashtag("ភាសា\u200bខ្មែរ ។") == "#ភាសាខ្មែរ"  # ZWSP, space and khan would end the tag early
    assert hashtag("Hòa giải cơ sở") == "#HoaGiaiCoSo"  # Vietnamese unchanged


def test_khmer_sentences_end_at_the_khan_with_or_without_a_space() -> None:
    assert sentences("ការផ្សះផ្សាគឺស្ម័គ្រចិត្ត។ គ្មាននរណាបង្ខំ។ចប់") == [
        "ការផ្សះផ្សាគឺស្ម័គ្រចិត្ត។", "គ្មាននរណាបង្ខំ។", "ចប់"]
    assert sentences("Hòa giải. Tự nguyện TP. Sóc Trăng. Xong") == ["Hòa giải.", "Tự nguyện TP. Sóc Trăng.", "Xong"]


def test_a_khmer_list_under_a_heading_is_introduced_with_the_khmer_colon() -> None:
    from loa.text.keypoints import key_points

    body = "## គោលការណ៍ដែលត្រូវចងចាំ\n\n- ស្ម័គ្រចិត្ត។\n- រក្សាការសម្ងាត់។\n"
    points = key_points(body, 3)
    assert points and points[0].startswith("គោលការណ៍ដែលត្រូវចងចាំ៖"), points


def test_loa_doctor_puts_khmer_typing_order_right_and_keeps_the_original(tmp_path) -> None:
    from click.testing import CliRunner

    from loa.adapters.cli import main

    wrong = "ស\u17b6\u17d2ម ក\u17c1\u17b6ក ក\u200b\u17b6\n"
    page = tmp_path / "a.md"
    page.write_text("# ចំណងជើង\n" + wrong, encoding="utf-8")
    seen = CliRunner().invoke(main, ["doctor", str(page)])
    assert {"LOA810", "LOA811", "LOA814"} <= set(re.findall(r"LOA8\d\d", seen.stderr))
    fixed = CliRunner().invoke(main, ["doctor", "--fix", str(page)])
    assert fixed.exit_code == 0, fixed.stderr
    assert page.read_text(encoding="utf-8") == "# ចំណងជើង\n" + "ស\u17d2ម\u17b6 ក\u17c4ក កា\n"
    assert (tmp_path / "a.md.bak").read_text(encoding="utf-8").endswith(wrong)
    assert "1 dòng" in fixed.stdout + fixed.stderr
    again = CliRunner().invoke(main, ["doctor", "--fix", str(page)])
    assert not (tmp_path / "a.md.bak.1").exists(), again.stderr  # nothing left to fix
