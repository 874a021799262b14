"""`loa`: the command authors and staff run. A thin layer over the pipeline.

Every command reads mkdocs.yml the way MkDocs does and runs the same
pipeline as `mkdocs build`. Every failure becomes a Vietnamese message and
an exit status; no command ever shows a traceback.
"""
from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

import click

from loa.adapters import cli_common, cli_polish, cli_review, cli_vi
from loa.adapters.config import read_config
from loa.adapters.mkdocs_plugin import ContentError, loa_plugin
from loa.content import doctor as doctor_mod
from loa.content import ledger
from loa.core.problems import format_problem
from loa.i18n import messages
from loa.outputs import posts as posts_mod

t = messages("vi")
_config_option = cli_common.config_option
_echo_problems = cli_common.echo_problems
_checked = cli_common.checked


@click.group(cls=cli_vi.Group, help=t("cli.help"))
@click.version_option(message="loa %(version)s", help=t("cli.version_help"))
def main() -> None:
    pass


@main.command(help=t("cli.check.help"))
@_config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=t("cli.check.format_help"))
@cli_polish.strict_option
def check(config: Path, fmt: str, strict: bool) -> None:
    checked = _checked(config.resolve())
    checked.close()
    _echo_problems(checked.problems, fmt, strict)
    if not checked.ok or (strict and checked.problems):
        if fmt == "text":
            cli_polish.say_strict_stops(strict and checked.ok, len(checked.problems))
        sys.exit(1)
    if fmt == "text":
        click.echo(t("cli.check.ok", count=len(checked.catalog.explainers)), err=True)


@main.command(help=t("cli.build.help"))
@_config_option
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, metavar=t("cli.metavar.folder"), help=t("cli.site_dir_help"))
@click.option("--wait", is_flag=True, help=t("cli.build.wait_help"))
@cli_polish.strict_option
def build(config: Path, site_dir: Path | None, wait: bool, strict: bool) -> None:
    from mkdocs.commands.build import build as engine_build

    config = config.resolve()
    mk, problems = read_config(config, site_dir=str(site_dir.resolve()) if site_dir else None)
    plugin = loa_plugin(mk) if mk is not None else None
    shown_site = str(site_dir) if site_dir else "site/"
    target = site_dir.resolve() if site_dir else config.parent / "site"
    if mk is None or plugin is None:
        _echo_problems(problems)
        _refused(shown_site, target)
        sys.exit(1)
    if cli_polish.placeholder_stops(config, mk.site_url or "", strict):
        _refused(shown_site, target)
        sys.exit(1)
    plugin.wait = wait
    plugin.refuse_warnings = strict
    mk.plugins.on_startup(command="build", dirty=False)
    quiet = _QuietEngine()
    try:
        with quiet:
            engine_build(mk)
    except Exception as exc:  # the engine stopped: say why, the old site is kept
        _build_failed(plugin.failure or exc, shown_site, target)
    finally:
        mk.plugins.on_shutdown()
    _report_build(plugin, shown_site)


def _refused(shown_site: str, folder: Path) -> None:
    """Say the build was refused, and that the old site is kept only if there is one."""
    kept = folder.is_dir() and any(folder.iterdir())
    click.echo(t("cli.build.refused", site=shown_site) if kept else t("cli.build.refused_new"), err=True)


def _build_failed(exc: BaseException, shown_site: str, target: Path) -> None:
    if isinstance(exc, ContentError):
        _echo_problems(exc.problems)
        # Only warnings stop a build under --strict.
        cli_polish.say_strict_stops(not any(p.is_error for p in exc.problems), len(exc.problems))
        if exc.reason:
            click.echo(t("cli.build.failed", reason=exc.reason, site=shown_site), err=True)
        elif exc.detail:
            click.echo(t("cli.build.failed", reason=t("cli.build.engine", detail=exc.detail), site=shown_site),
                       err=True)
        else:
            _refused(shown_site, target)
        sys.exit(2 if any(p.code == "LOA906" for p in exc.problems) else 1)
    click.echo(t("cli.build.failed", reason=t("cli.build.engine", detail=_reason(exc)), site=shown_site), err=True)
    sys.exit(1)


def _report_build(plugin, shown_site: str) -> None:
    settings = plugin.build.ctx.settings
    ledger_rel = f"{settings.content_dir}/{ledger.FILENAME}"
    for warning in plugin.swap_warnings:
        click.echo(t("cli.build.after_swap", detail=format_problem(warning)), err=True)
    if plugin.ledger_error is not None:
        click.echo(t("cli.build.ledger_failed", path=ledger_rel, reason=_reason(plugin.ledger_error)), err=True)
    if plugin.added:
        click.echo(t("cli.build.ledger", count=len(plugin.added), path=ledger_rel), err=True)
    click.echo(t("cli.build.done", count=len(plugin.build.ctx.plan.explainers), site=plugin.target), err=True)


