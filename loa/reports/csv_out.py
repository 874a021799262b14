"""A Report -> CSV: the same figures as the .docx, one value per line.

Long format (section, table, row, column, value), so every table of the
report fits one sheet and a spreadsheet can filter and sum it. The file
starts with a byte-order mark, which spreadsheet programs need to read
UTF-8 Vietnamese; numbers are plain (1234), blanks are empty cells for staff.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from loa.build import atomic
from loa.core import dates
from loa.i18n import Messages
from loa.reports.document import Report, numbered


def text(report: Report, msgs: Messages) -> str:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow([msgs(f"report.csv.{k}") for k in ("section", "table_key", "table", "row", "column", "value")])
    for key, day in (("start", report.period.start), ("end", report.period.end),
                     ("counted_to", report.counted_to), ("issued", report.issued)):
        w.writerow(["", "period", msgs("report.csv.period"), msgs(f"report.csv.{key}"), "", dates.vietnamese(day)])
    for roman, section in numbered(report):
        for table in section.tables:
            for row in table.rows:
                label = " - ".join(str(v) for v in row[:table.labels] if v not in (None, ""))
                for column, value in zip(table.columns[table.labels:], row[table.labels:]):
                    w.writerow([roman, table.key, table.title, label, column, "" if value is None else value])
    return out.getvalue()


def write(report: Report, path: Path, msgs: Messages) -> None:
    atomic.write_bytes(path, text(report, msgs).encode("utf-8-sig"))
