"""Legacy Vietnamese encodings: code charts, detection, conversion, file repair.

The encoders below are written independently of loa/legacy.py, straight from
the published charts, so a round trip checks one transcription against the
other rather than a table against itself.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import unicodedata
from importlib.util import find_spec
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loa.content.doctor import FixResult, MissingPathError, describe, fix_file, fix_paths
from loa.text.legacy import convert_text, detect_cp1258, detect_line

DATA = Path(__file__).parent / "data" / "legacy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
VOWELS = "aăâeêioôơuưy"
LOWER = [unicodedata.normalize("NFC", v + t) for v in VOWELS for t in TONES] + ["đ"]
UPPER = [letter.upper() for letter in LOWER]

# TCVN3 (VN3) in Unicode order, one code per letter; capitals only untoned.
TCVN3_LETTERS = ("àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợ"
                 "ùúủũụưừứửữựỳýỷỹỵĂÂÊÔƠƯĐ")
TCVN3_CODES = ("µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô"
               "\xadõøö÷ùúýûüþ¡¢£¤¥¦§")
TO_TCVN3 = dict(zip(TCVN3_LETTERS, TCVN3_CODES, strict=True))

# VNI: tone marks, and circumflex/breve combined with each tone.
VNI_TONE = dict(zip(TONES, ("", "ø", "ù", "û", "õ", "ï")))
VNI_CIRCUMFLEX = dict(zip(TONES, "âàáåãä"))
VNI_BREVE = dict(zip(TONES, "êèéúüë"))
VNI_TONED_I = dict(zip(TONES, ("i", "ì", "í", "æ", "ó", "ò")))


def to_tcvn3(text: str) -> str:
    """Unicode -> TCVN3 as pasted; toned capitals take the lower-case code."""
    return "".join(TO_TCVN3.get(ch, TO_TCVN3.get(ch.lower(), ch))
                   for ch in unicodedata.normalize("NFC", text))


def to_vni_letter(ch: str) -> str:
    if ch in "đĐ":
        return "ñ" if ch == "đ" else "Ñ"
    base, *marks = unicodedata.normalize("NFD", ch)
    tone = next((m for m in marks if m in TONES[1:]), "")
    shape = "".join(m for m in marks if m != tone)
    if base.lower() not in "aeiouy" or not marks:
        return ch
    if base.lower() == "i":
        code = VNI_TONED_I[tone]
    elif base.lower() == "y" and tone == "\u0323":
        code = "î"  # ỵ is one byte, like the toned i
    elif shape == "\u031b":  # horn: ơ and ư are single bytes
        code = {"o": "ô", "u": "ö"}[base.lower()] + VNI_TONE[tone]
    else:
        mark = {"": VNI_TONE, "\u0302": VNI_CIRCUMFLEX, "\u0306": VNI_BREVE}[shape]
        code = base.lower() + mark[tone]
    return code.upper() if base.isupper() else code


def to_vni(text: str) -> str:
    return "".join(map(to_vni_letter, unicodedata.normalize("NFC", text)))


# --- code charts -----------------------------------------------------------

@pytest.mark.parametrize("letter", LOWER + UPPER)
def test_every_letter_and_tone_round_trips_through_vni(letter: str) -> None:
    damaged = to_vni(letter)
    damaged.encode("cp1252")  # what a paste shows: cp1252 characters only
    assert convert_text(damaged, "vni") == letter


@pytest.mark.parametrize("letter", LOWER)
def test_every_lower_case_letter_round_trips_through_tcvn3(letter: str) -> None:
    assert len(to_tcvn3(letter).encode("cp1252")) == 1  # one byte per letter
    assert convert_text(to_tcvn3(letter), "tcvn3") == letter


@pytest.mark.parametrize("letter", UPPER)
def test_capitals_round_trip_through_tcvn3_inside_a_capitalised_word(letter: str) -> None:
    # Toned capitals share lower-case codes; the word's capitals restore them.
    word = f"N{letter}N"
    assert convert_text(to_tcvn3(word), "tcvn3") == word


def test_untoned_tcvn3_capitals_have_their_own_codes() -> None:
    assert convert_text("¡ ¢ £ ¤ ¥ ¦ §", "tcvn3") == "Ă Â Ê Ô Ơ Ư Đ"


def test_a_lone_toned_capital_comes_back_lower_case_as_documented() -> None:
    assert to_tcvn3("Án treo") == "¸n treo"
    assert convert_text("¸n treo", "tcvn3") == "án treo"


def test_a_short_word_in_a_capitalised_tcvn3_heading_follows_its_line() -> None:
    heading = "CéNG HßA X· HéI CHñ NGHÜA VIÖT NAM"
    assert convert_text(heading, "tcvn3") == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    # Acronyms do not make a sentence a heading.
    assert convert_text("Sè 05/2022/N§-CP", "tcvn3") == "Số 05/2022/NĐ-CP"


def test_convert_text_rejects_an_unknown_encoding_in_vietnamese() -> None:
    with pytest.raises(ValueError, match="bảng mã không được hỗ trợ"):
        convert_text("abc", "viscii")


# --- real samples ----------------------------------------------------------

@pytest.mark.parametrize(("damaged", "encoding", "expected"), [
    ("Hßa gi¶i ë c¬ së", "tcvn3", "Hòa giải ở cơ sở"),
    ("§éc lËp - Tù do - H¹nh phóc", "tcvn3", "Độc lập - Tự do - Hạnh phúc"),
    ("Hµ Néi, ngµy 5 th¸ng 3 n¨m 2020", "tcvn3", "Hà Nội, ngày 5 tháng 3 năm 2020"),
    ("Thanh niªn", "tcvn3", "Thanh niên"),
    ("Hoøa giaûi", "vni", "Hòa giải"),
    ("Ñoäc laäp - Töï do - Haïnh phuùc", "vni", "Độc lập - Tự do - Hạnh phúc"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "vni",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
])
def test_real_samples_are_detected_and_converted(damaged: str, encoding: str,
                                                 expected: str) -> None:
    hit = detect_line(damaged)
    assert hit is not None and hit.encoding == encoding
    assert convert_text(damaged, encoding) == expected
    assert unicodedata.is_normalized("NFC", convert_text(damaged, encoding))


def test_a_hit_carries_a_short_sample_and_its_repair() -> None:
    line = ("Theo ®iÒu 5 cña LuËt nµy, hßa gi¶i viªn ph¶i lµ ng­êi cã uy tÝn "
            "trong céng ®ång d©n c­.")
    hit = detect_line(line)
    assert hit is not None
    assert hit.sample.startswith("®iÒu 5") and len(hit.sample) <= 40
    assert line.startswith("Theo " + hit.sample)
    assert hit.converted == convert_text(hit.sample, "tcvn3")
    assert hit.converted.startswith("điều 5 của Luật")


# --- no false alarms -------------------------------------------------------

@pytest.mark.parametrize("line", [
    "Hòa giải ở cơ sở", "Có cá", "Tên: Lan", "Bà Hà là y tá.",
    "Copyright © 2024 Loa", "« Bonjour »", "Müller aus München", "naïve café",
    "Gå til indholdet", "Vis kildetekst på denne side", "Copiat în clipboard",
    "U kopjua në clipboard", "Dizine geri dön", "Başa dön", "    (0x13F, 'M', 'l·'),",
    "Size 5µm", "La 1ª edición", "Où est la bibliothèque ?", "¿Qué tal, señor?",
    "Loïc Minier <lool@debian.org>", "½ cup sugar · 2 eggs", "Привет, мир",
])
def test_correct_or_foreign_lines_are_not_flagged(line: str) -> None:
    assert detect_line(line) is None


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_text_is_never_flagged(text: str) -> None:
    assert detect_line(text) is None


@given(st.text(alphabet=st.characters(max_codepoint=0xFF)), st.sampled_from("ăđơưạếữỹ"))
def test_a_line_with_a_unicode_only_vietnamese_letter_is_never_flagged(
        text: str, letter: str) -> None:
    assert detect_line(text + letter) is None


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def corpus_lines(corpus: Path) -> list[str]:
    lines: list[str] = []
    with open(corpus / "articles.jsonl", encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            for value in record.values():
                if isinstance(value, str):
                    lines.extend(value.split("\n"))
    return lines


def test_no_false_positive_over_the_corpus(corpus: Path) -> None:
    lines = corpus_lines(corpus)
    flagged = [line for line in lines if detect_line(line)]
    assert len(lines) > 50_000
    assert flagged == []


def test_no_false_positive_over_materials_translations() -> None:
    # Sixty languages of interface strings: Danish "på", Turkish "dön"...
    spec = find_spec("material")
    if spec is None or spec.origin is None:
        pytest.skip("mkdocs-material is not installed, so its translations are absent")
    folder = Path(spec.origin).parent / "templates" / "partials" / "languages"
    lines = [line for path in sorted(folder.glob("*.html"))
             for line in path.read_text(encoding="utf-8").splitlines()]
    assert len(lines) > 1000
    assert [line for line in lines if detect_line(line)] == []


@pytest.mark.parametrize(("encoding", "encode"), [("tcvn3", to_tcvn3), ("vni", to_vni)])
def test_damaged_corpus_lines_are_found_and_repaired(corpus: Path, encoding: str,
                                                     encode) -> None:
    # "Ð" (eth) and soft hyphens already sit in a few corpus lines and would
    # collide with legacy codes; every tenth other line keeps the test quick.
    # Some corpus lines are NFD; the repair is NFC by design.
    lines = sorted({line for line in corpus_lines(corpus) if not line.isascii()
                    and "Ð" not in line and "\xad" not in line})[::10]
    found = repaired = 0
    for line in lines:
        hit = detect_line(encode(line))
        if hit is None:
            continue
        assert hit.encoding == encoding, line
        found += 1
        converted, original = convert_text(encode(line), encoding), nfc(line)
        repaired += converted == original if encoding == "vni" else (
            converted.lower() == original.lower())  # toned capitals: module doc
    assert found >= 0.995 * len(lines)
    assert repaired == found


# --- Windows-1258 ----------------------------------------------------------

def test_cp1258_fixture_is_detected_and_decodes_to_the_exact_text() -> None:
    raw = (DATA / "cp1258-hoa-giai.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert detect_cp1258(raw)


@pytest.mark.parametrize("raw", [
    "Hòa giải ở cơ sở".encode("utf-8"),  # valid UTF-8 is never cp1258
    "Où est la bibliothèque ? Déjà vu, ça va.".encode("latin-1"),
    "Grüße aus München, schöne Straße".encode("latin-1"),
    "Hßa gi¶i ë c¬ së".encode("latin-1"),  # TCVN3 bytes, not cp1258
    b"Ho\x81a gia\x8di",  # bytes cp1258 leaves undefined
])
def test_detect_cp1258_rejects_other_bytes(raw: bytes) -> None:
    assert not detect_cp1258(raw)


def test_fix_file_decodes_cp1258_to_nfc_utf8(tmp_path: Path) -> None:
    path = tmp_path / "hoa-giai.txt"
    shutil.copy(DATA / "cp1258-hoa-giai.txt", path)
    original = path.read_bytes()
    result = fix_file(path)
    assert result is not None and result.encodings == ("cp1258",)
    assert path.read_bytes() == (DATA / "cp1258-hoa-giai.expected.txt").read_bytes()
    assert result.lines_changed == 3  # the blank and the ASCII line are equal
    assert result.backup.read_bytes() == original


# --- fixing files ----------------------------------------------------------

@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_fix_file_converts_only_damaged_lines(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "hoa-giai.md"
    shutil.copy(DATA / f"{encoding}-mixed-lines.md", path)
    original = path.read_bytes()
    result = fix_file(path)
    expected = (DATA / f"{encoding}-mixed-lines.expected.md").read_bytes()
    assert path.read_bytes() == expected
    assert result == FixResult(path, (encoding,), 5, path.with_name("hoa-giai.md.bak"))
    assert result.backup.read_bytes() == original
    pairs = zip(original.decode("utf-8").split("\n"), expected.decode("utf-8").split("\n"))
    for before, after in pairs:
        assert after == before or detect_line(before) is not None


def test_fix_file_twice_changes_nothing_the_second_time(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    shutil.copy(DATA / "tcvn3-mixed-lines.md", path)
    assert fix_file(path) is not None
    fixed, mtime = path.read_bytes(), path.stat().st_mtime_ns
    assert fix_file(path) is None
    assert path.read_bytes() == fixed and path.stat().st_mtime_ns == mtime
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "a.md.bak"]


def test_correct_text_is_left_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "dung.md"
    # Correct Vietnamese, ASCII, a BOM, CRLF and NFD text are all kept as is.
    content = ("\ufeff# Hòa giải\r\nEnglish line (ASCII)\r\n"
               + unicodedata.normalize("NFD", "Nhà nước khuyến khích") + "\r\n")
    path.write_bytes(content.encode("utf-8"))
    before = path.stat().st_mtime_ns
    assert fix_file(path) is None
    assert path.read_bytes() == content.encode("utf-8")
    assert path.stat().st_mtime_ns == before
    assert [p.name for p in tmp_path.iterdir()] == ["dung.md"]


def test_an_existing_backup_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    shutil.copy(DATA / "vni-mixed-lines.md", path)
    (tmp_path / "a.md.bak").write_bytes(b"older backup")
    (tmp_path / "a.md.bak.1").write_bytes(b"older still")
    result = fix_file(path)
    assert result is not None and result.backup == tmp_path / "a.md.bak.2"
    assert (tmp_path / "a.md.bak").read_bytes() == b"older backup"
    assert (tmp_path / "a.md.bak.1").read_bytes() == b"older still"


def test_fix_file_keeps_line_endings_and_mode_and_leaves_no_temp_file(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes("Hßa gi¶i ë c¬ së\r\nASCII\r\n".encode("utf-8"))
    os.chmod(path, 0o640)
    assert fix_file(path) is not None
    assert path.read_bytes() == "Hòa giải ở cơ sở\r\nASCII\r\n".encode("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "a.md.bak"]


def test_fix_file_reports_each_encoding_it_met(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Hßa gi¶i ë c¬ së\nHoøa giaûi vieân\n", encoding="utf-8")
    result = fix_file(path)
    assert result is not None and result.encodings == ("tcvn3", "vni")
    assert path.read_text(encoding="utf-8") == "Hòa giải ở cơ sở\nHòa giải viên\n"


def test_fix_file_reads_a_file_saved_straight_from_tcvn3(tmp_path: Path) -> None:
    path = tmp_path / "cu.txt"
    path.write_bytes("Hßa gi¶i ë c¬ së\n".encode("latin-1"))
    result = fix_file(path)
    assert result is not None and result.encodings == ("tcvn3",)
    assert path.read_text(encoding="utf-8") == "Hòa giải ở cơ sở\n"


def test_fix_file_leaves_unreadable_bytes_alone(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xff\xfe\x00binary\x81")
    assert fix_file(path) is None
    assert path.read_bytes() == b"\xff\xfe\x00binary\x81"
    assert not (tmp_path / "a.txt.bak").exists()


def test_fix_paths_walks_content_files_only(tmp_path: Path) -> None:
    damaged = "Hßa gi¶i ë c¬ së\n"
    files = {"a.md": damaged, "b.yml": "title: Hoøa giaûi\n", "c.txt": "Đúng rồi\n",
             "d.html": damaged, ".git/e.md": damaged, "sub/f.yaml": damaged}
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    results = fix_paths([tmp_path])
    assert [r.path.relative_to(tmp_path).as_posix() for r in results] == [
        "a.md", "b.yml", "sub/f.yaml"]
    assert (tmp_path / "d.html").read_text(encoding="utf-8") == damaged
    assert (tmp_path / ".git/e.md").read_text(encoding="utf-8") == damaged


def test_fix_paths_stops_before_any_change_when_a_path_is_missing(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Hßa gi¶i ë c¬ së\n", encoding="utf-8")
    with pytest.raises(MissingPathError, match="không tìm thấy: .*khong-co.md"):
        fix_paths([path, tmp_path / "khong-co.md"])
    assert path.read_text(encoding="utf-8") == "Hßa gi¶i ë c¬ së\n"


@pytest.mark.parametrize(("encodings", "words"), [
    (("tcvn3",), "TCVN3"), (("cp1258",), "Windows-1258"), (("tcvn3", "vni"), "TCVN3 và VNI"),
])
def test_describe_gives_one_vietnamese_line(encodings: tuple[str, ...], words: str) -> None:
    result = FixResult(Path("content/a.md"), encodings, 3, Path("content/a.md.bak"))
    assert describe(result) == (f"content/a.md: đã chuyển 3 dòng từ {words} sang "
                                "Unicode; bản gốc lưu ở content/a.md.bak")
