"""The one pipeline: load -> validate -> plan -> outputs.

`loa check`, `loa build`, `loa serve`, `mkdocs build` and `mkdocs serve` all
run it. `check()` does everything up to the plan, including each output's
own checks, so whatever a build would refuse is reported by `loa check`
first. A `Build` then carries one build through the engine's stages and is
closed whatever happens.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from loa.build.context import CACHE_DIR, AheadParts, BuildContext
from loa.build.session import PreviewSession
from loa.build.workers import PARALLEL_FROM, Workers
from loa.build import linkcheck, memo, precompress
from loa.build.memo import Memo
from loa.content import catalog as catalog_mod
from loa.content import lawcheck, ledger
from loa.content import postlog
from loa.content import recordings
from loa.content import review
from loa.core import settings as settings_mod
from loa.core import urls
from loa.core.model import Catalog, Problem, Settings
from loa.i18n import messages
from loa.outputs import OUTPUTS, csp
from loa.outputs.base import Fragments, Output, SiteFile
from loa.outputs.templating import CompiledTemplates, Renderer
from loa.plan.site import PlannedPage, plan
from loa.text import anchors, phones, sanitize

# Pages whose parts the forked copy sends at a time: the build renders the
# first pages while the copy decorates the rest, and holds few at once.
AHEAD_PAGES = 100


@dataclass(frozen=True)
class Project:
    """Where a site's sources are and its `loa:` options, as the engine read them."""

    root: Path
    options: Mapping[str, Any]
    site_url: str
    site_name: str
    config_path: str = "mkdocs.yml"
    language: str = "vi"  # the site's language (theme.language), for every word a build says
    problems: tuple[Problem, ...] = ()  # configuration problems found while reading it


@dataclass
class Checked:
    """Everything `check()` found: valid objects, or the problems."""

    problems: list[Problem]
    settings: Settings | None = None
    catalog: Catalog | None = None
    build: "Build | None" = None  # open when the content is clean: the build reuses its work

    def close(self) -> None:
        if self.build is not None:
            self.build.close()

    @property
    def ok(self) -> bool:
        return self.settings is not None and self.catalog is not None and not any(
            p.is_error for p in self.problems)


