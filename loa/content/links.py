"""Links and images in an explainer body: which ones the engine sees, where
they are, what they point at, and rewriting them for the generated page.

Whether `[x](y.md)` is a link depends on block structure (fenced and
indented code, lists, raw HTML), code spans and escapes. Rather than a
second, subtly different Markdown parser, the engine's own one decides:
the body is rendered once with Python-Markdown and the same extensions as
MkDocs (its built-ins toc, tables, fenced_code plus mkdocs.yml's attr_list
and sane_lists; toc adds no links and is left out), and a Treeprocessor
collects a[href] and img[src].

Python-Markdown keeps no source positions, and messages need `path:line:`
and the rewrite needs exact offsets. So a linear scan first finds every
place that *could* hold a target (after `](`, or in a `[id]: target`
definition) and swaps each for a unique token. Tokens that come back as an
href or src are real links, with the scan's exact offsets; tokens that come
back as text were inside code and are left as the author wrote them. Cost:
one linear scan, and one render only for bodies that have a candidate
(most bodies have none and are never rendered).
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping
from urllib.parse import unquote
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

from loa.core import urls
from loa.core.model import Explainer, Problem
from loa.core.problems import problem

EXTENSIONS = ("fenced_code", "tables", "attr_list", "sane_lists")
EXPLAINERS = "bai-viet"  # the generated pages' folder: bai-viet/<slug>.md
# A reference definition's start; the label cannot hold brackets, so this
# matches in linear time at a line's start.
_REFDEF = re.compile(r" {0,3}\[[^\[\]\n]*\]:[ \t]*")
_AFTER_LINKS = ("autolink", "automail", "linebreak", "html", "entity", "not_strong", "em_strong", "em_strong2")
# No explainer needs more; past it, the engine's render would be slow.
MAX_REFS = 1000
# Code spans and escapes each cost the engine a pass over their paragraph:
# tens of thousands of them would take minutes to render.
MAX_MARKS = 20_000
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True)
class Ref:
    """One link or image as the engine sees it."""

    kind: str  # "link" or "image"
    line: int  # 0-based line within the body
    target: str  # as written, without <>
    start: int = -1  # offsets of the target (with its <>) in the body; -1: not rewritable
    end: int = -1
    alt: str | None = None  # an image's text; None for links


class TooMany(ValueError):
    """More than any explainer has, of what makes the engine slow: not rendered."""

    def __init__(self, count: int, limit: int, code: str) -> None:
        super().__init__(count)
        self.count, self.limit, self.code = count, limit, code


@dataclass(frozen=True)
class _Candidate:
    line: int
    start: int
    end: int
    target: str


def find(body: str) -> list[Ref]:
    """Every link and image of `body`, in order; none from inside code."""
    candidates = list(_candidates(body))
    if not candidates:
        return []
    if len(candidates) > MAX_REFS:
        raise TooMany(len(candidates), MAX_REFS, "LOA163")
    marks = body.count("`") + body.count("\\")
    if marks > MAX_MARKS:
        raise TooMany(marks, MAX_MARKS, "LOA164")
    prefix = _token_prefix(body)
    marked, tokens = _mark(body, candidates, prefix)
    return [_ref(kind, href, alt, tokens, body, prefix) for kind, href, alt in _engine_refs(marked)]


def _candidates(body: str) -> Iterator[_Candidate]:
    found: list[_Candidate] = []
    if "]:" in body:
        line_start = 0
        while line_start <= len(body):
            end = _line_end(body, line_start)
            found.extend(_refdef(body, line_start, end))
            line_start = end + 1
    at = body.find("](")
    while at != -1:
        following = body.find("](", at + 2)
        # Each scan stops where the next one starts, so the cost stays linear.
        c = _inline_target(body, at + 2, len(body) if following == -1 else following)
        if c is not None:
            found.append(c)
        at = following
    found.sort(key=lambda c: c.start)
    line, counted = 0, 0
    for c in found:  # line numbers in one pass, so the cost stays linear
        line += body.count("\n", counted, c.start)
        counted = c.start
        yield _Candidate(line, c.start, c.end, c.target)


def _inline_target(body: str, i: int, limit: int) -> _Candidate | None:
    """The target of `](target "title")` starting at i, as Python-Markdown
    reads it: up to the `)` that balances, spaces included (Windows file
    names have them), less a quoted title; or inside <...>."""
    n, end = len(body), _line_end(body, i, limit)
    while i < end and body[i] in " \t":
        i += 1
    start = i
    if i < end and body[i] == "<":
        close = body.find(">", i, end)
        return None if close == -1 else _candidate(body, start, close + 1, body[start + 1:close])
    depth = 0
    while i < end:
        ch = body[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                break
            depth -= 1
        i += 1
    stop = min(i, n)
    text = body[start:stop].rstrip()
    if text[-1:] in ("\"", "'"):
        for space in " \t":
            k = text.rfind(space + text[-1], 0, len(text) - 1)
            if k != -1:
                text = text[:k].rstrip()
                break
    return _candidate(body, start, start + len(text), text)


def _refdef(body: str, start: int, end: int) -> list[_Candidate]:
    m = _REFDEF.match(body, start, end)
    if m is None:
        return []
    i = m.end()
    if i == end and end < len(body):  # the target may stand on the next line
        i = end + 1
        while i < len(body) and body[i] in " \t":
            i += 1
        end = _line_end(body, i)
    stop = i
    while stop < end and body[stop] not in " \t":
        stop += 1
    target = body[i:stop]
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    found = _candidate(body, i, stop, target)
    return [found] if found is not None else []


def _candidate(body: str, start: int, end: int, target: str) -> _Candidate | None:
    # A backtick would change how code spans pair up once swapped for a
    # token; such a target stays as written and is judged by the engine alone.
    if not target or "`" in target or start >= end:
        return None
    return _Candidate(0, start, end, target)


def _line_end(body: str, i: int, limit: int | None = None) -> int:
    limit = len(body) if limit is None else limit
    end = body.find("\n", i, limit)
    return limit if end == -1 else end


def _token_prefix(body: str) -> str:
    prefix = "loa-ref-"
    while prefix in body:
        prefix += "x"
    return prefix


def _mark(body: str, candidates: list[_Candidate], prefix: str) -> tuple[str, dict[str, _Candidate]]:
    parts, tokens, at = [], {}, 0
    for i, c in enumerate(candidates):
        if c.start < at:
            continue  # overlaps the previous one (a definition that is also `](`)
        token = f"{prefix}{i}"
        tokens[token] = c
        parts += [body[at:c.start], token]
        at = c.end
    parts.append(body[at:])
    return "".join(parts), tokens


class _Collect(Treeprocessor):
    def __init__(self, md: markdown.Markdown, found: list) -> None:
        super().__init__(md)
        self.found = found

    def run(self, root: Element) -> None:
        for el in root.iter():
            if el.tag == "a" and el.get("href") is not None:
                self.found.append(("link", el.get("href"), None))
            elif el.tag == "img":
                self.found.append(("image", el.get("src") or "", el.get("alt") or ""))


def _engine_refs(text: str) -> list[tuple[str, str, str | None]]:
    found: list[tuple[str, str, str | None]] = []
    md = markdown.Markdown(extensions=list(EXTENSIONS))
    # Inline patterns run in priority order, each over the whole text: those
    # after the link patterns cannot make or unmake a link, and skipping
    # them spares their cost (the engine's inline pass is per-match).
    for name in _AFTER_LINKS:
        if name in md.inlinePatterns:
            md.inlinePatterns.deregister(name)
    # After the inline patterns (priority 20) have made the links.
    md.treeprocessors.register(_Collect(md, found), "loa-collect", 1)
    md.convert(text)
    return found


def _ref(kind: str, href: str, alt: str | None, tokens: Mapping[str, _Candidate], body: str, prefix: str) -> Ref:
    c = tokens.get(href)
    if c is not None:
        return Ref(kind, c.line, c.target, c.start, c.end, alt)
    token = href.split("#", 1)[0]
    c = tokens.get(token)
    rest = href[len(token):]
    if c is not None and body.startswith(rest, c.end):  # `<a b.md>#muc`: the anchor after the brackets
        return Ref(kind, c.line, c.target + rest, c.start, c.end + len(rest), alt)
    # The engine read a target the scan did not isolate (odd syntax): put the
    # author's text back and say where, but it cannot be rewritten.
    line = None
    for token, cand in tokens.items():
        if token in href:
            href = href.replace(token, cand.target)
            line = cand.line if line is None else line
    if line is None:
        at = body.find(href) if href else -1
        line = body.count("\n", 0, at) if at != -1 else 0
    return Ref(kind, line, href, alt=alt)


def rewrite(body: str, new_targets: Mapping[tuple[int, int], str]) -> str:
    """`body` with the target at each (start, end) replaced."""
    if not new_targets:
        return body
    parts, at = [], 0
    for ref_start, ref_end, new in sorted((s, e, t) for (s, e), t in new_targets.items()):
        parts += [body[at:ref_start], new]
        at = ref_end
    parts.append(body[at:])
    return "".join(parts)


# What a target is -----------------------------------------------------------

def is_external(target: str) -> bool:
    return bool(_SCHEME.match(target)) or target.startswith("//")


def split(target: str) -> tuple[str, str]:
    """(path, "#anchor" or ""), the path unquoted and with Windows slashes."""
    path, hash_, anchor = target.partition("#")
    path = path.split("?", 1)[0]
    return unquote(path).replace("\\", "/"), hash_ + anchor


def is_local_markdown(target: str) -> bool:
    path = target.split("#", 1)[0]
    return ":" not in path and path.lower().endswith(".md")


def resolve(target: str, source: str) -> str:
    """The project-relative path a local link points at, from `source`'s folder."""
    path = target.split("#", 1)[0]
    base = posixpath.dirname(source)
    return posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path.lstrip("/")


