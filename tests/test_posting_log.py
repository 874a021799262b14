"""The posting log content/posted.csv: its checks through `loa check`,
`loa posted`, and the "Đã đăng" step on /chia-se/."""
from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from click.testing import CliRunner

from conftest import cp1258, explainer
from loa.adapters.cli import main
from loa.content import postlog

HEADER = "date,slug,channel,group,by\n"
GOOD = "2024-01-02,a,zalo,Chi hội ấp 3,Hoa\n"
FILES = {"content/a.md": explainer(), "content/nhap.md": explainer("Bản nháp", draft="true")}


def check(make_site, log: str | bytes):
    site = make_site({**FILES, "content/posted.csv": log})
    return CliRunner().invoke(main, ["check", "--config", str(site.config)])


# Every mistake, at its line, all at once -----------------------------------------

MISTAKES = [
    ("2024-01-02,a,zalo\n", "LOA401"),
    ('"2024-01-02,a,zalo,Chi hội\n', "LOA401"),
    ("2024-02-30,a,zalo,Chi hội ấp 3\n", "LOA402"),
    ("hôm qua,a,zalo,Chi hội ấp 3\n", "LOA402"),
    ("2999-01-02,a,zalo,Chi hội ấp 3\n", "LOA403"),
    ("2024-01-02,hoa-giai,zalo,Chi hội ấp 3\n", "LOA404"),
    ("2024-01-02,nhap,zalo,Chi hội ấp 3\n", "LOA405"),
    ("2023-03-14,a,zalo,Chi hội ấp 3\n", "LOA406"),
    ("2024-01-02,a,tiktok,Chi hội ấp 3\n", "LOA407"),
    ("2024-01-02,a,zalo,,Hoa\n", "LOA408"),
    ("2/1/2024,a,ZALO,chi hội  ấp 3,Lan\n", "LOA409"),  # the same posting as GOOD, written otherwise
    ("2024-01-02,a,zalo,Chi hội\u200b ấp 3\n", "LOA410"),
    ("2024-01-02,a,zalo," + "x" * 201 + "\n", "LOA410"),
]


def test_every_mistake_is_reported_at_its_line_in_one_run(make_site) -> None:
    result = check(make_site, HEADER + GOOD + "".join(line for line, _ in MISTAKES))
    assert result.exit_code == 1 and "Traceback" not in result.output
    for number, (_line, code) in enumerate(MISTAKES, start=3):
        assert f"content/posted.csv:{number}: lỗi {code}:" in result.stderr, (number, code, result.stderr)
    assert "content/posted.csv:2:" not in result.stderr
    assert 'có phải ý bạn là "hoa-giai-o-co-so-la-gi"' not in result.stderr  # only real slugs are offered
    assert "lần đăng này đã có ở dòng 2" in result.stderr


def test_a_wrong_header_and_an_unknown_slug_get_hints(make_site) -> None:
    result = check(make_site, "ngay,bai,kenh,nhom\n2024-01-02,aa,zalo,Chi hội\n")
    assert "content/posted.csv:1: lỗi LOA400:" in result.stderr
    assert "sửa dòng đầu thành: date,slug,channel,group,by" in result.stderr
    assert "content/posted.csv:2: lỗi LOA404:" in result.stderr and 'có phải ý bạn là "a"?' in result.stderr


def test_a_log_saved_by_a_spreadsheet_on_windows_is_read(make_site) -> None:
    log = ("\ufeff" + HEADER + GOOD + '2024-01-03,a,facebook,"Phụ nữ Sóc Trăng, nhóm chung",\n').replace("\n", "\r\n")
    result = check(make_site, log.encode("utf-8"))
    assert result.exit_code == 0, result.stderr
    nfd = unicodedata.normalize("NFD", HEADER + GOOD)
    assert check(make_site, nfd).exit_code == 0


def test_a_log_that_is_not_utf8_is_one_problem(make_site) -> None:
    result = check(make_site, cp1258(HEADER + GOOD))
    assert result.exit_code == 1 and "content/posted.csv:1: lỗi LOA108:" in result.stderr


def test_the_build_refuses_a_broken_log_like_check(make_site, tmp_path) -> None:
    site = make_site({**FILES, "content/posted.csv": HEADER + "2024-01-02,khong-co,zalo,Chi hội\n"})
    result = CliRunner().invoke(main, ["build", "--config", str(site.config), "--site-dir", str(tmp_path / "site")])
    assert result.exit_code == 1 and "content/posted.csv:2: lỗi LOA404:" in result.stderr


# loa posted ------------------------------------------------------------------------

def posted(site, *args: str):
    return CliRunner().invoke(main, ["posted", *args, "--config", str(site.config)])


def test_posted_starts_a_log_and_appends_lines(make_site) -> None:
    site = make_site(FILES)
    first = posted(site, "a", "--kenh", "zalo", "--nhom", "Chi hội ấp 3", "--ngay", "2/1/2024", "--nguoi", "Hoa")
    assert first.exit_code == 0, first.stderr
    second = posted(site, "a", "--kenh", "Facebook", "--nhom", "Phụ nữ Sóc Trăng, nhóm chung", "--ngay", "2024-01-03")
    assert second.exit_code == 0, second.stderr
    assert "content/posted.csv, dòng 3" in second.stderr
    text = (site.root / "content" / "posted.csv").read_text(encoding="utf-8")
    assert text == HEADER + GOOD + '2024-01-03,a,facebook,"Phụ nữ Sóc Trăng, nhóm chung",\n'
    assert check(make_site, text).exit_code == 0


