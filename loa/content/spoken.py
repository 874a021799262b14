"""content/spoken-words.yml: how a loudspeaker script writes out what is
read differently from how it is written (issue 15).

    words:                    # abbreviations and signs: written -> spoken
      UBND: Ủy ban nhân dân
      "%": phần trăm
    documents:                # the issuer part of a number such as 35/2013/QH13
      QH: Quốc hội khóa {n}   # {n}: the digits after the letters, read out
      NĐ-CP: của Chính phủ
    per_minute: 150           # syllables read aloud in a minute

Loa's defaults (`defaults`, from the message catalogue) apply first; the file adds to them and may
change any of them. Without the file the defaults alone apply. Numbers,
dates and phone numbers are read by rule (loa/text/speech.py), not by
this table.
"""
from __future__ import annotations

from pathlib import Path

from loa.content import registries
from loa.core.model import Problem, SpokenRules
from loa.core.problems import problem
from loa.i18n import Messages, messages

NAME = "spoken-words.yml"
SECTIONS = ("words", "documents", "per_minute")
MAX_ROWS = 1000
WRITTEN_MAX = 40
SPOKEN_MAX = 200
PER_MINUTE = (60, 400)  # slower than 60 or faster than 400 syllables a minute is a typing mistake
# Syllables read aloud in a minute. An assumption, not a measure: TV hosts
# in a survey spoke 3.7 to 5.5 syllables a second (emcovu.com, "Trong vòng
# 1 phút nên đọc bao nhiêu từ?"), a voice coach gives 125 words a minute
# as the standard pace (ilovemyvoice.vn, "Tốc độ nói chuẩn"); a loudspeaker
# heard outdoors by older listeners is read slower than television.
PER_MINUTE_DEFAULT = 150



def defaults(msgs: Messages | None = None) -> SpokenRules:
    """Loa's own rows, from the message catalogue (broadcast.defaults.*):
    the abbreviations the Union's explainers use and the issuers of the
    texts they cite (the code after the year in 35/2013/QH13)."""
    say = msgs or messages()
    return SpokenRules(_pairs(say("broadcast.defaults.words")), _pairs(say("broadcast.defaults.documents")),
                       PER_MINUTE_DEFAULT)


def _pairs(text: str) -> tuple[tuple[str, str], ...]:
    rows = (line.split(" = ", 1) for line in text.splitlines() if " = " in line)
    return tuple((written.strip(), spoken.strip()) for written, spoken in rows)


def load(root: Path, content: Path, problems: list[Problem], msgs: Messages | None = None) -> SpokenRules:
    say = msgs or messages()
    base = defaults(say)
    read = registries.optional(root, content, NAME, problems, say)
    if read is None:
        return base
    rel, doc = read
    for section in doc.data:
        if section not in SECTIONS:
            problems.append(problem("LOA450", rel, doc.lines.get(section, 1), msgs=say, row=str(section)[:60],
                                    detail=say("LOA450.unknown_section")))
    words = _rows(doc, "words", base.words, rel, problems, say)
    documents = _rows(doc, "documents", base.documents, rel, problems, say)
    return SpokenRules(words, documents, _per_minute(doc, rel, problems, say))


def _rows(doc, section: str, defaults: tuple[tuple[str, str], ...], path: str, problems: list[Problem],
          say: Messages) -> tuple[tuple[str, str], ...]:
    raw = doc.data.get(section)
    line = doc.lines.get(section, 1)
    if raw in (None, ""):
        return defaults
    if not isinstance(raw, dict):
        problems.append(problem("LOA450", path, line, msgs=say, row=section, detail=say("LOA450.not_table")))
        return defaults
    table = dict(defaults)
    seen: dict[str, str] = {}
    for written, spoken in list(raw.items())[:MAX_ROWS]:
        where = _row_line(doc, str(written), line)
        text = str(written).strip()
        if not text or not isinstance(spoken, str) or not spoken.strip() or isinstance(written, bool):
            problems.append(problem("LOA450", path, where, msgs=say, row=str(written)[:60],
                                    detail=say("LOA450.empty")))
            continue
        if len(text) > WRITTEN_MAX or len(spoken) > SPOKEN_MAX:
            problems.append(problem("LOA450", path, where, msgs=say, row=text[:60],
                                    detail=say("LOA450.too_long", written=WRITTEN_MAX, spoken=SPOKEN_MAX)))
            continue
        if text.casefold() in seen:
            problems.append(problem("LOA451", path, where, msgs=say, row=text, other=seen[text.casefold()]))
            continue
        seen[text.casefold()] = text
        table.pop(next((k for k in table if k.casefold() == text.casefold()), text), None)
        table[text] = " ".join(spoken.split())
    return tuple(table.items())


def _row_line(doc, written: str, section_line: int) -> int:
    """The line of a row: the first scalar spelled `written` below its section."""
    return next((first for first, _, text in sorted(doc.strings) if first > section_line and text == written),
                section_line)


def _per_minute(doc, path: str, problems: list[Problem], say: Messages) -> int:
    raw = doc.data.get("per_minute")
    if raw in (None, ""):
        return PER_MINUTE_DEFAULT
    low, high = PER_MINUTE
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        problems.append(problem("LOA452", path, doc.lines.get("per_minute", 1), msgs=say, value=str(raw)[:40],
                                low=low, high=high))
        return PER_MINUTE_DEFAULT
    return raw
