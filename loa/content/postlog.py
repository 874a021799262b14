"""The posting log, content/posted.csv: where staff say a post went.

A program cannot post to Zalo or Facebook groups, so Loa only knows a post
went out when a person says so. One line per posting, CSV with a header
line, so the file opens in a spreadsheet and a line pasted from /chia-se/
or written by `loa posted` is the same line:

    date,slug,channel,group,by
    2026-12-02,hoa-giai-o-co-so-la-gi,zalo,Chi hội ấp Phú Hữu,Nguyễn Thị Hoa

This module owns reading and checking the log (LOA400-LOA411, each with its
line) and appending one line safely, and nothing more; the report counts
what it returns. Windows line endings and a spreadsheet's byte-order mark
are accepted and kept.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import filelock

from loa.build import atomic
from loa.content.registries import os_reason
from loa.content.schema import suggest
from loa.core import dates
from loa.core.model import Catalog, Problem
from loa.core.problems import problem
from loa.i18n import Messages, messages

FILENAME = "posted.csv"
HEADER = ("date", "slug", "channel", "group", "by")
MAX_BYTES = 5_000_000  # about 50,000 lines: decades of postings, still read in a blink
MAX_FIELD = 200
_BOM = "\ufeff"


@dataclass(frozen=True)
class Posting:
    """One line of the log, valid."""

    line: int
    date: dt.date
    slug: str
    channel: str
    group: str
    by: str = ""

    @property
    def group_key(self) -> str:
        """The group as the report counts it: case and spacing do not make a new group."""
        return group_key(self.group)


def group_key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def path_in(root: Path, content_dir: str) -> Path:
    return root / content_dir / FILENAME


def read(path: Path, rel: str, catalog: Catalog, channels: Iterable[str], today: dt.date,
         msgs: Messages | None = None) -> tuple[list[Posting], list[Problem]]:
    """Every valid posting and every problem of the log; no log is no postings."""
    say = msgs or messages()
    if not path.exists():
        return [], []
    text, trouble = _text(path, rel, say)
    if text is None:
        return [], trouble
    return parse(text, rel, catalog, tuple(channels), today, say)


def _text(path: Path, rel: str, say: Messages) -> tuple[str | None, list[Problem]]:
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, [problem("LOA411", rel, 0, msgs=say, limit="5 MB")]
        raw = path.read_bytes()
    except OSError as exc:
        return None, [problem("LOA108", rel, 0, msgs=say, reason=os_reason(exc, say))]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError:
        return None, [problem("LOA108", rel, 0, msgs=say, reason=say("LOA108.not_utf8"))]


def parse(text: str, rel: str, catalog: Catalog, channels: tuple[str, ...], today: dt.date,
          msgs: Messages | None = None) -> tuple[list[Posting], list[Problem]]:
    say = msgs or messages()
    found: list[Posting] = []
    problems: list[Problem] = []
    seen: dict[tuple, int] = {}
    checker = _LineChecker(rel, catalog, channels, today, say, problems)
    header_seen = False
    for number, line in enumerate(unicodedata.normalize("NFC", text.lstrip(_BOM)).splitlines(), start=1):
        if not line.strip():
            continue
        if not header_seen:
            header_seen = True
            if tuple(f.strip().lower() for f in _fields(line) or ()) != HEADER:
                problems.append(problem("LOA400", rel, number, msgs=say, header=",".join(HEADER)))
            continue
        posting = checker.check(number, line)
        if posting is None:
            continue
        key = (posting.date, posting.slug, posting.channel, posting.group_key)
        if key in seen:
            problems.append(problem("LOA409", rel, number, msgs=say, first=seen[key]))
            continue
        seen[key] = number
        found.append(posting)
    return found, problems


def _fields(line: str) -> list[str] | None:
    """The fields of one CSV line, or None when its quotes do not close."""
    reader = csv.reader([line], strict=True)
    try:
        return next(reader, [])
    except csv.Error:
        return None


@dataclass
class _LineChecker:
    rel: str
    catalog: Catalog
    channels: tuple[str, ...]
    today: dt.date
    say: Messages
    problems: list[Problem]

    def __post_init__(self) -> None:
        self.by_slug = {e.slug: e for e in self.catalog.explainers}

    def add(self, code: str, line: int, **params: object) -> None:
        self.problems.append(problem(code, self.rel, line, msgs=self.say, **params))

    def check(self, number: int, line: str) -> Posting | None:
        fields = _fields(line)
        if fields is None or len(fields) not in (4, 5):
            detail = (self.say("LOA401.quote") if fields is None
                      else self.say("LOA401.columns", count=len(fields)))
            self.add("LOA401", number, detail=detail, header=",".join(HEADER))
            return None
        fields = [" ".join(f.split()) for f in fields] + [""] * (5 - len(fields))
        if not self._text_ok(number, fields):
            return None
        raw_date, slug, channel, group, by = fields
        day = self._date(number, raw_date)
        known = self._explainer(number, slug, day)
        channel_ok = self._channel(number, channel.lower())
        if not group:
            self.add("LOA408", number)
        if day is None or not known or not channel_ok or not group:
            return None
        return Posting(number, day, slug, channel.lower(), group, by)

    def _text_ok(self, number: int, fields: list[str]) -> bool:
        for name, value in zip(HEADER, fields):
            bad = any(unicodedata.category(ch) in ("Cc", "Cf") for ch in value)
            if bad or len(value) > MAX_FIELD:
                self.add("LOA410", number, field=name, limit=MAX_FIELD)
                return False
        return True

    def _date(self, number: int, raw: str) -> dt.date | None:
        try:
            day = dates.parse(raw, self.say)
        except dates.DateError as exc:
            self.add("LOA402", number, value=raw, detail=str(exc))
            return None
        if day is None:
            self.add("LOA402", number, value=raw, detail=self.say("LOA402.not_a_date"))
            return None
        if day > self.today:
            self.add("LOA403", number, value=dates.vietnamese(day), today=dates.vietnamese(self.today))
            return None
        return day

    def _explainer(self, number: int, slug: str, day: dt.date | None) -> bool:
        e = self.by_slug.get(slug)
        if e is None:
            live = [x.slug for x in self.catalog.published(self.today)]
            self.add("LOA404", number, slug=slug, suggestion=suggest(slug, live, self.say))
            return False
        if not e.is_published(self.today):
            self.add("LOA405", number, slug=slug)
            return False
        if day is not None and day < e.date:
            self.add("LOA406", number, slug=slug, value=dates.vietnamese(day), date=dates.vietnamese(e.date))
            return False
        return True

    def _channel(self, number: int, channel: str) -> bool:
        if channel in self.channels:
            return True
        self.add("LOA407", number, channel=channel, channels=", ".join(self.channels))
        return False


def line_for(day: dt.date, slug: str, channel: str, group: str, by: str = "") -> str:
    """One log line, quoted as CSV needs, NFC, without its line ending."""
    out = io.StringIO()
    fields = [day.isoformat(), slug, channel, " ".join(group.split()), " ".join(by.split())]
    csv.writer(out, lineterminator="").writerow([unicodedata.normalize("NFC", f) for f in fields])
    return out.getvalue()


def append(path: Path, line: str, lock_dir: Path) -> int:
    """Add `line` at the end of the log, keeping every byte already there;
    returns its line number. A new log starts with the header line.

    The file is replaced in one step (atomic.write_bytes), under a lock, so
    two people adding a line at once both keep theirs."""
    lock_dir.mkdir(parents=True, exist_ok=True)
    with filelock.FileLock(lock_dir / "posted.lock", thread_local=False):
        raw = path.read_bytes() if path.exists() else (",".join(HEADER) + "\n").encode("utf-8")
        newline = b"\r\n" if b"\r\n" in raw else b"\n"
        if raw and not raw.endswith((b"\n", b"\r")):
            raw += newline
        data = raw + line.encode("utf-8") + newline
        atomic.write_bytes(path, data)
    return data.decode("utf-8").lstrip(_BOM).count("\n")
