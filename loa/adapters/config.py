"""The `loa:` block of mkdocs.yml, declared once, and reading mkdocs.yml
exactly as `mkdocs build` does, with its mistakes as Vietnamese problems.

Every command reads the configuration here, so `!ENV` and every MkDocs
option mean the same to `loa check` as to `mkdocs build`.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from loa.core.model import Problem
from loa.core.problems import problem
from loa.i18n import messages


class _Channel(Config):
    max_length = c.Type(int)
    key_points = c.Type(int)
    emoji = c.Type(bool)
    hashtags = c.Type(int)


# A phone shows ~125 characters before "Xem thêm"; Zalo messages are read
# in chat bubbles, so they are kept shorter and plainer.
class _Facebook(_Channel):
    max_length = c.Type(int, default=1500)
    key_points = c.Type(int, default=4)
    emoji = c.Type(bool, default=True)
    hashtags = c.Type(int, default=3)


class _Zalo(_Channel):
    max_length = c.Type(int, default=900)
    key_points = c.Type(int, default=3)
    emoji = c.Type(bool, default=False)
    hashtags = c.Type(int, default=2)


class _Channels(Config):
    facebook = c.SubConfig(_Facebook)
    zalo = c.SubConfig(_Zalo)


class _Report(Config):
    """How `loa report` heads and signs its document (loa/reports/docx.py)."""

    parent = c.Type(str, default="")
    organisation = c.Type(str, default="")
    symbol = c.Type(str, default="BC")
    place = c.Type(str, default="")
    recipients = c.Type(list, default=[])
    signer_title = c.Type(str, default="")
    signer_role = c.Type(str, default="")
    signer_name = c.Type(str, default="")


class LoaConfig(Config):
    """The `loa:` block of mkdocs.yml: every option, its type and default, once."""

    content_dir = c.Type(str, default="content")
    organisation = c.Type(str, default="")
    hotline = c.Type(str, default="")
    contacts = c.Type(list, default=[])
    channels = c.SubConfig(_Channels)
    theme_color = c.Type(str, default="#8e2463")
    # Reports: heading, recipients and signature of `loa report` (loa/reports/).
    report = c.SubConfig(_Report)
    # The name in the header, which must fit a phone; site_name stays the title (issue 16).
    short_name = c.Type(str, default="")
    # Law status: how long an explainer may go unreviewed (loa/content/currency.py).
    review_months = c.Type(int, default=12)
    # The review list: law entries not compared with vbpl.vn for longer (loa/content/review.py).
    law_check_days = c.Type(int, default=183)


def as_dict(config: Config) -> dict[str, Any]:
    return {k: as_dict(v) if isinstance(v, Config) else v for k, v in config.items()}


def read_config(config_file: Path, **overrides: Any) -> tuple[MkDocsConfig | None, list[Problem]]:
    """Read mkdocs.yml exactly as `mkdocs build` does, with problems in Vietnamese."""
    name, t = config_file.name, messages()
    if not config_file.is_file():
        return None, [problem("LOA900", name, 0, detail=t("LOA900.no_config.detail"),
                              hint=t("LOA900.no_config.hint"))]
    config = MkDocsConfig(config_file_path=str(config_file))
    try:
        with config_file.open("rb") as handle:
            config.load_file(handle)
        config.load_dict({k: v for k, v in overrides.items() if v is not None})
        errors, _warnings = config.validate()
    except Exception as exc:  # the engine's YAML reader: any failure is the file's fault
        return None, [problem("LOA900", name, _line_of(exc), detail=t("LOA900.yaml.detail"),
                              hint=t("LOA900.yaml.hint"))]
    site_dir = str(overrides.get("site_dir") or config.get("site_dir") or "site")
    problems = [_config_problem(name, key, err, site_dir) for key, err in errors]
    return (None if problems else config), problems


def _line_of(exc: Exception) -> int:
    mark = getattr(exc, "problem_mark", None)
    return mark.line + 1 if mark is not None else 0


def _config_problem(path: str, key: str, error: Exception, site_dir: str) -> Problem:
    text, t = str(error), messages()
    if key == "site_dir":  # MkDocs refuses a site folder that holds the docs: the project or above
        return problem("LOA901", path, 0, target=site_dir)
    option = re.search(r"option '([^']+)'", text)
    name = f"loa: {option.group(1)}" if key == "plugins" and option else key
    return problem("LOA900", path, 0, detail=t("LOA900.value.detail", name=name), hint=t("LOA900.value.hint"))
