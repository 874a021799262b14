"""What Loa counts for a report period, laid out as sections of tables.

Counted from valid objects only (the Catalog, the Settings, the posting
log's Postings, a Reading of access logs), for the days from the period's
start to its last day with actual figures:
- explainers published (their `date`), reviewed (`reviewed`) and withdrawn
  (`withdrawn.date`) in those days, by audience, topic, law and language;
- posts prepared (one per channel for each explainer published that got
  posts: not withdrawn, no repealed text without a note) and
  postings logged, per channel and per group;
- leaflets and bookcase copies made (loa/reports/made.py);
- reading figures, when access logs were given;
- explainers due for review by the period's end (loa/content/currency.py).
"""
from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, replace
from typing import Callable, Iterable, Sequence

from loa.content import currency, review
from loa.content.postlog import Posting
from loa.core import dates
from loa.core.model import Catalog, Explainer, Settings
from loa.i18n import Messages
from loa.reports import indicators
from loa.outputs.leaflets.qr import SOURCE as LEAFLET_SOURCE
from loa.reports.access import OTHER, UNTAGGED, Reading
from loa.reports.document import Report, Section, Table, number
from loa.reports.made import Made
from loa.reports.period import Period

MOST_READ = 30  # rows of the most-read table: a report is read on paper


@dataclass(frozen=True)
class Counts:
    """The explainers of the period, by what happened to them."""

    published: tuple[Explainer, ...]
    reviewed: tuple[Explainer, ...]
    withdrawn: tuple[Explainer, ...]
    live: tuple[Explainer, ...]  # on the site at the last counted day


def counts(catalog: Catalog, period: Period, today: dt.date) -> Counts:
    end = period.counted_to(today)
    inside = lambda day: day is not None and period.start <= day <= end  # noqa: E731
    real = [e for e in catalog.explainers if not e.draft]
    return Counts(
        tuple(e for e in real if inside(e.date)),
        tuple(e for e in real if e.date <= end and inside(e.reviewed)),
        tuple(e for e in real if e.withdrawn is not None and inside(e.withdrawn.date)),
        tuple(e for e in real if e.is_published(end) and not e.is_withdrawn(end)))


def build(catalog: Catalog, settings: Settings, postings: Sequence[Posting], period: Period,
          today: dt.date, issued: dt.date, msgs: Messages, reading: Reading | None = None,
          made: Made | None = None) -> Report:
    c = counts(catalog, period, today)
    end = period.counted_to(today)
    logged = [p for p in postings if period.start <= p.date <= end]
    sections = [explainers_section(catalog, c, msgs), posts_section(catalog, settings, c, logged, msgs),
                made_section(made or Made(), msgs), reading_section(catalog, reading, msgs), review_section(c, settings, period, msgs),
                indicators.section(c, msgs)]
    return Report(settings, period, end, issued, tuple(_numbered(sections, msgs)))


def _numbered(sections: list[Section], msgs: Messages) -> Iterable[Section]:
    """Tables are numbered through the report, whichever sections it has."""
    n = 0
    for section in sections:
        tables = []
        for table in section.tables:
            n += 1
            tables.append(replace(table, title=msgs("report.table.numbered", number=n, title=table.title)))
        yield replace(section, tables=tuple(tables))


def _by(c: Counts, keys: Callable[[Explainer], Iterable[str]], label: Callable[[str], str],
        order: Iterable[str]) -> tuple[tuple, ...]:
    """One row per key with (label, published, reviewed, withdrawn); keys with nothing are left out."""
    tallies = [Counter(k for e in group for k in keys(e)) for group in (c.published, c.reviewed, c.withdrawn)]
    rows = []
    for key in order:
        values = [t[key] for t in tallies]
        if any(values):
            rows.append((label(key), *values))
    return tuple(rows)


def explainers_section(catalog: Catalog, c: Counts, msgs: Messages) -> Section:
    cols = tuple(msgs(f"report.col.{k}") for k in ("published", "reviewed", "withdrawn"))
    audiences = sorted(catalog.audiences.values(), key=lambda a: a.name)
    topics = sorted(catalog.topics.values(), key=lambda t: t.name)
    laws = sorted(catalog.laws.values(), key=lambda law: law.title)
    langs = sorted({e.lang for e in catalog.explainers}, key=lambda lang: (lang != "vi", lang))
    lang_name = lambda lang: msgs(f"report.lang.{lang}") if msgs.has(f"report.lang.{lang}") else lang  # noqa: E731
    tables = (
        Table("by_audience", msgs("report.table.by_audience"), (msgs("report.col.audience"), *cols),
              _by(c, lambda e: e.audiences, lambda k: catalog.audiences[k].name, [a.id for a in audiences])),
        Table("by_topic", msgs("report.table.by_topic"), (msgs("report.col.topic"), *cols),
              _by(c, lambda e: e.topics, lambda k: catalog.topics[k].name, [t.id for t in topics])),
        Table("by_law", msgs("report.table.by_law"), (msgs("report.col.law"), *cols),
              _by(c, lambda e: {r.law_id for r in e.laws},
                  lambda k: msgs("report.law_label", title=catalog.laws[k].title, number=catalog.laws[k].number),
                  [law.id for law in laws])),
        Table("by_language", msgs("report.table.by_language"), (msgs("report.col.language"), *cols),
              _by(c, lambda e: (e.lang,), lang_name, langs)),
    )
    n = lambda value: number(value, msgs.lang)  # noqa: E731
    summary = msgs("report.explainers.summary", published=n(len(c.published)), reviewed=n(len(c.reviewed)),
                   withdrawn=n(len(c.withdrawn)), live=n(len(c.live)))
    return Section(msgs("report.section.explainers"), (summary, msgs("report.explainers.many")), tables)


