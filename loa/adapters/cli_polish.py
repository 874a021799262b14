"""What `loa build` and `loa publish` say before they make anything that
links to the site: a site_url that is still an example address (LOA601).

Every post, share image and link preview carries site_url; while it is the
sample's "https://loa.phunu-soctrang.example/", whatever staff paste leads
nowhere. The commands warn, and with --strict they refuse, as `loa check
--strict` refuses warnings.
"""
from __future__ import annotations

import re
from pathlib import Path

import click

from loa.adapters.cli_common import echo_problems, t
from loa.core import urls
from loa.core.model import Problem
from loa.core.problems import problem

_SITE_URL = re.compile(r"^site_url\s*:", re.MULTILINE)


def strict_option(command):
    """`--strict`, as `loa check --strict` means it: warnings fail the command."""
    return click.option("--strict", is_flag=True, help=t("cli.strict_help"))(command)


def say_strict_stops(strict: bool, count: int) -> None:
    """Under --strict, why a command stops with only warnings."""
    if strict and count:
        click.echo(t("cli.strict_stops", count=count), err=True)


def placeholder_problems(config_file: Path, site_url: str) -> list[Problem]:
    """LOA601 at site_url's line of mkdocs.yml while it is an example address."""
    if not urls.is_placeholder(site_url):
        return []
    return [problem("LOA601", config_file.name, _line_of_site_url(config_file), url=site_url)]


def placeholder_stops(config_file: Path, site_url: str, strict: bool) -> bool:
    """Say so when site_url is a placeholder; True when --strict must stop
    the command (the caller says what is kept)."""
    found = placeholder_problems(config_file, site_url)
    if found:
        echo_problems(found)
        say_strict_stops(strict, len(found))
    return bool(found) and strict


def _line_of_site_url(config_file: Path) -> int:
    try:
        text = config_file.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    match = _SITE_URL.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else 0
