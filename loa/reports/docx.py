"""A Report -> a .docx in the usual shape of a Vietnamese administrative report.

The shape follows Nghị định 30/2020/NĐ-CP (Phụ lục I): the issuing body on
the left and the national heading on the right, the number, the place and
date, the title, the numbered sections, then the recipients ("Nơi nhận")
on the left and the signature block on the right. Times New Roman, A4.
Written with python-docx; every text goes in as a run, never as markup.
"""
from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from loa.build import atomic
from loa.core import dates
from loa.i18n import Messages
from loa.reports.document import Cell, Report, Table, number, numbered

FONT = "Times New Roman"
TEXT_WIDTH = 16.5  # cm: A4 less the 3 cm left and 1.5 cm right margins
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def cell_text(value: Cell, lang: str = "vi") -> str:
    if value is None:
        return ""
    return number(value, lang) if isinstance(value, int) else str(value)


def write(report: Report, path: Path, msgs: Messages) -> None:
    """Write the .docx in one step: a half-written report never replaces a whole one."""
    import io

    doc = _document()
    _heading(doc, report, msgs)
    _title(doc, report, msgs)
    for roman, section in numbered(report):
        _para(doc, f"{roman}. {section.title.upper()}", bold=True, space_before=6)
        for text in section.paragraphs:
            _para(doc, text, align=JUSTIFY, indent=True)
        for table in section.tables:
            _table(doc, table, msgs)
    _closing(doc, report, msgs)
    buffer = io.BytesIO()
    doc.save(buffer)
    atomic.write_bytes(path, buffer.getvalue())


def _document():
    doc = Document()
    page = doc.sections[0]
    page.page_width, page.page_height = Cm(21), Cm(29.7)
    page.top_margin, page.bottom_margin = Cm(2), Cm(2)
    page.left_margin, page.right_margin = Cm(3), Cm(1.5)
    normal = doc.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(13)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(3)
    return doc


def _para(container, text: str = "", *, bold: bool = False, italic: bool = False, size: float | None = None,
          align=None, indent: bool = False, space_before: float = 0):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Cm(1)
    p.paragraph_format.space_before = Pt(space_before)
    return p


def _widths(table, widths: tuple[float, ...]) -> None:
    """Column widths in cm, in the grid and in every cell: Word reads the
    cells, LibreOffice the grid."""
    table.autofit = False
    for col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(int(Cm(width).twips)))
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def _two_columns(doc, widths: tuple[float, float]):
    """A borderless two-column table, how Vietnamese documents set side-by-side blocks."""
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths)
    for cell in table.rows[0].cells:
        cell.paragraphs[0].paragraph_format.space_after = Pt(0)
    return table.rows[0].cells


def _heading(doc, report: Report, msgs: Messages) -> None:
    r = report.settings.report
    left, right = _two_columns(doc, (6.5, 10))
    first = left.paragraphs[0]
    if r.parent:
        first.add_run(r.parent.upper()).font.size = Pt(12)
        first.alignment = CENTER
        first = _para(left, align=CENTER)
    first.alignment = CENTER
    issuer = first.add_run((r.organisation or report.settings.organisation).upper())
    issuer.bold, issuer.font.size = True, Pt(12)
    _para(left, msgs("report.doc.number", symbol=r.symbol), align=CENTER, space_before=6)
    nation = right.paragraphs[0]
    nation.alignment = CENTER
    run = nation.add_run(msgs("report.doc.nation"))
    run.bold, run.font.size = True, Pt(12)
    _para(right, msgs("report.doc.motto"), bold=True, align=CENTER)
    place_date = msgs("report.doc.place_date", place=r.place, date=dates.formal(report.issued, msgs))
    _para(right, place_date, italic=True, align=CENTER, space_before=6)


def _title(doc, report: Report, msgs: Messages) -> None:
    period = report.period
    _para(doc, msgs("report.doc.kind"), bold=True, size=14, align=CENTER, space_before=12)
    key = {"6-thang": "report.doc.title.half", "nam": "report.doc.title.year"}.get(period.preset)
    what = msgs(key, year=period.start.year) if key else msgs("report.doc.title.dates")
    _para(doc, what, bold=True, align=CENTER)
    span = msgs("report.doc.period", start=dates.formal(period.start, msgs), end=dates.formal(period.end, msgs))
    _para(doc, span, italic=True, align=CENTER)
    if report.counted_to < period.end:
        _para(doc, msgs("report.doc.counted_to", date=dates.formal(report.counted_to, msgs)), italic=True,
              align=CENTER, size=12)
    intro = msgs("report.doc.intro", organisation=report.settings.report.organisation
                 or report.settings.organisation, site=report.settings.site_name)
    _para(doc, intro, align=JUSTIFY, indent=True, space_before=12)


def _table(doc, table: Table, msgs: Messages) -> None:
    _para(doc, table.title, bold=True, italic=True, space_before=6, size=12)
    grid = doc.add_table(rows=1, cols=len(table.columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, name in zip(grid.rows[0].cells, table.columns):
        cell.paragraphs[0].add_run(name).bold = True
        cell.paragraphs[0].alignment = CENTER
    rows = table.rows or ((msgs("report.doc.no_rows"),) + ("",) * (len(table.columns) - 1),)
    for row in rows:
        cells = grid.add_row().cells
        for cell, value in zip(cells, row):
            p = cell.paragraphs[0]
            p.add_run(cell_text(value, msgs.lang))
            p.alignment = RIGHT if isinstance(value, int) else None
    _widths(grid, _column_widths(table))
    for row in grid.rows:
        for cell in row.cells:
            for p in cell.paragraphs:
                p.paragraph_format.space_after = Pt(0)
                for run in p.runs:
                    run.font.size = Pt(11)
    if table.note:
        _para(doc, table.note, italic=True, size=11)


def _column_widths(table: Table) -> tuple[float, ...]:
    """Names get room, figures a narrow column: the row's label columns
    share 55% of the width (70% with a single figure), figures the rest."""
    if table.widths:
        return tuple(TEXT_WIDTH * share for share in table.widths)
    figures = len(table.columns) - table.labels
    names = TEXT_WIDTH * (0.7 if figures == 1 else 0.55)
    return (names / table.labels,) * table.labels + ((TEXT_WIDTH - names) / max(figures, 1),) * figures


def _closing(doc, report: Report, msgs: Messages) -> None:
    r = report.settings.report
    _para(doc)
    left, right = _two_columns(doc, (8, 8.5))
    label = left.paragraphs[0].add_run(msgs("report.doc.recipients"))
    label.bold, label.italic, label.font.size = True, True, Pt(12)
    for i, name in enumerate(r.recipients):
        end = "." if i == len(r.recipients) - 1 else ";"
        _para(left, f"- {name.rstrip(';.')}{end}", size=11).paragraph_format.space_after = Pt(0)
    sign = right.paragraphs[0]
    sign.alignment = CENTER
    sign.add_run(r.signer_title.upper()).bold = True
    if r.signer_role:
        _para(right, r.signer_role.upper(), bold=True, align=CENTER)
    for _ in range(3):
        _para(right)
    if r.signer_name:
        _para(right, r.signer_name, bold=True, align=CENTER)
