"""Everything a build produces besides the engine's own pages.

One Outputs object per build ties the plan to the extra files: redirects,
the share box and staff page, copy-ready posts, share images and the search
index. The engine adapter calls it at fixed points and decides nothing.
"""
from __future__ import annotations

import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from loa.build import atomic

from loa.outputs import csp

from loa.outputs import images

from loa.text import plaintext

from loa.outputs import render

from loa.text import sanitize

from loa.outputs import search

from loa.outputs import share

from loa.outputs import posts as social

from loa.core import urls
from loa.core.model import Catalog, Explainer, Settings
from loa.plan.site import PlannedPage, SitePlan

# Below this many explainers a second process costs more than it saves.
PARALLEL_FROM = 200
STAFF_LATEST = 40  # the staff page is worked down from the top; older posts stay in social/
CACHE_DIR = ".loa-cache"
SITE_IMAGE = f"{urls.SOCIAL_DIR}/og.png"


@dataclass(frozen=True)
class StaticFile:
    path: str  # site-relative file path
    content: str | bytes


class Outputs:
    def __init__(self, site_plan: SitePlan, settings: Settings, catalog: Catalog, root: Path) -> None:
        self.plan, self.settings, self.catalog, self.root = site_plan, settings, catalog, root
        self.topic_names = {t.id: t.name for t in catalog.topics.values()}
        self._posts: dict[str, Mapping[str, str]] = {}
        self._pending: list[Future] = []
        self._pool: ProcessPoolExecutor | None = None
        self._texts: dict[str, str] = {}
        self._index_started = False

    def start(self, site_dir: Path, *, everything: bool = True) -> None:
        """Begin the work that needs no page: posts and share images.

        On a large site it runs in a second process while the engine renders
        pages, so the machine's second core does it. Call once the engine has
        emptied `site_dir`. A preview rebuild that renders only changed pages
        (`everything=False`) makes posts as pages ask for them instead.
        """
        live = self.plan.explainers
        if len(live) < PARALLEL_FROM or not everything:
            return
        self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        # One worker, first come first served: posts first, since pages wait for them.
        self._posts_future = self._pool.submit(make_all_posts, live, self.settings, self.topic_names)
        self._pending.append(self._pool.submit(draw_all_images, live, self.settings, site_dir, self.root))
        self._site_dir = site_dir

    def page_text(self, e: Explainer, html: str) -> None:
        """Keep the text of an explainer page, as rendered, for the search index."""
        self._texts[e.slug] = plaintext.text_of_html(html)

    def pages_read(self) -> None:
        """Every page is rendered to HTML: the search index can be built now,
        beside the engine writing pages."""
        if self._pool is not None and not self._index_started:
            self._index_started = True
            self._pending.insert(0, self._pool.submit(write_search_index, self.search_docs(), self._site_dir))

    def posts(self, e: Explainer) -> Mapping[str, str]:
        """Both channels' posts for `e`, made once per build."""
        if not self._posts and self._pool is not None:
            self._posts = self._posts_future.result()
        if e.slug not in self._posts:
            self._posts.update(make_all_posts([e], self.settings, self.topic_names, self.plan.explainers))
        return self._posts[e.slug]

    def search_docs(self) -> list[search.SearchDoc]:
        """What search needs of each explainer, its text as the page shows it."""
        names = {a.id: a.name for a in self.catalog.audiences.values()}
        return [search.SearchDoc(urls.explainer(e.slug), e.title, e.summary,
                                 tuple(names[a] for a in e.audiences),
                                 self._texts.get(e.slug) or plaintext.to_plain(e.body))
                for e in self.plan.explainers]

    def static_files(self) -> list[StaticFile]:
        return [
            StaticFile(r.url + "index.html", self.finish_html(
                render.redirect_page(r.url, r.target, urls.absolute(self.settings.site_url, r.target), r.title)))
            for r in self.plan.redirects
        ]

    def page_extras(self, page: PlannedPage) -> str:
        """Trusted HTML appended to a generated page."""
        if page.explainer is not None:
            url = urls.absolute(self.settings.site_url, page.url)
            return share.share_box_html(page.explainer, self.posts(page.explainer), url)
        if page.kind == "search":
            return search.search_page_body()
        if page.kind == "staff":
            return share.staff_page_html(
                share.StaffEntry(e, self.posts(e), urls.absolute(self.settings.site_url, urls.explainer(e.slug)))
                for e in self.plan.explainers[:STAFF_LATEST])
        return ""

    @staticmethod
    def page_scripts(page: PlannedPage | None) -> list[str]:
        """Site-relative scripts a page needs; most pages need none."""
        if page is not None and (page.explainer is not None or page.kind == "staff"):
            return ["assets/loa/share.js"]
        return []

    @staticmethod
    def share_image(page: PlannedPage | None) -> str:
        """Site-relative path of the page's Open Graph image."""
        if page is not None and page.explainer is not None:
            return f"{urls.SOCIAL_DIR}/{page.explainer.slug}/og.png"
        return SITE_IMAGE

    @staticmethod
    def clean_body(html: str) -> str:
        return sanitize.clean(html)

    @staticmethod
    def finish_html(html: str) -> str:
        return csp.add_policy(sanitize.strip_bidi(html))

    def write_after_build(self, site_dir: Path) -> None:
        live = self.plan.explainers
        write = atomic.write_in_new_folder  # the whole folder is swapped in when done
        social.publish(live, self.settings, site_dir, topic_names=self.topic_names, posts=self.posts, write=write)
        if self._pool is None:
            write_search_index(self.search_docs(), site_dir)
            draw_all_images(live, self.settings, site_dir, self.root)
            return
        try:
            for job in self._pending:
                job.result()  # re-raises what went wrong in the other process
        finally:
            self._pool.shutdown()
            self._pool = None


def make_all_posts(explainers: Sequence[Explainer], settings: Settings, topic_names: Mapping[str, str],
                   everyone: Sequence[Explainer] | None = None) -> dict[str, Mapping[str, str]]:
    index = social.LinkIndex.of(everyone if everyone is not None else explainers)
    return {e.slug: social.make_posts(e, settings, social.link_resolver(e, index, settings.site_url),
                                      topic_names=topic_names)
            for e in explainers}


def write_search_index(docs: Sequence[search.SearchDoc], site_dir: Path) -> None:
    for rel, content in search.build_index(docs).items():
        atomic.write_in_new_folder(site_dir / rel, content)


def draw_all_images(explainers: Sequence[Explainer], settings: Settings, site_dir: Path, root: Path) -> None:
    """The site's and every explainer's 1200×630 share image, from the cache when unchanged."""
    write = atomic.write_in_new_folder
    cache = root / CACHE_DIR / "og"
    images.render_share_image(settings.site_name, settings, site_dir / SITE_IMAGE, cache, write=write)
    for e in explainers:
        images.render_share_image(e.title, settings, site_dir / urls.SOCIAL_DIR / e.slug / "og.png",
                                  cache, write=write)
