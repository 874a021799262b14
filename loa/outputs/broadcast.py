"""Loudspeaker scripts (issue 15 item 3): for each explainer that gets posts,
a plain-text script for the commune loudspeaker, written by the build to
phat-thanh/<slug>.txt and listed with a copy button on /chia-se/.

A script opens and closes with the Union's name and hotline (the `loa:`
settings, as the help box uses them), reads the title, the summary and the
body with everything written out as spoken (loa/text/speech.py, by the
table of loa/content/spoken.py), and says above a rule how long it takes
to read. Withdrawn explainers and those blocked by a repealed text get no
script, as they get no posts (social_posts.Posts.explainers). Khmer
explainers get none either: the reading rules are Vietnamese.
"""
from __future__ import annotations

import re
from concurrent.futures import Future
from dataclasses import dataclass

from loa.core import urls
from loa.core.model import Explainer, Settings, SpokenRules
from loa.i18n import Messages
from loa.outputs.base import Output
from loa.outputs.social_posts import Posts
from loa.text import plaintext
from loa.text.speech import Reader

RULE = "-" * 40
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
_ENDS = ".!?…:;"


@dataclass(frozen=True)
class Script:
    slug: str
    # The whole file, ending in a newline, as UTF-8: a build keeps every
    # script, and Vietnamese takes about half the memory so (a str holding
    # one "ữ" spends two bytes on every letter).
    data: bytes
    syllables: int
    duration: str  # "khoảng 3 phút": how long reading it takes, in words

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")

    @property
    def path(self) -> str:
        return f"{urls.BROADCAST}/{self.slug}.txt"


def duration(syllables: int, per_minute: int, say: Messages) -> str:
    """The reading time to the nearest half minute."""
    halves = max(1, round(syllables * 2 / per_minute))
    minutes, half = divmod(halves, 2)
    if not minutes:
        return say("broadcast.duration.short")
    return say("broadcast.duration.half" if half else "broadcast.duration.minutes", minutes=minutes)


def spoken_lines(e: Explainer, reader: Reader, say: Messages) -> list[str]:
    """The title, summary and body as lines to read, one paragraph each."""
    lines = [_sentence(reader.read(e.title)), reader.read(e.summary)]
    for kind, text in _parts(e.body, reader, say):
        spoken = reader.read(text)
        lines.append(_sentence(spoken) if kind == "heading" else spoken)
    return [line for line in lines if line]


def _parts(body: str, reader: Reader, say: Messages) -> list[tuple[str, str]]:
    """(kind, text) of every block, tables read row by row ("Ví dụ. Tài sản chung: ...")."""
    parts: list[tuple[str, str]] = []
    prose: list[str] = []
    rows: list[list[str]] = []

    def flush() -> None:
        if prose:
            parts.extend(_blocks("\n".join(prose), reader, say))
            prose.clear()
        if rows:
            parts.extend(("para", row) for row in _table(rows))
            rows.clear()

    for line in body.splitlines():
        m = _TABLE_ROW.match(line)
        if m and not _TABLE_RULE.match(line):
            if prose:
                flush()
            rows.append([plaintext.to_plain(cell.strip()) for cell in m.group(1).split("|")])
        elif not _TABLE_RULE.match(line) or not rows:
            if rows:
                flush()
            prose.append(line)
    flush()
    return parts


def _blocks(markdown_text: str, reader: Reader, say: Messages) -> list[tuple[str, str]]:
    out = []
    for block in plaintext.blocks(markdown_text):
        text = block.text.replace("\n", " ")
        number = block.prefix.strip().rstrip(".")
        if block.kind == "item" and number.isdigit():
            text = say("broadcast.script.step", n=reader.ordinal(int(number)), text=_lower_first(text))
        out.append((block.kind, text))
    return out


def _table(rows: list[list[str]]) -> list[str]:
    """Each body row: its first cell, then "heading: cell" for the others."""
    head, body = rows[0], rows[1:]
    out = []
    for row in body:
        cells = [f"{h}: {c}" if h else c for h, c in zip(head[1:], row[1:]) if c]
        out.append(_sentence(row[0]) + " " + "; ".join(cells) + "." if row[0] else "; ".join(cells) + ".")
    return out


