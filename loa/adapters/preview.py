"""`loa serve`: the live preview, on MkDocs' own live-reload server.

What it adds to `mkdocs serve`:
- after a first full build, a save re-renders only the explainers that
  changed (MkDocs' dirty build), the audience and topic pages whose cards
  changed, and the other index pages, and the explainers read
  and posts made are kept between rebuilds (a `PreviewSession` owned by this
  preview, not a global), so a save costs what changed; the search index,
  posts files and share images keep the first build's copy, and a change
  to mkdocs.yml, docs/ or overrides/ brings a full rebuild;
- a build that fails shows a Vietnamese page listing every problem in the
  browser, instead of a request that never answers, and the page reloads by
  itself once the problem is fixed;
- the reload script is served as a file, so the site's CSP (scripts from the
  site only) holds in the preview too;
- the address is printed in Vietnamese.
A save during a rebuild triggers another rebuild (the server's own loop).
"""
from __future__ import annotations

import logging
import shutil
import tempfile
from pathlib import Path
from typing import Iterable
from urllib.parse import parse_qs, urlsplit

import click
from mkdocs.commands.build import build
from mkdocs.livereload import _SCRIPT_TEMPLATE, LiveReloadServer, _serve_url, _timestamp

from loa.adapters.config import read_config
from loa.adapters.mkdocs_plugin import ContentError, loa_plugin
from loa.build.session import PreviewSession
from loa.core.model import Problem
from loa.core.problems import format_problem
from loa.i18n import messages
from loa.outputs import csp
from loa.outputs.templating import Renderer

RELOAD_JS = "/.loa-livereload.js"


class PreviewServer(LiveReloadServer):
    failure: bytes | None = None  # the error page while the content has errors

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        tag = f'<script src="{RELOAD_JS}?epoch={epoch}&id={_timestamp()}"></script>'.encode()
        end = content.rfind(b"</body>")
        end = len(content) if end < 0 else end
        return content[:end] + tag + content[end:]

    def _serve_request(self, environ, start_response) -> Iterable[bytes] | None:
        path = environ.get("PATH_INFO", "")
        if path == RELOAD_JS:
            query = parse_qs(environ.get("QUERY_STRING", ""))
            script = _SCRIPT_TEMPLATE.substitute(epoch=int(query.get("epoch", ["0"])[0]),
                                                 request_id=int(query.get("id", ["0"])[0]))
            start_response("200 OK", [("Content-Type", "application/javascript; charset=utf-8")])
            return [script.encode()]
        if self.failure is not None and (path.endswith("/") or path.endswith(".html")):
            with self._epoch_cond:
                epoch = self._visible_epoch
            start_response("500 Internal Server Error", [("Content-Type", "text/html; charset=utf-8")])
            return [self._inject_js_into_html(self.failure, epoch)]
        return super()._serve_request(environ, start_response)


def error_page(problems: list[Problem], detail: str = "") -> bytes:
    msgs = messages("vi")
    html = Renderer(msgs).render("preview-error.html", lines=[format_problem(p) for p in problems], detail=detail)
    return csp.add_policy(str(html)).encode("utf-8")


def run_serve(config_file: Path, addr: str) -> None:
    msgs = messages("vi")
    # MkDocs' own log lines (requests, "Building documentation…") are English:
    # the preview says what matters itself; problems show in the browser.
    engine_log = logging.getLogger("mkdocs")
    engine_log.addHandler(logging.NullHandler())
    engine_log.propagate = False
    # The server logs a request for a missing page as a warning; reaching the
    # "mkdocs" logger, MkDocs' strict mode would count it against the build.
    server_log = logging.getLogger("mkdocs.livereload")
    server_log.addHandler(logging.NullHandler())
    server_log.propagate = False
    site_dir = tempfile.mkdtemp(prefix="loa-preview-")
    session = PreviewSession()
    host, _, port = addr.rpartition(":")
    first, problems = read_config(config_file, site_dir=site_dir)
    mount = urlsplit(first.site_url or "/").path if first is not None else "/"
    serve_url = _serve_url(host or "127.0.0.1", int(port), mount)

    def builder(config=None) -> None:
        config, problems = read_config(config_file, site_dir=site_dir)
        if config is None or loa_plugin(config) is None:
            server.failure = error_page(problems)
            return
        plugin = loa_plugin(config)
        stamp = _stamp(config_file.parent)
        if stamp != session.stamp:
            session.built_once, session.stamp = False, stamp  # not only content changed
        plugin.command, plugin.session, plugin.dirty = "serve", session, True
        plugin.strict, config.strict = config.strict, False  # the plugin counts; MkDocs would count its own dirty warning
        config.site_url = serve_url
        try:
            build(config, serve_url=serve_url, dirty=session.built_once)
        except Exception as exc:  # anything the engine raises is shown, not a stuck page
            failure = plugin.failure or exc  # MkDocs replaces the plugin's error with its Abort
            if isinstance(failure, ContentError):
                server.failure = error_page(failure.problems, failure.reason or failure.detail)
            else:
                server.failure = error_page([], f"{failure.__class__.__name__}: {failure}")
            return
        finally:
            config.plugins.on_shutdown()
        server.failure = None

    server = PreviewServer(builder=builder, host=host or "127.0.0.1", port=int(port), root=site_dir,
                           mount_path=mount)
    try:
        builder()
        root = config_file.parent
        server.watch(str(config_file))
        for folder in ("docs", "overrides", _content_dir(first)):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        click.echo(msgs("cli.serve.address", url=serve_url), err=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            click.echo(msgs("cli.serve.stopped"), err=True)
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)


def _stamp(root: Path) -> tuple:
    """When mkdocs.yml, docs/ and overrides/ last changed: a change there
    needs a full rebuild, a change in content/ only an incremental one."""
    found = []
    for path in [root / "mkdocs.yml", *sorted((root / "docs").rglob("*")), *sorted((root / "overrides").rglob("*"))]:
        try:
            found.append((str(path), path.stat().st_mtime_ns))
        except OSError:
            continue
    return tuple(found)


def _content_dir(config) -> str:
    plugin = loa_plugin(config) if config is not None else None
    return plugin.config.content_dir if plugin is not None else "content"
