"""Khmer text: words, invisible separators, typing-order mistakes, legacy fonts.

Khmer is written without spaces between words, so `folding.words()` (runs of
Latin letters) finds nothing in it. Words come from ICU's dictionary word
breaker (PyICU at build time; the browser's `Intl.Segmenter` is the same
ICU). Authors often type a zero-width space (U+200B) between words so that
lines can break, and sometimes ZWNJ/ZWJ (U+200C/D) to steer a font: ZWSP is
a word boundary, the other two are dropped before anything is compared.

A Khmer syllable is stored in one order: consonant, subscripts (coeng U+17D2
+ consonant), register shifter, vowel, then signs. Keyboards let a typist
enter a vowel first and the subscript after it; the text looks almost right
in some fonts, NFC leaves it alone, and search no longer finds the word.
`order_mistakes` finds these; `legacy_font` finds text typed with Limon-style
fonts, which put Khmer shapes on Latin letters.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from loa.text.folding import every_vietnamese_letter, fold

KHMER = "\u1780-\u17ff\u19e0-\u19ff"
COENG = "\u17d2"
ZWSP, ZWNJ, ZWJ = "\u200b", "\u200c", "\u200d"
_HAS_KHMER = re.compile(f"[{KHMER}]")
_INVISIBLE = str.maketrans({ZWSP: " ", ZWNJ: None, ZWJ: None, "\u00ad": None, "\ufeff": None})
CONSONANTS = "\u1780-\u17a2"  # ក..អ
INDEPENDENT = "\u17a3-\u17b3"  # independent vowels
VOWELS = "\u17b6-\u17c5"  # dependent vowels ា..ៅ
SHIFTERS = "\u17c9\u17ca"  # ៉ ៊
SIGNS = "\u17c6-\u17d1\u17d3\u17dd"  # ំ ះ ៈ ... (shifters are among them)
# Vowels typed as two parts, which NFC does not join: េ + ា is ោ, េ + ី is ើ.
SPLIT_VOWELS = {"\u17c1\u17b6": "\u17c4", "\u17c1\u17b8": "\u17be"}
_MARK_BEFORE_COENG = re.compile(f"([{VOWELS}{SIGNS}]+){COENG}([{CONSONANTS}])")
_SHIFTER_AFTER_VOWEL = re.compile(f"([{VOWELS}])([{SHIFTERS}])")
_SPLIT = re.compile("|".join(SPLIT_VOWELS))
_BAD_COENG = re.compile(f"{COENG}(?![{CONSONANTS}])")
# A vowel or sign after an invisible separator has no consonant to sit on:
# fonts draw it on a dotted circle (a ZWSP pasted inside a word).
_MARK_AFTER_INVISIBLE = re.compile(f"[{ZWSP}{ZWNJ}{ZWJ}]+(?=[{VOWELS}{SIGNS}{COENG}])")
_KHMER_RUN = re.compile(f"[{KHMER}]+")


def has_khmer(text: str) -> bool:
    return _HAS_KHMER.search(text) is not None


def clean(text: str) -> str:
    """NFC, ZWSP as a space, ZWNJ, ZWJ, soft hyphens and BOMs dropped."""
    return unicodedata.normalize("NFC", text).translate(_INVISIBLE)


@functools.cache
def _breaker():
    import icu  # PyICU: the build's word breaker (a dependency; see pyproject.toml)

    return icu.BreakIterator.createWordInstance(icu.Locale("km"))


def segments(text: str) -> list[str]:
    """ICU's word segments of `text` (cleaned), spaces and punctuation left out."""
    text = clean(text)
    if not text:
        return []
    breaker = _breaker()
    breaker.setText(text)
    out, start = [], 0
    for end in breaker:
        if breaker.getRuleStatus() != 0:  # 0: not a word (spaces, punctuation)
            out.append(text[start:end])
        start = end
    return out


