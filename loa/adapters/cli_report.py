"""`loa posted` and `loa report`: the posting log and the 6-month and yearly reports.

Thin commands over loa/content/postlog.py and loa/reports/: they read the
project the way every command does, run the same checks as `loa check`,
and turn every failure into a problem with its place, never a traceback.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from loa.adapters import cli_common
from loa.adapters.mkdocs_plugin import read_project
from loa.build import pipeline
from loa.content import postlog
from loa.content.registries import os_reason
from loa.core import dates
from loa.core.model import Problem
from loa.core.problems import problem
from loa.outputs.leaflets.qr import SOURCE as LEAFLET_SOURCE
from loa.reports import access, csv_out, docx, figures, made
from loa.reports.period import PRESETS, Period, preset

t = cli_common.t


def _load(config: Path, today: dt.date) -> pipeline.Checked:
    """The project, checked as `loa check` does (the posts' own checks are the build's)."""
    project, problems = read_project(config.resolve())
    if project is None:
        cli_common.echo_problems(problems)
        sys.exit(1)
    return pipeline.check(project, today, outputs=False)


@click.command(help=t("report.posted.help"))
@click.argument("slug", metavar=t("cli.metavar.slug"))
@click.option("--kenh", "channel", metavar=t("report.metavar.channel"), help=t("report.posted.channel_help"))
@click.option("--nhom", "group", metavar=t("report.metavar.group"), help=t("report.posted.group_help"))
@click.option("--ngay", "day", callback=cli_common.date_value, metavar=t("cli.metavar.date"), help=t("report.posted.date_help"))
@click.option("--nguoi", "by", default="", metavar=t("report.metavar.person"), help=t("report.posted.by_help"))
@cli_common.config_option
def posted(slug: str, channel: str | None, group: str | None, day: dt.date | None, by: str, config: Path) -> None:
    if channel is None or group is None:  # checked here: Click's own "[required]" would be English
        raise click.UsageError(t("report.posted.needs"))
    today = dt.date.today()
    checked = _load(config, today)
    if checked.settings is None or checked.catalog is None:
        cli_common.echo_problems(checked.problems)
        sys.exit(1)
    root, content = config.resolve().parent, checked.settings.content_dir
    path, rel = postlog.path_in(root, content), f"{content}/{postlog.FILENAME}"
    line = postlog.line_for(day or today, slug.strip(), channel.strip().lower(), group, by)
    try:
        before = path.read_bytes().decode("utf-8") if path.exists() else ",".join(postlog.HEADER) + "\n"
    except (OSError, UnicodeDecodeError) as exc:
        reason = t("LOA108.not_utf8") if isinstance(exc, UnicodeDecodeError) else os_reason(exc)
        cli_common.echo_problems([problem("LOA108", rel, 0, reason=reason)])
        sys.exit(1)
    text = before + ("" if before.endswith(("\n", "\r")) or not before else "\n") + line + "\n"
    number = len(text.lstrip("\ufeff").splitlines())
    channels = [c.name for c in checked.settings.channels]
    _found, problems = postlog.parse(text, rel, checked.catalog, channels, today)
    mine = [p for p in problems if p.line == number]
    if mine:
        cli_common.echo_problems(mine)
        click.echo(t("report.posted.refused", path=rel), err=True)
        sys.exit(1)
    try:
        written = postlog.append(path, line, root / ".loa-cache")
    except OSError as exc:
        click.echo(t("report.posted.failed", path=rel, reason=os_reason(exc)), err=True)
        sys.exit(1)
    click.echo(t("report.posted.done", path=rel, line=written, text=line), err=True)
    if problems:  # earlier lines with mistakes: loa check and the build will refuse them
        cli_common.echo_problems(problems)


@click.command(help=t("report.cli.help"))
@click.option("--ky", "kind", type=click.Choice(PRESETS), metavar=t("report.metavar.kind"), help=t("report.cli.kind_help"))
@click.option("--nam", "year", type=int, metavar=t("report.metavar.year"), help=t("report.cli.year_help"))
@click.option("--from", "start", callback=cli_common.date_value, metavar=t("cli.metavar.date"), help=t("report.cli.from_help"))
@click.option("--to", "end", callback=cli_common.date_value, metavar=t("cli.metavar.date"), help=t("report.cli.to_help"))
@click.option("--log", "logs", multiple=True, type=click.Path(path_type=Path), metavar=t("cli.metavar.file"),
              help=t("report.cli.log_help"))
@click.option("--ngay", "issued", callback=cli_common.date_value, metavar=t("cli.metavar.date"), help=t("report.cli.date_help"))
@click.option("--out", type=click.Path(path_type=Path), default=Path("bao-cao"), metavar=t("cli.metavar.folder"),
              help=t("report.cli.out_help"))
@cli_common.config_option
def report(kind: str | None, year: int | None, start: dt.date | None, end: dt.date | None, logs: tuple[Path, ...],
           issued: dt.date | None, out: Path, config: Path) -> None:
    today = dt.date.today()
    period = _period(kind, year, start, end, today, config)
    checked = _load(config, today)
    if not checked.ok:
        cli_common.echo_problems([p for p in checked.problems if p.is_error])
        click.echo(t("report.cli.refused"), err=True)
        sys.exit(1)
    settings, catalog = checked.settings, checked.catalog
    rel = f"{settings.content_dir}/{postlog.FILENAME}"
    postings, _ = postlog.read(postlog.path_in(config.resolve().parent, settings.content_dir), rel, catalog,
                               [c.name for c in settings.channels], today)
    reading = _reading(logs, catalog, settings, period, today) if logs else None
    root = config.resolve().parent
    files = made.count(root / made.LEAFLETS, root / made.BOOKCASE, period.start, period.counted_to(today))
    made_report = figures.build(catalog, settings, postings, period, today, issued or today, t, reading, files)
    try:
        out.mkdir(parents=True, exist_ok=True)
        docx_path = _free(out, f"bao-cao-{period.slug}", ".docx")
        docx.write(made_report, docx_path, t)
        csv_path = docx_path.with_suffix(".csv")
        csv_out.write(made_report, csv_path, t)
    except OSError as exc:
        cli_common.echo_problems([problem("LOA423", str(out), 0, reason=os_reason(exc))])
        sys.exit(1)
    click.echo(t("report.cli.done", docx=docx_path, csv=csv_path), err=True)


def _period(kind: str | None, year: int | None, start: dt.date | None, end: dt.date | None,
            today: dt.date, config: Path) -> Period:
    if start or end:
        if not (start and end) or kind:
            raise click.UsageError(t("report.cli.dates_needed"))
        if start > end:
            cli_common.echo_problems([problem("LOA422", config.name, 0, start=dates.vietnamese(start),
                                              end=dates.vietnamese(end))])
            sys.exit(1)
        return Period(start, end)
    # Without a choice: the report due next, 6-month until June, then the yearly one.
    return preset(kind or ("6-thang" if today.month <= 6 else "nam"), year or today.year)


def _reading(logs: tuple[Path, ...], catalog, settings, period: Period, today: dt.date) -> access.Reading:
    try:
        reading = access.read_logs(logs, [e.slug for e in catalog.explainers], settings.site_url,
                                   [*(c.name for c in settings.channels), LEAFLET_SOURCE], period.start,
                                   period.counted_to(today))
    except access.LogError as exc:
        cli_common.echo_problems([problem("LOA420", exc.path, 0, reason=exc.reason)])
        sys.exit(1)
    warnings: list[Problem] = [problem("LOA421", path, line, count=count)
                               for path, (line, count) in reading.first_malformed.items()]
    if warnings:
        cli_common.echo_problems(warnings)
    return reading


def _free(folder: Path, stem: str, suffix: str) -> Path:
    """A name not taken yet: a report staff have edited is never written over."""
    candidate, n = folder / f"{stem}{suffix}", 1
    while candidate.exists() or candidate.with_suffix(".csv").exists():
        n += 1
        candidate = folder / f"{stem}-{n}{suffix}"
    return candidate
