"""The data Loa works with: immutable values passed from stage to stage.

Nothing here reads files or validates input; `schema.py` is the only place
that turns raw mappings into these objects, so everything downstream may
trust them.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the content, with where it is and how to fix it."""

    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based; 0 when the problem concerns the whole file
    code: str  # permanent code such as "LOA103"
    severity: Severity
    message: str  # Vietnamese, says what happened
    hint: str = ""  # Vietnamese, says what to do

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


@dataclass(frozen=True)
class Audience:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class Topic:
    id: str
    name: str
    description: str


@dataclass(frozen=True)
class LawChange:
    """One later text changing a law: what it does, to which articles, from when.

    `kind` is "amended" (articles rewritten or added), "replaced" (in full,
    or the articles listed), "repealed" (in full, or the articles listed) or
    "suspended" (until `until`, or with no end known). No articles means the
    whole text."""

    kind: str
    date: dt.date  # the day the change takes effect
    by: str = ""  # id of the changing text in laws.yml; "" when it is not registered
    articles: tuple[int, ...] = ()
    until: dt.date | None = None  # a suspension's end


@dataclass(frozen=True)
class Law:
    id: str
    title: str
    number: str  # e.g. "35/2013/QH13"
    issued: dt.date
    effective: dt.date
    url: str = ""
    superseded_by: str = ""  # id of the law replacing it in full (from `superseded_by` or `changes`)
    status: str = ""  # the national database's status on `checked`, as a code of loa.content.currency.STATUSES
    checked: dt.date | None = None  # when someone last compared the entry with the database
    changes: tuple[LawChange, ...] = ()  # in date order


@dataclass(frozen=True)
class LawRef:
    """A citation of a legal document, optionally narrowed to articles."""

    law_id: str
    articles: tuple[int, ...] = ()
    note: str = ""  # the author's word to readers about this text (e.g. why a repealed text is cited)


@dataclass(frozen=True)
class Withdrawal:
    """An explainer taken back: its page stays, with a banner, and nothing else lists it."""

    date: dt.date  # from this day on the explainer is withdrawn
    reason: str
    replaced_by: str = ""  # slug of the explainer readers should read instead


@dataclass(frozen=True)
class Explainer:
    slug: str
    path: str  # source file, relative to the project root
    title: str
    summary: str
    audiences: tuple[str, ...]
    topics: tuple[str, ...]
    date: dt.date
    body: str  # Markdown, NFC, LF line endings, front matter removed
    body_line: int  # line number of the body's first line in the file
    laws: tuple[LawRef, ...] = ()
    reviewed: dt.date | None = None  # when the text was last checked against the law
    review_months: int | None = None  # a shorter review period than the site's
    draft: bool = False
    aliases: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    social: tuple[tuple[str, str], ...] = ()  # (channel, override text)
    # Khmer explainers (issue 11): the language of the text, and the slug of
    # the Vietnamese explainer a Khmer one translates ("" for none).
    lang: str = "vi"
    translates: str = ""
    field_lines: tuple[tuple[str, int], ...] = ()  # front-matter key -> line, for messages
    withdrawn: Withdrawal | None = None
    historical: tuple[str, ...] = ()  # outdated words the author uses on purpose (content/outdated-words.yml)

    def line_of(self, key: str) -> int:
        return dict(self.field_lines).get(key, 1)

    def is_published(self, today: dt.date) -> bool:
        return not self.draft and self.date <= today

    def is_withdrawn(self, today: dt.date) -> bool:
        return self.withdrawn is not None and self.withdrawn.date <= today


@dataclass(frozen=True)
class OutdatedWord:
    """An entry of content/outdated-words.yml: words no longer right from a date."""

    id: str
    words: tuple[str, ...]  # as an author would write them; matched folded
    since: dt.date
    reason: str
    number: str  # the text that changed it, e.g. "202/2025/QH15"
    instead: str  # what to write now
    line: int = 1  # where the entry starts in the registry, for messages


@dataclass(frozen=True)
class ThesaurusEntry:
    """An entry of content/thesaurus.yml (issue 13): readers' phrases and the
    words explainers use for them, searched too."""

    id: str
    words: tuple[str, ...]  # as explainers write them ("ly hôn"), same_as followed
    readers: tuple[str, ...]  # as readers type them ("bỏ chồng")
    line: int = 1


