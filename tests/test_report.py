"""`loa report`: periods, figures, access logs, the .docx and the CSV."""
from __future__ import annotations

import datetime as dt
import gzip
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from conftest import explainer
from loa.adapters.cli import main
from loa.content.postlog import Posting
from loa.core import dates
from loa.core.model import (Audience, Catalog, Channel, Explainer, Law, LawRef, ReportSettings, Settings, Topic,
                            Withdrawal)
from loa.i18n import messages
from loa.reports import access, csv_out, figures
from loa.reports import made as made_mod
from loa.reports.period import preset

T = messages("vi")
D = dt.date
SETTINGS = Settings(
    site_url="https://loa.example/", site_name="Loa thử", organisation="Hội LHPN tỉnh thử", hotline="0377.672.444",
    contacts=(), content_dir="content", theme_color="#8e2463",
    channels=(Channel("facebook", 1500, 4, True, 3), Channel("zalo", 900, 3, False, 2)),
    report=ReportSettings(organisation="Hội LHPN tỉnh thử", symbol="BC-HPN", place="Sóc Trăng",
                          recipients=("Sở Tư pháp", "Lưu: VT"), signer_title="TM. Ban Thường vụ",
                          signer_role="Chủ tịch"))


def made(slug: str, day: D, **fields) -> Explainer:
    base = dict(slug=slug, path=f"content/{slug}.md", title=f"Bài {slug}", summary="Tóm tắt.",
                audiences=("phu-nu-nong-thon",), topics=("hoa-giai-co-so",), date=day, body="Nội dung.",
                body_line=10, laws=(LawRef("luat-hoa-giai-2013"),))
    return Explainer(**{**base, **fields})


CATALOG = Catalog(
    explainers=(
        made("cu", D(2024, 3, 1)),  # before the period: only its review counts
        made("moi-1", D(2025, 2, 3)),
        made("moi-2", D(2025, 5, 20), audiences=("phu-nu-khmer",), topics=("bao-luc-gia-dinh",)),
        made("khmer", D(2025, 4, 1), lang="km", audiences=("phu-nu-khmer",)),
        made("ra-soat", D(2024, 1, 10), reviewed=D(2025, 3, 15)),
        made("go", D(2024, 6, 1), withdrawn=Withdrawal(D(2025, 6, 1), "Hết hiệu lực.")),
        made("nhap", D(2025, 3, 1), draft=True),
        made("sau-ky", D(2025, 8, 1)),
    ),
    audiences={"phu-nu-nong-thon": Audience("phu-nu-nong-thon", "Phụ nữ nông thôn", ""),
               "phu-nu-khmer": Audience("phu-nu-khmer", "Phụ nữ Khmer", "")},
    topics={"hoa-giai-co-so": Topic("hoa-giai-co-so", "Hòa giải ở cơ sở", ""),
            "bao-luc-gia-dinh": Topic("bao-luc-gia-dinh", "Phòng, chống bạo lực gia đình", "")},
    laws={"luat-hoa-giai-2013": Law("luat-hoa-giai-2013", "Luật Hòa giải ở cơ sở", "35/2013/QH13",
                                    D(2013, 6, 20), D(2014, 1, 1))},
)
POSTINGS = [
    Posting(2, D(2025, 2, 4), "moi-1", "zalo", "Chi hội ấp Phú Hữu", "Hoa"),
    Posting(3, D(2025, 2, 5), "moi-1", "zalo", "chi hội ấp  phú hữu"),  # the same group, typed again
    Posting(4, D(2025, 5, 21), "moi-2", "facebook", "Phụ nữ Sóc Trăng"),
    Posting(5, D(2025, 7, 2), "moi-2", "zalo", "Chi hội ấp Phú Hữu"),  # after the period
]


def log_line(path: str, day: str = "03/Mar/2025:08:15:01 +0700", status: int = 200,
             agent: str = "Mozilla/5.0 (Linux; Android 10)", ip: str = "203.0.113.9") -> str:
    return f'{ip} - - [{day}] "GET {path} HTTP/1.1" {status} 5120 "-" "{agent}"\n'


