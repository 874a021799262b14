"""Laws an imported text cites, matched against content/laws.yml. Nothing more.

"Điều 8 Luật Hòa giải ở cơ sở" is found however it is typed (hoà/hòa,
capitals, no marks) because both sides are folded with the one folding
rule (loa.text.folding), word by word. A registry title's part in
brackets, "(năm 2007)", is left out of the match, and when two entries
share a title (the 2007 and 2022 laws on domestic violence) a year or
number written right after the title decides; without one, the newest in
force is suggested. An "Điều N Luật X" whose X is no registry title is
returned as unknown, as the text wrote it, for the author to add to
laws.yml or leave.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from loa.core.model import Law, LawRef
from loa.i18n import Messages
from loa.text.folding import fold

# Folded words: "Điều 7, 8 khoản 2 của Luật" is "dieu 7 8 khoan 2 cua luat".
_ARTICLE, _AND, _CLAUSE, _OF = "dieu", "va", "khoan", "cua"
_LAW = (("luat",), ("bo", "luat"))
# Where the name of a law stops in running text: "Luật Trẻ em năm 2016 quy định".
_STOP = {"quy", "nam", "so", "thi", "co", "duoc", "da", "la", "va", "cho", "de", "khi", "neu", "nay", "ve"}
_NAME_WORDS = 8


@dataclass(frozen=True)
class Found:
    ref: LawRef
    cited: str  # "Điều 8 Luật Hòa giải ở cơ sở", for messages


@dataclass(frozen=True)
class _Word:
    start: int
    end: int
    folded: str


def _words(sentence: str) -> list[_Word]:
    found = []
    for m in re.finditer(r"\w+", sentence):
        folded = fold(m.group())
        if folded:
            found.append(_Word(m.start(), m.end(), folded))
    return found


def _core(title: str) -> list[str]:
    return fold(title.split(" (", 1)[0]).split()


def suggest(text: str, laws: dict[str, Law], today: dt.date, msgs: Messages) -> tuple[list[Found], list[str]]:
    """Laws of the registry the text cites (with the articles it names), and
    the citations of laws the registry does not have."""
    titles: dict[tuple[str, ...], list[Law]] = {}
    for law in laws.values():
        titles.setdefault(tuple(_core(law.title)), []).append(law)
    articles: dict[str, set[int]] = {}
    unknown: list[str] = []
    for sentence in re.split(r"[.;!?\n]+", text):
        words = _words(sentence)
        folded = [w.folded for w in words]
        for i in range(len(words)):
            title = next((t for t in titles if tuple(folded[i:i + len(t)]) == t), None)
            if title is not None:
                law = _which(titles[title], folded[i + len(title):i + len(title) + 6], today)
                articles.setdefault(law.id, set()).update(_articles_before(folded, i))
            elif _law_word(folded, i) and _articles_before(folded, i):
                name = _name(sentence, words, i)
                if name not in unknown:
                    unknown.append(name)
    found = [Found(LawRef(law_id, tuple(sorted(numbers))), _label(laws[law_id], numbers, msgs))
             for law_id, numbers in articles.items()]
    return found, unknown


def _law_word(folded: list[str], i: int) -> bool:
    return any(tuple(folded[i:i + len(w)]) == w for w in _LAW) and (i == 0 or folded[i - 1] != "bo")


def _articles_before(folded: list[str], i: int) -> set[int]:
    """The article numbers of "Điều 7, 8 (khoản 2) (của)" just before word i."""
    j = i - 1
    if j >= 0 and folded[j] == _OF:
        j -= 1
    if j >= 1 and folded[j].isdigit() and folded[j - 1] == _CLAUSE:
        j -= 2
    numbers = set()
    while j >= 0 and (folded[j].isdigit() or folded[j] == _AND):
        if folded[j].isdigit():
            numbers.add(int(folded[j]))
        j -= 1
    return numbers if j >= 0 and folded[j] == _ARTICLE else set()


def _name(sentence: str, words: list[_Word], i: int) -> str:
    """The unknown law's name as written, up to a stop word or punctuation."""
    k = i + (2 if words[i].folded == "bo" else 1)
    while k < len(words) and k - i < _NAME_WORDS and words[k].folded not in _STOP \
            and not re.search(r"[,:()\"]", sentence[words[k - 1].end:words[k].start]):
        k += 1
    return sentence[words[i].start:words[k - 1].end]


def _which(same: list[Law], after: list[str], today: dt.date) -> Law:
    for law in same:
        if str(law.issued.year) in after:  # "năm 2022", or "số 13/2022/QH15"
            return law
    current = [law for law in same if law.effective <= today and not law.superseded_by] or same
    return max(current, key=lambda law: law.effective)


def _label(law: Law, articles: set[int], msgs: Messages) -> str:
    title = law.title.split(" (", 1)[0]
    if not articles:
        return title
    return msgs("authoring.cited", articles=", ".join(str(a) for a in sorted(articles)), title=title)
