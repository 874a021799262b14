"""What a page says about legal currency, as data: each cited text's status
on the build's day, each cited article's, the notices an explainer needs,
its review dates, and a law page's history of changes.

The answers come from loa/content/currency.py; this module only shapes them
into typed records for the templates (explainer-after.html, law-notices.html,
law-page.html). No HTML here, no words: the templates hold both.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Iterable

from loa.content import currency
from loa.core import urls
from loa.core.model import Catalog, Explainer, Law, LawChange, Settings


@dataclass(frozen=True)
class LawLink:
    """Another law named on a page: its page, and its title and number for the label."""

    url: str  # site-relative
    title: str
    number: str


@dataclass(frozen=True)
class LawStatus:
    """A text's status on the build's day."""

    status: str  # a code of currency.STATUSES
    on: dt.date  # the build's day
    checked: dt.date | None  # when the entry was last compared with the database
    effective: dt.date
    since: dt.date | None = None  # for a text ended or suspended: from when
    until: dt.date | None = None  # a suspension's end
    by: LawLink | None = None  # the replacing or suspending text
    ends: dt.date | None = None  # a later day it is replaced or repealed in full
    ends_by: LawLink | None = None
    known: bool = False  # a status the database gave on `checked`; else only the entry's dates and changes

    @property
    def unsure(self) -> bool:
        """In force only because nothing recorded says otherwise: the page says it was never checked."""
        return not self.known and self.status == currency.IN_FORCE


@dataclass(frozen=True)
class ArticleStatus:
    """One cited article: in force, or changed by another text from a day."""

    article: int
    state: str  # "in_force" or a change kind: amended | replaced | repealed | suspended
    since: dt.date | None = None
    by: LawLink | None = None
    later: bool = False  # the change takes effect after the build's day


@dataclass(frozen=True)
class Notice:
    """A visible note above an explainer's text: a concern about a cited text."""

    kind: str  # a currency.CONCERN_KINDS value
    law: LawLink
    article: int | None
    since: dt.date | None
    by: LawLink | None
    note: str  # the author's note on that citation, "" when none
    reviewed: dt.date  # the explainer's last review (or publication)
    later: bool  # `since` is after the build's day


@dataclass(frozen=True)
class Review:
    last: dt.date | None  # `reviewed`; None when never reviewed
    due: dt.date
    overdue: bool


@dataclass(frozen=True)
class HistoryItem:
    """One change of a law, on its law page."""

    kind: str
    date: dt.date
    articles: tuple[int, ...]
    by: LawLink | None
    until: dt.date | None
    later: bool


def law_link(law: Law) -> LawLink:
    return LawLink(urls.law(law.id), law.title, law.number)


def _link(catalog: Catalog, law_id: str | None) -> LawLink | None:
    law = catalog.laws.get(law_id or "")
    return law_link(law) if law is not None else None


def status(catalog: Catalog, law: Law, today: dt.date) -> LawStatus:
    code = currency.status_on(law, today)
    ended = currency.ended_by(law, today) if code in (currency.EXPIRED, currency.SUSPENDED) else None
    by = _link(catalog, ended.by if ended else (law.superseded_by if code == currency.EXPIRED else None))
    ahead = next((c for c in law.changes if c.date > today and currency.whole(c)
                  and c.kind in (currency.REPLACED, currency.REPEALED)), None)
    return LawStatus(code, today, law.checked, law.effective, ended.date if ended else None,
                     ended.until if ended else None, by,
                     ahead.date if ahead else None, _link(catalog, ahead.by) if ahead else None,
                     known=bool(law.status and law.checked and today >= law.checked))


def articles(catalog: Catalog, law: Law, cited: Iterable[int], today: dt.date) -> tuple[ArticleStatus, ...]:
    """Each cited article's latest change in effect, or the next one to come."""
    out = []
    for number in cited:
        changes = currency.article_changes(law, number)
        done = [c for c in changes if c.date <= today]
        change: LawChange | None = done[-1] if done else (changes[0] if changes else None)
        if change is None:
            out.append(ArticleStatus(number, currency.IN_FORCE))
        else:
            out.append(ArticleStatus(number, change.kind, change.date, _link(catalog, change.by),
                                     later=change.date > today))
    return tuple(out)


def notices(catalog: Catalog, e: Explainer, today: dt.date) -> tuple[Notice, ...]:
    notes = {ref.law_id: ref.note for ref in e.laws}
    return tuple(Notice(c.kind, law_link(catalog.laws[c.law_id]), c.article, c.since, _link(catalog, c.by),
                        notes.get(c.law_id, ""), e.reviewed or e.date, bool(c.since and c.since > today))
                 for c in currency.law_concerns(e, catalog.laws, today))


def review(e: Explainer, settings: Settings, today: dt.date) -> Review:
    return Review(e.reviewed, currency.review_due(e, settings), currency.overdue(e, settings, today))


def history(catalog: Catalog, law: Law, today: dt.date) -> tuple[HistoryItem, ...]:
    return tuple(HistoryItem(c.kind, c.date, c.articles, _link(catalog, c.by), c.until, c.date > today)
                 for c in law.changes)


def annotate(pages: list, catalog: Catalog, settings: Settings | None, today: dt.date) -> list:
    """The plan's explainer and law pages with their status records added."""
    out = []
    for page in pages:
        if page.kind == "explainer" and page.explainer is not None:
            page = _explainer_page(page, catalog, settings, today)
        elif page.kind == "law" and isinstance(page.subject, Law):
            law = page.subject
            page = replace(page, law_status=status(catalog, law, today), history=history(catalog, law, today))
        out.append(page)
    return out


def _explainer_page(page, catalog: Catalog, settings: Settings | None, today: dt.date):
    e = page.explainer
    citations = tuple(replace(c, status=status(catalog, c.law, today), note=ref.note,
                              article_states=articles(catalog, c.law, c.articles, today))
                      for c, ref in zip(page.citations, e.laws))
    return replace(page, citations=citations, notices=notices(catalog, e, today),
                   review=review(e, settings, today) if settings is not None else None)
