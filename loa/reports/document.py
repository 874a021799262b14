"""A report as data: numbered sections of paragraphs and tables.

Both writers (docx.py, csv_out.py) take this one value, so the .docx and
the CSV always hold the same figures. A cell is a number, a text, or None:
a blank left for staff to fill in by hand.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from babel.numbers import format_decimal

from loa.core.model import Settings
from loa.reports.period import Period

Cell = int | str | None


@dataclass(frozen=True)
class Table:
    key: str  # stable name, the CSV's table column: "by_audience"
    title: str  # "Bảng 1. Bài viết theo đối tượng"
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    note: str = ""  # a line under the table
    labels: int = 1  # how many leading columns name a row (the CSV's row label); the rest are figures
    widths: tuple[float, ...] = ()  # shares of the page width per column, when the default does not fit


@dataclass(frozen=True)
class Section:
    title: str  # without its number: the writers number sections I, II, III...
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Report:
    settings: Settings
    period: Period
    counted_to: dt.date  # the last day with actual figures
    issued: dt.date  # the date on the report
    sections: tuple[Section, ...]


ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def numbered(report: Report) -> list[tuple[str, Section]]:
    return [(ROMAN[i] if i < len(ROMAN) else str(i + 1), s) for i, s in enumerate(report.sections)]


def number(value: int, lang: str = "vi") -> str:
    """1234 -> "1.234": Vietnamese groups thousands with dots."""
    return format_decimal(value, locale=lang)
