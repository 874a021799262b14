"""`loa review`: the review list for staff, worst first (loa/content/review.py).

Like `loa check`: text for people on stderr (a heading per kind, then one
`path:line:` line per item with its hint), `--format json` for tools on
stdout; exit 1 when the content has errors (no list can be made), and with
`--strict` also when the list is not empty.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from loa.adapters import cli_polish
from loa.adapters.cli_common import checked, config_option, echo_problems, t
from loa.content import review as review_mod
from loa.core import dates
from loa.core.problems import as_dict, format_problem


@click.command(help=t("review.cli.help"))
@config_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", help=t("review.cli.format_help"))
@cli_polish.strict_option
def review(config: Path, fmt: str, strict: bool) -> None:
    config = config.resolve()
    found = checked(config)
    found.close()
    if not found.ok:
        echo_problems([p for p in found.problems if p.is_error], fmt)
        if fmt == "text":
            click.echo(t("review.cli.refused"), err=True)
        sys.exit(1)
    today = dt.date.today()
    settings = found.settings
    items = review_mod.items(found.catalog, settings, today, t,
                             review_mod.law_lines(config.parent, settings.content_dir))
    if fmt == "json":
        click.echo(json.dumps(as_json(items, today, strict), ensure_ascii=False, indent=2))
    else:
        click.echo(as_text(items, today), err=True)
    if strict and items:
        if fmt == "text":
            cli_polish.say_strict_stops(True, len(items))
        sys.exit(1)


def as_text(items: list[review_mod.Item], today: dt.date) -> str:
    day = dates.vietnamese(today)
    if not items:
        return t("review.cli.empty", date=day)
    lines = [t("review.cli.head", date=day, count=len(items))]
    for kind in review_mod.KINDS:
        group = [i for i in items if i.kind == kind]
        if group:
            lines += ["", f"{t(f'review.kind.{kind}')}: {t('review.kind.count', count=len(group))}"]
            lines += [format_problem(i.problem) for i in group]
    return "\n".join(lines)


def as_json(items: list[review_mod.Item], today: dt.date, strict: bool) -> dict:
    return {
        "date": today.isoformat(),
        "count": len(items),
        "items": [{"kind": i.kind, "blocking": i.blocking, "subject": i.subject, "title": i.title,
                   "url": i.url, **as_dict(i.problem, strict)} for i in items],
    }


# `loa publish`: nothing stale goes out ------------------------------------------

def postable(live, catalog, today: dt.date, since: dt.date | None = None, slug: str | None = None) -> tuple[list, bool]:
    """The explainers that may have posts, and whether `slug` was refused.

    Says in Vietnamese why each left-out explainer (among those the run asks
    for) gets no post: withdrawn, or relying on a repealed text with no note."""
    allowed, refused = [], False
    for e in live:
        reason = review_mod.no_post_reason(e, catalog.laws, today, t)
        if not reason:
            allowed.append(e)
            continue
        asked = (slug is None or e.slug == slug) and (since is None or e.date >= since)
        if asked:
            click.echo(t("review.publish.skipped", title=e.title, path=e.path, reason=reason), err=True)
        refused = refused or e.slug == slug
    return allowed, refused


def post_maker(live, settings, topic_names):
    """Posts whose links resolve to every page, those without posts included."""
    from loa.outputs import posts, social_posts

    index = posts.LinkIndex.of(live)
    return lambda e: social_posts.make_all([e], settings, topic_names, index, t)[e.slug]
