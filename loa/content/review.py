"""What staff should look at again, worst first: the review list behind
`loa review`, the /ra-soat/ page and the currency warnings of `loa check`.

Pure: a valid Catalog, the Settings and a day in, Items (each carrying the
Problem that says it) out. Whether a cited text still holds is decided in
`currency.py`, which the explainer pages ask too, so a reader, an author
and a staff member are told the same thing. Worst first means:

1. an explainer relying on a repealed text with no note on its page: it
   gets no post until fixed (`blocking`);
2. a cited text (or article) no longer fully in force, or amended after
   the explainer's last review;
3. a review past its due date, longest overdue first;
4. an outdated word ("UBND huyện") in the text;
5. a law entry nobody has compared with the national database for longer
   than `law_check_days`, never-checked and oldest first.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from loa.content import currency, lawcheck, outdated, withdrawal
from loa.core import dates, urls
from loa.core.model import Catalog, Explainer, Law, Problem, Settings
from loa.core.problems import problem
from loa.i18n import Messages, messages

KINDS = ("blocking", "law_changed", "overdue", "outdated_word", "law_unchecked")
# What a reader is no longer told right: a text not yet in force is shown
# with its starting day on the page and needs no review.
LISTED_CONCERNS = ("repealed", "partly_repealed", "suspended", "amended_after_review")
_ENTRY = re.compile(r"^([a-z0-9][a-z0-9-]*):", re.M)


@dataclass(frozen=True)
class Item:
    """One thing on the review list."""

    kind: str  # one of KINDS
    problem: Problem  # where, and what to do, in the staff's words
    subject: str  # the explainer's slug, or the law's id
    title: str  # the explainer's title, or the law's label
    url: str  # site-relative page of the subject
    weight: int = 0  # within a kind, larger is worse (days overdue, days unchecked)

    @property
    def blocking(self) -> bool:
        return self.kind == "blocking"


def law_lines(root: Path, content_dir: str) -> dict[str, int]:
    """The line of each entry of laws.yml, so a message can point at it."""
    try:
        text = (root / content_dir / "laws.yml").read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}  # the catalogue has already said why
    return {m.group(1): text.count("\n", 0, m.start()) + 1 for m in _ENTRY.finditer(text)}


def blocking(e: Explainer, laws: Mapping[str, Law], today: dt.date) -> list[currency.LawConcern]:
    """Why `e` may not go out as a post today (withdrawn explainers never do)."""
    return [c for c in currency.law_concerns(e, laws, today) if c.blocking]


def no_post_reason(e: Explainer, laws: Mapping[str, Law], today: dt.date, msgs: Messages | None = None) -> str:
    """In the staff's words, why `e` gets no post; "" when it may have one."""
    say = msgs or messages()
    if e.is_withdrawn(today):
        return say("review.no_post.withdrawn", date=dates.vietnamese(e.withdrawn.date))
    concerns = blocking(e, laws, today)
    if concerns:
        return say("review.no_post.repealed", law=lawcheck.label(laws[concerns[0].law_id], say))
    return ""


def explainer_items(e: Explainer, catalog: Catalog, settings: Settings, today: dt.date,
                    msgs: Messages, matcher: outdated.Matcher | None = None) -> list[Item]:
    """Everything about one explainer that needs another look."""
    url = urls.page_of(e)  # a Khmer explainer lives under km/ (issue 11)
    found = [Item("blocking" if c.blocking else "law_changed", lawcheck.concern_problem(e, c, catalog.laws, msgs),
                  e.slug, e.title, url)
             for c in currency.law_concerns(e, catalog.laws, today) if c.kind in LISTED_CONCERNS]
    late = overdue_item(e, settings, today, msgs)
    found += [late] if late else []
    matcher = matcher or outdated.Matcher(catalog.outdated)
    found += [Item("outdated_word", outdated.use_problem(e, u, msgs), e.slug, e.title, url)
              for u in outdated.uses(e, matcher, today)] if matcher.first else []
    return found


def overdue_item(e: Explainer, settings: Settings, today: dt.date, msgs: Messages) -> Item | None:
    """The overdue review of `e`, in the words `loa check` uses for it."""
    if not currency.overdue(e, settings, today):
        return None
    days = (today - currency.review_due(e, settings)).days
    late = [p for p in lawcheck.review_problems(e, settings, today, msgs) if p.code == "LOA310"]
    return Item("overdue", late[0], e.slug, e.title, urls.page_of(e), days) if late else None


def law_items(catalog: Catalog, settings: Settings, today: dt.date, msgs: Messages,
              lines: Mapping[str, int], path: str) -> list[Item]:
    out = []
    for law_id in currency.unchecked_laws(catalog.laws, today, settings.law_check_days):
        law = catalog.laws[law_id]
        if law.checked is None:
            how, weight = msgs("review.unchecked.never"), 10 ** 6  # never compared: worse than any age
        else:
            weight = (today - law.checked).days
            how = msgs("review.unchecked.since", date=dates.vietnamese(law.checked), days=weight)
        p = problem("LOA353", path, lines.get(law_id, 1), msgs=msgs, law=lawcheck.label(law, msgs), how=how,
                    entry=law_id, today=today.isoformat())
        out.append(Item("law_unchecked", p, law_id, lawcheck.label(law, msgs), urls.law(law_id), weight))
    return out


def items(catalog: Catalog, settings: Settings, today: dt.date, msgs: Messages | None = None,
          law_line: Mapping[str, int] | None = None) -> list[Item]:
    """The whole review list, worst first."""
    say = msgs or messages()
    matcher = outdated.Matcher(catalog.outdated)
    live = [e for e in catalog.published(today) if not e.is_withdrawn(today)]
    found = [i for e in live for i in explainer_items(e, catalog, settings, today, say, matcher)]
    found += law_items(catalog, settings, today, say, law_line or {}, f"{settings.content_dir}/laws.yml")
    return sorted(found, key=rank)


def rank(item: Item) -> tuple:
    p = item.problem
    return KINDS.index(item.kind), -item.weight, p.path, p.line, p.code, p.message


def check_problems(catalog: Catalog, today: dt.date, msgs: Messages | None = None,
                   cache: dict | None = None) -> list[Problem]:
    """What `loa check` adds: withdrawals and their replacements, outdated
    words and `historical` marks. (Overdue reviews and changed texts are
    lawcheck.py's; law entries left unchecked are on the review list only:
    they are the staff's task, not an author's.) `cache`: a preview's, see
    outdated.problems."""
    say = msgs or messages()
    current = [e for e in catalog.explainers if not e.is_withdrawn(today)]
    return (withdrawal.problems(catalog.explainers, today, say)
            + withdrawal.links_to_withdrawn(catalog.explainers, today, say)
            + outdated.problems(current, catalog.outdated, today, say, cache))
