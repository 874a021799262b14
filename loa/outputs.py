"""Everything a build produces besides the engine's own pages.

One Outputs object per build ties the plan to the extra files: redirects,
the search index, copy-ready posts and share images. The engine adapter
calls it at fixed points and never decides anything itself.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import csp, render, sanitize, urls
from .model import Catalog, Settings
from .plan import PlannedPage, SitePlan


@dataclass(frozen=True)
class StaticFile:
    path: str  # site-relative file path
    content: str | bytes


class Outputs:
    def __init__(self, site_plan: SitePlan, settings: Settings, catalog: Catalog, root: Path) -> None:
        self.plan, self.settings, self.catalog, self.root = site_plan, settings, catalog, root

    def static_files(self) -> list[StaticFile]:
        return [
            StaticFile(r.url + "index.html", self.finish_html(
                render.redirect_page(r.url, r.target, urls.absolute(self.settings.site_url, r.target), r.title)))
            for r in self.plan.redirects
        ]

    def page_extras(self, page: PlannedPage) -> str:
        return ""

    def share_image(self, page: PlannedPage | None) -> str:
        """Site-relative path of the page's Open Graph image."""
        return ""

    @staticmethod
    def clean_body(html: str) -> str:
        return sanitize.clean(html)

    @staticmethod
    def finish_html(html: str) -> str:
        return csp.add_policy(sanitize.strip_bidi(html))

    def write_after_build(self, site_dir: Path) -> None:
        return None