def test_posted_keeps_every_byte_already_there(make_site) -> None:
    before = ("\ufeff" + HEADER + GOOD).replace("\n", "\r\n").encode("utf-8")[:-2]  # no newline at the end
    site = make_site({**FILES, "content/posted.csv": before})
    result = posted(site, "a", "--kenh", "zalo", "--nhom", unicodedata.normalize("NFD", "Chi hội ấp Phú Hữu"),
                    "--ngay", "5/1/2024")
    assert result.exit_code == 0, result.stderr
    after = (site.root / "content" / "posted.csv").read_bytes()
    assert after == before + "\r\n2024-01-05,a,zalo,Chi hội ấp Phú Hữu,\r\n".encode("utf-8")
    assert unicodedata.is_normalized("NFC", after.decode("utf-8"))


@pytest.mark.parametrize("args, code", [
    (("khong-co", "--kenh", "zalo", "--nhom", "Chi hội"), "LOA404"),
    (("a", "--kenh", "viber", "--nhom", "Chi hội"), "LOA407"),
    (("a", "--kenh", "zalo", "--nhom", "  "), "LOA408"),
    (("a", "--kenh", "zalo", "--nhom", "Chi hội ấp 3", "--ngay", "2/1/2024"), "LOA409"),
    (("a", "--kenh", "zalo", "--nhom", "Chi hội", "--ngay", "1/1/2999"), "LOA403"),
])
def test_posted_refuses_a_wrong_line_and_writes_nothing(make_site, args, code) -> None:
    site = make_site({**FILES, "content/posted.csv": HEADER + GOOD})
    result = posted(site, *args)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"content/posted.csv:3: lỗi {code}:" in result.stderr
    assert (site.root / "content" / "posted.csv").read_text(encoding="utf-8") == HEADER + GOOD


def test_posted_still_adds_a_good_line_to_a_log_with_old_mistakes(make_site) -> None:
    site = make_site({**FILES, "content/posted.csv": HEADER + "2024-01-02,khong-co,zalo,Chi hội\n"})
    result = posted(site, "a", "--kenh", "zalo", "--nhom", "Chi hội ấp 3", "--ngay", "2/1/2024", "--nguoi", "Hoa")
    assert result.exit_code == 0 and "content/posted.csv:2: lỗi LOA404:" in result.stderr
    assert (site.root / "content" / "posted.csv").read_text(encoding="utf-8").endswith(GOOD)


def test_posted_needs_a_channel_and_a_group_and_says_so_in_vietnamese(make_site) -> None:
    site = make_site(FILES)
    result = posted(site, "a", "--kenh", "zalo")
    assert result.exit_code == 2 and "Cần cả --kenh" in result.stderr
    assert not (site.root / "content" / "posted.csv").exists()
    assert "[required]" not in CliRunner().invoke(main, ["posted", "--help"]).output


def test_line_for_quotes_as_csv_needs() -> None:
    day = dt.date(2024, 1, 2)
    assert postlog.line_for(day, "a", "zalo", 'Nhóm "Mẹ và bé", ấp 3') == '2024-01-02,a,zalo,"Nhóm ""Mẹ và bé"", ấp 3",'


# The "Đã đăng" step on /chia-se/ ------------------------------------------------------

@pytest.mark.browser
def test_the_staff_page_gives_a_line_loa_check_accepts(make_site, tmp_path, browser, serve) -> None:
    site = make_site({"content/a.md": explainer()})
    built = CliRunner().invoke(main, ["build", "--config", str(site.config), "--site-dir", str(tmp_path / "site")])
    assert built.exit_code == 0, built.stderr
    from playwright.sync_api import expect

    page = browser.new_page()
    page.goto(serve(tmp_path / "site") + "chia-se/")
    item = page.locator("article#a")
    item.locator("summary").click()
    make = item.locator("[data-loa-posted-make]")
    make.click()
    expect(item.locator(".loa-copy-status")).to_have_text("Hãy điền tên nhóm hoặc trang đã đăng.")
    assert item.locator("textarea#loa-posted-a").is_hidden()
    item.locator("select").select_option("facebook")
    item.locator("[data-loa-posted-field='group']").fill('  Phụ nữ Sóc Trăng, nhóm "chung"  ')
    item.locator("[data-loa-posted-field='by']").fill("Hoa")
    make.click()
    line = item.locator("textarea#loa-posted-a").input_value()
    today = page.evaluate("(() => { var d = new Date(); return [d.getFullYear(), d.getMonth() + 1, d.getDate()]; })()")
    day = dt.date(*today)
    assert line == postlog.line_for(day, "a", "facebook", 'Phụ nữ Sóc Trăng, nhóm "chung"', "Hoa")
    assert item.locator("[data-loa-copy='loa-posted-a']").is_visible()
    log = site.root / "content" / "posted.csv"
    log.write_text(HEADER + line + "\n", encoding="utf-8")
    checked = CliRunner().invoke(main, ["check", "--config", str(site.config)])
    assert checked.exit_code == 0, checked.stderr
    page.close()
