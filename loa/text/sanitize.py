"""The second line of defence: whatever an author wrote, the HTML of an
explainer body keeps only harmless formatting.

`loa check` already refuses unsafe constructs (checks.py); this runs on every
build anyway, so `mkdocs build` alone can never publish a script.
"""
from __future__ import annotations

import re

import nh3

TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "ol": {"start"},
}
SCHEMES = {"http", "https", "mailto", "tel"}
# Direction overrides can make "1234" display as "4321": never needed in
# Vietnamese text, and a known way to disguise account numbers and links.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def strip_bidi(text: str) -> str:
    return _BIDI.sub("", text)