class BuildFailed(RuntimeError):
    """A stage after the checks failed; `reason` says why, in the build's language."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check(project: Project, today: dt.date, session: PreviewSession | None = None, *,
          outputs: bool = True) -> Checked:
    """Load and validate everything; a Build is only made from a clean result.

    `outputs=False` leaves the outputs' own checks (posts) to the build, which
    runs them in its second process and refuses before the swap
    (`Build.refusals()`): the same checks and the same result, sooner."""
    settings, problems = settings_mod.from_mapping(project.options, project.site_url, project.site_name,
                                                   project.config_path, messages(project.language))
    problems = list(project.problems) + problems
    if settings is None:
        return Checked(problems)
    msgs = messages(project.language)
    # Before anything is read: a file saved from now on makes the next build's keys new.
    content_stamp = None if session else memo.stamp([project.root / settings.content_dir], skip_suffix=".md")
    # A preview remembers what it read; other runs what the last build read (build/memo.py).
    reads = session.reads if session else memo.StoredReads(project.root / CACHE_DIR)
    found = catalog_mod.load(project.root, settings.content_dir, reads, msgs=msgs)
    problems += found.problems
    problems += ledger.problems(ledger.path_in(project.root, settings.content_dir),
                                f"{settings.content_dir}/{ledger.FILENAME}", found, today, msgs=msgs)
    problems += lawcheck.problems(found, settings, today, f"{settings.content_dir}/laws.yml", msgs)
    problems += recordings.problems(found.explainers, project.root, settings.content_dir, msgs)  # issue 15
    problems += review.check_problems(found, today, msgs,  # withdrawn explainers, outdated words
                                      session.outdated if session else None)
    problems += postlog.read(postlog.path_in(project.root, settings.content_dir),
                             f"{settings.content_dir}/{postlog.FILENAME}", found,
                             [c.name for c in settings.channels], today, msgs)[1]
    checked = Checked(problems, settings, found)
    if not any(p.is_error for p in problems):
        checked.build = Build(project, checked, today, session)
        if content_stamp is not None:
            checked.build.stamps.append(content_stamp)
        if isinstance(reads, memo.StoredReads):
            checked.build.reads = reads  # kept by a build that completes, never by loa check
        try:
            checked.problems += checked.build.problems() if outputs else []
        except BaseException:
            checked.close()
            raise
        if any(p.is_error for p in checked.problems):
            checked.close()
            checked.build = None
    checked.problems.sort(key=lambda p: (p.path, p.line, p.code))
    return checked


class Build:
    """One build. Use as a context manager, or call close()."""

    def __init__(self, project: Project, checked: Checked, today: dt.date,
                 session: PreviewSession | None = None) -> None:
        assert checked.settings is not None and checked.catalog is not None
        msgs = messages(project.language)
        site_plan = plan(checked.catalog, msgs, today, checked.settings)
        workers = Workers(False)  # a second process only once the engine starts: see start()
        self.project = project
        self.ctx = BuildContext(project.root, checked.settings, checked.catalog, site_plan, today, msgs,
                                Renderer(msgs, CompiledTemplates(project.root / CACHE_DIR, keep=False)), workers,
                                session=session)
        self.incremental = False  # a preview rebuild that re-renders only what changed
        self.ctx.outputs.extend(kind(self.ctx) for kind in OUTPUTS)
        self.by_uri: dict[str, PlannedPage] = {urls.src_uri(p.url): p for p in site_plan.pages}
        self._pages_read = False
        self._ahead = None  # every page's parts from the outputs that decorate ahead
        self._ahead_made: dict[str, dict[int, Fragments]] = {}  # ... as received, until used
        self._ahead_coming: set[str] = set()  # URLs of the pages whose parts the copy sends
        self.memo: Memo | None = None  # what earlier builds made from the same inputs (memo.py)
        self.stamps: list[memo.Stamp] = []  # the files read, as they were before reading (memo.py)
        self.reads: memo.StoredReads | None = None  # the explainers read, for the next run to reuse
        self._likely: set[str] = set()  # URLs of pages an earlier build kept, known at start()
        self._reused: dict[str, str] = {}  # URL -> digest of the kept HTML, for pages reused

    def __enter__(self) -> "Build":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def outputs(self) -> list[Output]:
        return self.ctx.outputs

    def problems(self) -> list[Problem]:
        return [p for out in self.outputs for p in out.problems()]

    def files(self) -> Iterable[SiteFile]:
        for out in self.outputs:
            for f in out.files():
                yield SiteFile(f.path, finish_html(f.content) if f.path.endswith(".html") else f.content)

    def start(self, site_dir: Path, *, parallel: bool = True, incremental: bool = False,
              engine: str = "", stamp: memo.Stamp | None = None, previous: Path | None = None) -> None:
        """The engine begins: `engine` and `stamp` are what the engine adds
        to every page's key (its configuration; docs/ and the theme's files
        as they were before it read them); `previous` is the published site
        this build replaces, whose unchanged files it links (writer.py)."""
        from loa.build.writer import SiteWriter

        self.incremental = incremental
        if parallel and not incremental and len(self.ctx.plan.explainers) >= PARALLEL_FROM:
            self.ctx.workers.close()
            self.ctx.workers = Workers(True)
        self.site = SiteWriter(site_dir, previous)
        # A build, unlike the check before it, keeps its templates compiled.
        self.ctx.compiled = CompiledTemplates(self.ctx.cache_dir, keep=True)
        self.ctx.renderer = Renderer(self.ctx.msgs, self.ctx.compiled)
        if self.ctx.session is None:  # a preview keeps its own memory (session.py)
            ctx = self.ctx
            stamps = self.stamps + ([stamp] if stamp is not None else [])
            self.memo = ctx.memo = Memo(ctx.cache_dir, memo.site_key(
                ctx.settings, ctx.catalog, ctx.today, ctx.msgs.lang, stamps, engine),
                keeping=bool(self.stamps) and not any(s.racy for s in stamps))
            self._likely = {p.url for p in self._explainer_pages() if self._kept(p)}
        # Before the outputs start: their jobs start the pool's threads.
        self._ahead_made, self._ahead_coming, self.ctx.ahead = {}, set(), None
        self._ahead = self.ctx.workers.ahead(self._decorate_ahead)
        if self._ahead is not None:  # set after the fork: the copy makes what it needs itself
            pages = list(self._ahead_pages())
            self._ahead_coming = {p.url for p in pages}
            self.ctx.ahead = AheadParts(frozenset(p.explainer.slug for p in pages if p.explainer is not None),
                                        self._ahead_parts)
        for out in self._active():
            out.start(self.site)

    def _ahead_pages(self) -> Iterable[PlannedPage]:
        """The pages the forked copy decorates: all but those reused as an
        earlier build wrote them."""
        return (p for p in (*self.ctx.plan.pages, self.ctx.plan.home) if p.url not in self._likely)

    def _decorate_ahead(self) -> Iterator[tuple[dict[str, dict[int, Fragments]], dict[str, object]]]:
        """In the forked copy: each page's parts from the outputs that can
        decorate before any page is rendered, by page URL and output
        position, AHEAD_PAGES pages at a time, each time with what the
        outputs made meanwhile (ahead_state)."""
        ahead = [(i, out) for i, out in enumerate(self.outputs) if out.decorate_ahead]
        made: dict[str, dict[int, Fragments]] = {}
        for page in self._ahead_pages():
            made[page.url] = parts = {}
            for i, out in ahead:
                parts[i] = Fragments()
                out.decorate(page, parts[i])
            if len(made) >= AHEAD_PAGES:
                yield made, self._ahead_states()
                made = {}
        yield made, self._ahead_states()

    def _ahead_states(self) -> dict[str, object]:
        return {out.name: state for out in self.outputs if (state := out.ahead_state()) is not None}

    def _ahead_parts(self, url: str | None = None) -> dict[int, Fragments]:
        """A page's parts from the forked copy, read as they come: until
        `url`'s have come, or with no `url` everything. Each output takes its
        state with each batch; the parts wait until their page is rendered."""
        while self._ahead is not None and (url is None or (url in self._ahead_coming
                                                             and url not in self._ahead_made)):
            more, batch = self._ahead.next()
            if not more:
                self._ahead = None
                break
            made, states = batch
            self._ahead_made.update(made)
            for out in self.outputs:
                if out.name in states:
                    out.take_ahead_state(states[out.name])
        if url is None:
            return {}
        self._ahead_coming.discard(url)
        return self._ahead_made.pop(url, {})

    def _active(self) -> list[Output]:
        """The outputs this build writes: all, or on an incremental preview
        rebuild those whose work is per page."""
        return [o for o in self.outputs if not (self.incremental and o.whole_site)]

    def _explainer_pages(self) -> Iterable[PlannedPage]:
        return (p for p in self.ctx.plan.pages if p.explainer is not None)

    def _kept(self, page: PlannedPage) -> bool:
        key = self._page_key(page)
        return self.memo is not None and self.memo.has("page", key) and self.memo.has_bytes(key)

    def _page_key(self, page: PlannedPage) -> str:
        assert self.memo is not None and page.explainer is not None
        return self.memo.of("page", page.explainer)

    def reuse(self, page: PlannedPage | None) -> bool:
        """Whether `page` is taken as an earlier build wrote it, which then
        needs no rendering: what the outputs learnt from it is taken back
        now, its HTML when the engine writes it (`reused_html`)."""
        if self.memo is None or page is None or page.explainer is None or page.url not in self._likely:
            return False
        kept = self.memo.get("page", self._page_key(page))
        if kept is None:
            self._likely.discard(page.url)
            return False
        for out in self.outputs:
            if out.name in kept["outputs"]:
                out.recall_page(page, kept["outputs"][out.name])
        self._reused[page.url] = kept["html"]
        return True

    def is_reused(self, page: PlannedPage | None) -> bool:
        return page is not None and page.url in self._reused

    def reused_html(self, page: PlannedPage) -> str:
        assert self.memo is not None
        data = self.memo.get_bytes(self._page_key(page))
        if data is None or memo.digest(data) != self._reused[page.url]:
            self.memo.forget_bytes(self._page_key(page))  # the next build renders it again
            raise BuildFailed(self.ctx.msgs("cli.build.memo_damaged", path=str(self.memo.folder)))
        return data.decode("utf-8")

    def keep_page(self, page: PlannedPage | None, html: str) -> None:
        """A page rendered now, as readers get it: kept for the next build."""
        if self.memo is None or page is None or page.explainer is None or self.is_reused(page):
            return
        key, data = self._page_key(page), html.encode("utf-8")
        learnt = {out.name: m for out in self.outputs if (m := out.page_memo(page)) is not None}
        self.memo.keep_bytes(key, data)
        self.memo.keep("page", key, {"outputs": learnt, "html": memo.digest(data)})

    def page_rendered(self, page: PlannedPage, body_html: str) -> str:
        """The explainer body as the engine rendered it, made safe."""
        clean = sanitize.clean(body_html) if page.explainer is not None else body_html
        for out in self.outputs:
            out.page_rendered(page, clean)
        for out in self.outputs:  # after search has read the text: additions are not the explainer's words
            clean = out.rewrite_body(page, clean)
        return self.finish_body(clean)

    def finish_body(self, body_html: str) -> str:
        """A page body as readers get it: its headings' old anchors kept
        (text/anchors.py), its phone numbers links to call (text/phones.py)."""
        body_html = anchors.old_anchor_ids(body_html)
        return phones.link_phones(body_html, self.ctx.msgs.get("site.phones.call_words").splitlines())

    def fragments(self, page: PlannedPage | None) -> Fragments:
        if not self._pages_read:
            self._pages_read = True
            for out in self.outputs:
                out.pages_read()
        frags = Fragments()
        page = page or self.ctx.plan.home
        # Taken out, not looked up: a page's parts are not kept once it is rendered.
        ready = self._ahead_parts(page.url)
        for i, out in enumerate(self.outputs):
            if i in ready:
                frags.add(ready[i])
            else:
                out.decorate(page, frags)
        return frags

    def finish(self, compress: bool = True) -> None:
        """Every page is written: write the rest, then check every link;
        `compress` adds the copies a web server sends (not for a preview)."""
        for out in self._active():
            out.write(self.site)
        if self.incremental:
            return  # most pages were not rewritten: the full first build was checked
        broken = linkcheck.check(self.site.root, self.ctx.settings.site_url)
        if broken:  # loa check should have caught the cause; this is the last net
            lines = "\n".join(b.describe(self.ctx.msgs) for b in broken[:20])
            raise BuildFailed(self.ctx.msgs("cli.build.broken_links", count=len(broken), lines=lines))
        # Last: every file is written and checked (see precompress.py).
        if compress:
            precompress.compress_site(self.site.root, self.ctx.workers, self.ctx.cache_dir / "compressed",
                                      previous=self.site.previous)
        if self.memo is not None:
            self.memo.save()
            self.memo.prune()
        if self.reads is not None:
            self.reads.save()

    def record(self) -> list[str]:
        """Add newly published URLs to the ledger: only once the site is in place."""
        return ledger.record(ledger.path_in(self.project.root, self.ctx.settings.content_dir),
                             self.ctx.catalog, self.ctx.today, self.ctx.msgs)

    def close(self) -> None:
        for out in self.outputs:
            out.close()
        self.ctx.workers.close()


def finish_html(html: str | bytes) -> str | bytes:
    """Every HTML file Loa or the engine writes: no hidden direction marks,
    and the Content-Security-Policy as the first element of <head>."""
    if isinstance(html, bytes):
        return html
    return csp.add_policy(sanitize.strip_bidi(html))
