"""`loa print`: leaflets as real PDFs, read back with real tools.

Page sizes come from poppler's pdfinfo, words from pdftotext, and every QR
code is decoded by zxing-cpp from a PNG that pdftoppm draws of the page,
then measured on that picture: at least 20 mm with its quiet zone, modules
of at least 0.5 mm, and the quiet zone white.
"""
from __future__ import annotations

import datetime as dt
import http.server
import re
import shutil
import subprocess
import threading
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import LAWS, PROJECT_PARTS, REPO, explainer
from loa.adapters.cli import main
from loa.adapters.mkdocs_plugin import read_project
from loa.build import pipeline
from loa.core import urls
from loa.i18n import messages
from loa.outputs import leaflets
from loa.outputs.leaflets import browser, content, folder, qr, render

DPI = 200
MM = 25.4 / DPI  # millimetres per pixel of the pictures drawn at DPI
A5, A4 = (148, 210), (297, 210)  # mm; the A4 sheet lies on its side, two leaflets across

pytestmark = pytest.mark.skipif(shutil.which("pdftoppm") is None,
                                reason="poppler-utils is missing: scripts/setup-system installs it")


def run_print(config: Path, *args: str):
    result = CliRunner().invoke(main, ["print", "--config", str(config), *args])
    assert "Traceback" not in result.output + result.stderr, result.stderr
    return result


def page_size_mm(pdf: Path) -> tuple[int, tuple[float, float]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    w, h = (float(x) for x in re.search(r"^Page size:\s+([\d.]+) x ([\d.]+) pts", info, re.M).groups())
    return pages, (w * 25.4 / 72, h * 25.4 / 72)


def words(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True,
                          timeout=60).stdout.decode("utf-8")
    return " ".join(unicodedata.normalize("NFC", text).split())


def codes(pdf: Path, tmp: Path) -> list:
    """Every QR code on the PDF's first page, as zxing-cpp reads it, with the picture."""
    import zxingcpp
    from PIL import Image

    stem = tmp / pdf.stem
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(pdf), str(stem)],
                   check=True, timeout=120)
    picture = Image.open(f"{stem}.png").convert("L")
    return [(found, picture) for found in zxingcpp.read_barcodes(picture)]


def check_measures(found, picture) -> None:
    """The code's printed size, from where the decoder found it on the page."""
    corners = [found.position.top_left, found.position.top_right,
               found.position.bottom_right, found.position.bottom_left]
    xs, ys = [p.x for p in corners], [p.y for p in corners]
    modules = 17 + 4 * int(found.extra["Version"])
    module_px = (max(xs) - min(xs) + 1) / modules
    assert module_px * MM >= qr.MIN_MODULE_MM - 0.03, f"modules of {module_px * MM:.2f} mm"
    assert (modules + 2 * qr.QUIET_MODULES) * module_px * MM >= 20, "the code and its quiet zone under 20 mm"
    quiet = round(qr.QUIET_MODULES * module_px) - 2  # a pixel of slack on each side
    left, top, right, bottom = min(xs), min(ys), max(xs), max(ys)
    bands = [(left - quiet - 1, top, left - 2, bottom), (right + 2, top, right + quiet + 1, bottom),
             (left, top - quiet - 1, right, top - 2), (left, bottom + 2, right, bottom + quiet + 1)]
    for box in bands:
        assert picture.crop(box).getextrema()[0] > 200, f"the quiet zone is not white at {box}"


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The repository's own site, printed once."""
    root = tmp_path_factory.mktemp("sample")
    for part in PROJECT_PARTS:
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, root / part)
    result = run_print(root / "mkdocs.yml")
    assert result.exit_code == 0, result.stderr
    project, _ = read_project(root / "mkdocs.yml")
    checked = pipeline.check(project, dt.date.today(), outputs=False)
    checked.close()
    printed, _ = leaflets.chosen(checked.catalog, dt.date.today(), None, messages("vi"))
    return root, tuple(printed), checked


def test_every_published_explainer_has_its_two_pdfs(sample) -> None:
    root, live, _ = sample
    made = sorted(p.name for p in (root / "to-roi").glob("*.pdf"))
    assert made == sorted(e.slug + suffix for e in live for suffix in ("-a4.pdf", "-a5.pdf"))
    assert len(live) >= 10


