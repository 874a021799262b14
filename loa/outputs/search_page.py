"""Search: the index files (format in `search.py`) and the search page's body.

The index is built from the text of explainer pages as rendered, while the
engine writes the pages, in the build's second process on a large site.
"""
from __future__ import annotations

from concurrent.futures import Future
from typing import Sequence

from loa.core import urls
from loa.outputs import search
from loa.outputs.base import Fragments, Output
from loa.plan.site import PlannedPage
from loa.outputs.templating import Renderer
from loa.text import plaintext


def write_index(docs: Sequence[search.SearchDoc] | None, site, thesaurus=(), cache_dir=None,
                key: str | None = None, part: tuple[int, int] = (0, 1)) -> bool:
    """The index files: the ones kept under `key` when a build already made
    them from the same texts, thesaurus and Loa (build/memo.py), else made
    from `docs` and kept. With no `docs`, only the kept ones will do, and
    False says they were gone (the caller then sends the docs).

    `part` (i, n) writes the i-th of n runs of the files in name order, so
    two processes can share the writing: on a large site the index is most
    of the build's files, and a file's creation costs more than its bytes.
    `site` is the build's loa.build.writer.SiteWriter."""
    from loa.build import memo

    made = memo.kept_latest(cache_dir, "search", key)
    if made is None:
        if docs is None:
            return False
        made = search.build_index(docs, thesaurus)
        memo.keep_latest(cache_dir, "search", key, made)
    names = sorted(made)
    i, n = part
    for rel in names[i * len(names) // n:(i + 1) * len(names) // n]:
        site.write(rel, made[rel])
    return True


def keep_index(docs: Sequence[search.SearchDoc], thesaurus=(), cache_dir=None, key: str | None = None) -> bool:
    """Make the index and keep it under `key`, writing nothing; False when it
    could not be kept (no cache, no key, a full disk)."""
    from loa.build import memo

    if not memo.has_latest(cache_dir, "search", key):
        memo.keep_latest(cache_dir, "search", key, search.build_index(docs, thesaurus))
    return memo.has_latest(cache_dir, "search", key)


class Search(Output):
    name = "search"
    whole_site = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._texts: dict[str, str] = {}
        self._job: Future | None = None  # the other process's half of the files
        self._made: Future | None = None  # ... and before it, a new index made and kept
        self._site = None
        self._key: str | None = None  # of the index's inputs (build/memo.py), "" when there is none

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        if page.kind == "search":
            fragments.after.append(self.ctx.renderer.render(
                "search-page.html", **page_context(search.index_key(self.docs(sources=True), self.ctx.catalog.thesaurus),
                                                   self.ctx.settings.hotline)))

    def page_rendered(self, page: PlannedPage, body_html: str) -> None:
        if page.explainer is not None:
            self._texts[page.explainer.slug] = plaintext.text_of_html(body_html)

    def page_memo(self, page: PlannedPage):
        return self._texts.get(page.explainer.slug) if page.explainer is not None else None

    def recall_page(self, page: PlannedPage, memo) -> None:
        if page.explainer is not None and memo is not None:
            self._texts[page.explainer.slug] = memo

    def start(self, site) -> None:
        self._site = site

    def docs(self, sources: bool = False) -> list[search.SearchDoc]:
        """What the index is built from; with `sources`, the explainers' own
        Markdown instead of their text (enough for index_key, and known
        before any page is rendered)."""
        names = {a.id: a.name for a in self.ctx.catalog.audiences.values()}
        return [search.SearchDoc(urls.explainer(e.slug), e.title, e.summary,
                                 tuple(names[a] for a in e.audiences),
                                 e.body if sources else self._texts.get(e.slug) or plaintext.to_plain(e.body))
                for e in self.ctx.plan.explainers] + [d for out in self.ctx.outputs for d in out.search_docs()]

    def _index_key(self) -> str | None:
        from loa.build import memo

        if self._key is None:
            self._key = memo.latest_key(self.docs(), self.ctx.catalog.thesaurus) or ""
        return self._key or None

    def pages_read(self) -> None:
        from loa.build import memo

        if self._job is None and self._site is not None and self.ctx.workers.parallel:
            key, cache, thesaurus = self._index_key(), self.ctx.cache_dir, self.ctx.catalog.thesaurus
            # The other process writes the first half of the files while
            # this one renders pages; this one writes the second half once
            # its pages are done (write). The same texts as the last build:
            # the other process needs the key only, not every text.
            if not memo.has_latest(cache, "search", key):
                self._made = self.ctx.workers.submit(keep_index, self.docs(), thesaurus, cache, key)
            self._job = self.ctx.workers.submit(write_index, None, self._site, thesaurus, cache, key, (0, 2))

    def write(self, site) -> None:
        # Each job re-raises what went wrong in the other process. False: the
        # index could not be kept, or the kept one went meanwhile.
        if self._job is None:
            write_index(self.docs(), site, self.ctx.catalog.thesaurus, self.ctx.cache_dir, self._index_key())
            return
        args = (site, self.ctx.catalog.thesaurus, self.ctx.cache_dir, self._index_key())
        kept = self._made.result() if self._made is not None else True
        mine = kept and write_index(None, *args, (1, 2))
        theirs = self._job.result()
        if not (mine and theirs):
            write_index(self.docs(), *args)


def page_context(index_key: str, hotline: str) -> dict:
    # From the search page (tim-kiem/); index.html because a site opened from
    # a folder would show a file listing for the folder itself.
    return {"index_key": index_key, "hotline": hotline, "topics": f"{urls.TOPICS}/index.html"}


def page_body(lang: str = "vi", index_key: str = "", hotline: str = "") -> str:
    """The search page's body on its own (the search tests serve it bare)."""
    from loa.i18n import messages

    return str(Renderer(messages(lang)).render("search-page.html", **page_context(index_key, hotline)))
