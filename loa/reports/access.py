"""Reading figures from web server access logs, kept private.

Reads nginx's and Apache's "combined" format, plain or gzip-compressed, and
counts, for a period: each explainer's page views, the views arriving from
each channel's tagged links (`?utm_source=zalo`, see posts.tracked_url), and
the searches arriving as /tim-kiem/?q=... with the most frequent ones.

Privacy: the address and the user agent of a line are never kept. The user
agent is looked at only to leave out robots and link previews (a Zalo or
Facebook preview fetches the page once per share, nobody read it), and a
search is counted under its folded words, never with who searched.
"""
from __future__ import annotations

import datetime as dt
import gzip
import re
import unicodedata
import zlib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import parse_qs, unquote, urlsplit

from loa.content.registries import os_reason
from loa.core import urls
from loa.text.folding import fold

# host ident user [time] "request" status bytes "referer" "user agent"
_COMBINED = re.compile(
    r'^\S+ \S+ \S+ \[(?P<time>[^\]]+)\] "(?P<request>(?:[^"\\]|\\.)*)" (?P<status>\d{3}) \S+ '
    r'"(?:[^"\\]|\\.)*" "(?P<agent>(?:[^"\\]|\\.)*)"')
_ROBOT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|headless|curl|wget|python",
                    re.IGNORECASE)
UNTAGGED = ""  # the source of a view without a utm_source tag
OTHER = "other"  # a utm_source that is not one of the site's channels
MAX_QUERY = 80


class LogError(Exception):
    """A log that cannot be read at all: which one, and why (in the reader's words)."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = path, reason


@dataclass
class Reading:
    """What the logs say about one period. No addresses, no user agents."""

    views: Counter = field(default_factory=Counter)  # slug -> page views
    by_source: Counter = field(default_factory=Counter)  # (slug, source) -> page views
    searches: int = 0
    queries: Counter = field(default_factory=Counter)  # folded query -> searches
    spellings: dict = field(default_factory=dict)  # folded query -> Counter of written forms
    lines: int = 0
    malformed: int = 0
    first_malformed: dict = field(default_factory=dict)  # log path -> (line, count)
    robots: int = 0

    def sources(self) -> Counter:
        out: Counter = Counter()
        for (_slug, source), n in self.by_source.items():
            out[source] += n
        return out

    def top_queries(self, n: int = 10) -> list[tuple[str, int]]:
        """The n most searched queries, each in its most common spelling."""
        ranked = sorted(self.queries.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
        return [(self.spellings[key].most_common(1)[0][0], count) for key, count in ranked]


def read_logs(paths: Iterable[Path], slugs: Iterable[str], site_url: str, channels: Iterable[str],
              start: dt.date, end: dt.date) -> Reading:
    """Count every log in `paths` for the days start..end; raises LogError."""
    reading = Reading()
    counter = _Counter(reading, frozenset(slugs), urlsplit(site_url).path.rstrip("/") + "/",
                       frozenset(channels), start, end)
    for path in paths:
        for number, line in _lines(Path(path)):
            reading.lines += 1
            if not counter.count(line):
                reading.malformed += 1
                first = reading.first_malformed.get(str(path))
                reading.first_malformed[str(path)] = (first[0] if first else number, (first[1] if first else 0) + 1)
    return reading


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    try:
        with path.open("rb") as probe:
            compressed = probe.read(2) == b"\x1f\x8b"  # by content: rotated logs are not always named .gz
        opener = gzip.open if compressed else open
        with opener(path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                yield number, raw.decode("utf-8", "replace").rstrip("\r\n")
    except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
        raise LogError(str(path), str(exc) or exc.__class__.__name__) from None
    except OSError as exc:
        raise LogError(str(path), os_reason(exc)) from None


@dataclass
class _Counter:
    reading: Reading
    slugs: frozenset
    prefix: str  # the site's path: "/" or "/loa/"
    channels: frozenset
    start: dt.date
    end: dt.date
    days: dict = field(default_factory=dict)  # "10/Oct/2026" -> its date

    def count(self, line: str) -> bool:
        """Count one line; False when it is not a combined-format line."""
        m = _COMBINED.match(line)
        if m is None:
            return False
        day = self._day(m["time"])
        if day is None:
            return False
        parts = m["request"].split(" ")
        if len(parts) != 3:
            return False
        method, target, _protocol = parts
        if not (self.start <= day <= self.end) or method != "GET" or not _served(m["status"]):
            return True
        if _ROBOT.search(m["agent"]):
            self.reading.robots += 1
            return True
        self._page(target)
        return True

    def _day(self, stamp: str) -> dt.date | None:
        """"10/Oct/2026:13:55:36 +0700" -> its day, as the server wrote it.

        Lines of one day share their first 11 characters, so each day is
        parsed once: strptime on every line was most of the time."""
        key = stamp[:11]
        if key not in self.days:
            try:
                dt.datetime.strptime(stamp, "%d/%b/%Y:%H:%M:%S %z")  # the whole stamp must be one
                self.days[key] = dt.datetime.strptime(key, "%d/%b/%Y").date()
            except ValueError:
                return None
        return self.days[key]

    def _page(self, target: str) -> None:
        path, _, query = target.partition("?")
        path = unquote(path)
        if not path.startswith(self.prefix):
            return
        page = path[len(self.prefix):].removesuffix("index.html")
        if page == urls.SEARCH:
            self._search(parse_qs(query).get("q", [""])[0])
            return
        head, _, rest = page.partition("/")
        slug = rest[:-1]
        if head != urls.EXPLAINERS or slug not in self.slugs or rest != slug + "/":
            return
        # Most views carry no tag: the query is parsed only when there is one.
        source = parse_qs(query).get("utm_source", [UNTAGGED])[0].lower() if "utm_source" in query else UNTAGGED
        self.reading.views[slug] += 1
        self.reading.by_source[(slug, source if source in self.channels or not source else OTHER)] += 1

    def _search(self, raw: str) -> None:
        written = clean_query(raw)
        if not written:
            return
        key = fold(written) or written
        self.reading.searches += 1
        self.reading.queries[key] += 1
        self.reading.spellings.setdefault(key, Counter())[written] += 1


def _served(status: str) -> bool:
    return status.startswith("2") or status == "304"


def clean_query(raw: str) -> str:
    """A search as people typed it, made fit to print: NFC, lower case, one
    space between words, no control characters, at most MAX_QUERY characters."""
    text = unicodedata.normalize("NFC", raw)
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")
    return " ".join(text.lower().split())[:MAX_QUERY].strip()
