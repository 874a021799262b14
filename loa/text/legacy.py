"""Repair Vietnamese typed in legacy encodings: TCVN3 (ABC), VNI, Windows-1258.

Old government documents were typed with .VnTime (TCVN3) or VNI-Times fonts;
pasted into UTF-8 their bytes show as Latin-1 look-alikes: "Hßa gi¶i ë c¬ së"
(TCVN3), "Hoøa giaûi" (VNI). This module owns the two code charts, the
detection of damaged lines and their conversion, and nothing more: files are
rewritten by doctor.py, and `loa check` / `loa doctor` word the reports.

TCVN3 capitals: the single-font ABC encoding (TCVN 5712:1993, VN3) only codes
Ă Â Ê Ô Ơ Ư Đ; a capital *with a tone* was drawn by switching to an all-caps
font (.VnTimeH) showing the lower-case code as a capital. Plain text loses the
font, so a toned letter comes back lower case, except in a word written in
capitals ("HéI" -> "HỘI"); a word with under two cased letters ("X·") follows
its line. So a sentence-initial "¸n" stays "án", as .VnTime showed it.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ENCODING_NAMES = {"tcvn3": "TCVN3", "vni": "VNI", "cp1258": "Windows-1258"}

# The TCVN3 chart as published, tones in the order: none, huyền, sắc, hỏi,
# ngã, nặng. Bytes are read as Latin-1, which is what a paste through
# Windows-1252 shows, since both charts only use bytes 0xA1-0xFE.
_TCVN3_CHART = {
    "a": "61 B5 B8 B6 B7 B9", "ă": "A8 BB BE BC BD C6", "â": "A9 C7 CA C8 C9 CB",
    "e": "65 CC D0 CE CF D1", "ê": "AA D2 D5 D3 D4 D6", "i": "69 D7 DD D8 DC DE",
    "o": "6F DF E3 E1 E2 E4", "ô": "AB E5 E8 E6 E7 E9", "ơ": "AC EA ED EB EC EE",
    "u": "75 EF F3 F1 F2 F4", "ư": "AD F5 F8 F6 F7 F9", "y": "79 FA FD FB FC FE",
    "đ": "AE", "Ă": "A1", "Â": "A2", "Ê": "A3", "Ô": "A4", "Ơ": "A5", "Ư": "A6",
    "Đ": "A7",
}
_TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_TONE_MARKS = "".join(_TONES)

# VNI writes a base letter then a mark byte; ơ ư đ, the toned i and ỵ are
# single bytes. Each mark has a lower- and an upper-case byte (seen through
# cp1252) and decodes to combining characters that NFC composes with the letter.
_VNI_MARKS = (
    ("\u0300", "øØ"), ("\u0301", "ùÙ"), ("\u0309", "ûÛ"), ("\u0303", "õÕ"),
    ("\u0323", "ïÏ"), ("\u0302", "âÂ"), ("\u0302\u0300", "àÀ"), ("\u0302\u0301", "áÁ"),
    ("\u0302\u0309", "åÅ"), ("\u0302\u0303", "ãÃ"), ("\u0302\u0323", "äÄ"),
    ("\u0306", "êÊ"), ("\u0306\u0300", "èÈ"), ("\u0306\u0301", "éÉ"),
    ("\u0306\u0309", "úÚ"), ("\u0306\u0303", "üÜ"), ("\u0306\u0323", "ëË"),
)
_VNI_LETTERS = {"ơ": "ôÔ", "ư": "öÖ", "đ": "ñÑ", "í": "íÍ", "ì": "ìÌ",
                "ỉ": "æÆ", "ĩ": "óÓ", "ị": "òÒ", "ỵ": "îÎ"}


def _build_tables() -> dict[str, dict[int, str]]:
    tcvn3 = {code: unicodedata.normalize("NFC", letter + tone)
             for letter, codes in _TCVN3_CHART.items()
             for tone, code in zip(_TONES, bytes.fromhex(codes)) if code >= 0x80}
    vni = {}
    for mark, (lower, upper) in _VNI_MARKS:
        vni[ord(lower)] = vni[ord(upper)] = mark
    for letter, (lower, upper) in _VNI_LETTERS.items():
        vni[ord(lower)], vni[ord(upper)] = letter, letter.upper()
    return {"tcvn3": tcvn3, "vni": vni}


_TABLES = _build_tables()
# TCVN3 puts letters on symbols ("¸", "«"), so its words include them; no
# language writes those inside a word, which makes them strong evidence.
_SYMBOL_CODES = "".join(chr(c) for c in _TABLES["tcvn3"] if not chr(c).isalpha())
_STRONG_CODES = frozenset(_SYMBOL_CODES + "ª")  # "ª" too: only after digits
_WORDS = {"tcvn3": re.compile(rf"(?:[^\W\d_]|[{re.escape(_SYMBOL_CODES)}])+"),
          "vni": re.compile(r"[^\W\d_]+")}
_VIETNAMESE_ONLY = re.compile("[ĂăĐđĨĩŨũƠơƯư\u0300-\u036f\u1ea0-\u1ef9]")

# A Vietnamese syllable is onset + vowel nucleus + coda, checked without tone.
_ONSETS = "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x"
_OPEN_NUCLEI = ("ai ao au ay âu ây eo êu iu oi ôi ơi ui ưi ưu iêu oai oao oay "
                "oeo uây uôi uyu ươi ươu yêu")
_NUCLEI = ("a ă â e ê i o ô ơ u ư y ia iê oa oă oe oo ua uâ uê uô uơ uy ưa ươ "
           "yê uya uyê")


def _either(words: str) -> str:
    return "|".join(sorted(words.split(), key=len, reverse=True))


_SYLLABLE = re.compile(f"(?:{_either(_ONSETS)})?(?:(?:{_either(_OPEN_NUCLEI)})"
                       f"|(?:{_either(_NUCLEI)})(?P<coda>ch|ng|nh|c|m|n|p|t)?)")


@lru_cache(maxsize=65536)  # a document repeats a few thousand syllables
def _is_syllable(word: str) -> bool:
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONE_MARKS]
    bare = unicodedata.normalize(
        "NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    match = _SYLLABLE.fullmatch(bare)
    if match is None or len(tones) > 1:
        return False
    # Stopped syllables (-c -ch -p -t) only take sắc or nặng.
    return match.group("coda") not in ("c", "ch", "p", "t") or tones in (
        ["\u0301"], ["\u0323"])


def _is_plausible(word: str) -> bool:
    """A converted word is a syllable, a list marker "đ" or an acronym "NĐ"."""
    if _is_syllable(word) or len(word) == 1:
        return True
    # Acronyms of Vietnamese words only add Đ to ASCII; "AÂ" is not one.
    return word.isupper() and len(word) <= 6 and all(
        ch.isascii() or ch == "Đ" for ch in word)


def _odd_case(word: str) -> bool:
    # "ViÖt", "THõA": codes next to ASCII letters break the word's case.
    return not (word.islower() or word.isupper() or word.istitle())


@dataclass(frozen=True)
class LegacyHit:
    """A line that looks typed in a legacy encoding."""

    encoding: str  # "tcvn3" or "vni"
    sample: str  # a short excerpt of the damaged text, as found
    converted: str  # the same excerpt in Unicode, to show the author


def detect_line(text: str) -> LegacyHit | None:
    """Say whether one line of a UTF-8 file is TCVN3 or VNI seen as Latin-1."""
    line = unicodedata.normalize("NFC", text)
    # Damaged text only holds Latin-1 letters: any other letter ("ư", "ş",
    # "ж") or a combining mark means the line was typed in Unicode.
    if line.isascii() or any(ord(ch) > 0xFF and (
            ch.isalpha() or unicodedata.combining(ch)) for ch in line):
        return None
    scores = {enc: _damage_score(line, enc) for enc in _TABLES}
    plausible = [enc for enc, score in scores.items() if score]
    if not plausible:
        return None
    # On a tie ("sö dông" reads both ways) TCVN3 wins: government documents
    # use it more.
    encoding = max(plausible, key=lambda enc: (*scores[enc], enc == "tcvn3"))
    sample = _sample(line, encoding)
    return LegacyHit(encoding, sample, convert_text(sample, encoding))


def _damage_score(line: str, encoding: str) -> tuple[int, int] | None:
    """(words repaired, minus words left odd), or None if implausible.

    Each condition answers a false alarm seen in real text: a changed word
    must be invalid as it stands (correct text is valid syllables) and mix
    ASCII letters with codes ("©" alone is a symbol); a lone "på" or "l·" is
    foreign, so two codes are needed, or a symbol code inside a word ("niªn");
    the repaired words must be syllables ("Müller" never is), one odd word in
    four aside (loanwords such as "côcain"); and the whole line must then read
    as Vietnamese, not as Danish with one "å".
    """
    table = _TABLES[encoding]
    changed = broken = mixed = bad = codes = words = odd = 0
    for match in _WORDS[encoding].finditer(line):
        word = match.group()
        fixed = unicodedata.normalize("NFC", word.translate(table))
        # TCVN3 has no toned capitals, so only VNI keeps case faithfully.
        plausible = _is_plausible(fixed) and not (
            encoding == "vni" and _odd_case(fixed))
        words += len(fixed) > 1
        odd += len(fixed) > 1 and not plausible
        if fixed != word:
            changed += 1
            codes += sum(1 + (0 < i < len(word) - 1 and ch in _STRONG_CODES)
                         for i, ch in enumerate(word) if ord(ch) in table)
            broken += not _is_syllable(word) or _odd_case(word)
            mixed += any(ch.isascii() for ch in word)
            bad += not plausible
    if not (broken and mixed) or codes < 2 or bad * 4 > changed or odd * 2 > words:
        return None
    return changed - bad, -bad


def _sample(line: str, encoding: str, width: int = 40) -> str:
    first = next(i for i, ch in enumerate(line) if ord(ch) in _TABLES[encoding])
    start = line.rfind(" ", 0, first) + 1
    excerpt = line[start:start + width]
    if start + width < len(line) and " " in excerpt:
        excerpt = excerpt[:excerpt.rfind(" ")]  # end on a whole word
    return excerpt.strip()


def convert_text(text: str, encoding: str) -> str:
    """Convert TCVN3 or VNI text (as seen in UTF-8) to NFC Unicode."""
    if encoding not in _TABLES:
        raise ValueError(f"bảng mã không được hỗ trợ: {encoding!r} "
                         f"(chỉ có {', '.join(_TABLES)})")
    if encoding == "vni":
        return unicodedata.normalize("NFC", text.translate(_TABLES["vni"]))
    lines = [_convert_tcvn3_line(line) for line in text.split("\n")]
    return unicodedata.normalize("NFC", "\n".join(lines))


def _case_of(word: str) -> bool | None:
    """True if a TCVN3 word is in capitals, False if not, None if unknown.

    Only ASCII letters and the untoned codes Ă…Đ (0xA1-0xA7) and ă…đ
    (0xA8-0xAE) carry case; two of them are needed to tell.
    """
    letters = [ch for ch in word
               if ch.isascii() and ch.isalpha() or "\xa1" <= ch <= "\xae"]
    if len(letters) < 2:
        return None
    return not any(ch.islower() or ch >= "\xa8" for ch in letters)


def _convert_tcvn3_line(line: str) -> str:
    table = _TABLES["tcvn3"]
    words = [m.group() for m in _WORDS["tcvn3"].finditer(line)]
    # Only real syllables vote for the line: acronyms such as "N§-CP" are in
    # capitals in any sentence.
    votes = [_case_of(w) for w in words if _is_syllable(w.translate(table))]
    votes = [vote for vote in votes if vote is not None]
    line_upper = bool(votes) and all(votes)

    def convert(match: re.Match[str]) -> str:
        word, fixed = match.group(), match.group().translate(table)
        upper = _case_of(word)
        return fixed.upper() if (line_upper if upper is None else upper) else fixed

    return _WORDS["tcvn3"].sub(convert, line)


def detect_cp1258(raw: bytes) -> bool:
    """Say whether bytes that are not UTF-8 read as Windows-1258 Vietnamese."""
    try:
        raw.decode("utf-8")
        return False
    except UnicodeDecodeError:
        pass
    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        return False
    words = [w for w in re.findall(r"[^\W\d_]+", text) if not w.isascii()]
    valid = sum(_is_plausible(w) for w in words)
    # Latin-1 French or German decodes too; only Vietnamese letters forming
    # real syllables make the reading believable.
    return bool(_VIETNAMESE_ONLY.search(text)) and valid >= 0.9 * len(words)
