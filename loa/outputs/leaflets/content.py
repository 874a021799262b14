"""Explainer -> the words one leaflet carries. No layout, no PDF.

Owns what goes on paper and nothing more: the title, the summary as plain
text, the key points (picked the way posts pick them), the legal bases with
their status, the hotline, the review date and the QR code's address. The
layout is loa/templates/leaflet.html; the PDF is browser.py.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from loa.content import currency
from loa.core import dates
from loa.core.model import Catalog, Explainer, LawRef, Settings
from loa.i18n import Messages
from loa.outputs.leaflets import qr
from loa.plan import currency as plan_currency
from loa.text.keypoints import LIST_ITEM, key_points
from loa.text.plaintext import to_plain

# The most points an A5 page holds in large type; fewer are kept when the
# page is full (browser.py fits them).
MAX_POINTS = 4


@dataclass(frozen=True)
class Point:
    """A key point: a sentence, or the words introducing a short list and its items."""

    text: str
    items: tuple[str, ...] = ()

    @classmethod
    def of(cls, point: str) -> "Point":
        # keypoints writes a list point as its introduction, then one line per
        # item: "- " for a bullet, "1. " for a step, whose number is kept.
        lead, *items = point.split("\n")
        return cls(lead, tuple(i[len(LIST_ITEM):] if i.startswith(LIST_ITEM) else i for i in items))


@dataclass(frozen=True)
class LawLine:
    """One legal basis as a reader sees it."""

    title: str
    number: str
    articles: str  # "Điều 2, 3, 4", or ""
    status: str  # the text's status today, as its page words it
    note: str = ""  # the author's word about this citation (why a repealed text is cited)


@dataclass(frozen=True)
class Leaflet:
    slug: str
    path: str  # the explainer's file, for messages
    line: int  # the summary's line, where a leaflet too long is reported
    lang: str
    title: str
    summary: str
    points: tuple[Point, ...]
    laws: tuple[LawLine, ...]
    organisation: str
    hotline: str
    checked_on: str  # "Nội dung rà soát ngày 1/10/2025", or the day it was written
    next_review: str  # "Rà soát lại trước ngày 1/10/2026"
    code: qr.Code
    shown_url: str  # the untagged address printed under the code

    def with_points(self, n: int) -> "Leaflet":
        return replace(self, points=self.points[:n])


def gather(explainer: Explainer, catalog: Catalog, settings: Settings, today: dt.date,
           msgs: Messages) -> Leaflet:
    """Everything the leaflet of `explainer` says, as plain text; `msgs` are
    the explainer's language."""
    return Leaflet(
        slug=explainer.slug,
        path=explainer.path,
        line=explainer.line_of("summary"),
        lang=explainer.lang,
        title=_one_line(explainer.title),
        summary=_one_line(explainer.summary),
        # No link resolver: paper cannot follow a link, the link's words stay.
        points=tuple(Point.of(p) for p in key_points(explainer.body, MAX_POINTS)),
        laws=tuple(_law_line(ref, catalog, today, msgs) for ref in explainer.laws if ref.law_id in catalog.laws),
        organisation=settings.organisation,
        hotline=settings.hotline,
        checked_on=_checked_on(explainer, msgs),
        next_review=msgs.get("print.next_review",
                             date=dates.vietnamese(currency.review_due(explainer, settings))),
        code=qr.make(qr.tracked_url(settings, explainer)),
        shown_url=qr.page_url(settings, explainer),
    )


def _one_line(markdown_text: str) -> str:
    return " ".join(to_plain(markdown_text).split())


def _law_line(ref: LawRef, catalog: Catalog, today: dt.date, msgs: Messages) -> LawLine:
    law = catalog.laws[ref.law_id]
    articles = ", ".join(str(a) for a in ref.articles)
    return LawLine(title=law.title, number=law.number,
                   articles=msgs.get("print.articles", articles=articles) if articles else "",
                   status=_status(plan_currency.status(catalog, law, today), msgs), note=ref.note)


def _status(s: plan_currency.LawStatus, msgs: Messages) -> str:
    """The text's status as its page words it, shortened for paper: a text
    nobody has compared with the national database is not called in force."""
    if s.unsure:
        return msgs.get("law.state.unchecked")
    words = msgs.get(f"law.status.{s.status}")
    if s.status == currency.NOT_YET_IN_FORCE:
        words += ", " + msgs.get("law.state.applies_from", date=dates.vietnamese(s.effective))
    if s.checked is not None:
        words += " (" + msgs.get("law.state.checked", date=dates.vietnamese(s.checked)) + ")"
    return words


def _checked_on(explainer: Explainer, msgs: Messages) -> str:
    if explainer.reviewed is not None:
        return msgs.get("print.reviewed", date=dates.vietnamese(explainer.reviewed))
    return msgs.get("print.written", date=dates.vietnamese(explainer.date))
