"""Catalog -> the pages to generate, as data: what each page says, not how.

The plan holds typed records only; `outputs/pages.py` renders them through
templates and the engine adapter hands them to MkDocs. Titles of Loa's own
pages come from the message catalogue, so the plan is made per language.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from loa.core import dates, urls
from loa.core.model import Audience, Catalog, Explainer, Law, Topic
from loa.i18n import Messages
from loa.core.model import Settings
from loa.plan import currency as status_plan
from loa.plan import khmer

HOME_LATEST = 12


@dataclass(frozen=True)
class Link:
    url: str  # site-relative
    text: str


@dataclass(frozen=True)
class Card:
    """An explainer as it is listed on another page."""

    url: str
    title: str
    summary: str
    audience_names: tuple[str, ...]
    date: dt.date


@dataclass(frozen=True)
class Entry:
    """One audience, topic or law on an index page."""

    url: str
    name: str
    description: str
    count: int


@dataclass(frozen=True)
class Citation:
    law: Law
    url: str
    articles: tuple[int, ...] = ()
    # On the build's day (plan/currency.py): the text's status, each cited article's, the author's note.
    status: status_plan.LawStatus | None = None
    article_states: tuple[status_plan.ArticleStatus, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class PlannedPage:
    url: str  # site-relative, e.g. "bai-viet/hoa-giai-la-gi/"; "" is the home page
    kind: str  # explainer | audience | topic | law | directory | search | staff | home
    title: str
    description: str = ""
    noindex: bool = False
    explainer: Explainer | None = None
    audiences: tuple[Link, ...] = ()
    topics: tuple[Link, ...] = ()
    citations: tuple[Citation, ...] = ()
    subject: Audience | Topic | Law | None = None  # what an audience, topic or law page is about
    replaced_by: Link | None = None  # a law page's newer law
    cards: tuple[Card, ...] = ()
    entries: tuple[Entry, ...] = ()
    cards_level: int = 2
    # Legal currency (plan/currency.py): an explainer's notices and review dates, a law page's status and history.
    notices: tuple[status_plan.Notice, ...] = ()
    review: status_plan.Review | None = None
    law_status: status_plan.LawStatus | None = None
    history: tuple[status_plan.HistoryItem, ...] = ()
    lang: str = "vi"  # the page's language: its words, its lang attribute (issue 11)
    translation: Link | None = None  # the same explainer in the other language

    @property
    def markdown(self) -> str:
        # A leading newline keeps MkDocs from reading a body that opens with a
        # horizontal rule (---) as a second front matter block.
        return "\n" + self.explainer.body if self.explainer is not None else ""


@dataclass(frozen=True)
class Redirect:
    url: str  # the old URL, e.g. "bai-viet/ten-cu/"
    target: str  # the page it now lives at
    title: str
    lang: str = "vi"  # the explainer's language: the stub's words (issue 11)


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[PlannedPage, ...]
    redirects: tuple[Redirect, ...]
    explainers: tuple[Explainer, ...]  # published and not withdrawn, newest first: what lists, search and posts show
    home: PlannedPage  # the latest explainers, shown under docs/index.md
    # Withdrawn explainers keep their page (and its images and aliases) but
    # nothing lists them (loa/content/withdrawal.py).
    withdrawn: tuple[Explainer, ...] = ()
    khmer: tuple[Explainer, ...] = ()  # live Khmer explainers, newest first (plan/khmer.py)

    @property
    def with_pages(self) -> tuple[Explainer, ...]:
        """Every explainer that has a page: the listed ones, the Khmer ones, then the withdrawn."""
        return self.explainers + self.khmer + self.withdrawn


def plan(catalog: Catalog, msgs: Messages, today: dt.date, settings: Settings | None = None) -> SitePlan:
    published = catalog.published(today)
    live = tuple(e for e in published if not e.is_withdrawn(today))
    withdrawn = tuple(e for e in published if e.is_withdrawn(today))
    khmer_live, live = tuple(e for e in live if e.lang == "km"), tuple(e for e in live if e.lang != "km")
    cards = _Cards(catalog)
    pages = [explainer_page(catalog, e) for e in live]
    # Kept at its address for the links already shared, out of search engines' results.
    pages += [replace(explainer_page(catalog, e), noindex=True) for e in withdrawn]
    pages += _group_pages(catalog, live, cards, msgs)
    pages += _law_pages(catalog, live, cards, msgs)
    pages.append(PlannedPage(urls.SEARCH, "search", msgs("site.page.search"),
                             msgs("site.page.search.description"), noindex=True))
    pages.append(PlannedPage(urls.STAFF, "staff", msgs("site.page.staff"), noindex=True))
    pages += khmer.pages(catalog, khmer_live, explainer_page, lambda items: tuple(
        Card(urls.page_of(e), e.title, e.summary, (), e.date) for e in items))
    pages = khmer.link_translations(pages, live + khmer_live, msgs)
    pages.append(PlannedPage(urls.REVIEW, "review", msgs("review.page.title"), noindex=True))
    if catalog.glossary:  # issue 15: filled in by loa/outputs/glossary.py
        pages.append(PlannedPage(urls.GLOSSARY, "glossary", msgs("glossary.page.title"),
                                 msgs("glossary.page.description")))
    redirects = tuple(Redirect(urls.explainer(alias, e.lang), urls.page_of(e), e.title, e.lang)
                      for e in published for alias in e.aliases)
    home = PlannedPage("", "home", "", cards=cards.of(live[:HOME_LATEST]), cards_level=3,
                       audiences=tuple(Link(urls.audience(a.id), a.name) for a in catalog.audiences.values()),
                       topics=tuple(Link(urls.topic(t.id), t.name) for t in catalog.topics.values()))
    pages = status_plan.annotate(pages, catalog, settings, today)
    return SitePlan(tuple(pages), redirects, live, home, withdrawn, khmer_live)


class _Cards:
    def __init__(self, catalog: Catalog) -> None:
        self.names = {a.id: a.name for a in catalog.audiences.values()}

    def of(self, items) -> tuple[Card, ...]:
        return tuple(Card(urls.page_of(e), e.title, e.summary,
                          tuple(self.names[a] for a in e.audiences), e.date) for e in items)


def explainer_page(catalog: Catalog, e: Explainer) -> PlannedPage:
    return PlannedPage(
        url=urls.page_of(e), lang=e.lang, kind="explainer", title=e.title, description=e.summary, explainer=e,
        audiences=tuple(Link(urls.audience(a), catalog.audiences[a].name) for a in e.audiences),
        topics=tuple(Link(urls.topic(t), catalog.topics[t].name) for t in e.topics),
        citations=tuple(Citation(catalog.laws[r.law_id], urls.law(r.law_id), r.articles) for r in e.laws),
    )


def _group_pages(catalog: Catalog, live: tuple[Explainer, ...], cards: _Cards, msgs: Messages) -> list[PlannedPage]:
    by_audience: dict[str, list[Explainer]] = defaultdict(list)
    by_topic: dict[str, list[Explainer]] = defaultdict(list)
    for e in live:
        for a in e.audiences:
            by_audience[a].append(e)
        for t in e.topics:
            by_topic[t].append(e)
    pages = []
    for kind, registry, grouped, url_of, index_url, index_title in (
        ("audience", catalog.audiences, by_audience, urls.audience, urls.AUDIENCES + "/", msgs("site.page.audiences")),
        ("topic", catalog.topics, by_topic, urls.topic, urls.TOPICS + "/", msgs("site.page.topics")),
    ):
        for item in registry.values():
            pages.append(PlannedPage(url_of(item.id), kind, item.name, item.description, subject=item,
                                     cards=cards.of(grouped[item.id])))
        entries = tuple(Entry(url_of(i.id), i.name, i.description, len(grouped[i.id])) for i in registry.values())
        pages.append(PlannedPage(index_url, "directory", index_title, entries=entries))
    return pages


def _law_pages(catalog: Catalog, live: tuple[Explainer, ...], cards: _Cards, msgs: Messages) -> list[PlannedPage]:
    citing: dict[str, list[Explainer]] = defaultdict(list)
    for e in live:
        for ref in e.laws:
            citing[ref.law_id].append(e)
    pages = []
    for law in catalog.laws.values():
        label = msgs("site.law.label", title=law.title, number=law.number)
        newer = catalog.laws.get(law.superseded_by) if law.superseded_by else None
        replaced = Link(urls.law(newer.id), msgs("site.law.label", title=newer.title, number=newer.number)) \
            if newer else None
        pages.append(PlannedPage(urls.law(law.id), "law", law.title, msgs("site.law.description", label=label),
                                 subject=law, replaced_by=replaced, cards=cards.of(citing[law.id]), cards_level=3))
    entries = tuple(
        Entry(urls.law(law.id), msgs("site.law.label", title=law.title, number=law.number),
              msgs("site.law.issued_on", date=dates.vietnamese(law.issued, msgs)),
              len(citing[law.id]))
        for law in catalog.laws.values())
    pages.append(PlannedPage(urls.LAWS + "/", "directory", msgs("site.page.laws"), entries=entries))
    return pages