# Links to pages ---------------------------------------------------------------

@dataclass(frozen=True)
class Site:
    """What a link may point at."""

    by_path: Mapping[str, str]  # explainer file (project-relative) -> slug
    slugs: Mapping[str, str]  # slug or old name (alias) -> slug
    pages: frozenset[str]  # the site's other pages, e.g. "doi-tuong/phu-nu-khmer", "van-ban", ""
    sections: frozenset[str]  # first segments of site paths: bai-viet, doi-tuong, ...
    slug_for: Callable[[str], str]  # a file name -> its slug
    # Each explainer's page, "bai-viet/<slug>" or "km/<name>" (Khmer, issue 11),
    # so that a link is written relative to the page it is on.
    page_of: Mapping[str, str] = field(default_factory=dict)  # slug -> site path
    by_page: Mapping[str, str] = field(default_factory=dict)  # site path -> slug


def page_target(target: str, source: str, source_slug: str, site: Site) -> str | None:
    """The target to write in the generated page of `source_slug`
    (`bai-viet/<slug>.md`, or `km/<name>.md` for a Khmer explainer) for a
    local link, or None if it points at no page."""
    path, anchor = split(target)
    here = posixpath.dirname(site.page_of.get(source_slug, f"{EXPLAINERS}/{source_slug}"))
    slug = _explainer_by_file(path, source, site)
    if slug is None:
        for s in _site_paths(path, source_slug, site):
            if s.startswith(EXPLAINERS + "/") and s.count("/") == 1:
                slug = site.slugs.get(s.split("/", 1)[1])
            elif s in site.by_page:
                slug = site.by_page[s]
            elif s in site.pages:
                return posixpath.relpath(f"{s}.md" if s else "index.md", here) + anchor
            if slug:
                break
    if slug is None and path and "/" not in path:
        slug = site.slugs.get(site.slug_for(path))
    if not slug:
        return None
    return posixpath.relpath(site.page_of.get(slug, f"{EXPLAINERS}/{slug}") + ".md", here) + anchor


