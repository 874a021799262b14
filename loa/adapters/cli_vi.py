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

HEADINGS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Tham số"}

# (English shape, Vietnamese wording); the first that matches wins.
MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"Invalid value for '(.+?)': '(.*?)' is not one of (.+)\.$"),
     "giá trị '{1}' của {0} không hợp lệ; chọn một trong: {2}."),
    (re.compile(r"Invalid value for '(.+?)': Path '(.*?)' does not exist\.$"), "không có '{1}' ({0})."),
    (re.compile(r"Invalid value for '(.+?)': (.*)$", re.S), "giá trị của {0} không hợp lệ: {1}"),
    (re.compile(r"Missing argument '(.+?)'\.$"), "thiếu {0}"),
    (re.compile(r"Missing option '(.+?)'\.$"), "thiếu tùy chọn {0}."),
    (re.compile(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?$"), "không có lệnh '{0}'."),
    (re.compile(r"No such option:? '?([^'\s]+?)'?\.?(?: Did you mean .*)?$"), "không có tùy chọn {0}."),
    (re.compile(r"Option '(.+?)' requires an argument\.$"), "tùy chọn {0} cần một giá trị."),
    (re.compile(r"Got unexpected extra arguments? \((.*)\)$"), "thừa: {0}."),
]
_SUGGESTION = re.compile(r"Did you mean '?([^'?]+)'?\?")


def translate(message: str) -> str:
    for pattern, wording in MESSAGES:
        m = pattern.match(message.strip())
        if m:
            text = wording.format(*m.groups())
            hint = _SUGGESTION.search(message)
            return text + (f" Có phải ý bạn là '{hint.group(1)}'?" if hint else "")
    return message


class HelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="Cách dùng: ")

    def write_heading(self, heading: str) -> None:
        super().write_heading(HEADINGS.get(heading, heading))


class Context(click.Context):
    formatter_class = HelpFormatter


class Command(click.Command):
    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[TÙY CHỌN]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Xem hướng dẫn này rồi thoát."
        return option


class Group(Command, click.Group):
    """The `loa` group: Vietnamese help, and usage mistakes in Vietnamese."""

    command_class = Command

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "LỆNH [THAM SỐ]...")
        super().__init__(*args, **kwargs)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        kwargs["standalone_mode"] = False
        try:
            return super().main(*args, **kwargs)
        except click.UsageError as exc:
            command = exc.ctx.command_path if exc.ctx else "loa"
            usage = exc.ctx.get_usage() if exc.ctx else ""
            click.echo(f"{usage}\nLỗi: {translate(exc.format_message())}\n"
                       f"Xem hướng dẫn: {command} --help", err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("Đã dừng.", err=True)
            sys.exit(1)
        except click.ClickException as exc:
            click.echo(f"Lỗi: {translate(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
