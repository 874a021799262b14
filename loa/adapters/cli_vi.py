"""Click's own words in Vietnamese: help headings and usage mistakes.

Loa's commands speak Vietnamese; without this, a mistyped option would be
answered in English by Click itself. Messages Click builds are matched by
their English shape and reworded; anything unknown is shown as Click wrote
it rather than hidden.
"""
from __future__ import annotations

import re
import sys
from typing import Any

import click

from loa.i18n import messages

t = messages("vi")

# Click's English heading -> catalogue key.
HEADINGS = {"Options": "cli.click.options", "Commands": "cli.click.commands", "Arguments": "cli.click.arguments"}

# (English shape, catalogue key of the wording); the first that matches wins.
# The wording is filled with the groups by position: {0}, {1}, ...
MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Invalid value for '(.+?)': '(.*?)' is not one of (.+)\.$"), "cli.click.invalid_choice"),
    (re.compile(r"Invalid value for '(.+?)': Path '(.*?)' does not exist\.$"), "cli.click.no_path"),
    (re.compile(r"Invalid value for '(.+?)': (.*)$", re.S), "cli.click.invalid_value"),
    (re.compile(r"Missing argument '(.+?)'\.$"), "cli.click.missing_argument"),
    (re.compile(r"Missing option '(.+?)'\.$"), "cli.click.missing_option"),
    (re.compile(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?$"), "cli.click.no_command"),
    (re.compile(r"No such option:? '?([^'\s]+?)'?\.?(?: Did you mean .*)?$"), "cli.click.no_option"),
    (re.compile(r"Option '(.+?)' requires an argument\.$"), "cli.click.needs_value"),
    (re.compile(r"Got unexpected extra arguments? \((.*)\)$"), "cli.click.extra"),
]
_SUGGESTION = re.compile(r"Did you mean '?([^'?]+)'?\?")


def translate(message: str) -> str:
    for pattern, key in MESSAGES:
        m = pattern.match(message.strip())
        if m:
            text = t.raw(key).format(*m.groups())
            hint = _SUGGESTION.search(message)
            return text + (t("cli.click.did_you_mean", suggestion=hint.group(1)) if hint else "")
    return message


class HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix=t("cli.click.usage"))

    def write_heading(self, heading: str) -> None:
        super().write_heading(t(HEADINGS[heading]) if heading in HEADINGS else heading)


class Context(click.Context):
    formatter_class = HelpFormatter


class Command(click.Command):
    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", t("cli.click.options_metavar"))
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = t("cli.click.help_help")
        return option


class Group(Command, click.Group):
    """The `loa` group: Vietnamese help, and usage mistakes in Vietnamese."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", t("cli.click.subcommand_metavar"))
        super().__init__(*args, **kwargs)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        # Commands of their own modules (cli_<feature>.py) are made with plain
        # @click.command: they get the same Vietnamese help as the rest.
        if type(cmd) is click.Command:
            cmd.__class__ = Command
            if cmd.options_metavar == "[OPTIONS]":
                cmd.options_metavar = t("cli.click.options_metavar")
        super().add_command(cmd, name)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "loa"
            usage = exc.ctx.get_usage() if exc.ctx else ""
            click.echo(t("cli.click.usage_error", usage=usage, message=translate(exc.format_message()),
                         command=command), err=True)
            sys.exit(2)
        except click.Abort:
            click.echo(t("cli.click.aborted"), err=True)
            sys.exit(1)
        except click.ClickException as exc:
            click.echo(t("cli.click.error", message=translate(exc.format_message())), err=True)
            sys.exit(exc.exit_code)
