"""The MkDocs plugin: Loa's pipeline at MkDocs' events.

Its options are declared once in `config.py` (LoaConfig). It runs the core pipeline (`loa.build.pipeline`) at
MkDocs' events: check and plan at on_config, pages handed over as in-memory
files, fragments added while pages render, outputs and the link check after
the build, then the new site swapped into place. `mkdocs build` and
`loa build` are therefore the same build. Everything is decided in the core.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
import types
from contextlib import ExitStack
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from loa.adapters import page_language
from loa.adapters.config import LoaConfig, as_dict, read_config
from loa.build import memo, pipeline
from loa.build.errors import BuildStopped
from loa.build.lock import build_lock
from loa.build.target import guard
from loa.build.session import PreviewSession
from loa.core.model import Problem
from loa.core.problems import format_problem
from loa.outputs.templating import CompiledTemplates
from loa.plan.site import PlannedPage
from loa.text import anchors
from loa.i18n import messages

log = logging.getLogger("mkdocs.plugins.loa")
CSS = ("assets/loa/loa.css", "assets/loa/share.css")


class ContentError(PluginError):
    """Problems that stop the build, carried for the CLI and the preview."""

    def __init__(self, problems: list[Problem], detail: str = "", reason: str = "") -> None:
        self.problems = problems
        self.detail = detail  # what the engine said, in its own words
        self.reason = reason  # why Loa stopped, in the site's language
        lines = "\n".join(format_problem(p) for p in problems) or reason or detail
        super().__init__(messages()("cli.build.content_error", problems=lines))


class LoaPlugin(BasePlugin[LoaConfig]):
    """State lives on the instance, never on the class or the module.

    MkDocs keeps one instance per process for a plugin with on_startup (so
    `mkdocs serve` reuses it across rebuilds): everything about one build is
    reset in on_config, and only the command and the `session` (explainers
    already read, for previews) outlive a build.
    """

    def __init__(self) -> None:
        super().__init__()
        self.command: str | None = None
        self.session: PreviewSession | None = None
        self.dirty = False  # MkDocs' dirty build: re-render only explainers whose file changed
        # Strict mode as the project asks for it, when the preview has turned
        # off MkDocs' own counting (which counts its warning about dirty builds).
        self.strict: bool | None = None
        self.wait = False  # `loa build --wait`: wait for another build instead of stopping
        self.refuse_warnings = False  # `loa build --strict`: Loa's warnings stop the build too
        self._reset()

    def _reset(self) -> None:
        self.build: pipeline.Build | None = None
        self.target: Path | None = None
        self.aside = None  # swap.Aside while a publishing build runs
        self.lock: ExitStack | None = None
        self.swap_warnings: list[Problem] = []
        self.ledger_error: OSError | None = None
        self.added: list[str] = []
        self.engine_warnings = _EngineWarnings()
        self.quiet_skips = _QuietSkips()
        self.failure: Exception | None = None
        self.engine_stamp: memo.Stamp | None = None  # docs/ and the theme's files as the build found them

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        self.dirty = dirty
        if command == "serve" and self.session is None:
            self.session = PreviewSession()

    @property
    def publishing(self) -> bool:
        """A build into the real site folder, built aside and swapped in."""
        return self.command in ("build", "gh-deploy")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._release()  # whatever a previous build in this process left
        self._reset()
        # docs/ and the theme's files, before MkDocs reads them (build/memo.py)
        theme_dir = config.theme.custom_dir
        if self.session is None:  # a preview keeps its own memory (session.py)
            self.engine_stamp = memo.stamp([Path(config.docs_dir)] + ([Path(theme_dir)] if theme_dir else []))
        project = project_of(config, self)
        today = dt.date.today()
        checked = pipeline.check(project, today, self.session, outputs=False)
        for p in checked.problems:
            if not p.is_error:
                log.info(format_problem(p))  # warnings must not fail --strict builds
        if not checked.ok or (self.refuse_warnings and checked.problems):
            checked.close()
            raise ContentError([p for p in checked.problems if p.is_error or self.refuse_warnings])
        for css in CSS:
            if css not in config.extra_css:
                config.extra_css.append(css)
        # Readable anchors (text/anchors.py) in every Loa site, as loa check
        # reads them (content/sections.py), unless mkdocs.yml chose its own.
        config.mdx_configs.setdefault("toc", {}).setdefault("slugify", anchors.slugify)
        self.build = checked.build  # the plan and the posts the checks made
        logging.getLogger("mkdocs").addHandler(self.engine_warnings)
        logging.getLogger("mkdocs.commands.build").addFilter(self.quiet_skips)
        if self.publishing:
            self._build_aside(config, project)
        return config

    def _build_aside(self, config: MkDocsConfig, project: pipeline.Project) -> None:
        from loa.build import swap

        self.target = Path(config.site_dir).resolve()
        content = project.root / self.build.ctx.settings.content_dir
        self.lock = ExitStack()
        try:
            guard(self.target, project.root, content)  # first: the lock file goes beside the target
            self.lock.enter_context(build_lock(self.target, wait=self.wait))
            self.aside = swap.begin(self.target)
        except BuildStopped as exc:
            self._release()
            raise ContentError([exc.problem]) from None
        config.site_dir = str(self.aside.path)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        incremental = self._incremental()
        root = self.build.project.root
        for uri, page in self.build.by_uri.items():
            inclusion = InclusionLevel.NOT_IN_NAV if page.kind == "explainer" else InclusionLevel.UNDEFINED
            if incremental and page.explainer is not None and self.session.rendered.get(
                    page.explainer.slug) == page.explainer:
                # Unchanged since its page was written: backed by the author's
                # file so MkDocs' dirty build skips it (on_page_markdown would
                # still give the planned body).
                files.append(File.generated(config, uri, abs_src_path=str(root / page.explainer.path),
                                            inclusion=inclusion))
            elif incremental and (key := self._unchanged_key(page)) is not None \
                    and self.session.rendered_pages.get(page.url) == key:
                # An audience or topic page whose cards and registries are as
                # when it was written: backed by mkdocs.yml, older than that
                # page (a change to it rebuilds everything), so MkDocs skips it.
                files.append(File.generated(config, uri, abs_src_path=config.config_file_path,
                                            inclusion=inclusion))
            else:
                files.append(File.generated(config, uri, content=page.markdown, inclusion=inclusion))
        for extra in self.build.files():
            files.append(File.generated(config, extra.path, content=extra.content))
        self.build.start(Path(config.site_dir), incremental=incremental, engine=engine_key(config),
                         stamp=self.engine_stamp, previous=self.target if self.aside is not None else None)
        return files

    def _incremental(self) -> bool:
        """A preview rebuild after a first full one, asked for as dirty."""
        return bool(self.dirty and self.session is not None and self.session.built_once)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.build.by_uri.get(page.file.src_uri)
        meta = page.meta
        if planned is None and not page.is_homepage:
            return markdown
        meta["template"] = "loa-page.html"
        if self.build.reuse(planned):
            # Kept from an earlier build (build/memo.py): nothing to render,
            # an empty template, and on_post_page gives the kept page.
            meta["template"] = "loa-reused.html"
            markdown = ""
        elif planned is not None:
            markdown = planned.markdown
            meta["title"] = planned.title
            meta["loa_kind"] = planned.kind
            if planned.description:
                meta["description"] = planned.description
            if planned.noindex:
                meta["robots"] = "noindex"
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.build.by_uri.get(page.file.src_uri)
        if self.build.is_reused(planned):
            return html
        # docs/ pages (home, contacts) are the site's own text: their numbers are tapped too.
        return self.build.page_rendered(planned, html) if planned is not None else self.build.finish_body(html)

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        env.bytecode_cache = CompiledTemplates(self.build.ctx.cache_dir, keep=True)
        self.nav_cache: dict[str, str] = {}
        env.globals["loa_t"] = self.build.ctx.msgs.get  # words for overrides/*.html
        env.globals["loa_theme"] = lambda lang, key: page_language.theme_word(self.build.ctx.msgs_for(lang), key)
        env.globals["loa_km"] = page_language.khmer_words(self.build.ctx)  # the 404 page's Khmer part
        # The header's name, short enough for a phone; the title keeps site_name.
        env.globals["loa_short_name"] = self.build.ctx.settings.short_name or config.site_name
        return env

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        planned = self.build.by_uri.get(page.file.src_uri)
        if self.build.is_reused(planned):
            return context
        if planned is None and not page.is_homepage:
            home = self.build.fragments(None)
            page.meta.update(loa_image=home.image, loa_alternates=home.alternates)
            return context
        frags = self.build.fragments(planned)
        page.meta.update(loa_before=frags.html_before(), loa_after=frags.html_after(),
                         loa_scripts=frags.scripts, loa_image=frags.image,
                         loa_alternates=frags.alternates)
        if planned is not None and planned.kind == "explainer":
            page.meta["loa_nav"] = self._shared_nav(context)
        if planned is not None and planned.lang != self.build.ctx.msgs.lang:
            page_language.prepare(context, page.meta, planned, self.build.ctx)  # Khmer pages (issue 11)
        elif planned is not None:
            page.meta["loa_hreflang"] = page_language.alternates(planned)
        return context

    def _shared_nav(self, context: dict) -> str:
        """The navigation of a page outside it: the same for every page at
        the same depth, so rendered once per depth."""
        key = context["base_url"]
        if key not in self.nav_cache:
            template = self.env.from_string(
                '{% import "partials/language.html" as lang with context %}{% include "partials/nav.html" %}')
            self.nav_cache[key] = template.render(**context)
        return self.nav_cache[key]

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        planned = self.build.by_uri.get(page.file.src_uri)
        if self.build.is_reused(planned):
            try:
                return self._written(page, self.build.reused_html(planned))
            except pipeline.BuildFailed as exc:
                raise ContentError([], reason=exc.reason) from None
        html = pipeline.finish_html(output)
        self.build.keep_page(planned, html)
        # MkDocs keeps every page to the end of the build: not its parts, which
        # on a large site are most of the build's memory.
        for key in ("loa_before", "loa_after", "loa_nav"):
            page.meta.pop(key, None)
        return self._written(page, html)

    def _written(self, page: Page, html: str) -> str:
        """A build in place writes its pages through Loa's writer, which links
        a page equal to the published one (loa/build/writer.py); MkDocs
        writes no page whose output is empty, and says so at INFO, which
        `_QuietSkips` keeps out of the log for the pages written here."""
        site = self.build.site
        if site.previous is None:
            return html
        site.write_at(Path(page.file.abs_dest_path), html.encode("utf-8", errors="xmlcharrefreplace"))
        self.quiet_skips.uris.add(page.file.src_uri)
        return ""

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return pipeline.finish_html(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        late = self.build.problems()  # the posts' checks, made meanwhile by the second process
        for p in late:
            if not p.is_error:
                log.info(format_problem(p))
        if any(p.is_error for p in late) or (self.refuse_warnings and late):
            raise ContentError([p for p in late if p.is_error or self.refuse_warnings])
        try:
            self.build.finish(compress=self.publishing)  # a preview is never served by nginx
        except pipeline.BuildFailed as exc:
            raise ContentError([], reason=exc.reason) from None
        strict = config.strict if self.strict is None else self.strict
        if strict and self.engine_warnings.messages:
            # MkDocs would abort after this event; refuse before the swap instead.
            raise ContentError([], "\n".join(self.engine_warnings.messages))
        if self.aside is not None:
            self._commit()
        if self.session is not None:
            self.session.built_once = True
            self.session.rendered = {e.slug: e for e in self.build.ctx.plan.with_pages}
            self.session.rendered_pages = {p.url: key for p in self.build.ctx.plan.pages
                                           if (key := self._unchanged_key(p)) is not None}

    def _unchanged_key(self, page: PlannedPage) -> tuple | None:
        """What an audience or topic page shows, for a preview to tell that
        it need not render it again: the page as planned (its cards), and
        the registries whose names every page's navigation shows. None for
        the other pages, which a preview always renders again (the staff,
        review and search pages depend on every explainer)."""
        if page.kind not in ("audience", "topic"):
            return None
        cat = self.build.ctx.catalog
        return page, tuple(cat.audiences.items()), tuple(cat.topics.items()), tuple(cat.laws.items())

    def _commit(self) -> None:
        from loa.build import swap

        try:
            result = swap.commit(self.aside, self.target)
        except BuildStopped as exc:
            raise ContentError([exc.problem]) from None
        self.aside = None
        # The new site is in place: from here on nothing may report failure.
        self.swap_warnings = result.warnings
        try:
            self.added = self.build.record()
        except OSError as exc:
            self.ledger_error = exc
        self._release()

    def on_build_error(self, *, error: Exception) -> None:
        self.failure = error  # MkDocs replaces it with its own Abort; the CLI reads it here
        if self.aside is not None:
            from loa.build import swap

            swap.abandon(self.aside)
            self.aside = None
        self._release()

    def _release(self) -> None:
        if self.build is not None:
            self.build.close()
        if self.lock is not None:
            self.lock.close()
            self.lock = None
        logging.getLogger("mkdocs").removeHandler(self.engine_warnings)
        logging.getLogger("mkdocs.commands.build").removeFilter(self.quiet_skips)

    def on_shutdown(self) -> None:
        self._release()
        logging.getLogger("mkdocs").removeHandler(self.engine_warnings)
        logging.getLogger("mkdocs.commands.build").removeFilter(self.quiet_skips)

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(Path(config.config_file_path).resolve().parent / self.config.content_dir))
        return server


class _QuietSkips(logging.Filter):
    """Drops MkDocs' "Page skipped" for the pages Loa wrote itself."""

    def __init__(self) -> None:
        super().__init__()
        self.uris: set[str] = set()

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith("Page skipped: '") and message.endswith("'. Generated empty output."):
            return message[len("Page skipped: '"):-len("'. Generated empty output.")] not in self.uris
        return True


