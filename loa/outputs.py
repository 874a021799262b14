"""Everything a build produces besides the engine's own pages.

One Outputs object per build ties the plan to the extra files: redirects,
the share box and staff page, copy-ready posts, share images and the search
index. The engine adapter calls it at fixed points and decides nothing.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from . import csp, images, render, sanitize, share, social, urls
from .model import Catalog, Explainer, Settings
from .plan import PlannedPage, SitePlan

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

    def posts(self, e: Explainer) -> Mapping[str, str]:
        """Both channels' posts for `e`, made once per build."""
        if e.slug not in self._posts:
            resolve = social.link_resolver(e, self.plan.explainers, self.settings.site_url)
            self._posts[e.slug] = social.make_posts(e, self.settings, resolve, topic_names=self.topic_names)
        return self._posts[e.slug]

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
        social.publish(live, self.settings, site_dir, topic_names=self.topic_names, posts=self.posts)
        cache = self.root / CACHE_DIR / "og"
        images.render_share_image(self.settings.site_name, self.settings, site_dir / SITE_IMAGE, cache)
        for e in live:
            images.render_share_image(e.title, self.settings, site_dir / urls.SOCIAL_DIR / e.slug / "og.png", cache)
