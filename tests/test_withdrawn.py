"""Withdrawn explainers (issue 10 item 4): the page keeps its address with a
banner and a link to the replacement; nothing lists it, search and posts
leave it out; the ledger stays whole; `loa check` refuses a bad withdrawal."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import AUDIENCES, LAWS, MKDOCS_YML, REPO, TOPICS, Site, explainer
from loa.adapters.cli import main
from loa.content import catalog
from loa.i18n import messages
from loa.plan.site import plan

REASON = "Từ 1/7/2025 không còn UBND cấp huyện; thủ tục nay làm ở UBND xã."
OLD = explainer("Đăng ký kết hôn ở huyện", withdrawn=f"{{date: 2025-07-01, reason: \"{REASON}\", replaced_by: moi}}",
                aliases="[ten-cu]")
NEW = explainer("Đăng ký kết hôn ở xã", date="2025-07-01")


def run(site: Site, *args: str):
    result = CliRunner().invoke(main, [*args, "--config", str(site.config)])
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result


def project(root: Path, files: dict[str, str]) -> Site:
    return Site(root).write({"mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides"),
                             "docs/index.md": "# Trang chủ\n\nChào mừng.\n", "content/audiences.yml": AUDIENCES,
                             "content/topics.yml": TOPICS, "content/laws.yml": LAWS, **files})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site where content/cu.md is withdrawn in favour of content/moi.md."""
    site = project(tmp_path_factory.mktemp("withdrawn"), {"content/cu.md": OLD, "content/moi.md": NEW})
    result = run(site, "build")
    assert result.exit_code == 0, result.stderr
    return site.root


def page(built: Path, url: str) -> str:
    return (built / "site" / url / "index.html").read_text(encoding="utf-8")


def test_the_page_keeps_its_address_with_a_banner_and_the_replacement(built: Path) -> None:
    html = page(built, "bai-viet/cu")
    assert 'class="loa-withdrawn"' in html and "Bài này đã được rút" in html
    assert "Từ ngày 1/7/2025" in html and REASON in html
    assert '<a href="../../bai-viet/moi/">Đăng ký kết hôn ở xã</a>' in html
    assert html.index("loa-withdrawn") < html.index("loa-summary")  # above everything else the page says
    assert '<meta name="robots" content="noindex">' in html


def test_an_old_alias_still_leads_to_the_withdrawn_page(built: Path) -> None:
    assert 'url=../../bai-viet/cu/"' in page(built, "bai-viet/ten-cu")


def test_no_list_shows_it(built: Path) -> None:
    for url in ("", "doi-tuong/phu-nu-nong-thon", "chu-de/hoa-giai-co-so", "van-ban/luat-hoa-giai-2013"):
        html = page(built, url) if url else (built / "site/index.html").read_text(encoding="utf-8")
        assert "bai-viet/cu/" not in html, url
        assert "bai-viet/moi/" in html, url  # the control: the page does list explainers


def test_search_leaves_it_out(built: Path) -> None:
    index = "".join(p.read_text(encoding="utf-8") for p in (built / "site/assets/loa/search").rglob("*.js"))
    assert "bai-viet/moi/" in index and "bai-viet/cu/" not in index


def test_no_post_no_share_box_no_staff_entry(built: Path) -> None:
    # Its page keeps its link-preview image (social/cu/og.png), but no post is written.
    assert not list((built / "site/social/cu").glob("*.txt")) and (built / "site/social/moi/zalo.txt").is_file()
    manifest = json.loads((built / "site/social/index.json").read_text(encoding="utf-8"))
    assert [e["slug"] for e in manifest["explainers"]] == ["moi"]
    assert "loa-share" not in page(built, "bai-viet/cu") and "loa-share" in page(built, "bai-viet/moi")
    staff = page(built, "chia-se")
    assert 'id="moi"' in staff and 'id="cu"' not in staff


def test_the_ledger_keeps_its_address(built: Path) -> None:
    ledger = (built / "content/published-urls.txt").read_text(encoding="utf-8")
    assert "/bai-viet/cu/" in ledger and "/bai-viet/moi/" in ledger


def test_a_withdrawal_on_a_later_day_changes_nothing_yet(make_site) -> None:
    site = make_site({"content/cu.md": explainer(withdrawn="{date: 2999-01-01, reason: Sắp cũ}")})
    found = catalog.load(site.root)
    site_plan = plan(found, messages(), dt.date.today())
    assert [e.slug for e in site_plan.explainers] == ["cu"] and site_plan.withdrawn == ()
    assert run(site, "check").exit_code == 0


