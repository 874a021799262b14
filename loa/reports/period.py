"""Which days a report covers: the plan's two presets, or any two dates.

The Union's plan asks for a 6-month report by 15/5 and a yearly one by
15/10 without naming their months. The province passes them on to the
Department of Justice, whose statistics follow Thông tư 03/2019/TT-BTP,
Article 6(1): the 6-month period runs from 1 January to 30 June and the
yearly one from 1 January to 31 December, each with actual figures to a
cut-off and estimates for the rest. A report made before its period ends
therefore counts what has happened until the day it is made, and says so.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

PRESETS = ("6-thang", "nam")
# The plan's deadlines (day, month) for each preset.
DUE = {"6-thang": (15, 5), "nam": (15, 10)}


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    preset: str = ""  # "6-thang", "nam", or "" for dates given by hand

    def counted_to(self, today: dt.date) -> dt.date:
        """The last day with actual figures: the period's end, or today if sooner."""
        return min(self.end, today)

    def due(self) -> dt.date | None:
        if not self.preset:
            return None
        day, month = DUE[self.preset]
        return dt.date(self.start.year, month, day)

    def contains(self, day: dt.date, today: dt.date) -> bool:
        return self.start <= day <= self.counted_to(today)

    @property
    def slug(self) -> str:
        """A file name part: bao-cao-6-thang-2027, or the two dates."""
        if self.preset:
            return f"{self.preset}-{self.start.year}"
        return f"{self.start.isoformat()}-den-{self.end.isoformat()}"


def preset(name: str, year: int) -> Period:
    if name == "6-thang":
        return Period(dt.date(year, 1, 1), dt.date(year, 6, 30), name)
    if name == "nam":
        return Period(dt.date(year, 1, 1), dt.date(year, 12, 31), name)
    raise ValueError(name)
