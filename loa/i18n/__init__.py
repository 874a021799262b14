"""Message catalogues: every word a reader, author or staff member sees.

One gettext catalogue per language and domain, `loa/i18n/<lang>/<domain>.po`,
read with Babel. Message ids are stable symbolic keys ("site.help.title"),
not source sentences: Vietnamese is the first language and the one written
first, and a key survives rewording. Messages are `str.format` templates.

Domains: `site` (pages and scripts), `posts` (social posts), `cli` (the
command line), `problems` (what `loa check` says; keys are "LOA130.message"
and "LOA130.hint").

A key missing from a language is an error, never a silent fallback to
another language: `Messages.missing()` lists them so `loa check` can say so.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from babel.messages.pofile import read_po

HERE = Path(__file__).resolve().parent
DOMAINS = ("site", "posts", "cli", "problems")
SOURCE_LANGUAGE = "vi"


class MissingMessage(KeyError):
    """A key has no text in the requested language."""


@functools.lru_cache(maxsize=None)
def _read(lang: str, domain: str) -> Mapping[str, str]:
    path = HERE / lang / f"{domain}.po"
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=None, domain=domain)
    # Fuzzy entries are drafts awaiting review: they are not published.
    return {str(m.id): str(m.string) for m in catalog if m.id and m.string and not m.fuzzy}


@dataclass(frozen=True)
class Messages:
    """The messages of one language, all domains."""

    lang: str

    def get(self, key: str, /, **params: object) -> str:
        text = self.raw(key)
        return text.format(**params) if params else text

    __call__ = get

    def raw(self, key: str) -> str:
        domain = key.split(".", 1)[0] if not key.startswith("LOA") else "problems"
        text = _read(self.lang, domain).get(key)
        if text is None:
            raise MissingMessage(f"{self.lang}: {key}")
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
