"""The fragments of Loa's own pages: explainers, audiences, topics, laws,
the index pages and the home page's latest explainers."""
from __future__ import annotations

from loa.outputs.base import Fragments, Output
from loa.plan.site import PlannedPage

TEMPLATES_BEFORE = {"explainer": "explainer-before.html", "audience": "group.html", "topic": "group.html",
                    "law": "law.html", "directory": "directory.html"}
TEMPLATES_AFTER = {"explainer": "explainer-after.html", "home": "home.html"}


class Pages(Output):
    name = "pages"

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        render = self.ctx.renderer.render
        if page.kind in TEMPLATES_BEFORE:
            fragments.before.append(render(TEMPLATES_BEFORE[page.kind], page=page, settings=self.ctx.settings))
        if page.kind in TEMPLATES_AFTER:
            fragments.after.append(render(TEMPLATES_AFTER[page.kind], page=page, settings=self.ctx.settings))
