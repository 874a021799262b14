"""Walking rendered HTML as text between tags, leaving some elements alone.

Phone links (phones.py) and glossary terms (terms.py) both change the text
of a rendered body, never inside a link, code or a button: they split the
HTML at its tags and keep, with `track`, the stack of open elements whose
text must stay as it is.
"""
from __future__ import annotations

import re
from typing import Collection

_OPEN = re.compile(r"<\s*([a-zA-Z][\w-]*)")
_CLOSE = re.compile(r"<\s*/\s*([a-zA-Z][\w-]*)")


def parts(html: str) -> list[str]:
    """The HTML split into tags and the text between them, in order."""
    return re.split(r"(<[^>]*>)", html)


def track(tag: str, quiet: list[str], names: Collection[str]) -> None:
    """Update `quiet`, the open elements among `names`, for one tag."""
    if (m := _CLOSE.match(tag)) and m.group(1).lower() in quiet:
        while quiet and quiet.pop() != m.group(1).lower():
            pass
    elif (m := _OPEN.match(tag)) and m.group(1).lower() in names and not tag.endswith("/>"):
        quiet.append(m.group(1).lower())
