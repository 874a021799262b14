"""The fragments of Loa's own pages: explainers, audiences, topics, laws,
the index pages and the home page's latest explainers."""
from __future__ import annotations

from loa.outputs.base import Fragments, Output
from loa.plan.site import PlannedPage

TEMPLATES_BEFORE = {"explainer": "explainer-before.html", "audience": "group.html", "topic": "group.html",
                    "law": "law-page.html", "directory": "directory.html"}
TEMPLATES_AFTER = {"explainer": "explainer-after.html", "home": "home.html", "km-home": "home.html"}


class Pages(Output):
    name = "pages"
    decorate_ahead = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._help_box: dict[str, object] = {}

    def help_box(self, lang: str = "vi"):
        """The same on every explainer page of a language: rendered once per build."""
        if lang not in self._help_box:
            self._help_box[lang] = self.ctx.renderer_for(lang).render("help-box.html", settings=self.ctx.settings)
        return self._help_box[lang]

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        render = self.ctx.renderer_for(page.lang).render  # a Khmer page's words are Khmer
        if page.kind in TEMPLATES_BEFORE:
            fragments.before.append(render(TEMPLATES_BEFORE[page.kind], page=page))
        if page.kind in TEMPLATES_AFTER:
            fragments.after.append(render(TEMPLATES_AFTER[page.kind], page=page, help_box=self.help_box(page.lang),
                                          settings=self.ctx.settings))
