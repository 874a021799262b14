"""The banner on a withdrawn explainer's page: since when, why, and the
explainer to read instead (loa/content/withdrawal.py owns the field).

The page keeps its address, so links already shared in Zalo groups still
arrive somewhere true; the plan keeps it out of every list and of search,
and the posts leave it out.
"""
from __future__ import annotations

from loa.core import urls
from loa.outputs.base import Fragments, Output
from loa.plan.site import Link, PlannedPage


class Withdrawn(Output):
    name = "withdrawn"

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        e = page.explainer
        if e is None or not e.is_withdrawn(self.ctx.today):
            return
        instead = None
        if e.withdrawn.replaced_by:
            listed = self.ctx.plan.explainers + self.ctx.plan.khmer
            other = next((x for x in listed if x.slug == e.withdrawn.replaced_by), None)
            if other is not None:  # loa check refuses a replacement that is not listed (LOA331, LOA332)
                instead = Link(urls.page_of(other), other.title)
        # First on the page, above the summary: a reader must not miss it.
        # In the page's own language: a Khmer page never shows Vietnamese words.
        render = self.ctx.renderer_for(page.lang).render
        fragments.before.insert(0, render("withdrawn-banner.html", page=page, withdrawal=e.withdrawn, instead=instead))
