"""The interface every output implements, and the records it exchanges.

An output is one thing a build produces: the explainer and index pages'
fragments, redirects, the search index, posts, share images, the staff
page. Each is a small class that the pipeline calls at fixed points; the
list of them is `loa.outputs.OUTPUTS`. Adding an output means adding its
module, its templates and one line to that list.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Iterable

from markupsafe import Markup

from loa.core.model import Problem
from loa.plan.site import PlannedPage

if TYPE_CHECKING:
    from loa.build.context import BuildContext
    from loa.outputs.search import SearchDoc
    from loa.build.writer import SiteWriter


@dataclass(frozen=True)
class SiteFile:
    """A file handed to the engine before pages are rendered."""

    path: str  # site-relative
    content: str | bytes


@dataclass(frozen=True)
class Alternate:
    """A `<link rel="alternate">` in a page's head (a feed of it)."""

    href: str  # site-relative
    type: str  # media type
    title: str


@dataclass
class Fragments:
    """What outputs add to one page: escaped HTML around the body, scripts."""

    before: list[Markup] = field(default_factory=list)
    after: list[Markup] = field(default_factory=list)
    scripts: list[str] = field(default_factory=list)  # site-relative, Loa's own files only
    image: str = ""  # site-relative Open Graph image
    alternates: list[Alternate] = field(default_factory=list)

    def html_before(self) -> Markup:
        return Markup("").join(self.before)

    def add(self, other: "Fragments") -> None:
        """Take in what one output added elsewhere (decorated ahead)."""
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, list):
                mine.extend(theirs)
            elif theirs:
                setattr(self, f.name, theirs)

    def html_after(self) -> Markup:
        return Markup("").join(self.after)


class Output:
    """Base class: every hook does nothing until an output needs it."""

    name = "output"
    # Written on every full build; a preview that re-renders only what changed
    # keeps the first build's copy (posts, search index, share images).
    whole_site = False
    # On a large build, decorate() runs for every page at start(), in a forked
    # copy of the build, while the engine renders Markdown. Only for outputs
    # whose parts depend on the plan alone, never on page_rendered().
    decorate_ahead = False

    def __init__(self, ctx: "BuildContext") -> None:
        self.ctx = ctx

    def problems(self) -> list[Problem]:
        """What this output would refuse to build; `loa check` reports it first."""
        return []

    def files(self) -> Iterable[SiteFile]:
        """Files known before rendering (redirect pages, images)."""
        return ()

    def start(self, site: "SiteWriter") -> None:
        """The engine has emptied the site folder: begin work that needs no page."""

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        """Add this output's parts to a page about to be rendered."""

    def page_rendered(self, page: PlannedPage, body_html: str) -> None:
        """A page's body as rendered and sanitised (search reads its text)."""

    def rewrite_body(self, page: PlannedPage, body_html: str) -> str:
        """The body as readers get it, with this output's additions (the
        glossary's terms); escaped HTML in, escaped HTML out."""
        return body_html

    def page_memo(self, page: PlannedPage) -> Any:
        """What this output learnt from a page while it rendered (the text
        search reads), kept with the page for a later build that reuses
        the page instead of rendering it (build/memo.py); None for nothing."""
        return None

    def recall_page(self, page: PlannedPage, memo: Any) -> None:
        """A page is reused from an earlier build: take back what
        page_memo() kept, instead of page_rendered() and rewrite_body()."""

    def search_docs(self) -> Iterable["SearchDoc"]:
        """Documents this output adds to the search index (the glossary's terms)."""
        return ()

    def pages_read(self) -> None:
        """Every page body is rendered; the engine now writes pages."""

    def ahead_state(self) -> Any:
        """In the forked copy that decorates ahead (decorate_ahead): what this
        output made there that the build should not make again (the posts
        its share boxes show), sent back with the pages' parts; None for
        nothing."""
        return None

    def take_ahead_state(self, state: Any) -> None:
        """In the build: what ahead_state() sent back from the forked copy."""

    def write(self, site: "SiteWriter") -> None:
        """The engine has written every page: write what is left."""

    def close(self) -> None:
        """Release what the output holds, on success and on failure."""
