"""Whether what an explainer says still holds: the status of the texts it
cites on a given day, what changed after its last review, and when it is
due for another one.

Pure functions of valid objects (a Law from laws.yml, an Explainer, the
Settings, a day); nothing here reads files or knows about pages. The page
plan, `loa check` and `loa review` all ask the same questions here, so a
reader, an author and a staff member are told the same thing.

How a status is worked out: the entry's `status` is what the national
database said on `checked`. Changes recorded with a later date (a law
replaced from 1/7 of next year) then apply on their own day, so the site
stays right between two checks. An entry with no status counts as in force
from its effective date, changed only by its recorded changes.

A note on the page: an author who cites a text no longer in force on
purpose (to compare the old rule with the new) writes `note:` on that
citation in the front matter; the note is shown beside the citation, and
the citation stops being blocking.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Iterable, Mapping

from loa.core.model import Explainer, Law, LawChange, LawRef, Settings

IN_FORCE = "in_force"  # Còn hiệu lực
PARTLY_EXPIRED = "partly_expired"  # Hết hiệu lực một phần
EXPIRED = "expired"  # Hết hiệu lực toàn bộ
NOT_YET_IN_FORCE = "not_yet_in_force"  # Chưa có hiệu lực
SUSPENDED = "suspended"  # Ngưng hiệu lực
# In the national database's order; their words are "law.status.<code>".
STATUSES = (IN_FORCE, PARTLY_EXPIRED, EXPIRED, NOT_YET_IN_FORCE, SUSPENDED)

AMENDED, REPLACED, REPEALED = "amended", "replaced", "repealed"
CHANGE_KINDS = (AMENDED, REPLACED, REPEALED, SUSPENDED)

# LawConcern kinds, worst first.
CONCERN_KINDS = ("repealed", "partly_repealed", "suspended", "not_yet_in_force", "amended_after_review")


@dataclass(frozen=True)
class LawConcern:
    """Something about a cited text that the explainer's reader or author should know."""

    kind: str  # one of CONCERN_KINDS
    law_id: str
    article: int | None = None  # the cited article concerned; None: the whole text
    since: dt.date | None = None  # from when it holds (may be after today for an amendment)
    by: str | None = None  # id of the amending, replacing or suspending text
    blocking: bool = False  # relies on a text repealed in full, with no note on the page


# Review dates ------------------------------------------------------------------

def add_months(day: dt.date, months: int) -> dt.date:
    """`day` plus whole months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_months(explainer: Explainer, settings: Settings) -> int:
    """The explainer's own period when it is shorter than the site's."""
    own = explainer.review_months
    return min(own, settings.review_months) if own else settings.review_months


def review_due(explainer: Explainer, settings: Settings) -> dt.date:
    """The day the explainer should next be checked against the law."""
    return add_months(explainer.reviewed or explainer.date, review_months(explainer, settings))


def overdue(explainer: Explainer, settings: Settings, today: dt.date) -> bool:
    return today > review_due(explainer, settings)


def unchecked_laws(laws: Mapping[str, Law] | Iterable[Law], today: dt.date, max_age_days: int) -> list[str]:
    """Ids of law entries never compared with the database, or not for longer than the limit."""
    items = laws.values() if isinstance(laws, Mapping) else laws
    return [law.id for law in items if law.checked is None or (today - law.checked).days > max_age_days]


# Status on a day -------------------------------------------------------------

def whole(change: LawChange) -> bool:
    return not change.articles


def status_on(law: Law, day: dt.date) -> str:
    """The text's status on `day`: the recorded one, moved on by later changes."""
    if day < law.effective:
        return NOT_YET_IN_FORCE
    known = bool(law.status and law.checked and day >= law.checked)
    status = law.status if known else IN_FORCE
    if status == NOT_YET_IN_FORCE:
        status = IN_FORCE  # its effective date has come
    for change in law.changes:
        if change.date > day or (known and change.date <= law.checked):
            continue
        if change.kind in (REPLACED, REPEALED):
            status = EXPIRED if whole(change) else (PARTLY_EXPIRED if status == IN_FORCE else status)
        elif change.kind == SUSPENDED and whole(change) and (change.until is None or day < change.until):
            status = SUSPENDED
        elif change.kind == SUSPENDED and status == SUSPENDED and change.until and day >= change.until:
            status = IN_FORCE
    return status


def ended_by(law: Law, day: dt.date) -> LawChange | None:
    """The change that ended the whole text on or before `day`, if one is recorded."""
    last = None
    for change in law.changes:
        if change.date <= day and whole(change) and change.kind in (REPLACED, REPEALED, SUSPENDED):
            last = change
    return last


def touches(change: LawChange, article: int | None) -> bool:
    """Whether the change concerns the article (None: the text as a whole)."""
    return whole(change) or article is None or article in change.articles


def article_changes(law: Law, article: int) -> list[LawChange]:
    """Every recorded change that concerns one article of the law, by date."""
    return [c for c in law.changes if c.articles and article in c.articles]


# What an explainer should know -----------------------------------------------

def law_concerns(explainer: Explainer, laws: Mapping[str, Law], today: dt.date) -> list[LawConcern]:
    """For each cited text (and article), what no longer holds as the explainer says, worst first."""
    out: list[LawConcern] = []
    review_base = explainer.reviewed or explainer.date
    for ref in explainer.laws:
        law = laws.get(ref.law_id)
        if law is not None:
            out.extend(_text_concerns(ref, law, today))
            out.extend(_article_concerns(ref, law, today, review_base))
    return sorted(out, key=lambda c: CONCERN_KINDS.index(c.kind))


def _text_concerns(ref: LawRef, law: Law, today: dt.date) -> list[LawConcern]:
    status = status_on(law, today)
    end = ended_by(law, today)
    since, by = (end.date, end.by or None) if end else (None, law.superseded_by or None)
    if status == EXPIRED:
        return [LawConcern("repealed", law.id, None, since, by, blocking=not ref.note)]
    if status == SUSPENDED:
        return [LawConcern("suspended", law.id, None, since, by)]
    if status == NOT_YET_IN_FORCE:
        return [LawConcern("not_yet_in_force", law.id, None, law.effective)]
    if status == PARTLY_EXPIRED and not ref.articles and not _explained(law, today):
        return [LawConcern("partly_repealed", law.id)]
    return []


def _explained(law: Law, day: dt.date) -> bool:
    """Whether a recorded change says which articles ended (else the status alone says "partly")."""
    return any(c.articles and c.kind in (REPLACED, REPEALED) and c.date <= day for c in law.changes)


def _article_concerns(ref: LawRef, law: Law, today: dt.date, review_base: dt.date) -> list[LawConcern]:
    out = []
    for article in ref.articles or (None,):
        for change in law.changes:
            if (whole(change) and change.kind != AMENDED) or not touches(change, article):
                continue  # a whole text ended or suspended is the text's concern, not an article's
            if change.kind == REPEALED and change.date <= today:
                out.append(LawConcern("partly_repealed", law.id, article, change.date, change.by or None))
            elif change.kind == SUSPENDED and change.date <= today and (change.until is None or today < change.until):
                out.append(LawConcern("suspended", law.id, article, change.date, change.by or None))
            elif change.kind in (AMENDED, REPLACED) and change.date > review_base:
                out.append(LawConcern("amended_after_review", law.id, article, change.date, change.by or None))
    return out
