"""`loa check`: every class of bad input gets its own code, file and line."""
from __future__ import annotations

import json
import time
import unicodedata

import pytest
from click.testing import CliRunner

from conftest import cp1258, explainer
from loa.adapters.cli import main


def check(site, *args: str):
    result = CliRunner().invoke(main, ["check", "--config", str(site.config), *args])
    assert "Traceback" not in result.output + result.stderr
    return result


def problems(site) -> list[dict]:
    result = check(site, "--format", "json")
    return json.loads(result.stdout)


def only(site, code: str) -> dict:
    found = [p for p in problems(site) if p["code"] == code]
    assert found, f"no {code} in {problems(site)}"
    return found[0]


OK = explainer()

BAD_INPUTS = {
    # name: (file text or bytes, expected code, expected line)
    "empty": ("", "LOA101", 1),
    "no_front_matter": ("Chỉ có nội dung, không có phần đầu.\n", "LOA102", 1),
    "never_closed": ("---\ntitle: Bài\nsummary: Tóm tắt\n\nNội dung\n", "LOA103", 1),
    "not_a_mapping": ("---\n- một\n- hai\n---\nNội dung\n", "LOA115", 2),
    "yaml_syntax": ("---\ntitle: Bài\nsummary: [chưa đóng\naudiences: x\n---\n", "LOA110", 4),
    "tab_indent": ("---\ntitle: Bài\nlaws:\n\t- luat-hoa-giai-2013\n---\n", "LOA111", 4),
    "duplicate_key": (OK.replace("date: 2023-03-15", "date: 2023-03-15\ntitle: Tiêu đề thứ hai"), "LOA112", 8),
    "python_tag": ("---\ntitle: !!python/object/apply:os.system [\"echo pwned\"]\n---\n", "LOA113", 2),
    "missing_field": (OK.replace("summary: Hòa giải giúp bà con tự thương lượng, giữ tình làng nghĩa xóm.\n", ""),
                      "LOA120", 1),
    "too_long_title": (explainer("Dài " * 50), "LOA121", 2),
    "unknown_audience": (explainer(audiences="[phu-nu-khome]"), "LOA130", 4),
    "unknown_topic": (explainer(topics="[hoa-giai]"), "LOA131", 5),
    "unknown_law": (explainer(laws="[luat-hoa-giai]"), "LOA132", 6),
    "impossible_date": (explainer(date="30/2/2023"), "LOA141", 7),
    "bad_date": (explainer(date="tháng ba"), "LOA140", 7),
    "broken_link": (OK + "\nXem [bài khác](../khac/khong-co.md).\n", "LOA160", 12),
    "windows_1258": (cp1258(explainer("Hòa giải")), "LOA100", 2),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_reported_with_file_line_and_code(make_site, name: str) -> None:
    text, code, line = BAD_INPUTS[name]
    site = make_site({f"content/nhom/{name}.md": text})
    result = check(site)
    assert result.exit_code == 1
    assert f"content/nhom/{name}.md:{line}: lỗi {code}:" in result.stderr
    assert "gợi ý:" in result.stderr


def test_unknown_id_suggests_the_closest(make_site) -> None:
    site = make_site({"content/a.md": explainer(audiences="[phu-nu-khome]")})
    assert only(site, "LOA130")["hint"] == 'có phải ý bạn là "phu-nu-khmer"?'


def test_duplicate_keys_are_never_silently_dropped(make_site) -> None:
    site = make_site({"content/a.md": explainer(summary="Tóm tắt một\nsummary: Tóm tắt hai")})
    found = only(site, "LOA112")
    assert found["line"] == 4 and "dòng 3" in found["message"]


def test_nested_duplicate_keys_are_errors(make_site) -> None:
    site = make_site({"content/a.md": explainer(social='{facebook: "Một", facebook: "Hai"}')})
    assert only(site, "LOA112")["line"] == 8


def test_alias_bomb_is_refused_quickly(make_site) -> None:
    lines = ["---", 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    lines += [f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    site = make_site({"content/bom.md": "\n".join(lines + ["---", "Nội dung"])})
    started = time.process_time()
    result = check(site)
    assert time.process_time() - started < 10  # a walk of 9**10 nodes would never finish
    assert result.exit_code == 1 and "content/bom.md:2: lỗi LOA114:" in result.stderr


def test_impossible_date_says_why(make_site) -> None:
    site = make_site({"content/a.md": explainer(date="30/2/2023")})
    assert "tháng 2 năm 2023 không có ngày 30" in only(site, "LOA141")["message"]


def test_duplicate_slugs_across_folders(make_site) -> None:
    site = make_site({"content/mot/hoa-giai.md": OK, "content/hai/Hòa giải.md": OK})
    found = [p for p in problems(site) if p["code"] == "LOA150"]
    assert {p["path"] for p in found} == {"content/mot/hoa-giai.md", "content/hai/Hòa giải.md"}
    result = check(site)
    assert result.exit_code == 1
    assert 'content/mot/hoa-giai.md:1: lỗi LOA150: đường dẫn "hoa-giai" trùng với bài content/hai/Hòa giải.md' \
        in result.stderr


def test_alias_colliding_with_a_slug(make_site) -> None:
    site = make_site({"content/a.md": explainer(aliases="[b]"), "content/b.md": OK})
    found = only(site, "LOA151")
    assert found["path"] == "content/a.md" and "content/b.md" in found["message"]
    result = check(site)
    assert result.exit_code == 1 and "content/a.md:8: lỗi LOA151:" in result.stderr


def test_not_utf8_names_the_file_and_encoding(make_site) -> None:
    site = make_site({"content/cu.md": cp1258(explainer("Phụ nữ được bảo vệ"))})
    result = check(site)
    assert result.exit_code == 1
    assert "content/cu.md:2: lỗi LOA100: tệp không phải mã UTF-8 (có vẻ là bảng mã Windows-1258)" in result.stderr


def test_bom_crlf_and_nfd_are_accepted_and_normalised(make_site) -> None:
    from loa.content.catalog import load

    nfd = unicodedata.normalize("NFD", OK).replace("\n", "\r\n")
    site = make_site({"content/a.md": b"\xef\xbb\xbf" + nfd.encode("utf-8")})
    result = check(site)
    assert result.exit_code == 0, result.stderr
    loaded = load(site.root)
    (e,) = loaded.explainers
    assert e.title == unicodedata.normalize("NFC", "Hòa giải ở cơ sở là gì?")
    assert "\r" not in e.body and e.body == unicodedata.normalize("NFC", e.body)


def test_all_problems_at_once(make_site) -> None:
    site = make_site({
        "content/a.md": explainer(audiences="[x]", topics="[y]", date="31/4/2023"),
        "content/b.md": "",
    })
    codes = sorted(p["code"] for p in problems(site))
    assert codes == ["LOA101", "LOA130", "LOA131", "LOA141"]


def test_clean_content_exits_zero(make_site) -> None:
    site = make_site({"content/a.md": OK})
    result = check(site)
    assert result.exit_code == 0
    assert "không có lỗi" in result.stderr


def test_warnings_do_not_fail(make_site) -> None:
    site = make_site({"content/a.md": explainer(tac_gia="Chị Lan")})
    result = check(site)
    assert result.exit_code == 0
    assert "cảnh báo LOA123" in result.stderr


def test_missing_registry_is_reported(make_site) -> None:
    site = make_site({"content/a.md": OK})
    (site.root / "content/topics.yml").unlink()
    result = check(site)
    assert result.exit_code == 1 and "content/topics.yml:1: lỗi LOA170" in result.stderr
