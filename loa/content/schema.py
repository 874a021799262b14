"""The one place where raw mappings become valid objects, or Problems.

Each reader collects every problem it finds instead of stopping at the first,
so an author fixes a file in one pass.
"""
from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Any, Mapping

from slugify import slugify

from loa.core import dates
from loa.content import withdrawal
from loa.content.frontmatter import Document
from loa.core.problems import problem
from loa.core.model import Audience, Explainer, Law, LawRef, Problem, Topic
from loa.i18n import Messages, messages

TITLE_MAX = 120
SUMMARY_MAX = 300
FIELDS = ("title", "summary", "audiences", "topics", "laws", "date", "reviewed",
          "review_months", "draft", "aliases", "hashtags", "social",
          "lang", "translates",
          "withdrawn", "historical")  # the last two: issue 10's withdrawn explainers and outdated words
LANGUAGES = ("vi", "km")  # Vietnamese first, Khmer next (issue 11)
CHANNELS = ("facebook", "zalo")
# Lists an author writes by hand: (most items, longest item). 20,000
# hashtags made a build take 40 s; no real explainer comes near these.
LIST_MAX = {"hashtags": (30, 60), "aliases": (20, 100), "audiences": (20, 100),
            "topics": (20, 100), "laws": (30, 100), "articles": (100, 100),
            "historical": (20, 100)}
SOCIAL_MAX = 5_000  # a hand-written post; the channels' own limits are checked later
SHOWN_MAX = 60  # characters of a wrong value repeated in a message
NOTE_MAX = 300  # an author's note on one cited text, shown beside it


@dataclass(frozen=True)
class Registries:
    audiences: Mapping[str, Audience]
    topics: Mapping[str, Topic]
    laws: Mapping[str, Law]


def suggest(value: str, choices: Mapping[str, object] | list[str], msgs: Messages | None = None) -> str:
    """A hint naming the closest valid id, or listing them all."""
    say = msgs or messages()
    ids = list(choices)
    value = str(value)[:200]  # difflib is quadratic in the length of what it compares
    close = difflib.get_close_matches(slugify(value) or value, ids, n=1, cutoff=0.5)
    if close:
        return say("problems.suggest.did_you_mean", value=close[0])
    if not ids:
        return say("problems.suggest.empty")
    shown = ", ".join(ids[:8]) + (", ..." if len(ids) > 8 else "")
    return say("problems.suggest.valid_ids", ids=shown)


class _Reader:
    """Reads fields of one document, remembering every problem."""

    def __init__(self, doc: Document, path: str, msgs: Messages | None = None) -> None:
        self.doc, self.path, self.problems = doc, path, []
        self.msgs = msgs or messages()

    def line(self, key: str, index: int | None = None) -> int:
        if index is not None and index < len(self.doc.item_lines.get(key, ())):
            return self.doc.item_lines[key][index]
        return self.doc.lines.get(key, 1)

    def add(self, code: str, key: str, index: int | None = None, **params: object) -> None:
        self.problems.append(problem(code, self.path, self.line(key, index), msgs=self.msgs, **params))

    def text(self, key: str, limit: int, example: str, required: bool = True) -> str:
        value = self.doc.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problems.append(problem("LOA120", self.path, self.line(key) if key in self.doc.lines else 1,
                                             msgs=self.msgs, field=key, example=example))
            return ""
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            self.add("LOA122", key, field=key, expected=self.msgs("LOA122.expected.line"), example=example)
            return ""
        text = " ".join(str(value).split())
        if len(text) > limit:
            self.add("LOA121", key, field=key, length=len(text), limit=limit)
        return text

    def bounded(self, field: str, values: list, key: str = "", at: int | None = None) -> list:
        """The first items up to the limit; longer lists and items are errors.

        `key` and `at` place the problem when the list sits inside another
        field (the articles of one law)."""
        most, longest = LIST_MAX[field]
        key = key or field
        if len(values) > most:
            self.add("LOA125", key, at, field=field, count=len(values), limit=most)
            values = values[:most]
        for i, value in enumerate(values):
            if isinstance(value, str) and len(value) > longest:
                self.add("LOA126", key, i if at is None else at, field=field, position=i + 1,
                         length=len(value), limit=longest)
        return [v for v in values if not (isinstance(v, str) and len(v) > longest)]

    def id_list(self, key: str, valid: Mapping[str, object], code: str, example: str) -> tuple[str, ...]:
        raw = self.doc.data.get(key)
        if raw is None:
            self.problems.append(problem("LOA120", self.path, 1, msgs=self.msgs, field=key, example=example))
            return ()
        values = self.bounded(key, raw if isinstance(raw, list) else [raw])
        if not values and not raw:
            self.add("LOA124", key, field=key, example=example)
        out = []
        for i, value in enumerate(values):
            if not isinstance(value, str) or str(value) not in valid:
                self.add(code, key, i if isinstance(raw, list) else None,
                         value=shown(value), suggestion=suggest(str(value), valid, self.msgs))
            else:
                out.append(value)
        return tuple(dict.fromkeys(out))

    def date(self, key: str, required: bool) -> dt.date | None:
        value = self.doc.data.get(key)
        if value is None:
            if required:
                self.problems.append(problem("LOA120", self.path, 1, msgs=self.msgs, field=key, example="15/3/2023"))
            return None
        try:
            day = dates.parse(value, self.msgs)
        except dates.DateError as exc:
            self.add("LOA141", key, field=key, value=value, detail=str(exc))
            return None
        if day is None:
            self.add("LOA140", key, field=key, value=value)
        return day


