"""Dates as Vietnamese authors write them, and as readers expect to see them."""
from __future__ import annotations

import datetime as dt
import re

from loa.i18n import Messages, messages

_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


class DateError(ValueError):
    """The text is a date in form, but not a real day (say 30/2/2023)."""


def parse(value: object, msgs: Messages | None = None) -> dt.date | None:
    """ISO `2023-03-15` or day-first `15/3/2023` -> date.

    Returns None when the text is not a date at all; raises DateError when it
    has a date's shape but no such day exists.
    """
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    if m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    elif m := _DAY_FIRST.match(text):
        day, month, year = (int(g) for g in m.groups())
    else:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateError(_why(year, month, day, msgs or messages())) from exc


def _why(year: int, month: int, day: int, msgs: Messages) -> str:
    if not 1 <= month <= 12:
        return msgs.get("problems.date.no_month", month=month)
    return msgs.get("problems.date.no_day", year=year, month=month, day=day)


def vietnamese(day: dt.date, msgs: Messages | None = None) -> str:
    """15/3/2023: the form Vietnamese readers use, without leading zeros.

    The one way a date is shown: pages, the staff page, posts, the share box
    and messages all call this (the form itself is the catalogue's)."""
    return (msgs or messages()).get("site.date", day=day.day, month=day.month, year=day.year)


def long_vietnamese(day: dt.date, msgs: Messages | None = None) -> str:
    """The date in words, for sentences: "ngày 15 tháng 3 năm 2023"."""
    return (msgs or messages()).get("site.date_long", day=day.day, month=day.month, year=day.year)

def formal(day: dt.date, msgs: Messages | None = None) -> str:
    """The date of an official document: "ngày 05 tháng 02 năm 2027".

    Nghị định 30/2020/NĐ-CP (Phụ lục I) asks for a 0 before days under 10
    and before months 1 and 2, so that nobody can turn 5 into 15 or 2 into
    12 with one stroke; other months are written plainly ("tháng 5")."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return (msgs or messages()).get("site.date_long", day=f"{day.day:02d}", month=month, year=day.year)