@pytest.mark.parametrize("withdrawn, code, words", [
    ("{date: 30/2/2024, reason: Cũ}", "LOA141", "withdrawn.date"),
    ("{date: tháng bảy, reason: Cũ}", "LOA140", "withdrawn.date"),
    ("{reason: Cũ}", "LOA330", "thiếu ngày rút bài"),
    ("{date: 2024-01-01}", "LOA330", "thiếu lý do"),
    ("{date: 2024-01-01, reason: Cũ, thay: moi}", "LOA330", "thay"),
    ("2024-01-01", "LOA330", "trường con"),
    ("{date: 2024-01-01, reason: Cũ, replaced_by: moii}", "LOA331", 'có phải ý bạn là "moi"?'),
    ("{date: 2024-01-01, reason: Cũ, replaced_by: cu}", "LOA332", "chính nó"),
    ("{date: 2020-01-01, reason: Cũ}", "LOA333", "sớm hơn ngày đăng"),
])
def test_a_bad_withdrawal_is_an_error_at_its_line(make_site, withdrawn: str, code: str, words: str) -> None:
    site = make_site({"content/cu.md": explainer(withdrawn=withdrawn), "content/moi.md": NEW})
    result = run(site, "check")
    assert result.exit_code == 1
    assert f"content/cu.md:8: lỗi {code}:" in result.stderr and words in result.stderr, result.stderr


@pytest.mark.parametrize("other, why", [
    (explainer(draft="true"), "bản nháp"),
    (explainer(date="2999-01-01"), "hẹn đăng ngày 1/1/2999"),
    (explainer(withdrawn="{date: 2024-06-01, reason: Cũ nữa}"), "cũng đã bị rút"),
])
def test_the_replacement_must_be_live(make_site, other: str, why: str) -> None:
    site = make_site({"content/cu.md": explainer(withdrawn="{date: 2024-01-01, reason: Cũ, replaced_by: moi}"),
                      "content/moi.md": other})
    result = run(site, "check")
    assert result.exit_code == 1 and "content/cu.md:8: lỗi LOA332:" in result.stderr and why in result.stderr


def test_the_banner_reads_and_leads_to_the_replacement_in_chromium(built: Path, serve, browser) -> None:
    base = serve(built / "site")
    tab = browser.new_page()
    try:
        tab.goto(base + "bai-viet/cu/")
        banner = tab.get_by_role("note").filter(has_text="Bài này đã được rút")
        text = " ".join(banner.inner_text().split())
        assert text == ("Bài này đã được rút Từ ngày 1/7/2025, bài này không còn được cập nhật; nội dung có thể "
                        f"không còn đúng. Lý do: {REASON} Mời bạn đọc bài mới: Đăng ký kết hôn ở xã")
        assert banner.is_visible()
        banner.get_by_role("link", name="Đăng ký kết hôn ở xã").click()
        tab.wait_for_url(base + "bai-viet/moi/")
        assert tab.locator("h1").first.inner_text() == "Đăng ký kết hôn ở xã"
    finally:
        tab.close()


def test_a_link_to_a_withdrawn_explainer_is_a_warning_with_its_replacement(make_site) -> None:
    site = make_site({"content/cu.md": OLD, "content/moi.md": NEW,
                      "content/khac.md": explainer() + "\nXem [bài cũ](cu.md) và [bài mới](moi.md).\n"})
    result = run(site, "check")
    assert result.exit_code == 0
    assert 'content/khac.md:12: cảnh báo LOA334: liên kết tới bài "cu", bài này đã rút từ ngày 1/7/2025' in result.stderr
    assert "gợi ý: đổi liên kết sang bài thay thế moi.md" in result.stderr
    assert result.stderr.count("LOA334") == 1


@pytest.mark.parametrize("written", ["moi", "moi.md", "../khac/moi.md", "/bai-viet/moi/", "Mới.md"])
def test_the_replacement_may_be_written_as_a_file_or_an_address(make_site, written: str) -> None:
    site = make_site({"content/cu.md": explainer(withdrawn=f'{{date: 2024-01-01, reason: Cũ, replaced_by: "{written}"}}'),
                      "content/moi.md": NEW})
    (e,) = [x for x in catalog.load(site.root).explainers if x.slug == "cu"]
    assert e.withdrawn.replaced_by == "moi" and run(site, "check").exit_code == 0
