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
            other = next((x for x in self.ctx.plan.explainers if x.slug == e.withdrawn.replaced_by), None)
            if other is not None:  # loa check refuses a replacement that is not listed (LOA331, LOA332)
                instead = Link(urls.explainer(other.slug), other.title)
        # First on the page, above the summary: a reader must not miss it.
        fragments.before.insert(0, self.ctx.renderer.render("withdrawn-banner.html", page=page,
                                                            withdrawal=e.withdrawn, instead=instead))
