"""The key points of an explainer, for its social posts: a few lines a
reader understands without the page, in the order the page says them.

A point is either the gist of a section (its heading, then its first
paragraph) or a whole list with the words that introduce
it, since a list item alone ("Tờ khai đăng ký khai sinh.") says nothing
about what it is a list of. A list nobody introduces is not picked. This
module owns that choice "and nothing more": the text comes from plaintext.
"""
from __future__ import annotations

from dataclasses import dataclass

from loa.text.khmer import has_khmer
from loa.text.plaintext import Block, LinkResolver, blocks, sentences

LONG = 200  # a paragraph longer than this is cut to its first sentence
LIST_ITEMS = 6  # a longer list does not fit a post whole, so it is not picked
LIST_LENGTH = 420  # characters of a list point, introduction included
LIST_ITEM = "- "  # how an unordered item is written inside a point


@dataclass(frozen=True)
class _Candidate:
    position: int  # index of its first block: points keep the text's order
    section: int
    text: str


def key_points(markdown_text: str, n: int, resolve_link: LinkResolver | None = None) -> list[str]:
    """Up to n points, in text order, spread over the sections: each
    section's first point is taken before any section's second."""
    if n <= 0:
        return []
    found = _candidates(list(blocks(markdown_text, resolve_link)))
    picked: list[_Candidate] = []
    seen: set[str] = set()
    for rank in range(len(found)):
        for section in sorted({c.section for c in found}):
            ours = [c for c in found if c.section == section]
            if rank < len(ours) and len(picked) < n and ours[rank].text not in seen:
                picked.append(ours[rank])
                seen.add(ours[rank].text)
        if len(picked) >= n:
            break
    return [c.text for c in sorted(picked, key=lambda c: c.position)]


def _candidates(parts: list[Block]) -> list[_Candidate]:
    found: list[_Candidate] = []
    section, heading = 0, ""
    i = 0
    while i < len(parts):
        block = parts[i]
        if block.kind == "heading":
            section, heading = section + 1, _one_line(block.text)
            i += 1
            continue
        if block.kind == "item":
            end = _list_end(parts, i)
            text = _list_point(parts, i, end, heading)
            if text:
                found.append(_Candidate(i, section, text))
            i = end
            continue
        after_heading = i > 0 and parts[i - 1].kind == "heading"
        # A paragraph ending in ":" introduces what follows (a list, a table):
        # alone it would promise something the post does not show.
        if after_heading and not _ends_with_colon(block.text):
            found.append(_Candidate(i, section, _lead(heading, block.text)))
        i += 1
    return found


def _list_end(parts: list[Block], start: int) -> int:
    end = start + 1
    while end < len(parts) and parts[end].kind == "item" and not parts[end].opens_list:
        end += 1
    return end


def _list_point(parts: list[Block], start: int, end: int, heading: str) -> str:
    """The list with its introduction, or "" when it cannot stand alone."""
    items = parts[start:end]
    if len(items) > LIST_ITEMS or any(b.prefix[:1].isspace() for b in items):
        return ""  # too long for a post, or nested: a part of it would mislead
    before = parts[start - 1] if start else None
    if before is not None and before.kind == "para" and _ends_with_colon(before.text):
        intro = sentences(_one_line(before.text))[-1]
    elif before is not None and before.kind == "heading":
        # Khmer writes its colon as ៖ (issue 11).
        intro = heading if heading[-1:] in "?:!៖" else heading + ("៖" if has_khmer(heading) else ":")
    else:
        return ""  # nothing says what the list is a list of
    lines = [intro] + [(b.prefix if b.prefix[:1].isdigit() else LIST_ITEM) + _one_line(b.text) for b in items]
    text = "\n".join(lines)
    return text if len(text) <= LIST_LENGTH else ""


def _lead(heading: str, paragraph: str) -> str:
    # A section's first words often make no sense without its heading
    # ("Là việc…" after "… là gì?", "Trước hết, …"): the point says both.
    text = _one_line(paragraph)
    if len(text) > LONG:
        text = sentences(text)[0]
    return f"{heading} {text}" if heading[-1:] in "?!:" else f"{heading}: {text}"


def _ends_with_colon(text: str) -> bool:
    return text.rstrip().endswith((":", "៖"))


def _one_line(text: str) -> str:
    return " ".join(text.split())