def prepared(catalog: Catalog, c: Counts) -> list[Explainer]:
    """The explainers of the period that got posts when they came out: not
    withdrawn, relying on no repealed text (the posts' own rule, review.py)."""
    return [e for e in c.published if not e.is_withdrawn(e.date) and not review.blocking(e, catalog.laws, e.date)]


def posts_section(catalog: Catalog, settings: Settings, c: Counts, logged: Sequence[Posting],
                  msgs: Messages) -> Section:
    channels = [ch.name for ch in settings.channels]
    made_posts = len(prepared(catalog, c))
    name = lambda ch: msgs(f"site.channel.{ch}")  # noqa: E731
    per_channel = Counter(p.channel for p in logged)
    groups: dict[tuple[str, str], tuple[str, int]] = {}
    for p in logged:
        shown, n = groups.get((p.channel, p.group_key), (p.group, 0))
        groups[(p.channel, p.group_key)] = (shown, n + 1)
    group_count = Counter(ch for ch, _key in groups)
    by_channel = Table("posts_by_channel", msgs("report.table.posts_by_channel"),
                       (msgs("report.col.channel"), msgs("report.col.prepared"), msgs("report.col.logged"),
                        msgs("report.col.groups")),
                       tuple((name(ch), made_posts, per_channel[ch], group_count[ch]) for ch in channels))
    ordered = sorted(groups.items(), key=lambda kv: (channels.index(kv[0][0]), -kv[1][1], kv[0][1]))
    by_group = Table("posts_by_group", msgs("report.table.posts_by_group"),
                     (msgs("report.col.channel"), msgs("report.col.group"), msgs("report.col.logged")),
                     tuple((name(ch), shown, n) for (ch, _key), (shown, n) in ordered), labels=2)
    n = lambda value: number(value, msgs.lang)  # noqa: E731
    summary = msgs("report.posts.summary", prepared=n(made_posts * len(channels)), logged=n(len(logged)),
                   groups=n(len(groups)))
    return Section(msgs("report.section.posts"), (summary,), (by_channel, by_group))


def made_section(made: Made, msgs: Messages) -> Section:
    title = msgs("report.section.made")
    if not made.found:
        return Section(title, (msgs("report.made.none"),))
    rows = tuple((msgs(f"report.made.{key}"), value) for key, value in (
        ("leaflets_a5", made.leaflets_a5), ("leaflets_a4", made.leaflets_a4),
        ("leaflet_explainers", made.leaflet_explainers), ("bookcase_zip", made.bookcase_zip),
        ("bookcase_zim", made.bookcase_zim)))
    table = Table("made", msgs("report.table.made"), (msgs("report.col.kind"), msgs("report.col.files")), rows)
    return Section(title, (msgs("report.made.summary"),), (table,))


def reading_section(catalog: Catalog, reading: Reading | None, msgs: Messages) -> Section:
    title = msgs("report.section.reading")
    if reading is None:
        return Section(title, (msgs("report.reading.none"),))
    titles = {e.slug: e.title for e in catalog.explainers}
    sources = reading.sources()
    source_names = sorted(sources, key=lambda s: (s in (UNTAGGED, OTHER), s == UNTAGGED, s))
    label = lambda s: (msgs("report.source.untagged") if s == UNTAGGED  # noqa: E731
                       else msgs("report.source.other") if s == OTHER
                       else msgs("report.source.leaflet") if s == LEAFLET_SOURCE else msgs(f"site.channel.{s}"))
    most = sorted(reading.views.items(), key=lambda kv: (-kv[1], kv[0]))[:MOST_READ]
    tables = (
        Table("most_read", msgs("report.table.most_read", count=MOST_READ),
              (msgs("report.col.explainer"), msgs("report.col.views"), *(label(s) for s in source_names)),
              tuple((titles[slug], n, *(reading.by_source[(slug, s)] for s in source_names)) for slug, n in most)),
        Table("views_by_source", msgs("report.table.views_by_source"),
              (msgs("report.col.source"), msgs("report.col.views")),
              tuple((label(s), sources[s]) for s in source_names)),
        Table("top_searches", msgs("report.table.top_searches"),
              (msgs("report.col.query"), msgs("report.col.searches")), tuple(reading.top_queries(10))),
    )
    n = lambda value: number(value, msgs.lang)  # noqa: E731
    summary = msgs("report.reading.summary", views=n(sum(reading.views.values())), searches=n(reading.searches),
                   lines=n(reading.lines), malformed=n(reading.malformed), robots=n(reading.robots))
    return Section(title, (summary, msgs("report.reading.private")), tables)


def review_section(c: Counts, settings: Settings, period: Period, msgs: Messages) -> Section:
    due = sorted(((currency.review_due(e, settings), e) for e in c.live), key=lambda de: (de[0], de[1].slug))
    due = [(day, e) for day, e in due if day <= period.end]
    table = Table("review_due", msgs("report.table.review_due"),
                  (msgs("report.col.explainer"), msgs("report.col.date"), msgs("report.col.last_reviewed"),
                   msgs("report.col.due")),
                  tuple((e.title, dates.vietnamese(e.date), dates.vietnamese(e.reviewed) if e.reviewed else "",
                         dates.vietnamese(day)) for day, e in due))
    return Section(msgs("report.section.review"),
                   (msgs("report.review.summary", count=len(due), months=settings.review_months),), (table,))