ACCESS_LOG = "".join([
    log_line("/bai-viet/moi-1/?utm_source=zalo&utm_medium=social"),
    log_line("/bai-viet/moi-1/?utm_source=zalo&utm_medium=social"),
    log_line("/bai-viet/moi-1/index.html?utm_source=facebook&utm_medium=social"),
    log_line("/bai-viet/moi-1/"),
    log_line("/bai-viet/moi-2/?utm_source=newsletter"),
    log_line("/bai-viet/moi-2/?utm_source=to-roi"),  # a leaflet's QR code
    log_line("/bai-viet/moi-2/", status=404),  # not served: not a view
    log_line("/bai-viet/khong-co/"),  # no such explainer
    log_line("/bai-viet/moi-1/", agent="Googlebot/2.1"),  # a robot
    log_line("/bai-viet/moi-1/", agent="facebookexternalhit/1.1"),  # a link preview
    log_line("/bai-viet/moi-1/", day="03/Mar/2024:08:15:01 +0700"),  # before the period
    log_line("/tim-kiem/?q=Ho%C3%A0+gi%E1%BA%A3i"),
    log_line("/tim-kiem/?q=hoa+giai"),
    log_line("/tim-kiem/?q=HOÀ%20%20GIẢI"),
    log_line("/tim-kiem/?q=ly+h%C3%B4n"),
    log_line("/tim-kiem/?q="),  # an empty search is no search
    "this is not a log line\n",
    '203.0.113.9 - - [32/Foo/2025:99:00:00 +0700] "GET / HTTP/1.1" 200 1 "-" "x"\n',
])


def test_presets_follow_the_plan_and_the_circular() -> None:
    half, year = preset("6-thang", 2027), preset("nam", 2027)
    assert (half.start, half.end, half.due()) == (D(2027, 1, 1), D(2027, 6, 30), D(2027, 5, 15))
    assert (year.start, year.end, year.due()) == (D(2027, 1, 1), D(2027, 12, 31), D(2027, 10, 15))
    assert half.counted_to(D(2027, 5, 14)) == D(2027, 5, 14)
    assert half.counted_to(D(2028, 1, 1)) == D(2027, 6, 30)


def test_formal_dates_pad_days_under_ten_and_january_february() -> None:
    assert dates.formal(D(2027, 5, 15)) == "ngày 15 tháng 5 năm 2027"
    assert dates.formal(D(2027, 2, 5)) == "ngày 05 tháng 02 năm 2027"
    assert dates.formal(D(2027, 11, 1)) == "ngày 01 tháng 11 năm 2027"


def test_numbers_are_grouped_the_vietnamese_way_in_the_document_only() -> None:
    from loa.reports import docx
    from loa.reports.document import Report, Section, Table

    assert docx.cell_text(1234567) == "1.234.567" and docx.cell_text(None) == "" and docx.cell_text("12") == "12"
    big = Report(SETTINGS, preset("nam", 2025), D(2025, 12, 31), D(2025, 12, 31),
                 (Section("Thử", tables=(Table("t", "Bảng", ("Dòng", "Số"), (("Lượt xem", 1234567),)),)),))
    assert "t,Bảng,Lượt xem,Số,1234567" in csv_out.text(big, T)  # plain for spreadsheets


def test_figures_count_what_happened_in_the_period() -> None:
    c = figures.counts(CATALOG, preset("6-thang", 2025), today=D(2026, 1, 1))
    assert sorted(e.slug for e in c.published) == ["khmer", "moi-1", "moi-2"]
    assert [e.slug for e in c.reviewed] == ["ra-soat"]
    assert [e.slug for e in c.withdrawn] == ["go"]
    assert "nhap" not in {e.slug for e in c.live} and "go" not in {e.slug for e in c.live}
    # A report made before the period ends counts to the day it is made.
    early = figures.counts(CATALOG, preset("6-thang", 2025), today=D(2025, 5, 1))
    assert sorted(e.slug for e in early.published) == ["khmer", "moi-1"]