class _EngineWarnings(logging.Handler):
    """The engine's own warnings, which strict mode turns into a failure."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []
        # Only the building thread: the preview's web server logs requests
        # (a 404 while the first build runs) on its own threads.
        self.thread = threading.get_ident()

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread != self.thread or record.name == log.name or record.name.startswith("mkdocs.livereload"):
            return
        message = record.getMessage()
        # A preview's dirty rebuild is asked for: MkDocs' warning about it is not a problem.
        if not message.startswith("A 'dirty' build"):
            self.messages.append(message)


def engine_key(config: MkDocsConfig) -> str:
    """The engine's whole configuration as text, for the key of every page
    an earlier build may have kept (build/memo.py): any change to
    mkdocs.yml, or to a value it reads from the environment, makes it new."""
    skipped = {"site_dir", "dev_addr", "watch", "config_file_path"}  # where, not what, is built
    values = {key: _plain(config[key]) for key in sorted(config) if key not in skipped}
    return json.dumps(values, sort_keys=True, ensure_ascii=False, default=str)


def _plain(value: Any) -> Any:
    """Configuration values as data; objects by their type and settings, never their address."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, types.ModuleType):  # MkDocs hooks: their code shapes pages too
        source = getattr(value, "__file__", None)
        try:
            return {"module": value.__name__, "code": hashlib.sha256(Path(source).read_bytes()).hexdigest()}
        except (OSError, TypeError):
            return {"module": value.__name__}
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if isinstance(value, BasePlugin):
        return {"plugin": type(value).__qualname__, "config": _plain(dict(value.config))}
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return type(value).__qualname__


def project_of(config: MkDocsConfig, plugin: LoaPlugin) -> pipeline.Project:
    root = Path(config.config_file_path).resolve().parent
    return pipeline.Project(root, as_dict(plugin.config), config.site_url or "", config.site_name,
                            Path(config.config_file_path).name)


def loa_plugin(config: MkDocsConfig) -> LoaPlugin | None:
    plugin = config.plugins.get("loa")
    return plugin if isinstance(plugin, LoaPlugin) else None


def read_project(config_file: Path) -> tuple[pipeline.Project | None, list[Problem]]:
    """The project of a mkdocs.yml, read the way every command reads it."""
    config, problems = read_config(config_file)
    plugin = loa_plugin(config) if config is not None else None
    return (project_of(config, plugin) if plugin is not None else None), problems
