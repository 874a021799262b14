"""`withdrawn:` in an explainer's front matter: read, then checked against
the other explainers.

A withdrawn explainer keeps its page and its address (a link shared in a
Zalo group must not break) but carries a banner pointing to what replaces
it; the plan keeps it out of every list, the search index and the posts.
This module owns only the field and its checks:

    withdrawn:
      date: 1/7/2025
      reason: Từ 1/7/2025 không còn UBND huyện.
      replaced_by: dang-ky-ket-hon-can-biet   # optional: the slug of the newer explainer
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Iterable

from slugify import slugify

from loa.core import dates
from loa.core.model import Explainer, Problem, Withdrawal
from loa.core.problems import problem
from loa.i18n import Messages, messages

if TYPE_CHECKING:
    from loa.content.schema import _Reader

FIELD = "withdrawn"
KEYS = ("date", "reason", "replaced_by")
REASON_MAX = 300  # a sentence or two on the banner
EXAMPLE = "{date: 1/7/2025, reason: \"...\", replaced_by: ten-bai-moi}"


def read(r: "_Reader") -> Withdrawal | None:
    """The `withdrawn` mapping of one explainer, or None (absent or wrong)."""
    raw = r.doc.data.get(FIELD)
    if raw is None:
        return None
    if not isinstance(raw, dict):
        r.add("LOA330", FIELD, detail=r.msgs("LOA330.not_mapping"), example=EXAMPLE)
        return None
    ok = True
    for key in raw:
        if key not in KEYS:
            r.add("LOA330", FIELD, detail=r.msgs("LOA330.unknown_key", key=str(key)[:60]), example=EXAMPLE)
            ok = False
    day = _date(r, raw)
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        r.add("LOA330", FIELD, detail=r.msgs("LOA330.no_reason"), example=EXAMPLE)
        ok = False
    elif len(" ".join(reason.split())) > REASON_MAX:
        r.add("LOA121", FIELD, field="withdrawn.reason", length=len(" ".join(reason.split())), limit=REASON_MAX)
        ok = False
    replaced_by = raw.get("replaced_by") or ""
    if not isinstance(replaced_by, str):
        r.add("LOA330", FIELD, detail=r.msgs("LOA330.replaced_by_kind"), example=EXAMPLE)
        ok = False
    if day is None or not ok:
        return None
    return Withdrawal(day, " ".join(reason.split()), _slug(replaced_by))


def _slug(written: str) -> str:
    """The slug an author means, written as a slug, a file name or an address:
    "dang-ky-ket-hon", "../gia-dinh/Đăng ký kết hôn.md", "/bai-viet/dang-ky-ket-hon/"."""
    name = written.strip().strip("/").rsplit("/", 1)[-1]
    name = name[:-3] if name.lower().endswith(".md") else name
    return slugify(name) if name else ""


def _date(r: "_Reader", raw: dict) -> dt.date | None:
    value = raw.get("date")
    if value is None:
        r.add("LOA330", FIELD, detail=r.msgs("LOA330.no_date"), example=EXAMPLE)
        return None
    try:
        day = dates.parse(value, r.msgs)
    except dates.DateError as exc:
        r.add("LOA141", FIELD, field="withdrawn.date", value=value, detail=str(exc))
        return None
    if day is None:
        r.add("LOA140", FIELD, field="withdrawn.date", value=value)
    return day


def problems(explainers: Iterable[Explainer], today: dt.date, msgs: Messages | None = None) -> list[Problem]:
    """What is wrong between explainers: a replacement that does not exist,
    is not live, or is itself withdrawn; a withdrawal before publication."""
    from loa.content.schema import suggest

    say = msgs or messages()
    by_slug = {e.slug: e for e in explainers}
    found = []
    for e in by_slug.values():
        w = e.withdrawn
        if w is None:
            continue
        line = e.line_of(FIELD)
        if w.date < e.date:
            found.append(problem("LOA333", e.path, line, msgs=say, withdrawn=dates.vietnamese(w.date),
                                 date=dates.vietnamese(e.date)))
        if not w.replaced_by:
            continue
        other = by_slug.get(w.replaced_by)
        if other is None:
            others = {slug: x for slug, x in by_slug.items() if slug != e.slug}
            found.append(problem("LOA331", e.path, line, msgs=say, slug=w.replaced_by,
                                 suggestion=suggest(w.replaced_by, others, say)))
            continue
        why = _not_live(e, other, today, say)
        if why:
            found.append(problem("LOA332", e.path, line, msgs=say, slug=w.replaced_by, other=other.path, why=why))
    return found


def links_to_withdrawn(explainers: Iterable[Explainer], today: dt.date,
                       msgs: Messages | None = None) -> list[Problem]:
    """LOA334 for each link from a listed explainer to a withdrawn one: the
    link still works (the page stays), but sends readers to the banner."""
    from loa.content import links

    say = msgs or messages()
    everyone = list(explainers)
    gone = {e.slug: e for e in everyone if e.is_withdrawn(today)}
    found = []
    for e in everyone:
        # Links between explainers name the target by slug once the catalogue has read them.
        if not gone or e.slug in gone or not any(f"{slug}.md" in e.body for slug in gone):
            continue
        for ref in links.find(e.body):
            target = ref.target.split("#", 1)[0]
            other = gone.get(target[:-3]) if ref.kind == "link" and target.endswith(".md") else None
            if other is None:
                continue
            instead = other.withdrawn.replaced_by
            hint = say("LOA334.instead", slug=instead) if instead else say("LOA334.remove")
            found.append(problem("LOA334", e.path, e.body_line + ref.line, msgs=say, slug=other.slug,
                                 date=dates.vietnamese(other.withdrawn.date), instead=hint))
    return found


def _not_live(e: Explainer, other: Explainer, today: dt.date, say: Messages) -> str:
    """Why `other` cannot stand in for `e` on the day `e` is withdrawn, or ""."""
    if other.slug == e.slug:
        return say("LOA332.itself")
    if other.draft:
        return say("LOA332.draft")
    if other.date > max(today, e.withdrawn.date):
        return say("LOA332.later", date=dates.vietnamese(other.date))
    if other.withdrawn is not None:
        return say("LOA332.withdrawn", slug=other.withdrawn.replaced_by or "…")
    return ""