def _explainer_by_file(path: str, source: str, site: Site) -> str | None:
    if not path or path.startswith("/"):
        return None
    f = posixpath.normpath(posixpath.join(posixpath.dirname(source), path.rstrip("/")))
    return site.by_path.get(f) or site.by_path.get(f + ".md")


def _site_paths(path: str, source_slug: str, site: Site) -> Iterator[str]:
    if path.startswith("/"):
        yield _site_path(path.lstrip("/"))
        return
    first = path.lstrip("./").split("/", 1)[0]
    if first in site.sections and not path.startswith("../"):
        yield _site_path(posixpath.normpath(path))
    joined = posixpath.normpath(posixpath.join(f"{EXPLAINERS}/{source_slug}/", path))
    if not joined.startswith(".."):
        yield _site_path(joined)


def _site_path(s: str) -> str:
    s = s.strip("/")
    for end in ("/index.html", "index.html", ".html", ".md"):
        if s.endswith(end):
            s = s[: -len(end)].rstrip("/")
    return "" if s == "." else s


def site_of(explainers: Iterable[Explainer], reg: object, docs: Path | None,
            slug_for: Callable[[str], str]) -> Site:
    """The pages a build makes, as far as links are concerned: every
    explainer (published or not: `outputs/media.py` checks that), every
    registry entry's page, Loa's own pages and the pages in docs/."""
    everyone = list(explainers)
    slugs = {alias: e.slug for e in everyone for alias in e.aliases}
    slugs.update({e.slug: e.slug for e in everyone})
    pages = {"", urls.SEARCH.rstrip("/"), urls.STAFF.rstrip("/"), urls.AUDIENCES, urls.TOPICS, urls.LAWS}
    for section, ids in ((urls.AUDIENCES, getattr(reg, "audiences", {})), (urls.TOPICS, getattr(reg, "topics", {})),
                         (urls.LAWS, getattr(reg, "laws", {}))):
        pages.update(f"{section}/{i}" for i in ids)
    pages.update(_docs_pages(docs))
    sections = {EXPLAINERS} | {p.split("/", 1)[0] for p in pages if p}
    page_of = {e.slug: urls.page_of(e).rstrip("/") for e in everyone}
    sections |= {p.split("/", 1)[0] for p in page_of.values()}
    return Site({e.path: e.slug for e in everyone}, slugs, frozenset(pages), frozenset(sections), slug_for,
                page_of, {p: s for s, p in page_of.items()})


