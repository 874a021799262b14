"""What every `loa` command shares: the --config option, problem output, the check.

Commands of their own features live in their own modules (cli_<feature>.py)
built on these helpers, and loa/adapters/cli.py adds them to the group.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import click

from loa.adapters.mkdocs_plugin import read_project
from loa.build import pipeline
from loa.core import dates
from loa.core.model import Problem
from loa.core.problems import as_dict, format_problem
from loa.i18n import messages

t = messages("vi")


def config_option(command):
    return click.option("--config", "config", type=click.Path(path_type=Path), default="mkdocs.yml",
                        metavar=t("cli.metavar.file"), help=t("cli.config_help"))(command)


def echo_problems(problems: list[Problem], fmt: str = "text", strict: bool = False) -> None:
    """Text for people (errors say "lỗi", warnings "cảnh báo", then a count of
    each) or JSON for tools, where `fails` says which fail the run (with
    `strict`, warnings too)."""
    if fmt == "json":
        click.echo(json.dumps([as_dict(p, strict) for p in problems], ensure_ascii=False, indent=2))
        return
    for p in problems:
        click.echo(format_problem(p), err=True)
    errors = sum(p.is_error for p in problems)
    if problems:
        click.echo(t("cli.summary", errors=errors, warnings=len(problems) - errors), err=True)


def checked(config_file: Path) -> pipeline.Checked:
    """What `loa check` sees: the same reading of mkdocs.yml and the same checks as a build."""
    project, problems = read_project(config_file)
    if project is None:
        return pipeline.Checked(problems)
    return pipeline.check(project, dt.date.today())


def date_value(ctx: click.Context, param: click.Parameter, value: str | None) -> dt.date | None:
    """A date option as authors write dates (2026-12-02 or 2/12/2026), or a Vietnamese refusal."""
    if value is None:
        return None
    try:
        day = dates.parse(value)
    except dates.DateError as exc:
        raise click.BadParameter(t("cli.date.invalid", value=value, detail=exc)) from None
    if day is None:
        raise click.BadParameter(t("cli.date.format", value=value))
    return day