def explainer(doc: Document, path: str, slug: str, reg: Registries,
              msgs: Messages | None = None) -> tuple[Explainer | None, list[Problem]]:
    r = _Reader(doc, path, msgs)
    title = r.text("title", TITLE_MAX, r.msgs("LOA120.example.title"))
    summary = r.text("summary", SUMMARY_MAX, r.msgs("LOA120.example.summary"))
    audiences = r.id_list("audiences", reg.audiences, "LOA130", "[phu-nu-nong-thon]")
    topics = r.id_list("topics", reg.topics, "LOA131", "[hoa-giai-co-so]")
    laws = _laws(r, reg.laws)
    date = r.date("date", required=True)
    reviewed = r.date("reviewed", required=False)
    if date and reviewed and reviewed < date:
        r.add("LOA142", "reviewed", reviewed=dates.vietnamese(reviewed), date=dates.vietnamese(date))
    review_months = _months(r)
    draft = _flag(r, "draft")
    aliases = _aliases(r)
    hashtags = _strings(r, "hashtags", "[HoaGiaiCoSo, PhuNuSocTrang]")
    social = _social(r)
    lang, translates = _language(r)
    withdrawn = withdrawal.read(r)
    historical = _strings(r, "historical", r.msgs("LOA120.example.historical"))
    _unknown_fields(r)
    if any(p.is_error for p in r.problems) or date is None:
        return None, r.problems
    return Explainer(
        slug=slug, path=path, title=title, summary=summary, audiences=audiences,
        topics=topics, date=date, body=doc.body, body_line=doc.body_line, laws=laws,
        reviewed=reviewed, review_months=review_months, draft=draft, aliases=aliases, hashtags=hashtags, social=social,
        lang=lang, translates=translates, field_lines=tuple(doc.lines.items()),
        withdrawn=withdrawn, historical=historical,
    ), r.problems


def _laws(r: _Reader, valid: Mapping[str, Law]) -> tuple[LawRef, ...]:
    raw = r.doc.data.get("laws")
    if raw is None:
        return ()
    if not isinstance(raw, list):
        r.add("LOA122", "laws", field="laws", expected=r.msgs("LOA122.expected.list"), example="[luat-hoa-giai-2013]")
        return ()
    refs = []
    for i, item in enumerate(r.bounded("laws", raw)):
        law_id, articles = (item.get("id"), item.get("articles", [])) if isinstance(item, dict) else (item, [])
        if not isinstance(law_id, str) or law_id not in valid:
            r.add("LOA132", "laws", i, value=shown(law_id), suggestion=suggest(str(law_id), valid, r.msgs))
            continue
        articles = r.bounded("articles", articles if isinstance(articles, list) else [articles], "laws", i)
        good = []
        for a in articles:
            if isinstance(a, int) and not isinstance(a, bool) and 0 < a < 10_000:
                good.append(a)
            else:
                r.add("LOA133", "laws", i, value=shown(a))
        refs.append(LawRef(law_id, tuple(good), _note(r, item, i)))
    return tuple(refs)