def _docs_pages(docs: Path | None) -> set[str]:
    if docs is None or not docs.is_dir():
        return set()
    found = set()
    for md in docs.rglob("*.md"):
        rel = md.relative_to(docs).as_posix()[:-3]
        found.add(rel[: -len("index")].rstrip("/") if rel == "index" or rel.endswith("/index") else rel)
    return found


ImageCheck = Callable[[Ref, str, int], "tuple[object | None, list[Problem]]"]


def point(e: Explainer, site: Site, image: ImageCheck, suggest: Callable[[str], str]) -> tuple[str, list[Problem]]:
    """The body of `e` with every local link and image pointed at what the
    generated page `bai-viet/<slug>.md` sees, and what could not be."""
    if "](" not in e.body and "]:" not in e.body:
        return e.body, []  # no link of any kind: the usual case, and free
    problems: list[Problem] = []
    new: dict[tuple[int, int], str] = {}
    try:
        refs = find(e.body)
    except TooMany as exc:
        return e.body, [problem(exc.code, e.path, e.body_line, count=exc.count, limit=exc.limit)]
    for ref in refs:
        line = e.body_line + ref.line
        if ref.kind == "image":
            found, found_problems = image(ref, e.path, line)
            problems.extend(found_problems)
            target = getattr(found, "page_target", None)
        elif is_external(ref.target) or ref.target.startswith("#") or not ref.target:
            continue  # the web, mail, phone and this page's own headings: left alone
        else:
            target = page_target(ref.target, e.path, e.slug, site)
            if target is None:
                problems.append(problem("LOA160", e.path, line, target=ref.target, suggestion=suggest(ref.target)))
        if target is None:
            continue
        if ref.start < 0:
            problems.append(problem("LOA161", e.path, line, target=ref.target))
        else:
            new[(ref.start, ref.end)] = target
    return rewrite(e.body, new), problems