class _QuietEngine:
    """MkDocs' own log lines are English; the plugin collects its warnings
    and the CLI reports them, so nothing reaches the terminal directly."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("mkdocs")
        self.saved = self.logger.propagate
        self.handler = logging.NullHandler()
        self.logger.addHandler(self.handler)
        self.logger.propagate = False

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self.handler)
        self.logger.propagate = self.saved


def _reason(exc: BaseException) -> str:
    text = str(exc).strip() or exc.__class__.__name__
    return text if len(text) < 2000 else text[:2000] + "…"


@main.command(help=t("cli.serve.help"))
@_config_option
@click.option("--addr", default="127.0.0.1:8000", metavar=t("cli.metavar.address"), help=t("cli.serve.addr_help"))
def serve(config: Path, addr: str) -> None:
    from loa.adapters.preview import run_serve

    try:
        run_serve(config.resolve(), addr)
    except Exception as exc:
        click.echo(t("cli.serve.failed", reason=_reason(exc)), err=True)
        sys.exit(1)


@main.command(help=t("cli.publish.help"))
@_config_option
@click.option("--since", callback=cli_common.date_value, metavar=t("cli.metavar.date"), help=t("cli.publish.since_help"))
@click.option("--slug", metavar=t("cli.metavar.slug"), help=t("cli.publish.slug_help"))
@click.option("--channel", type=click.Choice(["facebook", "zalo"]), help=t("cli.publish.channel_help"))
@click.option("--stdout", "to_stdout", is_flag=True, help=t("cli.publish.stdout_help"))
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, metavar=t("cli.metavar.folder"), help=t("cli.site_dir_help"))
@cli_polish.strict_option
def publish(config: Path, since: dt.date | None, slug: str | None, channel: str | None,
            to_stdout: bool, site_dir: Path | None, strict: bool) -> None:
    config = config.resolve()
    checked = _checked(config)
    checked.close()
    if not checked.ok or (strict and checked.problems):
        _echo_problems(checked.problems if strict else [p for p in checked.problems if p.is_error])
        cli_polish.say_strict_stops(strict and checked.ok, len(checked.problems))
        click.echo(t("cli.publish.refused"), err=True)
        sys.exit(1)
    if cli_polish.placeholder_stops(config, checked.settings.site_url, strict):
        click.echo(t("cli.publish.refused"), err=True)
        sys.exit(1)
    settings, found = checked.settings, checked.catalog
    live = found.published(dt.date.today())
    names = {x.id: x.name for x in found.topics.values()}
    allowed, refused = cli_review.postable(live, found, dt.date.today(), since, slug)  # says why
    if refused:
        sys.exit(1)
    if to_stdout:
        _print_one_post(live, settings, names, slug, channel)
        return
    out = (site_dir or config.parent / "site").resolve()
    try:
        manifest = posts_mod.publish(allowed, settings, out, since=since, slug=slug,
                                     channels=[channel] if channel else None, topic_names=names,
                                     posts=cli_review.post_maker(live, settings, names))
    except posts_mod.PublishError as exc:
        click.echo(f"{exc}", err=True)
        sys.exit(1)
    count = sum(1 for e in manifest["explainers"] if since is None or e["date"] >= since.isoformat())
    click.echo(t("cli.publish.done", count=count, path=out / "social"), err=True)


def _print_one_post(live, settings, names: dict[str, str], slug: str | None, channel: str | None) -> None:
    if not slug or not channel:
        click.echo(t("cli.publish.stdout_needs"), err=True)
        sys.exit(2)
    chosen = [e for e in live if e.slug == slug]
    if not chosen:
        click.echo(posts_mod.unknown_slug(slug, [e.slug for e in live], t), err=True)
        sys.exit(1)
    resolve = posts_mod.link_resolver(chosen[0], live, settings.site_url)
    click.echo(posts_mod.make_post(chosen[0], settings, settings.channel(channel), resolve, topic_names=names), nl=False)


@main.command(help=t("cli.doctor.help"))
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path), metavar=t("cli.metavar.paths"))
@click.option("--fix", is_flag=True, help=t("cli.doctor.fix_help"))
def doctor(paths: tuple[Path, ...], fix: bool) -> None:
    try:
        if fix:
            results = doctor_mod.fix_paths(paths)
            for r in results:
                click.echo(doctor_mod.describe(r))
            click.echo(t("cli.doctor.fixed", count=len(results)) if results else t("cli.doctor.nothing_to_fix"), err=True)
            return
        findings = doctor_mod.scan_paths(paths)
    except doctor_mod.MissingPathError as exc:
        click.echo(str(exc), err=True)
        sys.exit(2)
    for p in findings:
        click.echo(format_problem(p), err=True)
    if findings:
        click.echo(t("cli.doctor.found", count=len(findings)), err=True)
        sys.exit(1)
    click.echo(t("cli.doctor.clean"), err=True)


# Commands of their own features, each in its own module (see cli_common.py).
# main.add_command(cli_<feature>.<command>)
main.add_command(cli_review.review)  # issue 10: the review list


from loa.adapters import cli_report  # noqa: E402  (issue 14: the posting log and reports)
main.add_command(cli_report.posted)
main.add_command(cli_report.report)
from loa.adapters import cli_print  # noqa: E402  (issue 12: leaflets)
main.add_command(cli_print.print_leaflets)
from loa.adapters import cli_bookcase  # noqa: E402  (issue 12: the law bookcase)
main.add_command(cli_bookcase.bookcase_command)
from loa.adapters import cli_authoring  # noqa: E402  (issue 15: writing from Word)
main.add_command(cli_authoring.new)
main.add_command(cli_authoring.import_docx)

if __name__ == "__main__":
    main()
