"""Message catalogues: every word a reader, author or staff member sees.

One gettext catalogue per language and domain, `loa/i18n/<lang>/<domain>.po`,
read with Babel. Message ids are stable symbolic keys ("site.help.title"),
not source sentences: Vietnamese is the first language and the one written
first, and a key survives rewording. Messages are `str.format` templates.

Domains: `site` (pages and scripts), `posts` (social posts), `cli` (the
command line), `problems` (what `loa check` says; keys are "LOA130.message"
and "LOA130.hint"), and one more per feature that needs its own words. A
key's first part names its domain ("review.title" lives in `review.po`).
A domain may be split into parts, `<domain>-<part>.po` beside `<domain>.po`
(problems-review.po holds the review codes' words), so that each feature
keeps its words in its own file; a key written in two parts is an error.

A key missing from a language is an error, never a silent fallback to
another language: `Messages.missing()` lists them so `loa check` can say so.

Why symbolic keys and no `pybabel extract`: an extracted catalogue keys on
the source sentence, so every rewording of reviewed Vietnamese would orphan
its translations. Here the code names a key and tests/test_catalogue.py is
the extractor: it finds every key used in Python (`t("...")`, `msgs.get`),
in loa/templates (`t("...")`) and in overrides (`loa_t("...")`), and fails
when one is missing, when placeholders differ, or when Vietnamese is left as
a literal. Babel is used to read and write the .po files.

Adding a language (Khmer, "km", is the first): copy the page words of
loa/i18n/vi/ (site*, posts, law, feeds, review's withdrawn.* entries) to
loa/i18n/<lang>/, set "Language: <lang>" in each header and translate every
msgstr keeping its {placeholders}. A translation not yet reviewed by a
native speaker carries the translator comment "#. awaiting review by a
Khmer speaker" (tests/test_khmer_site.py checks every entry has it); it is not marked
`#, fuzzy`, because fuzzy entries are not published and a page must never
fall back to Vietnamese. `Messages(lang).missing()` lists what is not
translated at all, and `loa check` refuses a site with Khmer pages while
any page word is missing (LOA805). The `#.` comments above entries say
where each text appears and what fills its placeholders.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from babel.messages.pofile import read_po

HERE = Path(__file__).resolve().parent
SOURCE_LANGUAGE = "vi"


def _domains() -> tuple[str, ...]:
    stems = {p.stem.split("-", 1)[0] for p in (HERE / SOURCE_LANGUAGE).glob("*.po")}
    return tuple(sorted(stems))


DOMAINS = _domains()


def files(lang: str, domain: str) -> list[Path]:
    """The .po files that hold one domain of one language, main part first."""
    folder = HERE / lang
    main = folder / f"{domain}.po"
    parts = sorted(folder.glob(f"{domain}-*.po"))
    return ([main] if main.is_file() else []) + parts


class MissingMessage(KeyError):
    """A key has no text in the requested language."""


@functools.lru_cache(maxsize=None)
def _read(lang: str, domain: str) -> Mapping[str, str]:
    merged: dict[str, str] = {}
    for path in files(lang, domain):
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=None, domain=domain)
        # Fuzzy entries are drafts awaiting review: they are not published.
        merged.update({str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy})
    return merged


def _domain_of(key: str) -> str:
    return "problems" if key.startswith("LOA") else key.split(".", 1)[0]


@functools.lru_cache(maxsize=None)
def _table(lang: str) -> Mapping[str, str]:
    """Every key of one language, each from its own domain's files: a page
    asks for dozens of words, so one lookup each rather than a parse of the
    key and a search of its domain."""
    return {key: text for d in DOMAINS for key, text in _read(lang, d).items() if _domain_of(key) == d}


@dataclass(frozen=True)
class Messages:
    """The messages of one language, all domains."""

    lang: str

    def get(self, key: str, /, **params: object) -> str:
        text = self.raw(key)
        return text.format(**params) if params else text

    __call__ = get

    def raw(self, key: str) -> str:
        text = _table(self.lang).get(key)
        if text is None:
            domain = _domain_of(key)
            where = "" if domain in DOMAINS else f" (no catalogue {domain}.po)"
            raise MissingMessage(f"{self.lang}: {key}{where}")
        return text

    def has(self, key: str) -> bool:
        try:
            self.raw(key)
        except MissingMessage:
            return False
        return True

    def missing(self) -> list[str]:
        """Keys the source language has and this one lacks."""
        wanted = {k for d in DOMAINS for k in _read(SOURCE_LANGUAGE, d)}
        present = {k for d in DOMAINS for k in _read(self.lang, d)}
        return sorted(wanted - present)


def messages(lang: str = SOURCE_LANGUAGE) -> Messages:
    return Messages(lang)


def keys(lang: str = SOURCE_LANGUAGE, domain: str | None = None) -> list[str]:
    return sorted(k for d in (DOMAINS if domain is None else (domain,)) for k in _read(lang, d))
