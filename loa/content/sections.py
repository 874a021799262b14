"""Links to a section of another explainer ("hoa-giai.md#dang-ky-o-dau")
name a section that explainer has (LOA602), so `loa check` says first what
the build's link check would refuse.

A section's anchors are the ones its page has: the readable one Loa's
slugify gives (text/anchors.py) and the old one each heading keeps. They are
read from the target's own Markdown, rendered as the engine renders
headings, only for explainers some link names a section of.
"""
from __future__ import annotations

import difflib
import html
import re
from typing import Iterable

import markdown

from loa.content import links
from loa.core.model import Explainer, Problem
from loa.core.problems import problem
from loa.i18n import Messages, messages
from loa.text import anchors

# After links.point, a link to an explainer reads "<slug>.md#<section>".
_TO_SECTION = re.compile(r"^([^/#?]+)\.md#(.+)$")
_ID = re.compile(r'\sid="([^"]*)"')
_EXTENSIONS = ["toc", "attr_list", "tables", "sane_lists", "admonition"]


def check(explainers: Iterable[Explainer], msgs: Messages | None = None) -> list[Problem]:
    """LOA602 for every link to a section its explainer does not have."""
    say = msgs or messages()
    everyone = list(explainers)
    by_slug = {e.slug: e for e in everyone}
    known: dict[str, tuple[set[str], list[str]]] = {}
    problems = []
    for e in everyone:
        if ".md#" not in e.body:
            continue  # the usual case: no link names a section
        try:
            refs = links.find(e.body)
        except links.TooMany:
            continue  # reported once already, by the link check (LOA163)
        for ref in refs:
            m = _TO_SECTION.match(ref.target) if ref.kind == "link" else None
            if m is None or m.group(1) not in by_slug:
                continue
            slug, section = m.group(1), m.group(2)
            if slug not in known:
                known[slug] = ids_of(by_slug[slug].body)
            if section not in known[slug][0]:
                problems.append(_missing(e, ref, slug, section, known[slug][1], say))
    return problems


def ids_of(body: str) -> tuple[set[str], list[str]]:
    """Every id the body's page has (its headings' anchors, old and new, and
    ids the author set with `{#id}`), and its headings' anchors in order."""
    md = markdown.Markdown(extensions=_EXTENSIONS, extension_configs={"toc": {"slugify": anchors.slugify}})
    rendered = md.convert(body)
    found = set(_ID.findall(rendered))
    headings = list(_headings(md.toc_tokens))
    old: set[str] = set()
    for _id, name in headings:
        base = anchors.old_slug(html.unescape(name))
        if base:
            found.add(anchors.unique(base, old))
    return found, [i for i, _name in headings]


def _headings(tokens: list[dict]) -> Iterable[tuple[str, str]]:
    for token in tokens:
        yield token["id"], token["name"]
        yield from _headings(token.get("children", []))


def _missing(e: Explainer, ref: links.Ref, slug: str, section: str, headings: list[str],
             say: Messages) -> Problem:
    close = difflib.get_close_matches(anchors.slugify(section), headings, n=1, cutoff=0.5)
    listed = ", ".join(f"#{h}" for h in headings[:6]) + (", …" if len(headings) > 6 else "")
    hint = say("problems.suggest.did_you_mean", value=f"#{close[0]}") if close else \
        say("LOA602.no_match", slug=slug, sections=listed) if headings else say("LOA602.no_sections", slug=slug)
    return problem("LOA602", e.path, e.body_line + ref.line, msgs=say, slug=slug, section=section, suggestion=hint)