def _note(r: _Reader, item: object, index: int) -> str:
    """The author's note on one citation (`- id: ...` with `note: ...`)."""
    raw = item.get("note") if isinstance(item, dict) else None
    if raw is None:
        return ""
    if not isinstance(raw, str):
        r.add("LOA122", "laws", index, field="laws.note", expected=r.msgs("LOA122.expected.line"),
              example=r.msgs("LOA120.example.law_note"))
        return ""
    note = " ".join(raw.split())
    if len(note) > NOTE_MAX:
        r.add("LOA121", "laws", index, field="laws.note", length=len(note), limit=NOTE_MAX)
    return note


def _months(r: _Reader) -> int | None:
    """An explainer's own review period; the site's longest is checked with the settings."""
    value = r.doc.data.get("review_months")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        r.add("LOA122", "review_months", field="review_months", expected=r.msgs("LOA122.expected.months"),
              example="6")
        return None
    return value


def _language(r: _Reader) -> tuple[str, str]:
    """`lang` (vi or km) and `translates` (a slug, checked by the catalogue)."""
    lang = r.doc.data.get("lang", "vi")
    if lang not in LANGUAGES:
        r.add("LOA800", "lang", value=shown(lang), known=", ".join(LANGUAGES))
        lang = "vi"
    raw = r.doc.data.get("translates")
    if raw is None:
        return lang, ""
    if not isinstance(raw, str) or not raw.strip():
        r.add("LOA122", "translates", field="translates", expected=r.msgs("LOA122.expected.line"),
              example="hoa-giai-o-co-so-la-gi")
        return lang, ""
    return lang, raw.strip().strip("/").rsplit("/", 1)[-1].removesuffix(".md")


def _flag(r: _Reader, key: str) -> bool:
    value = r.doc.data.get(key, False)
    if not isinstance(value, bool):
        r.add("LOA122", key, field=key, expected=r.msgs("LOA122.expected.bool"), example="true")
        return False
    return value


def _strings(r: _Reader, key: str, example: str) -> tuple[str, ...]:
    raw = r.doc.data.get(key)
    if raw is None:
        return ()
    values = raw if isinstance(raw, list) else [raw]
    if not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in values):
        r.add("LOA122", key, field=key, expected=r.msgs("LOA122.expected.strings"), example=example)
        return ()
    values = r.bounded(key, [str(v).strip() for v in values])
    return tuple(v for v in values if v)


def _aliases(r: _Reader) -> tuple[str, ...]:
    values = _strings(r, "aliases", "[hoa-giai-la-gi]")
    good = []
    for i, alias in enumerate(values):
        clean = alias.strip("/").rsplit("/", 1)[-1]
        if clean != slugify(clean) or not clean:
            r.add("LOA152", "aliases", i, alias=alias, suggestion=slugify(alias) or "hoa-giai-la-gi")
        else:
            good.append(clean)
    return tuple(good)


def _social(r: _Reader) -> tuple[tuple[str, str], ...]:
    raw = r.doc.data.get("social")
    if raw is None:
        return ()
    example = '{facebook: "...", zalo: "..."}'
    if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
        r.add("LOA122", "social", field="social", expected=r.msgs("LOA122.expected.posts"), example=example)
        return ()
    too_long = False
    for key, value in raw.items():
        if key not in CHANNELS:
            r.add("LOA123", "social", field=f"social.{shown(key)}",
                  suggestion=suggest(str(key), list(CHANNELS), r.msgs))
        elif len(value) > SOCIAL_MAX:
            r.add("LOA121", "social", field=f"social.{key}", length=len(value), limit=SOCIAL_MAX)
            too_long = True
    if too_long:
        return ()
    return tuple((k, str(v)) for k, v in sorted(raw.items(), key=lambda kv: str(kv[0])) if k in CHANNELS)


def _unknown_fields(r: _Reader) -> None:
    for key in r.doc.data:
        if key not in FIELDS:
            r.add("LOA123", key, field=shown(key), suggestion=suggest(key, list(FIELDS), r.msgs))


def shown(value: object) -> str:
    """A wrong value as the message repeats it: short, whatever was written."""
    text = str(value)
    return text if len(text) <= SHOWN_MAX else text[:SHOWN_MAX] + "…"
