"""One folding rule for Python and the browser (loa/folding.py, search.js).

The expected values come from a table written out by hand, not from
Unicode data, so a mistake in the rule cannot hide in its own test.
"""
from __future__ import annotations

import random
import re
import unicodedata

import pytest
from hypothesis import given, strategies as st

from loa.text.folding import fold, fold_table, words

# Every Vietnamese vowel with its six tones: ngang, sắc, huyền, hỏi, ngã, nặng.
VOWELS = {
    "a": "aáàảãạ", "ă": "ăắằẳẵặ", "â": "âấầẩẫậ", "e": "eéèẻẽẹ", "ê": "êếềểễệ",
    "i": "iíìỉĩị", "o": "oóòỏõọ", "ô": "ôốồổỗộ", "ơ": "ơớờởỡợ", "u": "uúùủũụ",
    "ư": "ưứừửữự", "y": "yýỳỷỹỵ",
}
PLAIN = {"ă": "a", "â": "a", "ê": "e", "ô": "o", "ơ": "o", "ư": "u"}
CONSONANTS = "bcdghklmnpqrstvx"


def expected_letters() -> list[tuple[str, tuple[str, str]]]:
    """(letter, (folded, marks)) for each letter in both cases."""
    table = []
    for vowel, row in VOWELS.items():
        for tone, letter in enumerate(row):
            marks = (str(tone) if tone else "") + (vowel if vowel in PLAIN else "")
            for form in (letter, letter.upper()):
                table.append((form, (PLAIN.get(vowel, vowel), marks)))
    for c in CONSONANTS:
        table += [(c, (c, "")), (c.upper(), (c, ""))]
    return table + [("đ", ("d", "đ")), ("Đ", ("d", "đ"))]


LETTERS = expected_letters()

# The same words typed in the ways readers type them.
SAME = [
    ["hòa giải", "hoà giải", "HÒA GIẢI", "Hoà Giải", unicodedata.normalize("NFD", "hòa giải")],
    ["thủy sản", "thuỷ sản", "THUỶ SẢN"],
    ["khỏe mạnh", "khoẻ mạnh"],
    ["đăng ký kết hôn", "ĐĂNG KÝ KẾT HÔN", unicodedata.normalize("NFD", "Đăng ký kết hôn")],
]


def test_the_table_has_every_vietnamese_letter_with_every_tone() -> None:
    assert len(LETTERS) == 2 * (12 * 6 + len(CONSONANTS) + 1) == 178


@pytest.mark.parametrize("letter,expected", LETTERS)
def test_each_letter_folds_as_the_table_says(letter: str, expected: tuple[str, str]) -> None:
    assert words(letter) == [expected]
    assert words(unicodedata.normalize("NFD", letter)) == [expected]


@pytest.mark.parametrize("forms", SAME, ids=lambda forms: forms[0])
def test_every_way_of_typing_a_word_gives_the_same_words(forms: list[str]) -> None:
    assert len({tuple(words(f)) for f in forms}) == 1


def test_d_and_dj_fold_alike_but_keep_their_spelling() -> None:
    assert fold("Đăng ký") == fold("dang ky") == "dang ky"
    assert words("đăng")[0][1] != words("dang")[0][1]


def test_tone_placement_does_not_change_the_spelling_but_the_tone_does() -> None:
    assert words("hoà") == words("hòa") == [("hoa", "2")]
    assert words("hóa") == [("hoa", "1")]
    assert words("người") == [("nguoi", "2ươ")]


def test_windows_1258_text_with_combining_tones_folds_the_same() -> None:
    from conftest import cp1258

    text = "Người phụ nữ được hòa giải"
    assert words(cp1258(text).decode("cp1258")) == words(text)


def test_words_split_on_everything_but_letters_and_digits() -> None:
    assert fold("Luật số 52/2014/QH13, điều 8.") == "luat so 52 2014 qh13 dieu 8"
    assert fold("«Hòa giải»—“tự nguyện”…") == "hoa giai tu nguyen"
    assert fold("🙂 ☎ 113") == "113"


def test_the_table_only_folds_to_ascii_letters() -> None:
    for char, (folded, mark, tone) in fold_table().items():
        assert unicodedata.normalize("NFC", char) == char
        assert re.fullmatch(r"[a-z]?", folded), char
        assert re.fullmatch(r"[1-5]*", tone), char


VIETNAMESE_TEXT = st.text(
    alphabet=st.sampled_from(
        "".join(VOWELS.values()) + CONSONANTS + "đ" + "".join(VOWELS.values()).upper() + "Đ 0123456789.,?-\n"
    ),
    max_size=40,
)


@given(VIETNAMESE_TEXT)
def test_folding_ignores_normal_form_and_case(text: str) -> None:
    expected = words(text)
    assert words(unicodedata.normalize("NFD", text)) == expected
    assert words(text.upper()) == expected
    assert words(text.lower()) == expected
    assert re.fullmatch(r"[a-z0-9 ]*", fold(text))
    assert fold(fold(text)) == fold(text)


def random_strings(n: int) -> list[str]:
    """Mixed text to compare both sides on: Vietnamese in NFC and NFD, other
    Latin letters, stray combining marks, punctuation, emoji."""
    rng = random.Random(20240611)
    alphabet = ("".join(VOWELS.values()) + "đĐÀÉÎÕÜçñøßæÿĀŁőž" + CONSONANTS.upper() +
                "\u0300\u0301\u0302\u0303\u0306\u0309\u031b\u0323 .,;-/“”🙂\u00a0\t09")
    out = []
    for _ in range(n):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24)))
        out.append(unicodedata.normalize("NFD", text) if rng.random() < 0.3 else text)
    return out


@pytest.fixture
def search_page(browser, site_url: str):
    """The repository's built search page; its core.js carries the table."""
    page = browser.new_page()
    page.goto(site_url + "tim-kiem/")
    yield page
    page.close()


@pytest.mark.browser
def test_the_browser_folds_exactly_as_python(search_page) -> None:
    texts = [letter for letter, _ in LETTERS] + [f for forms in SAME for f in forms] + random_strings(400)
    from_browser = search_page.evaluate("texts => Promise.all(texts.map(t => LoaSearch.words(t)))", texts)
    for text, got in zip(texts, from_browser):
        assert [tuple(w) for w in got] == words(text), repr(text)