def test_posts_prepared_follow_the_posts_own_rule() -> None:
    gone_at_once = made("rut-ngay", D(2025, 3, 1), withdrawn=Withdrawal(D(2025, 3, 1), "Sai."))
    c = figures.counts(Catalog((*CATALOG.explainers, gone_at_once), CATALOG.audiences, CATALOG.topics,
                               CATALOG.laws), preset("6-thang", 2025), today=D(2026, 1, 1))
    assert "rut-ngay" in {e.slug for e in c.published}
    assert sorted(e.slug for e in figures.prepared(CATALOG, c)) == ["khmer", "moi-1", "moi-2"]


def test_access_logs_count_views_sources_and_searches(tmp_path: Path) -> None:
    plain = tmp_path / "access.log"
    plain.write_text(ACCESS_LOG, encoding="utf-8")
    rotated = tmp_path / "access.log.1"  # gzip by its content, whatever its name
    rotated.write_bytes(gzip.compress(log_line("/bai-viet/moi-2/?utm_source=zalo").encode()))
    reading = access.read_logs([plain, rotated], [e.slug for e in CATALOG.explainers], "https://loa.example/",
                               ["facebook", "zalo"], D(2025, 1, 1), D(2025, 6, 30))
    assert reading.views == {"moi-1": 4, "moi-2": 3}
    assert reading.by_source[("moi-1", "zalo")] == 2 and reading.by_source[("moi-1", "facebook")] == 1
    assert reading.by_source[("moi-1", access.UNTAGGED)] == 1
    assert reading.by_source[("moi-2", access.OTHER)] == 2 and reading.by_source[("moi-2", "zalo")] == 1
    assert reading.searches == 4
    assert reading.top_queries() == [("hoà giải", 3), ("ly hôn", 1)]
    assert (reading.malformed, reading.robots, reading.lines) == (2, 2, ACCESS_LOG.count("\n") + 1)
    assert reading.first_malformed == {str(plain): (17, 2)}


