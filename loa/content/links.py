"""Links between explainers: find them, check them, point them at slugs.

Authors link to another explainer by its file, as any Markdown editor
suggests (`[xem](../hoa-giai/hoa-giai-la-gi.md)`). Files may move between
folders freely, so links are resolved to slugs here and rewritten to the
slug's page, which never moves.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import Callable, Iterator

# Inline links and images: ](target) or ](<target> "title").
_INLINE = re.compile(r'(\]\(\s*<?)([^)\s>]+)(>?(?:\s+"[^"]*")?\s*\))')
# Reference definitions: [id]: target
_REFDEF = re.compile(r'^( {0,3}\[[^\]]+\]:[ \t]*<?)(\S+?)(>?(?:[ \t].*)?)$', re.M)


@dataclass(frozen=True)
class Link:
    line: int  # 0-based line within the body
    target: str


def find(body: str) -> Iterator[Link]:
    for pattern in (_INLINE, _REFDEF):
        for m in pattern.finditer(body):
            yield Link(body.count("\n", 0, m.start(2)), m.group(2))


def is_local_markdown(target: str) -> bool:
    path = target.split("#", 1)[0]
    return ":" not in path and path.lower().endswith(".md")


def resolve(target: str, source: str) -> str:
    """The project-relative path a local link points at, from `source`'s folder."""
    path = target.split("#", 1)[0]
    base = posixpath.dirname(source)
    return posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path.lstrip("/")


def rewrite(body: str, new_target: Callable[[str], str | None]) -> str:
    """Replace each link target for which `new_target` returns a string."""
    def swap(m: re.Match[str]) -> str:
        replacement = new_target(m.group(2))
        return m.group(0) if replacement is None else m.group(1) + replacement + m.group(3)

    return _REFDEF.sub(swap, _INLINE.sub(swap, body))
