"""`loa print`: the leaflets of every published explainer, as PDFs to print.

A thin layer over loa.outputs.leaflets: the content is checked exactly as
`loa check` checks it, and nothing is printed from content with errors.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from loa.adapters.cli_common import checked, config_option, echo_problems, t
from loa.outputs import leaflets
from loa.outputs.leaflets.render import PrintError

DEFAULT_FOLDER = "to-roi"  # "tờ rơi": leaflets, beside mkdocs.yml
CURRENCY_CODES = "LOA3"  # law status, reviews, withdrawn explainers, outdated words


@click.command("print", help=t("print.cli.help"))
@config_option
@click.option("--slug", metavar=t("cli.metavar.slug"), help=t("print.cli.slug_help"))
@click.option("--out", type=click.Path(path_type=Path), default=None, metavar=t("cli.metavar.folder"),
              help=t("print.cli.out_help"))
def print_leaflets(config: Path, slug: str | None, out: Path | None) -> None:
    config = config.resolve()
    found = checked(config)
    found.close()
    if not found.ok:
        echo_problems([p for p in found.problems if p.is_error])
        click.echo(t("print.cli.refused"), err=True)
        sys.exit(1)
    # Warnings about what paper would carry too: texts no longer in force,
    # reviews overdue, outdated words (LOA3xx). A printed leaflet stays in
    # people's hands long after a page is fixed, so staff see them first.
    echo_problems([p for p in found.problems if p.code.startswith(CURRENCY_CODES)])
    today = dt.date.today()
    if slug is not None and not any(e.slug == slug for e in found.catalog.published(today)):
        click.echo(t("print.cli.no_such", slug=slug), err=True)
        sys.exit(1)
    target = out.resolve() if out else config.parent / DEFAULT_FOLDER
    shown = str(out) if out else DEFAULT_FOLDER
    try:
        result = leaflets.make(found.catalog, found.settings, today, t, target, shown=shown,
                               content_dir=config.parent / found.settings.content_dir, slug=slug)
    except PrintError as exc:
        click.echo(str(exc), err=True)
        sys.exit(1)
    for e, reason in result.skipped:
        click.echo(t("print.cli.skipped", title=e.title, path=e.path, reason=reason), err=True)
    if not result.ok:
        echo_problems(result.problems)
        click.echo(t("print.cli.refused"), err=True)
        sys.exit(1)
    if slug is not None and result.skipped:
        sys.exit(1)  # the one leaflet asked for was not made, and the line above says why
    if result.removed:
        click.echo(t("print.cli.removed", count=len(result.removed)), err=True)
    click.echo(t("print.cli.done", count=len(result.written) // 2, folder=shown), err=True)