def test_an_explainer_without_posts_gets_no_leaflet_and_staff_are_told_why(make_site, tmp_path) -> None:
    site = make_site({"content/a.md": explainer("Bài A"), "content/b.md": explainer("Bài B")})
    out = tmp_path / "out"
    assert run_print(site.config, "--out", str(out)).exit_code == 0
    withdrawn = explainer("Bài B", withdrawn="{date: 2024-01-01, reason: Quy định đã đổi.}")
    (site.root / "content" / "b.md").write_text(withdrawn, encoding="utf-8")
    result = run_print(site.config, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert 'Không làm tờ rơi cho bài "Bài B" (content/b.md): bài đã rút từ ngày 1/1/2024' in result.stderr
    assert sorted(p.name for p in out.glob("*.pdf")) == ["a-a4.pdf", "a-a5.pdf"]  # its old leaflets gone
    asked = run_print(site.config, "--out", str(out), "--slug", "b")
    assert asked.exit_code == 1 and "bài đã rút" in asked.stderr


def test_page_sizes_are_a5_and_a4(sample) -> None:
    root, live, _ = sample
    for e in live:
        for suffix, size in (("-a5.pdf", A5), ("-a4.pdf", A4)):
            pages, (w, h) = page_size_mm(root / "to-roi" / (e.slug + suffix))
            assert pages == 1, e.slug + suffix
            assert abs(w - size[0]) < 0.6 and abs(h - size[1]) < 0.6, (e.slug + suffix, w, h)


def flat(text: str) -> str:
    """Text without spaces: pdftotext puts spaces between Khmer glyph runs."""
    return "".join(unicodedata.normalize("NFC", text).split())


def test_the_text_layer_holds_the_leaflets_words(sample) -> None:
    root, live, checked = sample
    assert {e.lang for e in live} >= {"vi", "km"}, "the sample site has Vietnamese and Khmer explainers"
    with leaflets.Leaflets(checked.catalog, checked.settings, dt.date.today(), messages("vi")) as maker:
        for e in live:
            leaflet = maker.fitted(e)
            words_of = maker.pages(e.lang).renderer.msgs
            text = words(root / "to-roi" / f"{e.slug}-a5.pdf")
            expected = [leaflet.title, leaflet.summary, checked.settings.hotline, leaflet.checked_on,
                        leaflet.next_review, words_of.get("print.laws"),
                        *(law.number for law in leaflet.laws), *(law.status for law in leaflet.laws),
                        *(p.text for p in leaflet.points), *(i for p in leaflet.points for i in p.items)]
            for part in expected:  # every word kept on the page, none cut off by the footer
                assert flat(part) in flat(text), (e.slug, part)
            if e.lang == "vi":  # Vietnamese keeps its spaces word for word
                assert " ".join(leaflet.title.split()) in text and " ".join(leaflet.summary.split()) in text
            assert flat(text).count(flat(leaflet.title)) == 1
            sheet = words(root / "to-roi" / f"{e.slug}-a4.pdf")
            assert flat(sheet).count(flat(leaflet.title)) == 2, e.slug


def fonts_of(pdf: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def test_the_fonts_are_debians_and_embedded(sample) -> None:
    root, live, _ = sample
    for lang, face in (("vi", "DejaVuSans"), ("km", "KhmerOSbattambang")):
        e = next(x for x in live if x.lang == lang)
        rows = fonts_of(root / "to-roi" / f"{e.slug}-a5.pdf")
        assert rows and all(row[-5] == "yes" for row in rows), (e.slug, rows)  # the "emb" column
        assert any(face in row[0] for row in rows), (e.slug, rows)
        named = [row[0] for row in rows if row[0] != "[none]"]  # [none]: Khmer headings emboldened
        assert all("DejaVuSans" in n or "KhmerOS" in n for n in named), (e.slug, rows)


def test_every_qr_code_decodes_to_its_tracked_address(sample, tmp_path) -> None:
    root, live, checked = sample
    for e in live:
        expected = f"{checked.settings.site_url}{urls.page_of(e)}?utm_source=to-roi"
        for suffix, count in (("-a5.pdf", 1), ("-a4.pdf", 2)):
            found = codes(root / "to-roi" / (e.slug + suffix), tmp_path)
            assert [f.text for f, _ in found] == [expected] * count, (e.slug + suffix, [f.text for f, _ in found])
            for f, picture in found:
                check_measures(f, picture)


def test_a_hostile_title_is_printed_as_text(make_site, tmp_path) -> None:
    # Tags in a title are Markdown's inline HTML and become plain text (as in
    # posts); written as entities they survive as characters, which the
    # template must escape.
    site = make_site({"content/a.md": explainer("'&lt;/style&gt;&lt;b&gt;đậm&lt;/b&gt; & \"Hòa\" <i>nghiêng</i>'")})
    result = run_print(site.config, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert '</style><b>đậm</b> & "Hòa" nghiêng' in words(tmp_path / "out" / "a-a5.pdf")
    project, _ = read_project(site.config)
    checked = pipeline.check(project, dt.date.today(), outputs=False)
    checked.close()
    leaflet = content.gather(checked.catalog.explainers[0], checked.catalog, checked.settings,
                             dt.date.today(), messages("vi"))
    html = render.Pages(messages("vi")).html(leaflet, render.layouts(leaflet)["a5"])
    assert "<b>" not in html and "<i>" not in html and html.count("</style>") == 1
    assert "&lt;/style&gt;&lt;b&gt;đậm&lt;/b&gt; &amp; &#34;Hòa&#34;" in html


class _Counting(http.server.BaseHTTPRequestHandler):
    seen: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        _Counting.seen.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_printing_opens_local_files_only() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    outside = f"http://127.0.0.1:{server.server_port}"
    try:
        pages = render.Pages(messages("vi"))
        html = (f'<html><head><style>{pages.font_rules}</style>'
                f'<link rel="stylesheet" href="{outside}/a.css"></head><body>'
                f'<img src="{outside}/b.png"><p style="font-weight: bold">Chữ đậm</p></body></html>')

        def fonts() -> tuple[bool, int]:
            page = printer.load(html)
            return (page.evaluate("document.fonts.check('bold 12px \"Loa Leaflet 0\"')"),
                    page.evaluate("[...document.fonts].filter((f) => f.status === 'loaded').length"))

        with browser.Printer(messages("vi")) as printer:
            bold, loaded = printer.call(fonts)
            assert bold
            assert loaded >= 1
    finally:
        server.shutdown()
        server.server_close()
    assert _Counting.seen == []


def test_one_slug_prints_one_explainer_and_keeps_the_others(make_site, tmp_path) -> None:
    site = make_site({"content/a.md": explainer("Bài A"), "content/b.md": explainer("Bài B")})
    out = tmp_path / "out"
    assert run_print(site.config, "--out", str(out)).exit_code == 0
    assert sorted(p.name for p in out.glob("*.pdf")) == ["a-a4.pdf", "a-a5.pdf", "b-a4.pdf", "b-a5.pdf"]
    before = (out / "b-a5.pdf").stat().st_mtime_ns
    assert run_print(site.config, "--out", str(out), "--slug", "a").exit_code == 0
    assert (out / "b-a5.pdf").stat().st_mtime_ns == before
    missing = run_print(site.config, "--out", str(out), "--slug", "khong-co")
    assert missing.exit_code == 1 and "khong-co" in missing.stderr


def test_a_leaflet_of_an_explainer_taken_down_goes_and_a_persons_file_stays(make_site, tmp_path) -> None:
    site = make_site({"content/a.md": explainer("Bài A"), "content/b.md": explainer("Bài B")})
    out = tmp_path / "out"
    assert run_print(site.config, "--out", str(out)).exit_code == 0
    (out / "ghi-chu.txt").write_text("in 50 bản cho chi hội ấp 3\n", encoding="utf-8")
    (site.root / "content" / "b.md").unlink()
    result = run_print(site.config, "--out", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [folder.MARKER, "a-a4.pdf", "a-a5.pdf", "ghi-chu.txt"]
    assert "2 tệp" in result.stderr


def test_a_folder_loa_did_not_make_is_left_alone(make_site, tmp_path) -> None:
    site = make_site({"content/a.md": explainer()})
    mine = tmp_path / "cua-toi"
    mine.mkdir()
    (mine / "a-a5.pdf").write_bytes(b"my own file")
    result = run_print(site.config, "--out", str(mine))
    assert result.exit_code == 1
    assert f"{mine}:1: lỗi LOA703:" in result.stderr
    assert (mine / "a-a5.pdf").read_bytes() == b"my own file" and len(list(mine.iterdir())) == 1


def test_too_much_for_one_page_is_refused_and_nothing_is_written(make_site, tmp_path) -> None:
    laws = LAWS + "".join(f"luat-{i}:\n  title: Luật số {i} về một việc rất dài dòng và nhiều chữ\n"
                          f"  number: {i}/2020/QH14\n  issued: 2020-01-01\n  effective: 2020-07-01\n"
                          for i in range(12))
    cited = "[" + ", ".join(f"luat-{i}" for i in range(12)) + "]"
    site = make_site({"content/laws.yml": laws, "content/a.md": explainer(laws=cited),
                      "content/b.md": explainer("Bài ngắn")})
    result = run_print(site.config, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "content/a.md:3: lỗi LOA700:" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_leaflet_drops_key_points_it_cannot_hold_and_keeps_the_rest() -> None:
    code = qr.make("https://loa.example.test/bai-viet/a/?utm_source=to-roi")
    short = content.Point("Hòa giải là tự nguyện.")
    long = content.Point("Những việc cần làm:", tuple("Một việc dài cần làm ngay, không chậm trễ." for _ in range(30)))
    leaflet = content.Leaflet(slug="a", path="content/a.md", line=3, lang="vi", title="Tiêu đề",
                              summary="Tóm tắt ngắn.", points=(long, short, long, short), laws=(),
                              organisation="Hội", hotline="0377.672.444", checked_on="Bài viết ngày 1/1/2024",
                              next_review="Rà soát lại trước ngày 1/1/2025", code=code,
                              shown_url="https://loa.example.test/bai-viet/a/")
    with browser.Printer(messages("vi")) as printer:
        assert printer.fit(render.Pages(messages("vi")), leaflet).points == (short, short)


def test_staff_see_an_overdue_review_before_printing(make_site, tmp_path) -> None:
    site = make_site({"content/a.md": explainer()})  # written 15/3/2023, never reviewed
    result = run_print(site.config, "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.stderr
    assert "content/a.md:7: cảnh báo LOA310:" in result.stderr  # at the date line
    assert (tmp_path / "out" / "a-a5.pdf").is_file()


def test_without_chromium_staff_are_told_what_to_install(make_site, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "khong-co-chromium")
    site = make_site({"content/a.md": explainer()})
    result = run_print(site.config, "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert f"không tìm thấy trình duyệt Chromium ({tmp_path / 'khong-co-chromium'})" in result.stderr
    assert not (tmp_path / "out").exists()
