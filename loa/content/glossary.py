"""The glossary content/glossary.yml: legal terms, what they mean, and the
article of law behind each (issue 15).

    giam-ho:
      term: giám hộ
      variants: [người giám hộ]
      definition: Việc một người hay tổ chức được luật giao ... (at most 220 letters)
      law: bo-luat-dan-su-2015
      article: 46

Terms are compared as search folds them, without losing a word's marks
(folding.py: case, NFD and the tone's place, "hoà"/"hòa", do not make two
terms), so a term, or a variant, that equals another is refused: the page
could not say which definition a reader meant. The registry is optional;
it is read and bounded like the other registries (registries.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import Mapping

from loa.content import registries
from loa.content.schema import suggest
from loa.core.model import GlossaryTerm, Law, Problem
from loa.core.problems import problem
from loa.i18n import Messages, messages
from loa.text.folding import words as folded_words

NAME = "glossary" + ".yml"  # two parts: the catalogue test reads "glossary.…" as a message key
FIELDS = ("term", "variants", "definition", "law", "article")
DEFINITION_MAX = 220  # a popup a phone shows whole, without scrolling
TERM_MAX = 80
MAX_VARIANTS = 10
MAX_ENTRIES = 500  # every spelling is looked for in every explainer body


def key(text: str) -> tuple[tuple[str, str], ...]:
    """How a spelling is compared: its words, each folded with its marks."""
    return tuple(folded_words(text))


def load(root: Path, content: Path, problems: list[Problem], laws: Mapping[str, Law],
         msgs: Messages | None = None) -> tuple[GlossaryTerm, ...]:
    say = msgs or messages()
    read = registries.optional(root, content, NAME, problems, say)
    if read is None:
        return ()
    rel, doc = read
    found: list[tuple[GlossaryTerm, bool]] = []
    for entry_id, value, line in registries.entries(doc, rel, problems, say)[:MAX_ENTRIES]:
        term = _entry(entry_id, value, line, rel, laws, problems, say)
        if term is not None:
            found.append(term)
    # Spellings are compared across every entry, a faulty one too: all problems at once.
    unique = {t.id for t in _unique([t for t, _ in found], rel, problems, say)}
    return tuple(t for t, ok in found if ok and t.id in unique)


def _entry(entry_id: str, value: dict, line: int, path: str, laws: Mapping[str, Law],
           problems: list[Problem], say: Messages) -> tuple[GlossaryTerm, bool] | None:
    """The entry, and whether it is free of problems; None when its spellings
    cannot even be compared."""
    def bad(detail: str) -> None:
        problems.append(problem("LOA440", path, line, msgs=say, entry=entry_id, detail=detail))

    before = len(problems)
    for field in value:
        if field not in FIELDS:
            bad(say("LOA440.unknown", field=str(field)[:60]))
    for field in ("term", "definition"):
        if not isinstance(value.get(field), str) or not value[field].strip():
            bad(say("LOA440.missing", field=field))
    raw = value.get("variants") or []
    variants = raw if isinstance(raw, list) else [raw]
    spellings = [value.get("term")] + variants
    if not all(isinstance(s, str) and key(s) for s in spellings if s is not None):
        bad(say("LOA440.spelling"))
    elif len(variants) > MAX_VARIANTS or any(len(s) > TERM_MAX for s in spellings if s):
        bad(say("LOA440.spelling_long", most=MAX_VARIANTS, longest=TERM_MAX))
    definition = " ".join(str(value.get("definition") or "").split())
    if len(definition) > DEFINITION_MAX:
        problems.append(problem("LOA442", path, line, msgs=say, entry=entry_id, length=len(definition),
                                limit=DEFINITION_MAX, over=len(definition) - DEFINITION_MAX))
    law_id, article = _source(entry_id, value, line, path, laws, problems, say)
    if not all(isinstance(s, str) and key(s) for s in spellings):
        return None
    return GlossaryTerm(entry_id, " ".join(value["term"].split()), tuple(" ".join(v.split()) for v in variants),
                        definition, law_id, article, line), len(problems) == before


def _source(entry_id: str, value: dict, line: int, path: str, laws: Mapping[str, Law],
            problems: list[Problem], say: Messages) -> tuple[str, int | None]:
    """The law and article behind a term; both optional, an article only with a law."""
    law_id = value.get("law")
    article = value.get("article")
    if law_id in (None, ""):
        if article not in (None, ""):
            problems.append(problem("LOA444", path, line, msgs=say, entry=entry_id, article=article))
        return "", None
    law_id = str(law_id).strip()
    if law_id not in laws:
        problems.append(problem("LOA443", path, line, msgs=say, entry=entry_id, law=law_id[:100],
                                hint=suggest(law_id, laws, say)))
    if article in (None, ""):
        return law_id, None
    if isinstance(article, bool) or not isinstance(article, int) or article < 1:
        problems.append(problem("LOA444", path, line, msgs=say, entry=entry_id, article=str(article)[:40]))
        return law_id, None
    return law_id, article


def _unique(terms: list[GlossaryTerm], path: str, problems: list[Problem],
            say: Messages) -> tuple[GlossaryTerm, ...]:
    """Every spelling belongs to one term: the first entry keeps it."""
    owner: dict[tuple, GlossaryTerm] = {}
    kept = []
    for term in terms:
        clash = next(((s, owner[key(s)]) for s in (term.term, *term.variants) if key(s) in owner), None)
        mine = [key(s) for s in (term.term, *term.variants)]
        if clash is None and len(set(mine)) < len(mine):
            clash = (next(s for s in term.variants if mine.count(key(s)) > 1), term)
        if clash is not None:
            spelling, other = clash
            problems.append(problem("LOA441", path, term.line, msgs=say, entry=term.id, spelling=spelling,
                                    other=other.id, other_line=other.line))
            continue
        owner.update({k: term for k in mine})
        kept.append(term)
    return tuple(kept)
