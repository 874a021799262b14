"""Loudspeaker scripts (issue 15 item 3): the reading rules (golden), the
rules table authors extend (content/spoken-words.yml), two real sample
scripts (golden), which explainers get one, and the staff page's list with
its copy buttons."""
from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main
from loa.content import spoken
from loa.i18n import messages
from loa.outputs.broadcast import duration
from loa.text.speech import Reader

SAY = messages("vi")
# Each line is read aloud by the rules; the golden file holds what is said.
READ_ALOUD = [
    "Ngày 15/5/2026 nộp báo cáo; hạn 15/10/2026.",
    "Từ 1/7/2025, tính từ 1/1 đến 31/12, Ngày Pháp luật 9/11.",
    "Từ tháng 4/2024 đến tháng 12/2025.",
    "Điều 8, khoản 1 Điều 3, Điều 134 và Điều 185.",
    "Luật Hòa giải ở cơ sở số 35/2013/QH13 và Luật 35/2013/QH13.",
    "Nghị định 120/2025/NĐ-CP; Thông tư 09/2021/TT-BTP; Nghị quyết số 202/2025/QH15.",
    "Quyết định 14/2019/QĐ-TTg ngày 13/3/2019 của Thủ tướng Chính phủ.",
    "Gây thương tích từ 11% trở lên; đạt 50% số điểm; lãi 0,5%.",
    "Đạt 80/100 điểm; 1/2 số hộ.",
    "UBND xã, HĐND tỉnh, Hội LHPN, HLHPN, BHXH, BHYT, MTTQ, TAND.",
    "Chủ tịch Ủy ban nhân dân (UBND) xã.",
    "Gọi đường dây nóng 0377.672.444 hoặc 0299.3827525, +84 377 672 444.",
    "Khi nguy hiểm, gọi 113. Tổng đài 111.",
    "113: Công an",
    "Số CCCD 079123456789 gồm 12 chữ số.",
    "Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi; con dưới 36 tháng tuổi.",
    "1, 4, 5, 10, 11, 14, 15, 20, 21, 24, 25, 101, 105, 110, 115, 1.000, 2.005, 10.500, 1.500.000 đồng.",
    "Phạt 500.000đ đến 1.000.000đ, diện tích 3,5 ha, cách 12 km.",
]


def reader() -> Reader:
    return Reader(spoken.defaults(SAY), SAY, tuple(SAY("site.phones.call_words").splitlines()))


def test_the_reading_rules(golden) -> None:
    r = reader()
    golden("broadcast/rules.txt", "".join(f"{line}\n=> {r.read(line)}\n\n" for line in READ_ALOUD))


def test_the_issue_s_own_examples_read_as_asked() -> None:
    r = reader()
    assert r.read("15/5/2026") == "ngày mười lăm tháng năm năm hai nghìn không trăm hai mươi sáu"
    assert r.read("Điều 8") == "Điều tám"
    assert r.read("35/2013/QH13") == "số ba mươi lăm năm hai nghìn không trăm mười ba, Quốc hội khóa mười ba"
    assert r.read("UBND, LHPN") == "Ủy ban nhân dân, Liên hiệp Phụ nữ"


def test_reading_time_to_the_nearest_half_minute() -> None:
    assert [duration(n, 150, SAY) for n in (10, 75, 150, 225, 520)] == [
        "nửa phút", "nửa phút", "1 phút", "1 phút rưỡi", "3 phút rưỡi"]


def build(site) -> Path:
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 0, result.stderr
    return site.root / "site"


BODY = "\n\nNộp ở UBND xã. ĐKKH ngày 2/9/2025. Gọi **0377.672.444**.\n"


