"""Writing one feed (`feeds.Feed`) as RSS 2.0, Atom or JSON Feed 1.1.

RSS and Atom are written by feedgen, which escapes every text it is given.
JSON Feed is written here with the json module: it is a small dictionary,
and no JSON Feed library on PyPI is kept up to date (feedgen does not write
it). Every date is an explainer's own `date` (or `reviewed`, when later) at
midnight in Vietnam: feedgen would otherwise stamp the feed with the build
time, so each date it reads is set explicitly.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Mapping

from feedgen.feed import FeedGenerator

from loa.core import urls
from loa.core.model import Explainer, Settings
from loa.outputs import json_files

if TYPE_CHECKING:
    from loa.outputs.feeds import Feed

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
# A feed with no explainer yet still needs a date that is not the build's.
EPOCH = dt.datetime(2000, 1, 1, tzinfo=VIETNAM)


def moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=VIETNAM)


def updated(e: Explainer) -> dt.datetime:
    return moment(max(e.date, e.reviewed or e.date))


def last_change(feed: "Feed") -> dt.datetime:
    return max((updated(i.explainer) for i in feed.items), default=EPOCH)


def render(fmt: str, feed: "Feed", settings: Settings, topics: Mapping[str, str]) -> bytes:
    if fmt == "json":
        return json_feed(feed, settings, topics)
    fg = generator(feed, settings, topics, fmt)
    return fg.rss_str(pretty=True) if fmt == "rss" else fg.atom_str(pretty=True)


def generator(feed: "Feed", settings: Settings, topics: Mapping[str, str], fmt: str) -> FeedGenerator:
    site = settings.site_url
    fg = FeedGenerator()
    fg.id(urls.absolute(site, feed.path("atom")))
    fg.title(feed.title)
    fg.subtitle(feed.description)  # RSS's required <description>
    # RSS has one <link>, the last one given: the page, after the feed's own.
    fg.link(href=urls.absolute(site, feed.path(fmt)), rel="self")
    fg.link(href=urls.absolute(site, feed.page_url), rel="alternate")
    fg.language(feed.lang)
    fg.author(name=settings.organisation)
    fg.generator("Loa")
    fg.updated(last_change(feed))
    fg.lastBuildDate(last_change(feed))
    for item in reversed(feed.items):  # feedgen puts each new entry first
        entry(fg.add_entry(), item.explainer, urls.absolute(site, item.url), topics)
    return fg


def entry(fe, e: Explainer, link: str, topics: Mapping[str, str]) -> None:
    fe.id(link)
    fe.guid(link, permalink=True)
    fe.title(e.title)
    fe.link(href=link, rel="alternate")
    fe.summary(e.summary)
    fe.published(moment(e.date))
    fe.updated(updated(e))
    for topic in e.topics:
        fe.category(term=topic, label=topics.get(topic, topic))


def json_feed(feed: "Feed", settings: Settings, topics: Mapping[str, str]) -> bytes:
    site = settings.site_url
    items = []
    for item in feed.items:
        e, link = item.explainer, urls.absolute(site, item.url)
        items.append({"id": link, "url": link, "title": e.title, "summary": e.summary,
                      "content_text": e.summary, "date_published": moment(e.date).isoformat(),
                      "date_modified": updated(e).isoformat(),
                      "tags": [topics.get(t, t) for t in e.topics]})
    data = {"version": JSON_FEED_VERSION, "title": feed.title, "description": feed.description,
            "home_page_url": urls.absolute(site, feed.page_url),
            "feed_url": urls.absolute(site, feed.path("json")), "language": feed.lang,
            "authors": [{"name": settings.organisation}], "items": items}
    return json_files.utf8(data, indent=1)
