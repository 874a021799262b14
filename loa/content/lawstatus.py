"""The status part of a laws.yml entry: `status`, `checked` and `changes`
in, valid values (or Problems) out.

An entry may say, beside its number and dates:

    status: Còn hiệu lực          # the national database's words, on `checked`
    checked: 2026-12-01           # when someone compared the entry with vbpl.vn
    changes:                      # later texts changing it, in any order
      - kind: amended             # amended | replaced | repealed | suspended
        by: luat-sua-doi-2025     # the changing text's id in laws.yml
        articles: [7, 9]          # none: the whole text
        date: 2025-07-01          # the day the change takes effect
        until: 2026-01-01         # a suspension's end, if known

The old `superseded_by: <id>` still works: it means the whole text was
replaced by that one, from the day the newer text took effect.

Status words are matched in Vietnamese whatever the site's language (the
database and laws.yml are Vietnamese), ignoring case and diacritics, so
"con hieu luc" is read as "Còn hiệu lực".
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any, Mapping

from loa.content.currency import CHANGE_KINDS, EXPIRED, IN_FORCE, NOT_YET_IN_FORCE, REPEALED, REPLACED, STATUSES
from loa.content.schema import suggest
from loa.core import dates
from loa.core.model import Law, LawChange, Problem
from loa.core.problems import problem
from loa.i18n import SOURCE_LANGUAGE, Messages, messages
from loa.text.folding import fold

FIELDS = ("status", "checked", "changes")
CHANGE_FIELDS = ("kind", "by", "articles", "date", "until")
MAX_CHANGES = 100


class _Entry:
    """Reads the status fields of one entry, remembering every problem."""

    def __init__(self, law_id: str, value: Mapping[str, Any], path: str, line: int,
                 problems: list[Problem], msgs: Messages) -> None:
        self.id, self.value, self.path, self.line = law_id, value, path, line
        self.problems, self.msgs = problems, msgs

    def add(self, code: str, **params: object) -> None:
        self.problems.append(problem(code, self.path, self.line, msgs=self.msgs, entry=self.id, **params))

    def day(self, raw: object, field: str) -> dt.date | None:
        try:
            day = dates.parse(raw, self.msgs)
        except dates.DateError as exc:
            self.problems.append(problem("LOA141", self.path, self.line, msgs=self.msgs, field=field,
                                         value=raw, detail=str(exc)))
            return None
        if day is None:
            self.problems.append(problem("LOA140", self.path, self.line, msgs=self.msgs, field=field, value=raw))
        return day

    def status(self) -> str:
        raw = self.value.get("status")
        if raw in (None, ""):
            return ""
        words = status_words()
        code = words.get(fold(" ".join(str(raw).split())).lower())
        if code is None:
            shown = [messages(SOURCE_LANGUAGE)(f"law.status.{c}") for c in STATUSES]
            self.add("LOA300", value=str(raw)[:60], statuses=", ".join(f'"{w}"' for w in shown))
            return ""
        return code

    def changes(self) -> tuple[LawChange, ...]:
        raw = self.value.get("changes")
        if raw is None:
            return ()
        if not isinstance(raw, list) or len(raw) > MAX_CHANGES:
            self.add("LOA305", position=1, detail=self.msgs("LOA305.not_list.detail", limit=MAX_CHANGES))
            return ()
        found = [self.change(i + 1, item) for i, item in enumerate(raw)]
        return tuple(sorted((c for c in found if c is not None), key=lambda c: c.date))

    def change(self, position: int, item: object) -> LawChange | None:
        def bad(key: str, **params: object) -> None:
            self.add("LOA305", position=position, detail=self.msgs(f"LOA305.{key}.detail", **params))

        if not isinstance(item, dict):
            return bad("not_mapping")
        unknown = [str(k) for k in item if k not in CHANGE_FIELDS]
        kind, by = item.get("kind"), item.get("by") or ""
        if unknown:
            return bad("field", field=unknown[0][:40], fields=", ".join(CHANGE_FIELDS))
        if kind not in CHANGE_KINDS:
            return bad("kind", value=str(kind)[:40], kinds=", ".join(CHANGE_KINDS))
        if "date" not in item:
            return bad("date")
        articles = item.get("articles") or []
        articles = articles if isinstance(articles, list) else [articles]
        if not all(isinstance(a, int) and not isinstance(a, bool) and 0 < a < 10_000 for a in articles):
            return bad("articles")
        if not isinstance(by, str):
            return bad("by")
        day = self.day(item["date"], f"changes[{position}].date")
        until = self.day(item["until"], f"changes[{position}].until") if item.get("until") is not None else None
        if day is None or (item.get("until") is not None and until is None):
            return None
        if kind != "suspended" and until is not None:
            return bad("until")
        return LawChange(kind, day, by.strip(), tuple(dict.fromkeys(articles)), until)


def status_words() -> dict[str, str]:
    """Folded database word -> status code."""
    say = messages(SOURCE_LANGUAGE)
    return {fold(say(f"law.status.{code}")).lower(): code for code in STATUSES}


def read(law: Law, value: Mapping[str, Any], path: str, line: int, problems: list[Problem],
         msgs: Messages | None = None) -> Law:
    """The law with its status fields, read from its laws.yml mapping."""
    r = _Entry(law.id, value, path, line, problems, msgs or messages())
    checked = r.day(value["checked"], "checked") if value.get("checked") not in (None, "") else None
    return replace(law, status=r.status(), checked=checked, changes=r.changes())


def link(laws: dict[str, Law], path: str, lines: Mapping[str, int], problems: list[Problem],
         msgs: Messages | None = None) -> dict[str, Law]:
    """Every entry checked against the others: the texts its changes name,
    dates in order, a status its own dates allow. `superseded_by` becomes a
    change, so the rest of Loa reads one form."""
    say = msgs or messages()
    out = {}
    for law in laws.values():
        r = _Entry(law.id, {}, path, lines.get(law.id, 1), problems, say)
        changes = _with_superseded(law, laws)
        for position, change in enumerate(changes, 1):
            if change.by and change.by not in laws:
                r.add("LOA301", law=change.by, hint=suggest(change.by, laws, say))
            elif change.kind == REPLACED and not change.articles and not change.by:
                r.add("LOA301", law="", hint=say("LOA301.no_by.hint"))
        _order(r, law, changes, laws)
        replaced = next((c.by for c in reversed(changes) if c.kind == REPLACED and not c.articles and c.by), "")
        out[law.id] = replace(law, changes=changes, superseded_by=law.superseded_by or replaced)
    return out


def _with_superseded(law: Law, laws: Mapping[str, Law]) -> tuple[LawChange, ...]:
    newer = laws.get(law.superseded_by) if law.superseded_by else None
    if newer is None or any(c.by == newer.id and not c.articles for c in law.changes):
        return law.changes
    return tuple(sorted(law.changes + (LawChange(REPLACED, newer.effective, newer.id),), key=lambda c: c.date))


def _order(r: _Entry, law: Law, changes: tuple[LawChange, ...], laws: Mapping[str, Law]) -> None:
    """Dates out of order, each with the two dates that disagree."""
    def late(first: str, a: dt.date, second: str, b: dt.date) -> None:
        r.add("LOA302", first=first, first_date=dates.vietnamese(a), second=second,
              second_date=dates.vietnamese(b))

    say = r.msgs
    if law.effective < law.issued:
        late("issued", law.issued, "effective", law.effective)
    if law.checked and law.checked < law.issued:
        late("issued", law.issued, "checked", law.checked)
    for position, c in enumerate(changes, 1):
        field = say("LOA302.change_date", position=position)
        if c.date < law.issued:
            late("issued", law.issued, field, c.date)
        by = laws.get(c.by)
        if by is not None and c.date < by.issued:
            late(say("LOA302.by_issued", law=by.id), by.issued, field, c.date)
        if c.until and c.until <= c.date:
            late(field, c.date, say("LOA302.change_until", position=position), c.until)
    _status_fits(r, law, changes)


def _status_fits(r: _Entry, law: Law, changes: tuple[LawChange, ...]) -> None:
    """A recorded status the entry's own dates contradict on the day it was checked."""
    if not (law.status and law.checked):
        return
    status_word = messages(SOURCE_LANGUAGE)(f"law.status.{law.status}")
    if law.status == NOT_YET_IN_FORCE and law.effective <= law.checked:
        r.add("LOA304", status=status_word, checked=dates.vietnamese(law.checked),
              detail=r.msgs("LOA304.effective.detail", effective=dates.vietnamese(law.effective)))
    ended = [c for c in changes if c.kind in (REPLACED, REPEALED) and not c.articles and c.date <= law.checked]
    if ended and law.status != EXPIRED:
        r.add("LOA304", status=status_word, checked=dates.vietnamese(law.checked),
              detail=r.msgs("LOA304.ended.detail", date=dates.vietnamese(ended[-1].date)))
    cut = [c for c in changes if c.kind == REPEALED and c.articles and c.date <= law.checked]
    if cut and law.status == IN_FORCE:
        r.add("LOA304", status=status_word, checked=dates.vietnamese(law.checked),
              detail=r.msgs("LOA304.cut.detail", articles=", ".join(map(str, cut[-1].articles)),
                            date=dates.vietnamese(cut[-1].date)))
