"""The MkDocs adapter: the only module that imports mkdocs.

It asks the core for a Catalog and a SitePlan, hands MkDocs the planned
pages as in-memory files, and writes the core's extra outputs (search index,
posts, share images) after the build. Everything it decides is decided in
the core; this file only translates between the two.
"""
from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from loa.content import catalog as catalog_mod
from loa.content import ledger
from loa.core import settings as settings_mod
from loa.core import urls
from loa.outputs.engine import Outputs
from loa.core.problems import format_problem
from loa.core.model import Catalog, Settings
from loa.plan.site import PlannedPage, SitePlan, plan

log = logging.getLogger("mkdocs.plugins.loa")
CSS = ("assets/loa/loa.css", "assets/loa/share.css")


class LoaConfig(Config):
    content_dir = c.Type(str, default="content")
    organisation = c.Type(str, default="")
    hotline = c.Type(str, default="")
    contacts = c.Type(list, default=[])
    channels = c.Type(dict, default={})
    theme_color = c.Type(str, default="#8e2463")


class ContentError(PluginError):
    """Content problems that stop the build; carries them for the CLI."""

    def __init__(self, problems: list) -> None:
        self.problems = problems
        lines = "\n".join(format_problem(p) for p in problems)
        super().__init__(f"Nội dung có lỗi, chưa dựng trang:\n{lines}")


class LoaPlugin(BasePlugin[LoaConfig]):
    # The CLI sets this after checking content itself, so it is read once.
    preloaded: Catalog | None = None
    # `mkdocs serve` makes a new plugin per rebuild; what must survive
    # between rebuilds lives on the class.
    _serving = False
    _dirty = False
    _extras_written: str | None = None
    _read_cache = catalog_mod.ReadCache()

    def on_startup(self, *, command: str, dirty: bool) -> None:
        LoaPlugin._serving = command == "serve"
        LoaPlugin._dirty = dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path).resolve().parent
        self.root = root
        self.today = dt.date.today()
        raw = {k: v for k, v in self.config.items()}
        settings, problems = settings_mod.from_mapping(raw, config.site_url or "", config.site_name)
        cache = LoaPlugin._read_cache if LoaPlugin._serving else None
        catalog = self.preloaded or catalog_mod.load(root, self.config.content_dir, cache)
        problems += [p for p in catalog.problems if p.is_error]
        content = self.config.content_dir
        problems += ledger.problems(ledger.path_in(root, content), f"{content}/{ledger.FILENAME}", catalog, self.today)
        if problems or settings is None:
            raise ContentError(problems)
        for p in catalog.problems:
            log.info(format_problem(p))  # warnings must not fail --strict builds
        for css in CSS:
            if css not in config.extra_css:
                config.extra_css.append(css)
        self.settings: Settings = settings
        self.catalog = catalog
        self.plan: SitePlan = plan(catalog, settings, self.today)
        self.outputs = Outputs(self.plan, settings, catalog, root)
        self.by_uri: dict[str, PlannedPage] = {}
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for page in self.plan.pages:
            uri = urls.src_uri(page.url)
            self.by_uri[uri] = page
            inclusion = InclusionLevel.NOT_IN_NAV if page.kind == "explainer" else InclusionLevel.UNDEFINED
            if page.explainer is not None and LoaPlugin._dirty:
                # Backed by the author's file, so a dirty rebuild skips explainers
                # whose file has not changed since it was last written.
                source = str(self.root / page.explainer.path)
                files.append(File.generated(config, uri, abs_src_path=source, inclusion=inclusion))
            else:
                files.append(File.generated(config, uri, content=page.markdown, inclusion=inclusion))
        for extra in self.outputs.static_files():
            files.append(File.generated(config, extra.path, content=extra.content))
        self.outputs.start(Path(config.site_dir), everything=not self._preview_rebuild(config))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.by_uri.get(page.file.src_uri)
        meta = page.meta
        if planned is not None:
            markdown = planned.markdown
            meta["title"] = planned.title
            meta["template"] = "loa-page.html"
            meta["loa_before"] = planned.html_before
            meta["loa_after"] = planned.html_after
            meta["loa_kind"] = planned.kind
            if planned.description:
                meta["description"] = planned.description
            if planned.noindex:
                meta["robots"] = "noindex"
        elif page.is_homepage:
            meta["template"] = "loa-page.html"
            meta["loa_after"] = self.plan.home_after
        meta["loa_image"] = self.outputs.share_image(planned)
        meta["loa_scripts"] = self.outputs.page_scripts(planned)
        return markdown

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        self.env = env
        self.nav_cache: dict[str, str] = {}
        return env

    def on_page_context(self, context: dict, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        # Share boxes are added here, after every page is read, so the posts
        # they carry can be made meanwhile by the other process.
        self.outputs.pages_read()
        planned = self.by_uri.get(page.file.src_uri)
        if planned is not None:
            page.meta["loa_after"] = planned.html_after + self.outputs.page_extras(planned)
        if planned is not None and planned.kind == "explainer":
            page.meta["loa_nav"] = self._shared_nav(context)
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

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        planned = self.by_uri.get(page.file.src_uri)
        if planned is None or planned.explainer is None:
            return html
        clean = self.outputs.clean_body(html)
        self.outputs.page_text(planned.explainer, clean)
        return clean

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return self.outputs.finish_html(output)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return self.outputs.finish_html(output_content) if template_name.endswith(".html") else output_content

    def on_post_build(self, config: MkDocsConfig) -> None:
        if self._preview_rebuild(config):
            return  # a dirty preview rebuild keeps the first build's search index and posts
        self.outputs.write_after_build(Path(config.site_dir))
        LoaPlugin._extras_written = config.site_dir

    @staticmethod
    def _preview_rebuild(config: MkDocsConfig) -> bool:
        return LoaPlugin._dirty and LoaPlugin._extras_written == config.site_dir

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.root / self.config.content_dir))
        return server


def run_build(config_file: Path, site_dir: Path, preloaded: Catalog | None = None) -> None:
    """Build the site into `site_dir` in this process (used by `loa build`)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir))
    plugin = config.plugins.get("loa")
    if isinstance(plugin, LoaPlugin):
        plugin.preloaded = preloaded
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()


def run_serve(config_file: Path, addr: str) -> None:
    """Live preview (used by `loa serve`); rebuilds when content/ changes."""
    from mkdocs.commands.serve import serve

    # Dirty rebuilds re-render only what changed; MkDocs warns about that on
    # every rebuild, which strict mode would turn into a failure.
    serve(str(config_file), dev_addr=addr, livereload=True, build_type="dirty", strict=False)
