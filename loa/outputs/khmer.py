"""The Khmer part of a build (issue 11): its font and stylesheet, its search
page and index (its share images: share_images.py), the notes on Khmer explainers and the
links to them from Vietnamese pages. (That every Khmer word exists is checked
with the content: loa/content/translations.py, LOA805.)

Pages in Khmer are planned by loa/plan/khmer.py; the shared outputs render
their words in the page's language (`ctx.renderer_for(page.lang)`). What is
only Khmer lives here. A site without Khmer explainers gets nothing from it.
"""
from __future__ import annotations

from typing import Iterable

from loa.core import urls
from loa.core.model import Problem
from loa.core.problems import problem
from loa.outputs import khmer_font, khmer_images, khmer_search
from loa.outputs.base import Fragments, Output, SiteFile
from loa.plan.site import PlannedPage
from loa.text import plaintext

SCRIPT = "assets/loa/km-search.js"
class Khmer(Output):
    name = "khmer"
    whole_site = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._texts: dict[str, str] = {}

    @property
    def active(self) -> bool:
        return bool(self.ctx.plan.khmer)

    def problems(self) -> list[Problem]:
        if not self.active:
            return []
        found = []
        if not khmer_font.FONT.is_file() or not khmer_images.FONT.is_file():
            found.append(problem("LOA807", "mkdocs.yml", 0, msgs=self.ctx.msgs, font=str(khmer_font.FONT)))
        elif not khmer_images.can_shape():
            found.append(problem("LOA808", "mkdocs.yml", 0, msgs=self.ctx.msgs))
        return found

    def files(self) -> Iterable[SiteFile]:
        if not self.active or not khmer_font.FONT.is_file():
            return ()  # problems() refuses the build: LOA807
        woff2 = khmer_font.subset(khmer_font.FONT, self.ctx.cache_dir / "km-font")
        return (SiteFile(khmer_font.WOFF2, woff2), SiteFile(khmer_font.CSS, khmer_font.stylesheet()))

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        if page.lang != urls.KHMER:
            render = self.ctx.renderer_for(page.lang).render
            if page.translation is not None:
                fragments.before.insert(0, render("translation-link.html", page=page))
            elif page.kind == "home" and self.active:
                fragments.before.insert(0, render("km-home-link.html", page=page))
            return
        render = self.ctx.renderer_for(page.lang).render
        if page.explainer is not None:
            fragments.before.insert(0, render("km-note.html", page=page))
        elif page.kind == "km-search":
            fragments.after.append(render("km-search-page.html"))
            fragments.scripts.append(SCRIPT)

    def page_rendered(self, page: PlannedPage, body_html: str) -> None:
        if page.explainer is not None and page.lang == urls.KHMER:
            self._texts[page.explainer.slug] = plaintext.text_of_html(body_html)

    def page_memo(self, page: PlannedPage):
        return self._texts.get(page.explainer.slug) if page.explainer is not None else None

    def recall_page(self, page: PlannedPage, memo) -> None:
        if page.explainer is not None and memo is not None:
            self._texts[page.explainer.slug] = memo

    def docs(self) -> list[khmer_search.KhmerDoc]:
        return [khmer_search.KhmerDoc(urls.page_of(e), e.title, e.summary,
                                      self._texts.get(e.slug) or plaintext.to_plain(e.body))
                for e in self.ctx.plan.khmer]

    def write(self, site) -> None:
        if not self.active:
            return
        for rel, content in khmer_search.build_index(self.docs()).items():
            site.write(rel, content.encode("utf-8"))
        # Share images of Khmer explainers are drawn by share_images.py with the others.

