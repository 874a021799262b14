"""`loa bookcase`: the built site as a law bookcase that travels by USB or
Zalo, a ZIP to open from a folder and a ZIM for Kiwix (loa/bookcase/).

It packs the site `loa build` wrote, after checking the content as `loa
check` does and that the site is newer than every source file; it never
builds, so a bookcase is always exactly a site someone built and looked at.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click
from babel.numbers import format_decimal

from loa.adapters.cli_common import config_option, echo_problems, t
from loa.adapters.config import read_config
from loa.adapters.mkdocs_plugin import read_project
from loa.build import pipeline
from loa.bookcase import make as bookcase


@click.command("bookcase", help=t("bookcase.help"))
@config_option
@click.option("--site-dir", type=click.Path(path_type=Path), default=None, metavar=t("cli.metavar.folder"),
              help=t("bookcase.site_dir_help"))
@click.option("--out", type=click.Path(path_type=Path), default=None, metavar=t("cli.metavar.folder"),
              help=t("bookcase.out_help"))
def bookcase_command(config: Path, site_dir: Path | None, out: Path | None) -> None:
    config = config.resolve()
    mk, problems = read_config(config)
    project, problems = read_project(config) if mk is not None else (None, problems)
    # The outputs' own checks (posts) are left out: the site was built, so
    # they passed, and LOA721 below refuses a site older than its sources.
    found = pipeline.check(project, dt.date.today(), outputs=False) if project is not None else None
    if found is not None:
        found.close()
        problems = found.problems
    if found is None or not found.ok:
        echo_problems(problems)
        sys.exit(1)
    root = config.parent
    site = (site_dir or Path(mk.site_dir)).resolve()
    shown_site = str(site_dir) if site_dir else "site/"
    sources = [config, root / found.settings.content_dir, Path(mk.docs_dir)]
    if mk.theme.custom_dir:
        sources.append(Path(mk.theme.custom_dir))
    refused = bookcase.problems(site, shown_site, [s for s in sources if s.exists()], root, t)
    today = dt.date.today()
    # What the site lists: a withdrawn explainer keeps its page but is not counted or searched.
    live = [e for e in found.catalog.published(today) if not e.is_withdrawn(today)]
    try:
        if refused:
            raise bookcase.Refused(refused)
        made = bookcase.make(bookcase.Request(site, (out or root / "tu-sach").resolve(), found.settings,
                                              live, today, t))
    except bookcase.Refused as exc:
        echo_problems(exc.problems)
        sys.exit(1)
    click.echo(t("bookcase.done", zip=made.zip_path, zip_size=_size(made.zip_size), zim=made.zim_path,
                 zim_size=_size(made.zim_size), count=len(live)), err=True)


def _size(size: int) -> str:
    return f"{format_decimal(size / 1_000_000, '0.0', locale='vi')} MB"
