"""Catalog -> the pages to generate: explainers, indexes, redirects.

The plan is pure data. The MkDocs plugin turns each PlannedPage into a
generated file; nothing here knows how pages are rendered or written.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from loa.outputs import render

from loa.core import urls
from loa.core.model import Catalog, Explainer, Settings

HOME_LATEST = 12


@dataclass(frozen=True)
class PlannedPage:
    url: str  # site-relative, e.g. "bai-viet/hoa-giai-la-gi/"
    title: str
    kind: str  # explainer | audience | topic | law | directory | search | staff
    description: str = ""
    markdown: str = ""  # rendered by the engine (explainer bodies only)
    html_before: str = ""  # trusted, escaped HTML placed before the body
    html_after: str = ""  # ... and after it
    noindex: bool = False
    explainer: Explainer | None = None


@dataclass(frozen=True)
class Redirect:
    url: str  # the old URL, e.g. "bai-viet/ten-cu/"
    target: str  # the page it now lives at
    title: str


@dataclass(frozen=True)
class SitePlan:
    pages: tuple[PlannedPage, ...]
    redirects: tuple[Redirect, ...]
    explainers: tuple[Explainer, ...]  # published, newest first
    home_after: str  # latest explainers, shown under docs/index.md


def plan(catalog: Catalog, settings: Settings, today: dt.date) -> SitePlan:
    live = catalog.published(today)
    pages = [explainer_page(catalog, settings, e) for e in live]
    pages += _group_pages(catalog, live)
    pages += _law_pages(catalog, live)
    pages.append(PlannedPage(urls.SEARCH, "Tìm kiếm", "search", "Tìm bài giải thích pháp luật", noindex=True))
    pages.append(PlannedPage(urls.STAFF, "Bài đăng mạng xã hội", "staff", noindex=True))
    redirects = tuple(
        Redirect(urls.explainer(alias), urls.explainer(e.slug), e.title)
        for e in live for alias in e.aliases
    )
    home = '<h2 id="bai-moi">Bài mới</h2>' + render.explainer_list("", catalog, live[:HOME_LATEST], 3)
    return SitePlan(tuple(pages), redirects, live, home)


def explainer_page(catalog: Catalog, settings: Settings, e: Explainer) -> PlannedPage:
    here = urls.explainer(e.slug)
    return PlannedPage(
        url=here,
        title=e.title,
        kind="explainer",
        description=e.summary,
        # A leading newline keeps MkDocs from reading a body that opens with a
        # horizontal rule (---) as a second front matter block.
        markdown="\n" + e.body,
        html_before=render.explainer_header(here, catalog, e),
        html_after=render.legal_bases(here, catalog, e) + render.help_box(settings),
        explainer=e,
    )


def _group_pages(catalog: Catalog, live: tuple[Explainer, ...]) -> list[PlannedPage]:
    by_audience: dict[str, list[Explainer]] = defaultdict(list)
    by_topic: dict[str, list[Explainer]] = defaultdict(list)
    for e in live:
        for a in e.audiences:
            by_audience[a].append(e)
        for t in e.topics:
            by_topic[t].append(e)
    pages = []
    for kind, registry, grouped, url_of, index_url, index_title in (
        ("audience", catalog.audiences, by_audience, urls.audience, urls.AUDIENCES + "/", "Đối tượng"),
        ("topic", catalog.topics, by_topic, urls.topic, urls.TOPICS + "/", "Chủ đề"),
    ):
        for item in registry.values():
            here = url_of(item.id)
            pages.append(PlannedPage(
                here, item.name, kind, item.description,
                html_before=render.group_header(item) + render.explainer_list(here, catalog, grouped[item.id]),
            ))
        entries = [(url_of(i.id), i.name, i.description, len(grouped[i.id])) for i in registry.values()]
        pages.append(PlannedPage(index_url, index_title, "directory",
                                 html_before=render.directory(index_url, entries)))
    return pages


def _law_pages(catalog: Catalog, live: tuple[Explainer, ...]) -> list[PlannedPage]:
    citing: dict[str, list[Explainer]] = defaultdict(list)
    for e in live:
        for ref in e.laws:
            citing[ref.law_id].append(e)
    pages = []
    for law in catalog.laws.values():
        here = urls.law(law.id)
        pages.append(PlannedPage(
            here, law.title, "law", f"{render.law_label(law)}: các bài giải thích dễ hiểu.",
            html_before=render.law_header(here, catalog, law) + render.explainer_list(here, catalog, citing[law.id], 3),
        ))
    index_url = urls.LAWS + "/"
    entries = [(urls.law(law.id), render.law_label(law), f"Ban hành ngày {law.issued.day}/{law.issued.month}/"
                f"{law.issued.year}", len(citing[law.id])) for law in catalog.laws.values()]
    pages.append(PlannedPage(index_url, "Văn bản pháp luật", "directory", html_before=render.directory(index_url, entries)))
    return pages