def test_the_table_adds_and_changes_rows_and_the_reading_speed(make_site) -> None:
    site = build(make_site({
        "content/a.md": explainer().split("\n\n")[0] + BODY,
        "content/spoken-words.yml": "words:\n  ĐKKH: đăng ký kết hôn\n  ubnd: Ủy ban\nper_minute: 60\n"}))
    text = (site / "phat-thanh/a.txt").read_text(encoding="utf-8")
    assert "Nộp ở Ủy ban xã. đăng ký kết hôn ngày hai tháng chín năm hai nghìn không trăm hai mươi lăm." in text
    lines = text.splitlines()
    assert lines[0] == "BÀI PHÁT THANH: Hòa giải ở cơ sở là gì?"
    syllables = int(re.search(r"\((\d+) tiếng, 60 tiếng một phút\)", lines[1]).group(1))
    assert lines[1].startswith(f"Đọc khoảng {duration(syllables, 60, SAY)} (")
    spoken_part = "\n".join(lines[3:])
    assert syllables == sum(1 for w in spoken_part.split() if any(c.isalpha() for c in w))


def test_opening_and_closing_name_the_union_and_the_hotline(make_site) -> None:
    site = build(make_site({"content/a.md": explainer()}))
    paragraphs = (site / "phat-thanh/a.txt").read_text(encoding="utf-8").split("\n\n")
    assert paragraphs[1] == "Kính thưa bà con, chị em hội viên! Sau đây là bài phát thanh của Hội LHPN tỉnh thử."
    assert paragraphs[-1].startswith("Bà con cần hỏi thêm, xin gọi đường dây nóng của Hội LHPN tỉnh thử, "
                                     "số: không ba bảy bảy, sáu bảy hai, bốn bốn bốn.")


def test_withdrawn_and_khmer_explainers_get_no_script(make_site) -> None:
    site = build(make_site({"content/a.md": explainer(),
                            "content/b.md": explainer("Bài đã rút", withdrawn="{date: 2024-01-01, reason: Cũ}")}))
    assert sorted(p.name for p in (site / "phat-thanh").glob("*.txt")) == ["a.txt"]
    assert "phat-thanh/b.txt" not in (site / "chia-se/index.html").read_text(encoding="utf-8")


def test_scripts_of_the_sample_site(built_site: Path, golden) -> None:
    made = {p.stem for p in (built_site / "phat-thanh").glob("*.txt")}
    with_posts = {p.parent.name for p in (built_site / "social").glob("*/zalo.txt")}
    assert made == {slug for slug in with_posts if not slug.endswith("-km")}  # every one with posts, no Khmer one
    without_posts = {p.name for p in (built_site / "social").iterdir() if p.is_dir() and not (p / "zalo.txt").exists()}
    assert not made & without_posts
    for slug in ("chong-danh-vo-thi-bi-xu-ly-the-nao", "tai-san-chung-cua-vo-chong"):
        golden(f"broadcast/{slug}.txt", (built_site / f"phat-thanh/{slug}.txt").read_text(encoding="utf-8"))


def test_the_staff_page_lists_every_script_ready_to_copy(built_site: Path) -> None:
    page = (built_site / "chia-se/index.html").read_text(encoding="utf-8")
    sources = dict(re.findall(r'<textarea id="loa-staff-([\w-]+)-phat-thanh"[^>]*>\n(.*?)</textarea>', page, re.S))
    assert sources, "no script on the staff page"
    for slug, text in sources.items():
        assert html.unescape(text) == (built_site / f"phat-thanh/{slug}.txt").read_text(encoding="utf-8")
        assert f'href="../phat-thanh/{slug}.txt"' in page
        assert f'data-loa-copy="loa-staff-{slug}-phat-thanh">Sao chép bài phát thanh</button>' in page


@pytest.mark.browser
def test_the_copy_button_copies_the_script_file(built_site: Path, site_url: str, browser) -> None:
    from playwright.sync_api import expect

    slug = "tai-san-chung-cua-vo-chong"
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(f"{site_url}chia-se/")
        button = page.locator(f'[data-loa-copy="loa-staff-{slug}-phat-thanh"]')
        button.click()
        expect(button).to_have_text("Đã sao chép")
        copied = page.evaluate("navigator.clipboard.readText()")
    finally:
        context.close()
    assert copied == (built_site / f"phat-thanh/{slug}.txt").read_text(encoding="utf-8")
