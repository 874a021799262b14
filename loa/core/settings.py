"""Site configuration: the `loa` block of mkdocs.yml, as MkDocs read it -> Settings.

The options, their types and defaults are declared once, in the MkDocs
adapter (`LoaConfig`, with MkDocs' own config options), so `mkdocs build`
and every `loa` command read mkdocs.yml the same way, `!ENV` included. This
module checks the values the engine cannot: that they make sense.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from loa.core.problems import problem
from loa.core.model import Channel, Contact, Problem, ReportSettings, Settings
from loa.i18n import Messages, messages

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
SHORT_NAME_MAX = 20  # letters that fit beside the menu button on a 360-pixel phone


def from_mapping(raw: Mapping[str, Any], site_url: str, site_name: str,
                 path: str = "mkdocs.yml",
                 msgs: Messages | None = None) -> tuple[Settings | None, list[Problem]]:
    problems: list[Problem] = []
    say = msgs or messages()

    def bad(detail: str, hint: str) -> None:
        problems.append(problem("LOA900", path, 0, msgs=say, detail=detail, hint=hint))

    if not site_url or not site_url.startswith(("http://", "https://")):
        bad(say("LOA900.site_url.detail"), say("LOA900.site_url.hint"))
    for key in ("organisation", "hotline"):
        if not str(raw.get(key) or "").strip():
            bad(say("LOA900.required.detail", key=key), say("LOA900.required.hint", key=key))
    colour = str(raw.get("theme_color") or "")
    if not _COLOUR.fullmatch(colour):
        bad(say("LOA900.theme_color.detail", colour=colour), say("LOA900.theme_color.hint"))
    short_name = " ".join(str(raw.get("short_name") or "").split())
    if len(short_name) > SHORT_NAME_MAX:  # a phone's header has room for about this many letters
        problems.append(problem("LOA600", path, 0, msgs=say, length=len(short_name), limit=SHORT_NAME_MAX))
    channels = _channels(raw.get("channels") or {}, bad, say)
    contacts = _contacts(raw.get("contacts") or [], bad, say)
    review_months = raw.get("review_months", 12)  # absent only when Settings are read without LoaConfig
    if isinstance(review_months, bool) or not isinstance(review_months, int) or not 1 <= review_months <= 60:
        bad(say("LOA900.review_months.detail", value=review_months), say("LOA900.review_months.hint"))
    law_check_days = raw.get("law_check_days", 183)  # the review list's; absent only without LoaConfig
    if isinstance(law_check_days, bool) or not isinstance(law_check_days, int) or not 1 <= law_check_days <= 3660:
        bad(say("LOA900.law_check_days.detail", value=law_check_days), say("LOA900.law_check_days.hint"))
    report = _report(raw.get("report") or {}, bad, say)
    if problems:
        return None, problems
    return Settings(
        site_url=site_url.rstrip("/") + "/",
        site_name=site_name,
        short_name=short_name,
        organisation=" ".join(str(raw["organisation"]).split()),
        hotline=str(raw["hotline"]).strip(),
        contacts=contacts,
        content_dir=str(raw["content_dir"]),
        channels=channels,
        theme_color=colour,
        report=report,
        review_months=review_months,
        law_check_days=law_check_days,
    ), []


def _channels(raw: Any, bad, say: Messages) -> tuple[Channel, ...]:
    if not isinstance(raw, dict):
        bad(say("LOA900.channels.detail"), say("LOA900.channels.hint"))
        return ()
    out = []
    for name in ("facebook", "zalo"):
        values = raw.get(name)
        if not isinstance(values, dict):
            bad(say("LOA900.channel_missing.detail", name=name), say("LOA900.channels.hint"))
            continue
        ints_ok = all(isinstance(values[k], int) and values[k] >= 0
                      for k in ("max_length", "key_points", "hashtags"))
        if not ints_ok or values["max_length"] < 200 or not isinstance(values["emoji"], bool):
            bad(say("LOA900.channel_value.detail", name=name), say("LOA900.channel_value.hint"))
            continue
        out.append(Channel(name, values["max_length"], values["key_points"], values["emoji"], values["hashtags"]))
    return tuple(out)


def _contacts(raw: Any, bad, say: Messages) -> tuple[Contact, ...]:
    if not isinstance(raw, list) or not all(isinstance(c, dict) and c.get("name") for c in raw):
        bad(say("LOA900.contacts.detail"), say("LOA900.contacts.hint"))
        return ()
    return tuple(Contact(str(c["name"]), str(c.get("phone") or ""), str(c.get("email") or ""),
                         str(c.get("address") or "")) for c in raw)

_REPORT_TEXTS = ("parent", "organisation", "symbol", "place", "signer_title", "signer_role", "signer_name")


def _report(raw: Any, bad, say: Messages) -> ReportSettings:
    """`report:`, the heading and signature of `loa report`: short plain texts."""
    def fits(value: Any) -> bool:  # a line of a document's heading, never markup or a paragraph
        return isinstance(value, str) and len(value) <= 200 and value.isprintable()

    recipients = raw.get("recipients", []) if isinstance(raw, dict) else None
    if (not isinstance(raw, dict) or not all(fits(raw.get(k, "")) for k in _REPORT_TEXTS)
            or not isinstance(recipients, list) or len(recipients) > 30
            or not all(fits(r) and r.strip() for r in recipients)):
        bad(say("LOA900.report.detail"), say("LOA900.report.hint"))
        return ReportSettings()
    texts = {k: " ".join(str(raw.get(k, getattr(ReportSettings, k))).split()) for k in _REPORT_TEXTS}
    return ReportSettings(**texts, recipients=tuple(" ".join(r.split()) for r in recipients))