def words(text: str) -> list[str]:
    """Search terms: Khmer words as ICU splits them, other words folded as
    Vietnamese search folds them (numbers, "QH13", Vietnamese names)."""
    out = []
    for seg in segments(text):
        if has_khmer(seg):
            out.extend(_KHMER_RUN.findall(seg))
        else:
            out.extend(fold(seg).split())
    return out


@dataclass(frozen=True)
class Mistake:
    """One typing-order mistake: where, what was typed, what it should be."""

    column: int  # 1-based
    kind: str  # "mark_before_coeng" | "split_vowel" | "shifter_after_vowel" | "stray_coeng" | "mark_after_invisible"
    found: str
    fix: str


def order_mistakes(line: str) -> list[Mistake]:
    """Khmer typed in an order NFC does not repair, in the order found."""
    if not has_khmer(line):
        return []
    line = unicodedata.normalize("NFC", line)
    found = [Mistake(m.start() + 1, "mark_before_coeng", m.group(), COENG + m.group(2) + m.group(1))
             for m in _MARK_BEFORE_COENG.finditer(line)]
    found += [Mistake(m.start() + 1, "split_vowel", m.group(), SPLIT_VOWELS[m.group()])
              for m in _SPLIT.finditer(line)]
    found += [Mistake(m.start() + 1, "shifter_after_vowel", m.group(), m.group(2) + m.group(1))
              for m in _SHIFTER_AFTER_VOWEL.finditer(line)]
    taken = {m.column + m.found.index(COENG) for m in found if COENG in m.found}
    found += [Mistake(m.start() + 1, "stray_coeng", COENG, "") for m in _BAD_COENG.finditer(line)
              if m.start() + 1 not in taken]
    found += [Mistake(m.start() + 1, "mark_after_invisible", m.group(), "")
              for m in _MARK_AFTER_INVISIBLE.finditer(line)]
    return sorted(found, key=lambda m: m.column)


def fix_order(text: str) -> str:
    """`text` with every order mistake above put right (stray coengs kept,
    separators inside a cluster dropped)."""
    text = _MARK_BEFORE_COENG.sub(lambda m: COENG + m.group(2) + m.group(1), unicodedata.normalize("NFC", text))
    text = _SPLIT.sub(lambda m: SPLIT_VOWELS[m.group()], _MARK_AFTER_INVISIBLE.sub("", text))
    return _SHIFTER_AFTER_VOWEL.sub(lambda m: m.group(2) + m.group(1), text)


# Limon, ABC and similar fonts draw Khmer shapes on Latin-1 code points:
# "ថ្ងៃខែឆ្នាំកំណើត" typed in Limon is "éf¶ExqñaMkMeNIt". A line typed so reads
# as Latin "words" with capitals inside them (Limon puts other consonants
# on capitals) and Latin-1 symbols used as vowels and subscripts. Letters
# Vietnamese uses are not counted as signs: a Khmer page may quote a
# Vietnamese law's name.
_VIETNAMESE = set(every_vietnamese_letter())  # both cases
_LEGACY_SYMBOLS = {chr(c) for c in range(0xA1, 0x100)} - _VIETNAMESE - {"\u00ad"}
_WORD = re.compile(r"\S+")
LEGACY_MIN_LETTERS = 8


def legacy_font(line: str) -> str | None:
    """A sample of the line when it looks typed with a legacy Khmer font.

    Asked only of lines of a Khmer explainer: there, a line with no Khmer
    letter whose letters are mostly in such "words" is not Khmer text."""
    if has_khmer(line):
        return None
    letters = odd = 0
    for word in _WORD.findall(line):
        n = sum(1 for c in word if c.isalpha())
        letters += n
        odd += n if _odd(word) else 0
    if letters < LEGACY_MIN_LETTERS or odd * 2 < letters:
        return None
    return line.strip()[:40]


def _odd(word: str) -> bool:
    if any(c in _LEGACY_SYMBOLS for c in word):
        return True
    inner = word.strip(".,;:!?()[]\"'*_")
    return any(c.isupper() for c in inner[1:]) and any(c.islower() for c in inner)
