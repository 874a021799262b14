"""The review list (issue 10 items 6-7): `loa review` worst first in text and
JSON with `loa check`'s exit codes, the /ra-soat/ staff page, `loa check
--strict`, and nothing stale going out as a post."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import AUDIENCES, LAWS, MKDOCS_YML, REPO, TOPICS, Site, copy_project, explainer
from loa.adapters.cli import main
from loa.content import review

TODAY = dt.date.today()
# luat-cu is replaced by luat-moi; luat-hoa-giai-2013's article 5 was amended in 2024.
REGISTERED = LAWS + """\
  changes:
    - {kind: amended, articles: [5], date: 2024-01-01}
luat-cu:
  title: Luật cũ
  number: 1/2010/QH12
  issued: 2010-01-01
  effective: 2010-07-01
  superseded_by: luat-moi
luat-moi:
  title: Luật mới
  number: 2/2024/QH15
  issued: 2024-01-01
  effective: 2024-07-01
  checked: TODAY
""".replace("TODAY", TODAY.isoformat())
OUTDATED = """\
cap-huyen:
  words: [UBND huyện]
  since: 2025-07-01
  number: 72/2025/QH15
  reason: chính quyền địa phương chỉ còn hai cấp
  instead: UBND xã
"""
FRESH = TODAY.isoformat()
FILES = {
    "content/laws.yml": REGISTERED,
    "content/outdated-words.yml": OUTDATED,
    # relies on a repealed text, no note: blocking
    "content/dua-vao-luat-cu.md": explainer("Dựa vào luật cũ", laws="[luat-cu]", date="2024-08-01", reviewed=FRESH),
    # cites article 5, amended after its last review (2023)
    "content/dieu-da-sua.md": explainer("Điều đã sửa", laws="[{id: luat-hoa-giai-2013, articles: [5]}]",
                                        date="2023-06-01", reviewed="2023-06-01"),
    # overdue, the older the worse
    "content/qua-han-lau.md": explainer("Quá hạn lâu", laws="[luat-moi]", date="2022-01-01"),
    "content/qua-han-it.md": explainer("Quá hạn ít", laws="[luat-moi]", date="2024-08-01"),
    # an outdated word, reviewed today
    "content/tu-cu.md": explainer("Từ cũ", laws="[luat-moi]", date="2024-08-01", reviewed=FRESH)
    + "\nNộp đơn ở UBND huyện.\n",
    # nothing to review
    "content/on.md": explainer("Ổn", laws="[luat-moi]", date="2024-08-01", reviewed=FRESH),
    # withdrawn: not on the list, no post
    "content/da-rut.md": explainer("Đã rút", laws="[luat-cu]", date="2024-08-01",
                                   withdrawn="{date: 2024-09-01, reason: Luật đã thay}"),
}


def project(root: Path, files: dict[str, str]) -> Site:
    return Site(root).write({"mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides"),
                             "docs/index.md": "# Trang chủ\n\nChào mừng.\n", "content/audiences.yml": AUDIENCES,
                             "content/topics.yml": TOPICS, "content/laws.yml": LAWS, **files})


def run(site: Site, *args: str):
    result = CliRunner().invoke(main, [*args, "--config", str(site.config)])
    assert "Traceback" not in result.output + result.stderr, result.output + result.stderr
    return result


@pytest.fixture
def site(tmp_path: Path) -> Site:
    return project(tmp_path / "p", FILES)


def test_the_list_is_worst_first(site: Site) -> None:
    result = run(site, "review", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    got = [(i["kind"], i["subject"]) for i in data["items"]]
    assert got == [
        ("blocking", "dua-vao-luat-cu"),
        ("law_changed", "dieu-da-sua"),
        ("overdue", "qua-han-lau"), ("overdue", "dieu-da-sua"), ("overdue", "qua-han-it"),
        ("outdated_word", "tu-cu"),
        ("law_unchecked", "luat-hoa-giai-2013"), ("law_unchecked", "luat-cu"),  # never checked: by place
    ]
    assert data["date"] == TODAY.isoformat() and data["count"] == len(got)
    first = data["items"][0]
    assert first["blocking"] is True and first["code"] == "LOA312" and first["severity"] == "warning"
    assert first["url"] == "bai-viet/dua-vao-luat-cu/" and first["path"] == "content/dua-vao-luat-cu.md"
    assert first["fails"] is False
    unchecked = data["items"][-1]
    assert (unchecked["code"], unchecked["path"], unchecked["line"]) == ("LOA353", "content/laws.yml", 8)


def test_the_text_has_a_heading_per_kind_and_each_item_at_its_line(site: Site) -> None:
    text = run(site, "review").stderr
    assert text.startswith(f"Danh sách rà soát ngày {TODAY.day}/{TODAY.month}/{TODAY.year}: 8 việc.\n")
    headings = ["Dựa vào văn bản đã hết hiệu lực (không soạn bài đăng): 1 việc", "Văn bản được trích dẫn đã thay đổi: 1 việc",
                "Quá hạn rà soát: 3 việc", "Từ ngữ đã cũ: 1 việc",
                "Văn bản lâu chưa đối chiếu với cơ sở dữ liệu quốc gia: 2 việc"]
    assert [text.index(h) for h in headings] == sorted(text.index(h) for h in headings)
    assert "content/tu-cu.md:13: cảnh báo LOA341:" in text
    assert "content/laws.yml:8: cảnh báo LOA353: văn bản Luật cũ số 1/2010/QH12 chưa từng được đối chiếu" in text
    assert "đã rút" not in text.lower()  # a withdrawn explainer needs no review


def test_strict_fails_on_a_list_and_not_on_an_empty_one(site: Site, tmp_path: Path) -> None:
    strict = run(site, "review", "--strict")
    assert strict.exit_code == 1 and "với --strict" in strict.stderr
    assert json.loads(run(site, "review", "--format", "json", "--strict").stdout)["items"][0]["fails"] is True
    clean = project(tmp_path / "sach", {
        "content/laws.yml": LAWS + f"  checked: {FRESH}\n", "content/on.md": explainer(reviewed=FRESH)})
    result = run(clean, "review", "--strict")
    assert result.exit_code == 0 and "không có việc gì cần rà soát" in result.stderr


def test_no_list_while_the_content_has_errors(tmp_path: Path) -> None:
    broken = project(tmp_path / "loi", {"content/a.md": explainer(audiences="[khong-co]")})
    result = run(broken, "review")
    assert result.exit_code == 1
    assert "content/a.md:4: lỗi LOA130:" in result.stderr and "Chưa lập được danh sách rà soát" in result.stderr


def test_check_tells_warnings_from_errors_and_strict_makes_them_fail(site: Site) -> None:
    plain = run(site, "check")
    assert plain.exit_code == 0 and "cảnh báo LOA341" in plain.stderr and " lỗi LOA" not in plain.stderr
    found = json.loads(run(site, "check", "--format", "json").stdout)
    assert found and all(p["severity"] == "warning" and p["fails"] is False for p in found)
    strict = run(site, "check", "--strict")
    assert strict.exit_code == 1 and "Có " in strict.stderr and "với --strict" in strict.stderr
    assert all(p["fails"] for p in json.loads(run(site, "check", "--format", "json", "--strict").stdout))


def test_publish_leaves_out_what_is_stale_and_says_why(site: Site, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(site, "publish", "--site-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert ('Không soạn bài đăng cho bài "Dựa vào luật cũ" (content/dua-vao-luat-cu.md): bài dựa vào Luật cũ '
            "số 1/2010/QH12, văn bản này đã hết hiệu lực mà trang chưa có ghi chú.") in result.stderr
    assert 'Không soạn bài đăng cho bài "Đã rút" (content/da-rut.md): bài đã rút từ ngày 1/9/2024.' in result.stderr
    written = sorted(p.name for p in (out / "social").iterdir() if p.is_dir())
    assert written == ["dieu-da-sua", "on", "qua-han-it", "qua-han-lau", "tu-cu"]
    one = run(site, "publish", "--slug", "dua-vao-luat-cu", "--channel", "zalo", "--stdout")
    assert one.exit_code == 1 and one.stdout == "" and "hết hiệu lực" in one.stderr


def test_a_note_on_the_citation_lifts_the_block(tmp_path: Path) -> None:
    noted = project(tmp_path / "ghi-chu", {**FILES, "content/dua-vao-luat-cu.md": explainer(
        "Dựa vào luật cũ", laws='[{id: luat-cu, note: "So sánh với luật mới."}]', date="2024-08-01", reviewed=FRESH)})
    items = json.loads(run(noted, "review", "--format", "json").stdout)["items"]
    mine = [i for i in items if i["subject"] == "dua-vao-luat-cu"]
    assert [(i["kind"], i["code"]) for i in mine] == [("law_changed", "LOA314")]
    assert "Luật cũ số 1/2010/QH12, nay đã hết hiệu lực toàn bộ" in mine[0]["message"]
    assert "vẫn có bài đăng" in mine[0]["message"]  # the note lifted the block: it does get a post
    assert "không có bài đăng" not in mine[0]["message"]
    checked = json.loads(run(noted, "check", "--format", "json").stdout or "[]")
    assert "LOA312" not in [p["code"] for p in checked if p["path"] == "content/dua-vao-luat-cu.md"]
    assert "dua-vao-luat-cu" not in run(noted, "publish", "--site-dir", str(tmp_path / "o")).stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = project(tmp_path_factory.mktemp("review"), FILES)
    result = run(site, "build")
    assert result.exit_code == 0, result.stderr
    return site.root / "site"


def test_the_staff_page_shows_the_same_list(built: Path) -> None:
    html = (built / "ra-soat/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex">' in html
    order = [html.index(f'id="ra-soat-{k}"') for k in review.KINDS]
    assert order == sorted(order)
    assert '<a href="../bai-viet/dua-vao-luat-cu/">Dựa vào luật cũ</a>' in html
    assert "<code>content/tu-cu.md:13</code>" in html and "gợi ý: viết UBND xã" in html
    assert '<a href="../van-ban/luat-cu/">Luật cũ số 1/2010/QH12</a>' in html


def test_stale_explainers_get_no_post_no_share_box_and_stay_out_of_the_staff_page(built: Path) -> None:
    assert not list((built / "social/dua-vao-luat-cu").glob("*.txt"))
    assert (built / "social/tu-cu/zalo.txt").is_file()
    page = (built / "bai-viet/dua-vao-luat-cu/index.html").read_text(encoding="utf-8")
    assert "loa-share" not in page and "Dựa vào luật cũ" in page  # the page itself stays
    staff = (built / "chia-se/index.html").read_text(encoding="utf-8")
    assert 'id="tu-cu"' in staff and 'id="dua-vao-luat-cu"' not in staff


def test_the_staff_page_is_not_in_the_search_index(built: Path) -> None:
    index = "".join(p.read_text(encoding="utf-8") for p in (built / "assets/loa/search").rglob("*.js"))
    assert "bai-viet/tu-cu/" in index and "ra-soat" not in index


def test_the_sample_contents_review_list(tmp_path: Path) -> None:
    """The repository's own content: a list is made, worst first, every item at a real line."""
    root = copy_project(tmp_path / "repo")
    result = CliRunner().invoke(main, ["review", "--config", str(root / "mkdocs.yml"), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)["items"]
    ranks = [review.KINDS.index(i["kind"]) for i in items]
    assert ranks == sorted(ranks)
    for i in items:
        lines = (root / i["path"]).read_text(encoding="utf-8").splitlines()
        assert 1 <= max(i["line"], 1) <= len(lines), i


def test_law_check_days_sets_how_old_a_check_may_be(tmp_path: Path) -> None:
    checked = (TODAY - dt.timedelta(days=40)).isoformat()
    files = {"content/laws.yml": LAWS + f"  checked: {checked}\n", "content/on.md": explainer(reviewed=FRESH)}
    default = project(tmp_path / "mac-dinh", files)
    assert json.loads(run(default, "review", "--format", "json").stdout)["items"] == []  # 40 days < 183
    yml = MKDOCS_YML.format(overrides=REPO / "overrides").replace("      organisation:", "      law_check_days: 30\n      organisation:")
    strict = project(tmp_path / "30-ngay", {**files, "mkdocs.yml": yml})
    items = json.loads(run(strict, "review", "--format", "json").stdout)["items"]
    assert [(i["kind"], i["subject"]) for i in items] == [("law_unchecked", "luat-hoa-giai-2013")]
    assert f"chưa được đối chiếu lại từ ngày {dt.date.fromisoformat(checked).day}/" in items[0]["message"]
    assert "(40 ngày)" in items[0]["message"]
    bad = project(tmp_path / "sai", {**files, "mkdocs.yml": yml.replace("law_check_days: 30", "law_check_days: 0")})
    result = run(bad, "check")
    assert result.exit_code == 1 and "law_check_days phải là số ngày từ 1 đến 3660" in result.stderr
