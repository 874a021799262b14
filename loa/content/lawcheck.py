"""What `loa check` says about legal currency on the build's day: reviews
overdue, cited texts that no longer hold as an explainer says, review
periods longer than the site's, law entries checked "in the future".

The answers come from loa/content/currency.py; this module only turns them
into Problems with a file and a line. It needs the settings and today, so
the pipeline calls it after the catalogue is read.
"""
from __future__ import annotations

import datetime as dt
from typing import Mapping

from loa.content import currency
from loa.core import dates
from loa.core.model import Catalog, Explainer, Law, Problem, Settings
from loa.core.problems import problem
from loa.i18n import Messages, messages


def problems(catalog: Catalog, settings: Settings, today: dt.date, laws_path: str,
             msgs: Messages | None = None) -> list[Problem]:
    say = msgs or messages()
    found = [problem("LOA303", laws_path, 1, msgs=say, entry=law.id, checked=dates.vietnamese(law.checked),
                     today=dates.vietnamese(today))
             for law in catalog.laws.values() if law.checked and law.checked > today]
    for e in catalog.explainers:
        if e.draft or e.is_withdrawn(today):
            continue  # nobody reads a draft; a withdrawn explainer is not reviewed, it is replaced
        found += review_problems(e, settings, today, say)
        # A text not yet in force is news, not a mistake; a repealed one cited
        # with a note on the page is cited on purpose (the review list still
        # names it, see concern_problem).
        found += [concern_problem(e, c, catalog.laws, say) for c in currency.law_concerns(e, catalog.laws, today)
                  if c.kind != "not_yet_in_force" and (c.kind != "repealed" or c.blocking)]
    return found


def label(law: Law, msgs: Messages) -> str:
    return msgs("site.law.label", title=law.title, number=law.number)


def review_problems(e: Explainer, settings: Settings, today: dt.date, say: Messages) -> list[Problem]:
    """LOA311 (a period longer than the site's) and LOA310 (review overdue) for one explainer."""
    out = []
    if e.review_months and e.review_months > settings.review_months:
        out.append(problem("LOA311", e.path, e.line_of("review_months"), msgs=say, months=e.review_months,
                           limit=settings.review_months))
    if currency.overdue(e, settings, today):
        last = (say("LOA310.last_reviewed", date=dates.vietnamese(e.reviewed)) if e.reviewed
                else say("LOA310.last_published", date=dates.vietnamese(e.date)))
        out.append(problem("LOA310", e.path, e.line_of("reviewed" if e.reviewed else "date"), msgs=say,
                           due=dates.vietnamese(currency.review_due(e, settings)), last=last))
    return out


def concern_problem(e: Explainer, c: currency.LawConcern, laws: Mapping[str, Law], say: Messages) -> Problem:
    """One cited text's concern in the words `loa check` and `loa review` share.

    LOA312 says the explainer gets no post, so only a blocking concern gets
    it; a repealed text cited with a note (the note lifts the block) is
    LOA314, "nay đã hết hiệu lực".
    """
    law = laws[c.law_id]
    line = e.line_of("laws")
    article = say("law.article", article=c.article) + " " if c.article else ""
    by = label(laws[c.by], say) if c.by in laws else say("law.by_unregistered")
    if c.kind == "repealed" and not c.blocking:
        return problem("LOA314", e.path, line, msgs=say, what=article + label(law, say),
                       state=say("LOA314.state.repealed_noted"))
    if c.kind == "repealed":
        since = say("law.since", date=dates.vietnamese(c.since)) if c.since else ""
        replacement = say("law.replaced_by", law=by) if c.by else ""
        return problem("LOA312", e.path, line, msgs=say, law=label(law, say), since=since, replacement=replacement)
    if c.kind == "amended_after_review":
        return problem("LOA313", e.path, line, msgs=say, article=article, law=label(law, say), by=by,
                       since=dates.vietnamese(c.since), reviewed=dates.vietnamese(e.reviewed or e.date))
    state = "partly_text" if c.kind == "partly_repealed" and not c.article else c.kind
    return problem("LOA314", e.path, line, msgs=say, what=article + label(law, say),
                   state=say(f"LOA314.state.{state}"))
