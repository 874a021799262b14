"""Feeds of published explainers: RSS 2.0, Atom and JSON Feed, one set per
language and one per audience in that language, and the `<link
rel="alternate">` tags that point pages at them.

What goes in a feed is decided here (`plan_feeds`); how each format is
written is `feed_formats.py`. Every date in a feed comes from the explainers'
front matter, never from the clock, so two builds of the same content write
the same bytes. Withdrawn explainers (`withdrawn:`) are left out.

The explainers are those with a page in the plan, whatever the language
(an explainer's own `lang:` where the schema has one), each at its page's
address; a feed holds the FEED_LENGTH changed last.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

from loa.core import urls
from loa.core.model import Explainer
from loa.i18n import Messages
from loa.outputs import feed_formats
from loa.outputs.base import Alternate, Fragments, Output
from loa.plan.site import PlannedPage

FEEDS_DIR = "feed"
# Entries per feed: the explainers changed last. A feed tells a reader's app
# what is new; the site and the bookcase hold the rest. Feed apps fetch it
# again every hour or so, over the same weak networks: with every explainer,
# 4,242 of them made a 3 MB atom.xml; 50 make about 40 KB, more than a year
# of a province's writing.
FEED_LENGTH = 50
# (format, file name, media type): the order pages list them in.
FORMATS = (("rss", "rss.xml", "application/rss+xml"),
           ("atom", "atom.xml", "application/atom+xml"),
           ("json", "feed.json", "application/feed+json"))


@dataclass(frozen=True)
class Item:
    explainer: Explainer
    url: str  # site-relative: the explainer's page


@dataclass(frozen=True)
class Feed:
    """One feed: which explainers, under which folder, with which title."""

    folder: str  # site-relative, ends in "/", e.g. "feed/vi/doi-tuong/phu-nu-khmer/"
    lang: str
    title: str
    description: str
    page_url: str  # the site page the feed follows ("" is the home page)
    items: tuple["Item", ...]  # newest first
    audience: str = ""  # the audience id, for an audience's feed

    def path(self, fmt: str) -> str:
        return self.folder + dict((f, name) for f, name, _ in FORMATS)[fmt]


def language_of(explainer: Explainer, site_lang: str) -> str:
    """An explainer's own language where the schema has one (`lang:`)."""
    return getattr(explainer, "lang", None) or site_lang




def feed_folder(lang: str, audience: str = "") -> str:
    return f"{FEEDS_DIR}/{lang}/" + (f"{urls.AUDIENCES}/{audience}/" if audience else "")


def items_of(pages: Iterable[PlannedPage], today: dt.date) -> tuple[Item, ...]:
    """Every explainer with a page that is not withdrawn, newest first."""
    found = [Item(p.explainer, p.url) for p in pages
             if p.explainer is not None and p.kind == "explainer" and not p.explainer.is_withdrawn(today)]
    return tuple(sorted(found, key=lambda i: (i.explainer.date, i.explainer.slug), reverse=True))


def plan_feeds(items: tuple[Item, ...], audiences: dict[str, str], site_lang: str, site_name: str,
               msgs) -> list[Feed]:
    """The site language's feed and one per audience with a page, then the
    same for every other language an explainer is written in.

    `items` are the listed explainers, newest first; `audiences` maps the
    id of each audience with a page to its name."""
    langs = [site_lang] + sorted({language_of(i.explainer, site_lang) for i in items} - {site_lang})
    feeds = []
    for lang in langs:
        mine = tuple(i for i in items if language_of(i.explainer, site_lang) == lang)
        # A Khmer feed is titled in Khmer, with the site's Khmer name (issue 11).
        say = msgs if lang == site_lang else Messages(lang)
        name_of_site = site_name if lang == site_lang else say("site.khmer.site_name")
        feeds.append(Feed(feed_folder(lang), lang, say("feeds.title", site=name_of_site),
                          say("feeds.description", site=name_of_site), "", latest(mine)))
        for audience_id, name in audiences.items():
            theirs = tuple(i for i in mine if audience_id in i.explainer.audiences)
            if theirs or lang == site_lang:  # the site language's audience pages link theirs
                feeds.append(Feed(feed_folder(lang, audience_id), lang,
                                  say("feeds.title_audience", site=name_of_site, audience=name),
                                  say("feeds.description_audience", site=name_of_site, audience=name),
                                  urls.audience(audience_id), latest(theirs), audience_id))
    return feeds


def latest(items: tuple[Item, ...], length: int = FEED_LENGTH) -> tuple[Item, ...]:
    """The `length` items changed last (written, or reviewed since), in the
    order given: an old explainer reviewed today is news to a feed reader."""
    if len(items) <= length:
        return items
    changed = sorted(range(len(items)), reverse=True,
                     key=lambda n: (feed_formats.updated(items[n].explainer), items[n].explainer.slug))
    kept = set(changed[:length])
    return tuple(item for n, item in enumerate(items) if n in kept)


class Feeds(Output):
    name = "feeds"
    whole_site = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        audiences = {p.subject.id: p.subject.name for p in ctx.plan.pages if p.kind == "audience"}
        self.feeds = plan_feeds(items_of(ctx.plan.pages, ctx.today), audiences, ctx.msgs.lang,
                                ctx.settings.site_name, ctx.msgs)
        self._by_key = {(f.lang, f.audience): f for f in self.feeds}

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        lang = language_of(page.explainer, self.ctx.msgs.lang) if page.explainer else page.lang
        chosen = [self._by_key.get((lang, ""))]
        if page.kind == "audience":
            chosen.append(self._by_key.get((lang, page.subject.id)))
        for feed in filter(None, chosen):
            for fmt, _, media_type in FORMATS:
                fragments.alternates.append(Alternate(feed.path(fmt), media_type,
                                                      self.ctx.msgs_for(feed.lang)(f"feeds.link.{fmt}", title=feed.title)))

    def write(self, site) -> None:
        topics = {t.id: t.name for t in self.ctx.catalog.topics.values()}
        for feed in self.feeds:
            for fmt, _, _ in FORMATS:
                data = feed_formats.render(fmt, feed, self.ctx.settings, topics)
                site.write(feed.path(fmt), data)
