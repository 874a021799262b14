"""The one folding rule for Vietnamese search, shared by Python and the browser.

Readers type Vietnamese in every way: with or without tone marks, with the
tone on either vowel (hoà/hòa), with đ as d, in any case, in NFC or NFD.
Search sees each word as two parts:

- the *folded* form: lowercase ASCII, every mark dropped, đ -> d. Any way of
  typing a word gives the same folded form, so this is what the index keys on.
- its *marks*: the tone as a digit (1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng)
  followed by the letters that carry a vowel-quality mark or are đ, in order.
  "hòa" and "hoà" both give ("hoa", "2"); "hóa" gives ("hoa", "1");
  "người" gives ("nguoi", "2ươ"); "đăng" gives ("dang", "đă"). A word typed
  without diacritics has no marks. Folded form and marks together say exactly
  how a word is spelled, whatever the tone placement, so the index can rank
  exact spellings first in a few bytes.

The rule is a table from character to (folded, mark, tone), built here from
Unicode data and emitted into the index for the browser (`fold_table_json`).
The browser never decomposes text itself: it applies NFC and then this table,
exactly as `words` does, so the two sides cannot drift apart.
"""
from __future__ import annotations

import functools
import json
import re
import unicodedata

# Combining tone marks, in the order of their digits in accent keys.
TONES = ("\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

VIETNAMESE_VOWELS = "aăâeêioôơuưy"
VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"

# Latin letters beyond ASCII and Vietnamese that may appear in foreign names:
# Latin-1 Supplement and Latin Extended-A. Kept small because the table
# travels to the browser with the first search.
_LATIN_RANGES = ((0x00C0, 0x017F),)
_SPECIAL = {"đ": "d", "Đ": "d", "ð": "d", "Ð": "d", "ø": "o", "Ø": "o"}


def every_vietnamese_letter() -> list[str]:
    """Each Vietnamese letter, both cases, each vowel with each of the 6 tones."""
    letters = []
    for base in VIETNAMESE_LETTERS:
        tones = ("",) + TONES if base in VIETNAMESE_VOWELS else ("",)
        for tone in tones:
            lower = unicodedata.normalize("NFC", base + tone)
            letters += [lower, lower.upper()]
    return letters


def _entry(char: str) -> tuple[str, str, str] | None:
    """(folded, mark, tone digit) for one character, or None if it is not part
    of a word (then it separates words). `mark` is the lowercase letter with
    its vowel-quality mark, or "" when folding loses nothing but the tone."""
    if char in _SPECIAL:
        return _SPECIAL[char], ("đ" if char in "đĐ" else ""), ""
    decomposed = unicodedata.normalize("NFD", char)
    marks = [c for c in decomposed if unicodedata.combining(c)]
    base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    if len(base) != 1 or not ("a" <= base <= "z"):
        return None
    tone = "".join(str(TONES.index(m) + 1) for m in marks if m in TONES)
    quality = "".join(m for m in marks if m not in TONES)
    return base, (unicodedata.normalize("NFC", base + quality) if quality else ""), tone


@functools.cache
def fold_table() -> dict[str, tuple[str, str, str]]:
    """Every non-ASCII-lowercase character that belongs to words, keyed by its
    NFC form. ASCII lowercase letters and digits map to themselves."""
    chars = [chr(c) for lo, hi in _LATIN_RANGES for c in range(lo, hi + 1)]
    chars += [chr(c) for c in range(ord("A"), ord("Z") + 1)]
    chars += list(_SPECIAL) + every_vietnamese_letter()
    table = {}
    for char in chars:
        if unicodedata.normalize("NFC", char) != char:
            continue  # text is normalised to NFC first, so never looked up
        entry = _entry(char)
        if entry is not None:
            table[char] = entry
    # Marks that NFC could not attach to a letter are dropped from the folded
    # form but still count among the word's marks.
    for code in range(0x0300, 0x0370):
        mark = chr(code)
        if unicodedata.normalize("NFC", mark) != mark:
            continue
        tone = str(TONES.index(mark) + 1) if mark in TONES else ""
        table[mark] = ("", "" if tone else mark, tone)
    return table


@functools.cache
def _compiled() -> tuple[re.Pattern, dict, dict, dict]:
    """The table as a word pattern and three str.translate maps. Equivalent
    to reading the table a character at a time, as search.js does, but fast
    enough for thousands of explainers."""
    table = fold_table()
    plain = "abcdefghijklmnopqrstuvwxyz0123456789"
    pattern = re.compile("[" + plain + "".join(re.escape(c) for c in table) + "]+")
    dropped = {ord(c): None for c in plain}
    folded = {ord(c): f for c, (f, _, _) in table.items()}
    marks = dropped | {ord(c): m for c, (_, m, _) in table.items()}
    tones = dropped | {ord(c): t for c, (_, _, t) in table.items()}
    return pattern, folded, marks, tones


def words(text: str) -> list[tuple[str, str]]:
    """Split text into words, each as (folded, marks). A word is a run of
    ASCII letters, digits and table characters; its marks are its tones,
    then its marked letters."""
    pattern, folded, marks, tones = _compiled()
    result = []
    for match in pattern.finditer(unicodedata.normalize("NFC", text)):
        word = match.group()
        f = word.translate(folded)
        if f:  # stray marks alone are not a word
            result.append((f, word.translate(tones) + word.translate(marks)))
    return result


def word_spans(text: str) -> list[tuple[int, int, str, str]]:
    """The words of NFC `text` with where each stands: (start, end, folded,
    marks), as `words` reads them; the glossary marks terms in place."""
    pattern, folded, marks, tones = _compiled()
    spans = []
    for match in pattern.finditer(text):
        word = match.group()
        f = word.translate(folded)
        if f:
            spans.append((match.start(), match.end(), f, word.translate(tones) + word.translate(marks)))
    return spans


def fold(text: str) -> str:
    """The folded words of `text`, joined by single spaces."""
    return " ".join(f for f, _ in words(text))


def fold_table_json() -> str:
    """The table for the browser: {char: [folded, mark, tone]}."""
    table = {c: list(v) for c, v in sorted(fold_table().items())}
    return json.dumps(table, ensure_ascii=False, separators=(",", ":"))
