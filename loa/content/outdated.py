"""Words that went out of date: content/outdated-words.yml, and their uses
in explainers.

Laws are not the only thing that ages: in 2025 provinces were merged and
the district level removed, so "UBND huyện" misleads a reader even where
no cited law changed. The registry lists such words, each with the day
from which it is outdated, why (with the number of the text that changed
it) and what to write instead:

    uy-ban-nhan-dan-huyen:
      words: [UBND huyện, UBND cấp huyện]
      since: 2025-07-01
      number: 72/2025/QH15
      reason: Luật Tổ chức chính quyền địa phương 2025 ...
      instead: UBND xã, phường

Matching is folded, word by word, the way search folds (folding.py): case,
NFD and the tone's place ("hoà"/"hòa") never hide a use, and a word typed
without marks still matches; a word typed with other marks is another word.
An author who names an old unit on purpose lists it in the explainer's
`historical:` field. The registry is optional: a project without it has
nothing to check.

Khmer explainers are read too, but folding finds no Khmer words: only a name
they quote in Vietnamese spelling matches. A Khmer rendering of an outdated
name is reached through the Vietnamese original (translations.stale, LOA815).
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from loa.content import registries
from loa.core import dates
from loa.core.model import Explainer, OutdatedWord, Problem
from loa.core.problems import problem
from loa.i18n import Messages, messages
from loa.text.folding import fold_table, words as folded_words



NAME = "outdated-words.yml"
FIELDS = ("words", "since", "number", "reason", "instead")
MAX_ENTRIES = 500  # every phrase is looked for on every line of every explainer
MAX_WORDS = 20  # spellings of one entry
TEXT_MAX = {"reason": 500, "instead": 300, "number": 60}
WORD_MAX = 100
# A link's target is not text a reader sees: "(../ubnd-huyen.md)" is no use of "UBND huyện".
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")


@dataclass(frozen=True)
class Use:
    """One place an explainer uses an outdated word."""

    entry: OutdatedWord
    word: str  # the registry's spelling that matched
    line: int  # in the explainer's file


def load(root: Path, content: Path, problems: list[Problem], msgs: Messages | None = None) -> tuple[OutdatedWord, ...]:
    say = msgs or messages()
    read = registries.optional(root, content, NAME, problems, say)
    if read is None:
        return ()
    rel, doc = read
    out = []
    for key, value, line in registries.entries(doc, rel, problems, say):
        if len(out) == MAX_ENTRIES:
            problems.append(problem("LOA340", rel, line, msgs=say, entry=key,
                                    detail=say("LOA340.too_many", limit=MAX_ENTRIES)))
            break
        entry = _entry(key, value, line, rel, problems, say)
        if entry is not None:
            out.append(entry)
    return tuple(out)


def _entry(key: str, value: dict, line: int, path: str, problems: list[Problem], say: Messages) -> OutdatedWord | None:
    def bad(detail: str) -> None:
        problems.append(problem("LOA340", path, line, msgs=say, entry=key, detail=detail))

    before = len(problems)
    for field in FIELDS:
        if value.get(field) in (None, "", []):
            bad(say("LOA340.missing", field=field))
    for field in value:
        if field not in FIELDS:
            bad(say("LOA340.unknown", field=str(field)[:60]))
    raw = value.get("words")
    spellings = raw if isinstance(raw, list) else [raw] if raw else []
    if not all(isinstance(w, str) and folded_words(w) for w in spellings):
        bad(say("LOA340.words"))
    elif len(spellings) > MAX_WORDS or any(len(w) > WORD_MAX for w in spellings):
        bad(say("LOA340.words_long", most=MAX_WORDS, longest=WORD_MAX))
    for field, limit in TEXT_MAX.items():
        text = value.get(field)
        if text is not None and (not isinstance(text, (str, int)) or isinstance(text, bool)):
            bad(say("LOA340.not_text", field=field))
        elif text is not None and len(str(text)) > limit:
            problems.append(problem("LOA175", path, line, msgs=say, entry=key, field=field,
                                    length=len(str(text)), limit=limit))
    since = _since(value.get("since"), bad, say)
    if len(problems) > before or since is None:
        return None
    return OutdatedWord(key, tuple(" ".join(w.split()) for w in spellings), since,
                        " ".join(str(value["reason"]).split()), str(value["number"]).strip(),
                        " ".join(str(value["instead"]).split()), line)


def _since(raw: object, bad, say: Messages) -> dt.date | None:
    if raw in (None, ""):
        return None
    try:
        day = dates.parse(raw, say)
    except dates.DateError as exc:
        bad(str(exc))
        return None
    if day is None:
        bad(say("LOA340.since", value=str(raw)[:60]))
    return day


# Finding uses -------------------------------------------------------------------

class Matcher:
    """Every entry's spellings, as folded words, indexed by their first word."""

    def __init__(self, entries: Sequence[OutdatedWord]) -> None:
        self.first: dict[str, list[tuple[tuple[tuple[str, str], ...], OutdatedWord, str]]] = {}
        for entry in entries:
            for spelling in entry.words:
                ws = tuple(folded_words(spelling))
                if ws:
                    self.first.setdefault(ws[0][0], []).append((ws, entry, spelling))

        # A quick first pass over the raw text: each phrase as one pattern,
        # every letter a class of all the ways to write it (case, marks, NFD),
        # words apart by anything but letters and newlines. One regex run in C
        # finds the lines worth reading word by word; most have none.
        patterns = sorted({_pattern(phrase) for group in self.first.values() for phrase, _, _ in group},
                          key=len, reverse=True)
        self._key = re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)") if patterns else None

    def lines_to_read(self, text: str) -> set[int]:
        """Indexes of the lines of `text` that may hold a phrase."""
        if self._key is None:
            return set()
        found, line, pos = set(), 0, 0
        for m in self._key.finditer(text):
            line += text.count("\n", pos, m.start())
            pos = m.start()
            found.add(line)
        return found

    def in_line(self, text: str) -> Iterator[tuple[OutdatedWord, str]]:
        """Each phrase found, the longest where two overlap: "Tòa án nhân dân
        cấp huyện" is one thing to fix, not also a "cấp huyện"."""
        ws = folded_words(_LINK_TARGET.sub("]", text)) if text else []
        found = [(i, i + len(phrase), entry, spelling) for i, (folded, _) in enumerate(ws)
                 for phrase, entry, spelling in self.first.get(folded, ()) if _same(ws[i:i + len(phrase)], phrase)]
        for start, end, entry, spelling in found:
            if not any(s <= start and end <= e and e - s > end - start and other is not entry
                       for s, e, other, _ in found):
                yield entry, spelling


