"""Writing from Word (issue 15 item 4): `loa new` and `loa import`.

The Word files are made here with python-docx: Vietnamese text, headings, a
list, bold, a table, an image, a run typed in .VnTime (TCVN3) and one in
VNI-Times, as an old office computer leaves them.
"""
from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document
from PIL import Image

from loa.adapters.cli import main
from loa.authoring import markdown
from loa.core import dates

TODAY = dates.vietnamese(dt.date.today())


def run(site, *args: str, input: str | None = None):
    return CliRunner().invoke(main, [*args, "--config", str(site.config)], input=input)


def word_file(path: Path, *, alt: str = "") -> Path:
    d = Document()
    d.add_heading("Hòa giải mâu thuẫn vợ chồng", level=1)
    p = d.add_paragraph("Theo Điều 8 Luật Hoà giải ở cơ sở, hòa giải viên ")
    p.add_run("phải tôn trọng").bold = True
    p.add_run(" sự tự nguyện của các bên. Xem thêm Điều 12 Luật Trẻ em năm 2016.")
    d.add_heading("Các bước hòa giải", level=2)
    for text in ("Nghe hai bên trình bày", "Phân tích đúng sai"):
        d.add_paragraph(text, style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Việc", (0, 1): "Ai làm", (1, 0): "Hòa giải | tranh chấp",
                         (1, 1): "Tổ hòa giải"}.items():
        table.cell(r, c).text = text
    d.add_paragraph().add_run("Hßa gi¶i ë c¬ së").font.name = ".VnTime"  # typed with the TCVN3 font
    d.add_paragraph().add_run("Hoøa giaûi vieân").font.name = "VNI-Times"  # and with VNI
    d.add_paragraph().add_run("héi phô n÷").font.name = ".VnTimeH"  # the TCVN3 capitals font
    image = io.BytesIO()
    Image.new("RGB", (40, 20), "blue").save(image, "PNG")
    image.seek(0)
    d.add_picture(image)
    if alt:
        d.inline_shapes[0]._inline.docPr.set("descr", alt)
    d.save(path)
    return path


@pytest.fixture
def site(make_site):
    from conftest import explainer

    return make_site({"content/hoa-giai/a.md": explainer()})


def test_import_keeps_headings_lists_bold_tables_and_repairs_old_fonts(site, tmp_path: Path) -> None:
    result = run(site, "import", str(word_file(tmp_path / "bai.docx")))
    assert result.exit_code == 0, result.stderr
    made = site.root / "content/hoa-giai-mau-thuan-vo-chong.md"
    text = made.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Hòa giải mâu thuẫn vợ chồng"\nsummary: ""\naudiences: []\ntopics: []\n'
                           "laws:\n  - id: luat-hoa-giai-2013\n    articles: [8]\n" f"date: {TODAY}\n---\n")
    body = text.split("---\n", 2)[2]
    assert "# Hòa giải mâu thuẫn" not in body  # the title is the page's heading, not the body's
    assert "## Các bước hòa giải" in body
    assert "hòa giải viên **phải tôn trọng** sự tự nguyện" in body
    assert "- Nghe hai bên trình bày\n- Phân tích đúng sai" in body
    assert "| Việc | Ai làm |\n| --- | --- |\n| Hòa giải \\| tranh chấp | Tổ hòa giải |" in body
    assert "\nHòa giải ở cơ sở\n" in body and "\nHòa giải viên\n" in body and "\nHỘI PHỤ NỮ\n" in body
    assert "![](hoa-giai-mau-thuan-vo-chong-anh-1.png)" in body
    with Image.open(site.root / "content/hoa-giai-mau-thuan-vo-chong-anh-1.png") as im:
        assert im.size == (40, 20)


def lines_said(stderr: str) -> list[str]:
    return [line.split(": ", 2)[0] + ": " + line.split(": ", 2)[1] for line in stderr.splitlines()
            if re.match(r"^\S+:\d+: ", line)]


