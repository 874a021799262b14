"""The search thesaurus: content/thesaurus.yml, readers' words -> the words
explainers use.

Readers ask "bỏ chồng thì con ở với ai", the law says "ly hôn". The
propagandists know the words their readers use, so the list is theirs:

    ly-hon:
      words: [ly hôn]                       # what the explainers say
      readers: [bỏ chồng, bỏ vợ, bỏ nhau, ly dị]
    chia-tay:
      same_as: ly-hon                       # more readers' words for an entry
      readers: [chia tay chồng]

When a search holds a reader's phrase, the entry's words are searched too,
weighing less than the reader's own (loa/outputs/search.py, search.js).
Checked here, every problem with its line: a same_as naming no entry, a
same_as chain that comes back to itself, a reader's phrase written twice
(in one entry or two), an entry with neither or both of words and same_as.
The file is bounded like every registry, and the phrases are few and short
because they travel to the browser with the first search. Optional: a
project without it searches the readers' words alone.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from loa.content import registries
from loa.content.schema import suggest
from loa.core.model import Problem, ThesaurusEntry
from loa.core.problems import problem
from loa.i18n import Messages, messages
from loa.text.folding import words as folded_words

NAME = "thesaurus.yml"
MAX_ENTRIES = 1_000
MAX_PHRASES = 40  # readers' phrases, or words, of one entry
MAX_SYLLABLES = 8  # a phrase is a few words, not a sentence
MAX_CHARS = 80


def load(root: Path, content: Path, problems: list[Problem], msgs: Messages | None = None) -> tuple[ThesaurusEntry, ...]:
    say = msgs or messages()
    read = registries.optional(root, content, NAME, problems, say)
    if read is None:
        return ()
    rel, doc = read
    raw = []
    for key, value, line in registries.entries(doc, rel, problems, say):
        if len(raw) == MAX_ENTRIES:
            problems.append(problem("LOA625", rel, line, msgs=say, limit=MAX_ENTRIES))
            break
        entry = _entry(key, value, line, rel, problems, say)
        if entry is not None:
            raw.append(entry)
    return _resolve(raw, rel, problems, say)


def _phrases(key: str, field: str, value: Any, line: int, rel: str, problems: list[Problem],
             msgs: Messages) -> tuple[str, ...] | None:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or len(items) > MAX_PHRASES:
        problems.append(problem("LOA624", rel, line, msgs=msgs, entry=key, field=field, limit=MAX_PHRASES))
        return None
    out = []
    for item in items:
        text = " ".join(str(item).split()) if isinstance(item, (str, int)) else ""
        if not text or len(text) > MAX_CHARS or not 0 < len(folded_words(text)) <= MAX_SYLLABLES:
            problems.append(problem("LOA624", rel, line, msgs=msgs, entry=key, field=field, limit=MAX_PHRASES))
            return None
        out.append(text)
    return tuple(out)


def _entry(key: str, value: dict, line: int, rel: str, problems: list[Problem], msgs: Messages):
    """(key, words or None, same_as or None, readers, line), or None."""
    has_words, has_same = "words" in value, "same_as" in value
    if has_words == has_same or "readers" not in value:
        problems.append(problem("LOA623", rel, line, msgs=msgs, entry=key))
        return None
    readers = _phrases(key, "readers", value["readers"], line, rel, problems, msgs)
    words = _phrases(key, "words", value["words"], line, rel, problems, msgs) if has_words else None
    if readers is None or (has_words and words is None):
        return None
    return key, words, str(value["same_as"]) if has_same else None, readers, line


def _target(key: str, by_key: dict, rel: str, line: int, problems: list[Problem], msgs: Messages):
    """The words an entry stands for, following same_as; None on a problem."""
    chain = [key]
    while by_key[chain[-1]][1] is None:
        target = by_key[chain[-1]][2]
        if target not in by_key:
            problems.append(problem("LOA620", rel, line, msgs=msgs, entry=key, target=target,
                                    suggestion=suggest(target, by_key, msgs)))
            return None
        if target in chain:
            problems.append(problem("LOA621", rel, line, msgs=msgs, entry=key, chain=" → ".join(chain + [target])))
            return None
        chain.append(target)
    return by_key[chain[-1]][1]


def _resolve(raw: list, rel: str, problems: list[Problem], msgs: Messages) -> tuple[ThesaurusEntry, ...]:
    by_key = {e[0]: e for e in raw}
    seen: dict[str, tuple[str, int]] = {}  # folded reader's phrase -> (entry, line)
    out = []
    for key, _words, _same, readers, line in raw:
        words = _target(key, by_key, rel, line, problems, msgs)
        unique = []
        for phrase in readers:
            folded = " ".join(f"{f}/{m}" for f, m in folded_words(phrase))
            if folded in seen:
                other, other_line = seen[folded]
                problems.append(problem("LOA622", rel, line, msgs=msgs, entry=key, phrase=phrase,
                                        other=other, other_line=other_line))
                continue
            seen[folded] = (key, line)
            unique.append(phrase)
        if words is not None and unique:
            out.append(ThesaurusEntry(key, words, tuple(unique), line))
    return tuple(out)