_MARKS = "[\u0300-\u036f]*"


@functools.cache
def _letters() -> dict[str, str]:
    """Each folded letter -> a regex class of every character that folds to it."""
    ways: dict[str, set[str]] = {}
    for ch, (folded, _, _) in fold_table().items():
        if len(folded) == 1:
            ways.setdefault(folded, set()).add(ch)
    return {f: "[" + "".join(sorted(re.escape(c) for c in chars | {f})) + "]" + _MARKS for f, chars in ways.items()}


def _pattern(phrase: tuple[tuple[str, str], ...]) -> str:
    letters = _letters()
    return r"[^\w\n]+".join("".join(letters.get(c, re.escape(c)) for c in word) for word, _ in phrase)


def _same(found: list[tuple[str, str]], phrase: tuple[tuple[str, str], ...]) -> bool:
    """Word by word: the same folded word, typed with the same marks or none."""
    return len(found) == len(phrase) and all(
        f == p and (not fm or fm == pm) for (f, fm), (p, pm) in zip(found, phrase))


def lines_of(e: Explainer, matcher: Matcher | None = None) -> Iterator[tuple[int, str]]:
    """The text a reader sees, with its line in the file: title, summary, body
    (with a matcher, only the lines its quick pass finds)."""
    for key, text in (("title", e.title), ("summary", e.summary)):
        if matcher is None or matcher.lines_to_read(text):
            yield e.line_of(key), text
    lines = e.body.split("\n")
    wanted = range(len(lines)) if matcher is None else sorted(matcher.lines_to_read(e.body))
    for i in wanted:
        yield e.body_line + i, lines[i]


def uses(e: Explainer, matcher: Matcher, today: dt.date) -> list[Use]:
    """Each outdated word in `e` once per line, leaving out what `historical` names."""
    kept = _historical_entries(e, matcher)
    found: dict[tuple[str, int], Use] = {}
    for number, text in lines_of(e, matcher):
        for entry, spelling in matcher.in_line(text):
            if entry.since <= today and entry.id not in kept:
                found.setdefault((entry.id, number), Use(entry, spelling, number))
    return sorted(found.values(), key=lambda u: (u.line, u.entry.id))


def _historical_entries(e: Explainer, matcher: Matcher) -> set[str]:
    return {entry.id for value in e.historical for entry in _entries_named(value, matcher)}


def _entries_named(value: str, matcher: Matcher) -> list[OutdatedWord]:
    """The entries one `historical` value stands for: by a spelling or by id."""
    wanted = tuple(f for f, _ in folded_words(value))
    return [entry for candidates in matcher.first.values() for phrase, entry, _ in candidates
            if tuple(f for f, _ in phrase) == wanted or entry.id == value.strip()]


def problems(explainers: Iterable[Explainer], entries: Sequence[OutdatedWord], today: dt.date,
             msgs: Messages | None = None, cache: dict | None = None) -> list[Problem]:
    """LOA341 for each use; LOA342 for a `historical` mark that marks nothing.

    `cache` (a preview's, kept between rebuilds) holds each explainer's
    problems by its value, the registry and the day: a save re-reads only the
    explainers that changed (4,242 take about a second to read)."""
    say = msgs or messages()
    matcher = Matcher(entries)
    found, kept = [], {}
    for e in explainers:
        key = (e, tuple(entries), today, say.lang)
        mine = cache.get(key) if cache is not None else None
        if mine is None:
            mine = [use_problem(e, u, say) for u in uses(e, matcher, today)] if matcher.first else []
            mine += _stale_marks(e, matcher, today, say)
        kept[key] = mine
        found += mine
    if cache is not None:
        cache.clear()  # only this build's explainers: edited and deleted ones drop out
        cache.update(kept)
    return found


def use_problem(e: Explainer, u: Use, msgs: Messages) -> Problem:
    return problem("LOA341", e.path, u.line, msgs=msgs, word=u.word, since=dates.vietnamese(u.entry.since),
                   reason=u.entry.reason, number=u.entry.number, instead=u.entry.instead)


def _stale_marks(e: Explainer, matcher: Matcher, today: dt.date, say: Messages) -> list[Problem]:
    if not e.historical:
        return []
    used = {entry.id for _, text in lines_of(e, matcher) for entry, _ in matcher.in_line(text)}
    out = []
    for value in e.historical:
        named = _entries_named(value, matcher)
        if not named:
            why = say("LOA342.unknown")
        elif not any(x.id in used for x in named):
            why = say("LOA342.unused")
        else:
            continue
        out.append(problem("LOA342", e.path, e.line_of("historical"), msgs=say, word=value, why=why))
    return out