def test_import_says_exactly_what_is_left_to_fill(site, tmp_path: Path) -> None:
    result = run(site, "import", str(word_file(tmp_path / "bai.docx")))
    rel = "content/hoa-giai-mau-thuan-vo-chong.md"
    lines = (site.root / rel).read_text(encoding="utf-8").split("\n")
    at = {text: lines.index(text) + 1 for text in ("Hòa giải ở cơ sở", "Hòa giải viên", "HỘI PHỤ NỮ",
                                                   "![](hoa-giai-mau-thuan-vo-chong-anh-1.png)")}
    cited = next(i + 1 for i, line in enumerate(lines) if "Luật Trẻ em" in line)
    assert lines_said(result.stderr) == [
        f"{rel}:3: cảnh báo LOA481", f"{rel}:4: cảnh báo LOA482", f"{rel}:5: cảnh báo LOA483",
        f"{rel}:6: cảnh báo LOA484", f"{rel}:{cited}: cảnh báo LOA485",
        f"{rel}:{at['Hòa giải ở cơ sở']}: cảnh báo LOA488", f"{rel}:{at['Hòa giải viên']}: cảnh báo LOA488",
        f"{rel}:{at['HỘI PHỤ NỮ']}: cảnh báo LOA488",
        f"{rel}:{at['![](hoa-giai-mau-thuan-vo-chong-anh-1.png)']}: cảnh báo LOA486",
    ], result.stderr
    assert '"Điều 8 Luật Hòa giải ở cơ sở"' in result.stderr and '"Luật Trẻ em"' in result.stderr
    assert "phu-nu-nong-thon, phu-nu-khmer" in result.stderr  # the choices are in the hints
    checked = run(site, "check")
    assert checked.exit_code == 1
    assert f"{rel}:3: lỗi LOA120" in checked.stderr or f"{rel}:3:" in checked.stderr


def test_an_imported_explainer_passes_check_once_filled(site, tmp_path: Path) -> None:
    result = run(site, "import", str(word_file(tmp_path / "bai.docx", alt="Sơ đồ các bước")),
                 "--audience", "phu-nu-nong-thon", "--topic", "hoa-giai-co-so")
    assert result.exit_code == 0, result.stderr
    made = site.root / "content/hoa-giai/hoa-giai-mau-thuan-vo-chong.md"  # beside the topic's explainers
    assert "LOA482" not in result.stderr and "LOA483" not in result.stderr and "LOA486" not in result.stderr
    assert "![Sơ đồ các bước](hoa-giai-mau-thuan-vo-chong-anh-1.png)" in made.read_text(encoding="utf-8")
    filled = made.read_text(encoding="utf-8").replace('summary: ""', 'summary: "Hòa giải giúp vợ chồng nói chuyện."')
    made.write_text(filled, encoding="utf-8")
    checked = run(site, "check")
    assert checked.exit_code == 0, checked.stderr
    assert "LOA18" not in checked.stderr  # the image is found and publishable
    built = run(site, "build")
    assert built.exit_code == 0, built.stderr
    page = (site.root / "site/bai-viet/hoa-giai-mau-thuan-vo-chong/index.html").read_text(encoding="utf-8")
    assert 'alt="Sơ đồ các bước" src="../../anh/hoa-giai/hoa-giai-mau-thuan-vo-chong-anh-1.png"' in page
    assert (site.root / "site/anh/hoa-giai/hoa-giai-mau-thuan-vo-chong-anh-1.png").is_file()
    assert "<table>" in page and "<strong>phải tôn trọng</strong>" in page


def test_without_a_heading_the_title_comes_from_the_file_name(site, tmp_path: Path) -> None:
    d = Document()
    d.add_paragraph("Hòa giải viên giúp hai bên thương lượng.")
    d.save(tmp_path / "bai-hoa-giai.docx")
    result = run(site, "import", str(tmp_path / "bai-hoa-giai.docx"))
    assert result.exit_code == 0, result.stderr
    assert "content/bai-hoa-giai.md:2: cảnh báo LOA480" in result.stderr
    assert 'title: "bai hoa giai"' in (site.root / "content/bai-hoa-giai.md").read_text(encoding="utf-8")


