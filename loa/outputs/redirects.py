"""Pages at old addresses (from `aliases`) that send readers to the new one.

They work without JavaScript: a meta refresh, a visible link, rel=canonical.
"""
from __future__ import annotations

from typing import Iterable

from loa.core import urls
from loa.outputs.base import Output, SiteFile


class Redirects(Output):
    name = "redirects"

    def files(self) -> Iterable[SiteFile]:
        site_url = self.ctx.settings.site_url
        for r in self.ctx.plan.redirects:
            html = self.ctx.renderer_for(r.lang).render("redirect.html", redirect=r, target=urls.relative(r.url, r.target),
                                            canonical=urls.absolute(site_url, r.target))
            yield SiteFile(r.url + "index.html", html + "\n")