@dataclass(frozen=True)
class GlossaryTerm:
    """An entry of content/glossary.yml: a legal term and what it means (issue 15)."""

    id: str
    term: str  # as shown, e.g. "tài sản chung"
    variants: tuple[str, ...]  # other spellings matched too
    definition: str  # at most 220 characters
    law_id: str = ""  # the text that defines it, in laws.yml
    article: int | None = None
    line: int = 1  # where the entry starts in the registry


@dataclass(frozen=True)
class SpokenRules:
    """content/spoken-words.yml: how a loudspeaker script writes things out (issue 15)."""

    words: tuple[tuple[str, str], ...] = ()  # written -> spoken: ("UBND", "Ủy ban nhân dân")
    documents: tuple[tuple[str, str], ...] = ()  # a number's issuer code -> words: ("QH", "Quốc hội khóa {n}")
    per_minute: int = 150  # syllables a minute, read aloud


@dataclass(frozen=True)
class Catalog:
    """Everything in content/, valid, plus the problems found reading it."""

    explainers: tuple[Explainer, ...]
    audiences: dict[str, Audience]
    topics: dict[str, Topic]
    laws: dict[str, Law]
    problems: tuple[Problem, ...] = ()
    outdated: tuple[OutdatedWord, ...] = ()  # content/outdated-words.yml, when there is one
    glossary: tuple[GlossaryTerm, ...] = ()  # content/glossary.yml, when there is one (issue 15)
    spoken: SpokenRules = SpokenRules()  # content/spoken-words.yml, or Loa's defaults (issue 15)
    thesaurus: tuple[ThesaurusEntry, ...] = ()  # content/thesaurus.yml, when there is one (issue 13)

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def published(self, today: dt.date) -> tuple[Explainer, ...]:
        """Published explainers, newest first, ties broken by slug."""
        live = [e for e in self.explainers if e.is_published(today)]
        return tuple(sorted(live, key=lambda e: (-e.date.toordinal(), e.slug)))


@dataclass(frozen=True)
class Contact:
    name: str
    phone: str = ""
    email: str = ""
    address: str = ""


@dataclass(frozen=True)
class Channel:
    """How posts for one social channel are shaped."""

    name: str  # "facebook" or "zalo"
    max_length: int
    key_points: int
    emoji: bool
    hashtags: int


@dataclass(frozen=True)
class ReportSettings:
    """The `report:` options of the `loa:` block: how `loa report` heads and
    signs its document. Defaults are LoaConfig's; repeated here so that
    Settings made in code need not name them."""

    parent: str = ""  # the body above the issuer, first line of the heading
    organisation: str = ""  # the issuer; "" is the site's organisation
    symbol: str = "BC"  # after "Số: .../": the document's symbol
    place: str = ""  # the place in "Sóc Trăng, ngày ..."
    recipients: tuple[str, ...] = ()  # "Nơi nhận", in order
    signer_title: str = ""  # "TM. BAN THƯỜNG VỤ"
    signer_role: str = ""  # "CHỦ TỊCH"
    signer_name: str = ""


@dataclass(frozen=True)
class Settings:
    """Site-level configuration, from the `loa` plugin block of mkdocs.yml.

    No defaults here: they are declared once, with the options themselves,
    in the MkDocs adapter's LoaConfig."""

    site_url: str  # absolute, ends with "/"
    site_name: str
    organisation: str
    hotline: str
    contacts: tuple[Contact, ...]
    content_dir: str
    channels: tuple[Channel, ...]
    theme_color: str
    # Months between reviews of an explainer. LoaConfig declares the default;
    # repeated here so that Settings made in code need not name it.
    review_months: int = 12
    # Days a laws.yml entry may go without being compared with the national
    # database before `loa review` lists it (issue 10; LoaConfig's default).
    law_check_days: int = 183
    report: ReportSettings = ReportSettings()  # `loa report`'s heading and signature
    # The header's name on a phone; "" shows site_name (LoaConfig's default).
    short_name: str = ""

    def channel(self, name: str) -> Channel:
        for ch in self.channels:
            if ch.name == name:
                return ch
        raise KeyError(name)