def test_import_never_overwrites(site, tmp_path: Path) -> None:
    docx = word_file(tmp_path / "bai.docx")
    assert run(site, "import", str(docx)).exit_code == 0
    made = site.root / "content/hoa-giai-mau-thuan-vo-chong.md"
    made.write_text(made.read_text(encoding="utf-8") + "\nĐã sửa tay.\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in (site.root / "content").rglob("*")  if p.is_file()}
    again = run(site, "import", str(docx))
    assert again.exit_code == 1 and "content/hoa-giai-mau-thuan-vo-chong.md:1: lỗi LOA491" in again.stderr
    assert {p: p.read_bytes() for p in (site.root / "content").rglob("*") if p.is_file()} == before


def test_a_file_that_is_not_word_is_said_not_a_traceback(site, tmp_path: Path) -> None:
    fake = tmp_path / "bai.docx"
    fake.write_bytes(b"not a zip")
    result = run(site, "import", str(fake))
    assert result.exit_code == 1 and f"{fake}:1: lỗi LOA490" in result.stderr and "Traceback" not in result.output


def test_new_asks_by_number_and_writes_an_explainer_that_passes_check(site) -> None:
    answers = "Vợ chồng cãi nhau: nhờ ai?\nTổ hòa giải ở ấp giúp hai bên nói chuyện.\n1, 2\n1\n1\n"
    result = run(site, "new", input=answers)
    assert result.exit_code == 0, result.stderr
    assert "1. Phụ nữ nông thôn (phu-nu-nong-thon)" in result.stderr
    made = site.root / "content/hoa-giai/vo-chong-cai-nhau-nho-ai.md"
    assert made.read_text(encoding="utf-8").startswith(
        '---\ntitle: "Vợ chồng cãi nhau: nhờ ai?"\nsummary: "Tổ hòa giải ở ấp giúp hai bên nói chuyện."\n'
        "audiences: [phu-nu-nong-thon, phu-nu-khmer]\ntopics: [hoa-giai-co-so]\n"
        f"laws:\n  - id: luat-hoa-giai-2013\ndate: {TODAY}\n---\n")
    checked = run(site, "check")
    assert checked.exit_code == 0, checked.stderr


def test_new_asks_again_for_a_number_out_of_range(site) -> None:
    result = run(site, "new", input="Bài thử\nTóm tắt thử.\n9\n1\n1\n\n")
    assert result.exit_code == 0, result.stderr
    assert "hãy ghi các số từ 1 đến 2" in result.stderr
    assert "audiences: [phu-nu-nong-thon]" in (site.root / "content/hoa-giai/bai-thu.md").read_text(encoding="utf-8")


def test_new_by_options_checks_the_ids(site) -> None:
    result = run(site, "new", "--title", "Bài thử", "--summary", "Tóm tắt thử.", "--audience", "phu-nu-khome",
                 "--topic", "hoa-giai-co-so")
    assert result.exit_code == 1
    assert 'content/audiences.yml:1: lỗi LOA492: đối tượng "phu-nu-khome" không có trong danh mục' in result.stderr
    assert 'có phải ý bạn là "phu-nu-khmer"?' in result.stderr
    assert not (site.root / "content/hoa-giai/bai-thu.md").exists()
    ok = run(site, "new", "--title", "Bài thử", "--summary", "Tóm tắt thử.", "--audience", "phu-nu-khmer",
             "--topic", "hoa-giai-co-so", "--law", "luat-hoa-giai-2013")
    assert ok.exit_code == 0, ok.stderr
    again = run(site, "new", "--title", "Bài thử", "--summary", "Khác.", "--audience", "phu-nu-khmer",
                "--topic", "hoa-giai-co-so")
    assert again.exit_code == 1 and "content/hoa-giai/bai-thu.md:1: lỗi LOA491" in again.stderr


def test_markdownify_on_mammoth_html_measured() -> None:
    """What the converter does with the HTML mammoth makes: the reasons it was chosen."""
    html = ("<h1>Tiêu đề</h1><h1>Mục một</h1><p>Chữ <strong>đậm</strong> và a &lt; b, 5*3</p>"
            "<ul><li>một<ul><li>hai</li></ul></li></ul><table><tr><td><p>A|B</p></td><td><p>Hòa</p></td></tr>"
            "<tr><td><p>x</p></td><td><p>y</p></td></tr></table>")
    title, rest = markdown.split_title(html)
    assert title == "Tiêu đề"
    assert markdown.to_markdown(rest) == ("## Mục một\n\nChữ **đậm** và a &lt; b, 5\\*3\n\n- một\n  - hai\n\n"
                                          "| A\\|B | Hòa |\n| --- | --- |\n| x | y |\n")
    nfd = markdown.to_markdown("<p>Ho\u0300a gia\u0309i</p>")
    assert nfd == "Hòa giải\n"  # NFC out, whatever came in
