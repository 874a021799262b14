"""A minimal static site for the search tests, without MkDocs.

It holds what a real build holds for search: the search page with
`search_page_body()`, search.js, the index files from `build_index`, and an
explainer page per document with the header search form. Pages carry the
site's Content-Security-Policy, so a script that would need 'unsafe-inline'
or eval fails here as it would on the site.
"""
from __future__ import annotations

import gzip
import json
from html import escape
from pathlib import Path
from typing import Sequence

import jinja2

from loa.i18n import messages
from loa.outputs import csp
from loa.outputs.search import SearchDoc, build_index, index_key
from loa.outputs.search_page import page_body as search_page_body

REPO = Path(__file__).resolve().parent.parent
SEARCH_JS = REPO / "overrides" / "assets" / "loa" / "search.js"
HEADER_FORM = REPO / "overrides" / "partials" / "loa-search-form.html"


def _page(title: str, header: str, body: str) -> str:
    html = (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        f'<title>{escape(title)}</title><link rel="icon" href="data:,"></head>'
        f"<body><header>{header}</header>"
        f'<main><article><h1>{escape(title)}</h1>{body}</article></main></body></html>'
    )
    return csp.add_policy(html)


def header_form(base_url: str) -> str:
    # MkDocs renders it with the Loa plugin's loa_t (the site catalogue).
    return jinja2.Template(HEADER_FORM.read_text(encoding="utf-8")).render(base_url=base_url, loa_t=messages("vi").get)


def write_site(folder: Path, docs: Sequence[SearchDoc], thesaurus: Sequence = ()) -> Path:
    """Write the search page, search.js, the index and one page per explainer;
    `thesaurus` is content/thesaurus.yml's entries (loa.content.thesaurus)."""
    files: dict[str, bytes] = dict(build_index(docs, thesaurus))
    files["assets/loa/search.js"] = SEARCH_JS.read_bytes()
    body = search_page_body(index_key=index_key(docs, thesaurus), hotline="0377.672.444")
    files["tim-kiem/index.html"] = _page("Tìm kiếm", header_form(".."), body).encode()
    for doc in docs:
        depth = "/".join([".."] * doc.url.count("/"))
        body = f"<p>{escape(doc.summary)}</p><p>{escape(doc.text)}</p>"
        files[doc.url + "index.html"] = _page(doc.title, header_form(depth), body).encode()
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return folder


def sample_docs() -> list[SearchDoc]:
    """The repository's Vietnamese sample explainers, as the plugin passes them."""
    import datetime as dt

    from loa.content import catalog

    from loa.text import plaintext

    from loa.core import urls

    cat = catalog.load(REPO)
    return [
        SearchDoc(urls.explainer(e.slug), e.title, e.summary,
                  tuple(cat.audiences[a].name for a in e.audiences), plaintext.to_plain(e.body))
        for e in cat.published(dt.date.today())
        if getattr(e, "lang", "vi") == "vi"  # Khmer explainers have their own index
    ]


def corpus_docs(corpus: Path) -> list[SearchDoc]:
    """The shared corpus's articles, read in place."""
    docs = []
    with (corpus / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            a = json.loads(line)
            docs.append(SearchDoc(f"bai-viet/{a['id']}/", a["title"], a["summary"], (a["topic"],), a["body"]))
    return docs


class Transfers:
    """The files a page loads under the search index folder, and their size
    compressed as a server would send them (gzip level 6)."""

    def __init__(self, page, site: Path, base_url: str) -> None:
        self.site, self.base_url, self.urls = site, base_url, []
        page.on("request", lambda request: self.urls.append(request.url))

    def paths(self, start: int = 0) -> list[str]:
        paths = []
        for url in self.urls[start:]:
            path = url.split("?")[0].removeprefix(self.base_url)
            if path.startswith("assets/loa/search"):
                paths.append(path)
        return paths

    def index_files(self, start: int = 0) -> list[str]:
        return [p for p in self.paths(start) if p.startswith("assets/loa/search/")]

    def gzip_bytes(self, start: int = 0) -> int:
        return sum(len(gzip.compress((self.site / p).read_bytes(), 6)) for p in set(self.paths(start)))


def repo_thesaurus():
    """The repository's content/thesaurus.yml, read as a build reads it."""
    from loa.content import thesaurus

    problems: list = []
    entries = thesaurus.load(REPO, REPO / "content", problems)
    assert not problems, problems
    return entries
