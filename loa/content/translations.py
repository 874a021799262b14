"""Which Khmer explainer translates which Vietnamese one (LOA801-804, LOA815).

A Khmer explainer (`lang: km`) may say `translates: <slug>` of the
Vietnamese explainer it translates; the two pages then link to each other.
Checked here once every explainer is read: the slug must name a Vietnamese
explainer, and one page has at most one Khmer translation.

A translation must carry its original's legal facts, and the original
changes: when the Vietnamese explainer was reviewed (or dated) after the
day the Khmer one was last dated or reviewed, the Khmer is older than what
it translates (LOA815, a warning: the translator compares the two and dates
the Khmer anew). Dates are what both files carry; an edit to the Vietnamese
that moves neither `date` nor `reviewed` is not seen.
"""
from __future__ import annotations

import datetime as dt
import difflib

from loa.core import dates
from loa.core.model import Explainer, Problem
from loa.core.problems import problem
from loa.i18n import Messages


def check(explainers: list[Explainer], msgs: Messages) -> tuple[list[Explainer], list[Problem]]:
    """The explainers, those with a wrong `translates` left out, and why."""
    by_slug = {e.slug: e for e in explainers}
    vietnamese = sorted(e.slug for e in explainers if e.lang == "vi")
    problems: list[Problem] = []
    wrong: set[str] = set()
    first: dict[str, Explainer] = {}
    for e in explainers:
        if not e.translates:
            continue
        line = e.line_of("translates")
        target = by_slug.get(e.translates)
        if e.lang != "km":
            problems.append(problem("LOA804", e.path, line, msgs=msgs, slug=e.translates))
        elif target is None:
            close = difflib.get_close_matches(e.translates, vietnamese, n=1, cutoff=0.5)
            hint = msgs("problems.suggest.did_you_mean", value=close[0]) if close else msgs("LOA801.no_match")
            problems.append(problem("LOA801", e.path, line, msgs=msgs, slug=e.translates, suggestion=hint))
        elif target.lang != "vi":
            problems.append(problem("LOA802", e.path, line, msgs=msgs, slug=e.translates, other=target.path))
        elif e.translates in first:
            other = first[e.translates]
            problems.append(problem("LOA803", e.path, line, msgs=msgs, slug=e.translates, other=other.path))
            problems.append(problem("LOA803", other.path, other.line_of("translates"), msgs=msgs,
                                    slug=e.translates, other=e.path))
            wrong.update((e.slug, other.slug))
            continue
        else:
            first[e.translates] = e
            problems += stale(e, target, msgs)
            continue
        wrong.add(e.slug)
    return [e for e in explainers if e.slug not in wrong], problems


def as_of(e: Explainer) -> dt.date:
    """The last day a text is known to have been written or checked."""
    return max(e.date, e.reviewed or e.date)


def stale(translation: Explainer, original: Explainer, msgs: Messages) -> list[Problem]:
    """LOA815 when `original` was dated or reviewed after `translation`."""
    mine, theirs = as_of(translation), as_of(original)
    if theirs <= mine:
        return []
    return [problem("LOA815", translation.path, translation.line_of("translates"), msgs=msgs,
                    original=original.path, changed=dates.vietnamese(theirs, msgs), mine=dates.vietnamese(mine, msgs),
                    day=theirs.isoformat())]


# The words a Khmer page can show: the site's, the posts', the law notes'
# and feeds' and a withdrawn page's. Problem, command-line, report and
# review-list words are for authors and staff, who read Vietnamese.
PAGE_WORDS = ("site.", "posts.", "law.", "feeds.", "review.withdrawn.")


def missing_words(lang: str) -> list[str]:
    """Interface keys a page needs that the language's catalogue lacks."""
    return [k for k in Messages(lang).missing() if k.startswith(PAGE_WORDS)]


def words_problems(explainers: list[Explainer], msgs: Messages) -> list[Problem]:
    """LOA805 when a language has pages but not all their words: a page
    must never fall back to Vietnamese. Checked before anything is planned."""
    found = []
    for lang in sorted({e.lang for e in explainers} - {"vi"}):
        missing = missing_words(lang)
        if missing:
            where = f"loa/i18n/{lang}/{missing[0].split('.', 1)[0]}.po"
            found.append(problem("LOA805", where, 0, msgs=msgs, count=len(missing),
                                 keys=", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")))
    return found


def pairs(explainers) -> dict[str, Explainer]:
    """slug -> the page in the other language, both ways."""
    by_slug = {e.slug: e for e in explainers}
    out: dict[str, Explainer] = {}
    for e in explainers:
        target = by_slug.get(e.translates) if e.translates else None
        if target is not None:
            out[e.slug], out[target.slug] = target, e
    return out


def named(found: Explainer | None, name: str, msgs: Messages) -> tuple[Explainer | None, list[Problem]]:
    """A Khmer explainer whose file name is written in Khmer takes its
    address from the page it translates (`<slug>-km`, so km/<slug>/):
    slugify would spell Khmer letters as unreadable Latin."""
    from dataclasses import replace

    from loa.text.khmer import has_khmer

    if found is None or found.lang != "km" or not has_khmer(name):
        return found, []
    if not found.translates:
        return None, [problem("LOA806", found.path, 0, msgs=msgs)]
    return replace(found, slug=found.translates + "-km"), []
