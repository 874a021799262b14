"""The glossary (issue 15): each term's first use in a Vietnamese explainer
body marked with its definition (loa/text/terms.py, glossary.js), the page
/thuat-ngu/ listing every term with its law article and the explainers that
use it, and one search document per term.

Which explainers use a term is learned as their bodies are rendered, so
the page is filled in once every page is read (decorate runs after
pages_read), never ahead. Khmer pages get no Vietnamese definitions.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from loa.core import urls
from loa.core.model import GlossaryTerm
from loa.outputs import search
from loa.outputs.base import Fragments, Output
from loa.plan.site import PlannedPage
from loa.text import terms

SCRIPT = "assets/loa/glossary.js"


@dataclass(frozen=True)
class Listed:
    """A term as the glossary page shows it."""

    term: GlossaryTerm
    source: str  # "Điều 46 Bộ luật Dân sự", or ""
    law_url: str  # site-relative, or ""
    explainers: tuple[tuple[str, str], ...]  # (url, title)


class Glossary(Output):
    name = "glossary"

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.terms = ctx.catalog.glossary
        self.entries = [terms.Entry(t.id, (t.term, *t.variants), t.definition, self.source(t)) for t in self.terms]
        self.matcher = terms.Matcher(self.entries, [law.title for law in ctx.catalog.laws.values()])
        self.used: dict[str, list[str]] = {}  # page URL -> ids of the terms it uses

    def source(self, term: GlossaryTerm) -> str:
        law = self.ctx.catalog.laws.get(term.law_id)
        if law is None:
            return ""
        if term.article is None:
            return law.title
        return self.ctx.msgs("glossary.source", article=term.article, law=law.title)

    def rewrite_body(self, page: PlannedPage, body_html: str) -> str:
        if not self.terms or page.explainer is None or page.lang != self.ctx.msgs.lang:
            return body_html
        marked, used = terms.mark_terms(body_html, self.matcher, urls.relative(page.url, urls.GLOSSARY))
        self.used[page.url] = used
        return marked

    def page_memo(self, page: PlannedPage):
        return self.used.get(page.url)

    def recall_page(self, page: PlannedPage, memo) -> None:
        if memo is not None:
            self.used[page.url] = memo

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        if page.explainer is not None and self.used.get(page.url):
            fragments.after.append(self.ctx.renderer.render("glossary-words.html"))
            fragments.scripts.append(SCRIPT)
        elif page.kind == "glossary":
            fragments.after.append(self.ctx.renderer.render("glossary-page.html", page=page, items=self.listed()))

    def listed(self) -> list[Listed]:
        """Every term, in the registry's order, with the listed explainers that use it."""
        live = [(urls.page_of(e), e.title) for e in self.ctx.plan.explainers]
        return [Listed(t, self.source(t), urls.law(t.law_id) if t.law_id else "",
                       tuple((url, title) for url, title in live if t.id in self.used.get(url, ())))
                for t in self.terms]

    def search_docs(self) -> Iterable[search.SearchDoc]:
        """One search result per term: its entry on the glossary page."""
        return [search.SearchDoc(f"{urls.GLOSSARY}#{t.id}", t.term, t.definition, (),
                                 " ".join((*t.variants, self.source(t))), title_counts=False)
                for t in self.terms]