def test_a_site_under_a_sub_path_is_counted_there(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(log_line("/loa/bai-viet/moi-1/") + log_line("/bai-viet/moi-1/"), encoding="utf-8")
    reading = access.read_logs([log], ["moi-1"], "https://example.gov.vn/loa/", ["zalo"],
                               D(2025, 1, 1), D(2025, 12, 31))
    assert reading.views == {"moi-1": 1}


SOURCES = ["facebook", "zalo", "to-roi"]


def made_files(tmp_path: Path) -> made_mod.Made:
    """A leaflet folder as loa print leaves it, with a stranger's PDF, and a bookcase folder."""
    leaflets, bookcase = tmp_path / "to-roi", tmp_path / "tu-sach"
    leaflets.mkdir()
    bookcase.mkdir()
    for name in ("moi-1-a5.pdf", "moi-1-a4.pdf", "moi-2-a5.pdf", "cua-ai-do.pdf", "cu-a5.pdf"):
        (leaflets / name).write_bytes(b"%PDF-1.7")
    (leaflets / ".loa-to-roi").write_text("# Loa\nmoi-1-a5.pdf\nmoi-1-a4.pdf\nmoi-2-a5.pdf\ncu-a5.pdf\n",
                                         encoding="utf-8")
    old = dt.datetime(2024, 12, 1).timestamp()  # made before the period
    os.utime(leaflets / "cu-a5.pdf", (old, old))
    for name in ("tu-sach-2025-03-01.zip", "tu-sach-2025-03-01.zim", "huong-dan.html"):
        (bookcase / name).write_bytes(b"x")
    day = dt.datetime(2025, 3, 1).timestamp()
    for path in [*leaflets.iterdir(), *bookcase.iterdir()]:
        if path.name != "cu-a5.pdf":
            os.utime(path, (day, day))
    return made_mod.count(leaflets, bookcase, D(2025, 1, 1), D(2025, 6, 30))


def test_leaflets_and_bookcase_copies_are_counted_from_their_folders(tmp_path: Path) -> None:
    found = made_files(tmp_path)
    assert (found.leaflets_a5, found.leaflets_a4, found.leaflet_explainers) == (2, 1, 2)  # not the stranger's
    assert (found.bookcase_zip, found.bookcase_zim, found.found) == (1, 1, True)
    assert made_mod.count(tmp_path / "x", tmp_path / "y", D(2025, 1, 1), D(2025, 6, 30)) == made_mod.Made()


def report_for(reading=None, files=None):
    return figures.build(CATALOG, SETTINGS, POSTINGS, preset("6-thang", 2025), today=D(2026, 1, 1),
                         issued=D(2025, 5, 15), msgs=T, reading=reading, made=files)


def test_the_csv_holds_the_figures(golden, tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(ACCESS_LOG, encoding="utf-8")
    reading = access.read_logs([log], [e.slug for e in CATALOG.explainers], SETTINGS.site_url,
                               SOURCES, D(2025, 1, 1), D(2025, 6, 30))
    golden("reports/bao-cao-6-thang-2025.csv", csv_out.text(report_for(reading, made_files(tmp_path)), T))


def test_the_csv_without_logs_says_so_in_the_document_only(golden) -> None:
    made_report = report_for()
    reading = [s for s in made_report.sections if s.title == T("report.section.reading")][0]
    assert reading.paragraphs == (T("report.reading.none"),) and reading.tables == ()
    golden("reports/bao-cao-6-thang-2025-khong-nhat-ky.csv", csv_out.text(made_report, T))


def test_no_address_or_user_agent_reaches_any_output(tmp_path: Path) -> None:
    log = tmp_path / "access.log"
    log.write_text(ACCESS_LOG, encoding="utf-8")
    reading = access.read_logs([log], [e.slug for e in CATALOG.explainers], SETTINGS.site_url,
                               ["facebook", "zalo"], D(2025, 1, 1), D(2025, 6, 30))
    text = csv_out.text(report_for(reading), T)
    from loa.reports import docx

    docx.write(report_for(reading), tmp_path / "r.docx", T)
    body = "\n".join(p.text for p in Document(str(tmp_path / "r.docx")).paragraphs)
    cells = "\n".join(c.text for t in Document(str(tmp_path / "r.docx")).tables for r in t.rows for c in r.cells)
    for output in (text, body, cells, repr(reading)):
        assert "203.0.113" not in output and "Mozilla" not in output and "Android" not in output


# The command, end to end ---------------------------------------------------------

PROJECT = {
    "content/a.md": explainer("Hòa giải ở cơ sở là gì?", date="2025-02-03"),
    "content/b.md": explainer("Bạo lực gia đình là gì?", date="2025-04-10", topics="[bao-luc-gia-dinh]",
                              reviewed="2025-05-01"),
    "content/cu.md": explainer("Bài cũ", date="2023-03-15"),
    "content/posted.csv": "date,slug,channel,group,by\r\n2025-02-04,a,zalo,Chi hội ấp Phú Hữu,Hoa\r\n"
                          "2025-02-05,a,facebook,\"Phụ nữ Sóc Trăng, nhóm chung\",\r\n",
}
REPORT_BLOCK = """      report:
        organisation: Hội LHPN tỉnh thử
        symbol: BC-HPN
        place: Sóc Trăng
        recipients: [Sở Tư pháp, "Lưu: VT"]
        signer_title: TM. Ban Thường vụ
        signer_role: Chủ tịch
      organisation:"""


def run_report(make_site, tmp_path: Path, *args: str, files: dict | None = None):
    site = make_site({**PROJECT, **(files or {})})
    text = site.config.read_text(encoding="utf-8").replace("      organisation:", REPORT_BLOCK, 1)
    site.config.write_text(text, encoding="utf-8")
    out = tmp_path / "bao-cao"
    result = CliRunner().invoke(main, ["report", *args, "--out", str(out), "--config", str(site.config)])
    return site, out, result


def test_the_docx_has_the_heading_title_and_tables(make_site, tmp_path: Path) -> None:
    log = tmp_path / "access.log.gz"
    log.write_bytes(gzip.compress((log_line("/bai-viet/a/?utm_source=zalo") + "broken\n").encode()))
    _site, out, result = run_report(make_site, tmp_path, "--ky", "6-thang", "--nam", "2025", "--ngay", "5/5/2025",
                                    "--log", str(log))
    assert result.exit_code == 0, result.stderr
    assert f"{log}:2: cảnh báo LOA421:" in result.stderr
    doc = Document(str(out / "bao-cao-6-thang-2025.docx"))
    heading = [c.text for c in doc.tables[0].rows[0].cells]
    assert "HỘI LHPN TỈNH THỬ" in heading[0] and "Số:" in heading[0] and "/BC-HPN" in heading[0]
    assert heading[1].split("\n")[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert "Sóc Trăng, ngày 05 tháng 5 năm 2025" in heading[1]
    body = [p.text for p in doc.paragraphs]
    assert "BÁO CÁO" in body
    assert "(Từ ngày 01 tháng 01 năm 2025 đến ngày 30 tháng 6 năm 2025)" in body
    assert [t for t in body if t[:3] in ("I. ", "II.", "III", "IV.", "V. ", "VI.")] == [
        f"{n}. {T(f'report.section.{key}').upper()}" for n, key in
        zip(("I", "II", "III", "IV", "V", "VI"), ("explainers", "posts", "made", "reading", "review", "form"))]
    assert T("report.made.none") in body
    tables = {tuple(c.text for c in t.rows[0].cells[:2]): [[c.text for c in r.cells] for r in t.rows[1:]]
              for t in doc.tables[1:-1]}
    assert tables[("Chủ đề", "Đăng mới")] == [["Hòa giải ở cơ sở", "1", "0", "0"],
                                              ["Phòng, chống bạo lực gia đình", "1", "1", "0"]]
    assert tables[("Kênh", "Bài đăng soạn sẵn")] == [["Facebook", "2", "1", "1"], ["Zalo", "2", "1", "1"]]
    assert tables[("Kênh", "Nhóm, trang")] == [["Facebook", "Phụ nữ Sóc Trăng, nhóm chung", "1"],
                                               ["Zalo", "Chi hội ấp Phú Hữu", "1"]]
    assert tables[("Bài viết", "Lượt xem")] == [["Hòa giải ở cơ sở là gì?", "1", "1"]]
    form = tables[("STT", "Chỉ tiêu")]
    assert form[7][1].startswith("Trong đó: số lượng tài liệu đăng tải trên Internet") and form[7][3] == "2"
    assert form[0][3] == "" and form[0][4] == "Cán bộ điền"  # left for staff
    closing = [c.text for c in doc.tables[-1].rows[0].cells]
    assert "Nơi nhận:\n- Sở Tư pháp;\n- Lưu: VT." == closing[0]
    assert closing[1].startswith("TM. BAN THƯỜNG VỤ\nCHỦ TỊCH")
    csv_text = (out / "bao-cao-6-thang-2025.csv").read_bytes().decode("utf-8-sig")
    assert "II,posts_by_channel,Bảng 5. Bài đăng theo kênh,Zalo,Lần đăng ghi sổ,1" in csv_text


def test_a_report_never_writes_over_an_earlier_one(make_site, tmp_path: Path) -> None:
    _site, out, first = run_report(make_site, tmp_path, "--from", "1/1/2025", "--to", "31/3/2025")
    assert first.exit_code == 0, first.stderr
    edited = out / "bao-cao-2025-01-01-den-2025-03-31.docx"
    edited.write_bytes(b"staff edited this")
    _site, out, second = run_report(make_site, tmp_path, "--from", "1/1/2025", "--to", "31/3/2025")
    assert second.exit_code == 0, second.stderr
    assert edited.read_bytes() == b"staff edited this"
    assert (out / "bao-cao-2025-01-01-den-2025-03-31-2.docx").is_file()


def test_a_missing_or_broken_log_is_a_problem_not_a_traceback(make_site, tmp_path: Path) -> None:
    broken = tmp_path / "access.log.gz"
    broken.write_bytes(b"\x1f\x8b" + b"not gzip at all")
    for log in (tmp_path / "khong-co.log", broken):
        _site, out, result = run_report(make_site, tmp_path, "--ky", "nam", "--nam", "2025", "--log", str(log))
        assert result.exit_code == 1 and "Traceback" not in result.output
        assert f"{log}:1: lỗi LOA420:" in result.stderr
        assert not out.exists() or not list(out.iterdir())


@pytest.mark.parametrize("args", [("--from", "1/1/2025"), ("--ky", "nam", "--from", "1/1/2025", "--to", "2/1/2025")])
def test_dates_by_hand_need_both_and_no_preset(make_site, tmp_path: Path, args) -> None:
    _site, _out, result = run_report(make_site, tmp_path, *args)
    assert result.exit_code == 2 and T("report.cli.dates_needed") in result.stderr


def test_a_bad_report_block_in_mkdocs_yml_is_refused(make_site, tmp_path: Path) -> None:
    site = make_site(PROJECT)
    text = site.config.read_text(encoding="utf-8").replace(
        "      organisation:", "      report:\n        recipients: [Sở Tư pháp, 12]\n      organisation:", 1)
    site.config.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(site.config)])
    assert result.exit_code == 1 and f"lỗi LOA900: {T('LOA900.message', detail=T('LOA900.report.detail'))}" in result.stderr


def test_a_log_written_by_debians_nginx_is_counted(make_site, tmp_path: Path, monkeypatch) -> None:
    """The real server's combined format, as deploy/nginx/ serves the site (tests/test_nginx.py)."""
    import csv
    import io

    from test_nginx import BROTLI_MODULE, DEPLOY, NGINX, WRAPPER, fetch, nginx

    site = make_site(PROJECT)
    built = CliRunner().invoke(main, ["build", "--config", str(site.config), "--site-dir", str(tmp_path / "site")])
    assert built.exit_code == 0, built.stderr
    prefix = tmp_path / "nginx"
    log = prefix / "access.log"
    import test_nginx

    # The same server, with its access log on, in nginx's own combined format.
    monkeypatch.setattr(test_nginx, "WRAPPER", WRAPPER.replace("access_log off;", f"access_log {log} combined;"))
    with nginx(tmp_path / "site", prefix) as port:
        for path in ("/bai-viet/a/?utm_source=zalo&utm_medium=social", "/bai-viet/a/", "/bai-viet/khong-co/",
                     "/tim-kiem/?q=H%C3%B2a+gi%E1%BA%A3i", "/tim-kiem/?q=hoa+giai"):
            fetch(port, path)
    assert NGINX.exists() and BROTLI_MODULE.exists() and DEPLOY.is_dir()
    written = log.read_text(encoding="utf-8")
    assert written.count("\n") == 5 and "127.0.0.1" in written
    today = dt.date.today()
    _site, out, result = run_report(make_site, tmp_path, "--from", dates.vietnamese(today - dt.timedelta(days=1)),
                                    "--to", dates.vietnamese(today + dt.timedelta(days=1)), "--log", str(log))
    assert result.exit_code == 0 and "LOA421" not in result.stderr, result.stderr
    csv_text = next(out.glob("*.csv")).read_bytes().decode("utf-8-sig")
    rows = {(r[1], r[3], r[4]): r[5] for r in csv.reader(io.StringIO(csv_text))}
    assert rows[("most_read", "Hòa giải ở cơ sở là gì?", "Lượt xem")] == "2"  # the 404 is no view
    assert rows[("most_read", "Hòa giải ở cơ sở là gì?", "Zalo")] == "1"
    assert rows[("top_searches", "hòa giải", "Số lần tìm")] == "2"
    assert "127.0.0.1" not in csv_text
