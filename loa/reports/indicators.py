"""The Ministry of Justice form's indicators: those Loa can fill, and blanks.

Thông tư 03/2019/TT-BTP (Bộ Tư pháp, on the statistics of the justice
sector) gives the forms of legal dissemination as 09a to 09e/BTP/PBGDPL;
09e is the one for the central bodies of socio-political organisations,
whose twelve columns are: legal reporters (1) and those who spoke in person
(2); in-person sessions (3) and attendance (4); legal contests (5) and
entrants (6); documents issued (7), of which posted on the Internet (8);
funding (9) to (12). Loa knows only (8), and apart from the form the
explainers in minority languages, which the plan counts separately. Every
other row is left blank for staff, as are the bookcases and clubs that the
plan asks about.

To confirm with the Union: Thông tư 16/2025/TT-BTP (in force from 1/11/2025)
sets a new system of the sector's statistical indicators; whether the
province still asks for 09e in this shape is theirs to say, and the rows
here are one place to change.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from loa.i18n import Messages
from loa.reports.document import Section, Table

if TYPE_CHECKING:
    from loa.reports.figures import Counts

# (catalogue key of the row, the form's column or "" for rows outside it)
ROWS = (
    ("reporters", "1"), ("reporters_in_person", "2"), ("sessions", "3"), ("attendance", "4"),
    ("contests", "5"), ("entrants", "6"), ("documents", "7"), ("documents_online", "8"),
    ("documents_minority", ""), ("funding", "9"), ("funding_regular", "10"), ("funding_programmes", "11"),
    ("funding_other", "12"), ("bookcase_reads", ""), ("clubs", ""), ("club_members", ""),
)


def section(c: "Counts", msgs: Messages) -> Section:
    filled = {"documents_online": len(c.published),
              "documents_minority": sum(1 for e in c.published if e.lang != "vi")}
    rows = []
    for number, (key, column) in enumerate(ROWS, start=1):
        value = filled.get(key)
        source = msgs("report.form.by_loa") if key in filled else msgs("report.form.by_staff")
        rows.append((number, msgs(f"report.form.row.{key}"), f"({column})" if column else "", value, source))
    table = Table("form_09e", msgs("report.table.form"),
                  (msgs("report.col.number"), msgs("report.col.indicator"), msgs("report.col.form_column"),
                   msgs("report.col.value"), msgs("report.col.source")), tuple(rows), labels=3,
                  widths=(0.07, 0.49, 0.12, 0.12, 0.2))
    return Section(msgs("report.section.form"), (msgs("report.form.intro"),), (table,))