def _lower_first(text: str) -> str:
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first[:1].isupper() and not first.isupper() else text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in _ENDS else text + "."


def script(e: Explainer, reader: Reader, organisation: str, hotline: str, per_minute: int,
           say: Messages) -> Script:
    body = [say("broadcast.script.open", organisation=organisation), *spoken_lines(e, reader, say)]
    if hotline:
        number = reader.read(hotline)
        body.append(say("broadcast.script.close", organisation=organisation, hotline=number))
    else:
        body.append(say("broadcast.script.close_no_hotline", organisation=organisation))
    syllables = sum(1 for line in body for word in line.split() if any(c.isalpha() for c in word))
    length = duration(syllables, per_minute, say)
    head = [say("broadcast.script.heading", title=e.title),
            say("broadcast.script.length", duration=length, syllables=syllables, per_minute=per_minute), RULE]
    text = "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n"
    return Script(e.slug, text.encode("utf-8"), syllables, length)


def reader_for(rules: SpokenRules, say: Messages) -> Reader:
    return Reader(rules, say, tuple(say("site.phones.call_words").splitlines()))


def make_all(explainers, rules: SpokenRules, settings: Settings, say: Messages,
             reader: Reader | None = None) -> dict[str, Script]:
    """Every explainer's script; in the build's second process on a large site."""
    reader = reader or reader_for(rules, say)
    return {e.slug: script(e, reader, settings.organisation or settings.site_name, settings.hotline,
                           rules.per_minute, say) for e in explainers}


class Broadcast(Output):
    name = "broadcast"
    whole_site = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._made: dict[str, Script] = {}
        self._job: Future | None = None
        self._reader: Reader | None = None
        self._explainers: tuple[Explainer, ...] | None = None
        self._by_slug: dict[str, Explainer] | None = None

    def explainers(self) -> tuple[Explainer, ...]:
        """Those that get posts, in Vietnamese."""
        if self._explainers is None:
            lang = self.ctx.msgs.lang
            self._explainers = tuple(e for e in self.ctx.output(Posts).explainers if e.lang == lang)
        return self._explainers

    def start(self, site) -> None:
        memo = self.ctx.memo
        if memo is not None:  # scripts an earlier build made from the same inputs (build/memo.py)
            for e in self.explainers():
                if (kept := memo.get(self.name, memo.of(self.name, e))) is not None:
                    self._made[e.slug] = kept
        missing = [e for e in self.explainers() if e.slug not in self._made]
        if self.ctx.workers.parallel and missing:
            self._job = self.ctx.workers.submit(make_all, missing, self.ctx.catalog.spoken,
                                                self.ctx.settings, self.ctx.msgs)

    def for_explainer(self, e: Explainer) -> Script | None:
        if e.lang != self.ctx.msgs.lang or not self.ctx.output(Posts).allowed(e):
            return None
        if self._job is not None:
            made = self._job.result()
            self._job = None
            self._made.update(made)
            self._memorise(made)
        if e.slug not in self._made:
            rules = self.ctx.catalog.spoken
            self._reader = self._reader or reader_for(rules, self.ctx.msgs)
            made = make_all([e], rules, self.ctx.settings, self.ctx.msgs, self._reader)
            self._made.update(made)
            self._memorise(made)
        return self._made[e.slug]

    def _memorise(self, made: dict[str, Script]) -> None:
        """Keep scripts made now for the next build (build/memo.py)."""
        memo = self.ctx.memo
        if memo is None:
            return
        if self._by_slug is None:
            self._by_slug = {e.slug: e for e in self.explainers()}
        for slug, script in made.items():  # one at a time in the forked copy: never a loop over all
            if (e := self._by_slug.get(slug)) is not None:
                memo.keep(self.name, memo.of(self.name, e), script)

    def write(self, site) -> None:
        for e in self.explainers():
            made = self.for_explainer(e)
            site.write(made.path, made.data)
