"""The only reader of content/: every file in, one Catalog (or all Problems) out.

Whatever is on disk (a dangling link, an unreadable file, a content_dir
outside the project, a file named index.md) becomes a Problem with its
path, never a traceback."""
from __future__ import annotations

import difflib
import hashlib
import os
import posixpath
import stat
from dataclasses import replace
from pathlib import Path

from slugify import slugify

from loa.content import checks

from loa.content import frontmatter

from loa.content import links

from loa.content import outdated
from loa.content import thesaurus
from loa.content import glossary, spoken  # issue 15: glossary.yml, spoken-words.yml

from loa.content import registries

from loa.content import schema

from loa.content import sections

from loa.content import khmer_checks, translations
from loa.core.problems import problem
from loa.core.model import Catalog, Explainer, Problem
from loa.i18n import Messages, messages

MAX_BYTES = 1_000_000
REGISTRIES = registries.NAMES


class ReadCache:
    """Explainers already read, keyed by their bytes and the registries'.

    `mkdocs serve` rebuilds on every save; with thousands of explainers,
    re-parsing only the files that changed keeps the author's loop short.
    The key is a digest of the content, not the modification time: two
    saves within the clock's granularity, or of the same size, must never
    look like one (reading the bytes is cheap; parsing them is not).
    """

    def __init__(self) -> None:
        self._entries: dict[str, tuple[tuple, tuple[Explainer | None, list[Problem]]]] = {}

    def get(self, path: Path, rel: str, reg: schema.Registries, reg_key: tuple,
            msgs: Messages | None = None) -> tuple[Explainer | None, list[Problem]]:
        # The language is part of the key: the cached problems are in its words.
        key = (_digest(path), reg_key, (msgs or messages()).lang)
        if key[0] is None:
            return read_explainer(path, rel, reg, msgs)  # which says why in the author's words
        hit = self._entries.get(rel)
        if hit is not None and hit[0] == key:
            return hit[1]
        result = self.read(path, rel, reg, msgs)
        self._entries[rel] = (key, result)
        return result

    def read(self, path: Path, rel: str, reg: schema.Registries,
             msgs: Messages | None = None) -> tuple[Explainer | None, list[Problem]]:
        return read_explainer(path, rel, reg, msgs)


def load(root: Path, content_dir: str = "content", cache: ReadCache | None = None,
         msgs: Messages | None = None) -> Catalog:
    """Read registries and explainers under `root/content_dir` and check them."""
    say = msgs or messages()
    root = root.resolve()
    content = root / content_dir
    if not content.resolve().is_relative_to(root):
        return Catalog((), {}, {}, {}, (problem("LOA106", "mkdocs.yml", 0, msgs=say, content_dir=content_dir),))
    problems: list[Problem] = []
    reg = registries.load(root, content, problems, say)
    outdated_words = outdated.load(root, content, problems, say)
    terms = glossary.load(root, content, problems, reg.laws, say)
    spoken_rules = spoken.load(root, content, problems, say)
    synonyms = thesaurus.load(root, content, problems, say)
    reg_key = tuple(_digest(content / name, None) for name in REGISTRIES) if cache else ()
    explainers = []
    for path in _explainer_files(root, content, problems, say):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        found, found_problems = (cache.get(path, rel, reg, reg_key, say) if cache
                                 else read_explainer(path, rel, reg, say))
        problems.extend(found_problems)
        if found is not None:
            explainers.append(found)
    explainers, slug_problems = _check_slugs(explainers, say)
    problems.extend(slug_problems)
    explainers, translation_problems = translations.check(explainers, say)
    problems.extend(translation_problems + translations.words_problems(explainers, say))
    explainers = _link_explainers(explainers, problems, root, content_dir, reg, say)
    problems.sort(key=lambda p: (p.path, p.line, p.code))
    return Catalog(tuple(explainers), dict(reg.audiences), dict(reg.topics), dict(reg.laws), tuple(problems),
                   outdated=outdated_words, glossary=terms, spoken=spoken_rules, thesaurus=synonyms)


def _digest(path: Path, limit: int | None = MAX_BYTES) -> bytes | None:
    """What a file holds, in 16 bytes; None when it cannot be read (or is too
    big to be an explainer, which read_explainer refuses without reading)."""
    try:
        if limit is not None and path.stat().st_size > limit:
            return None
        return hashlib.blake2b(path.read_bytes(), digest_size=16).digest()
    except OSError:
        return None


def slug_for(path: Path) -> str:
    stem = path.name[:-3] if path.name.lower().endswith(".md") else path.stem
    return stem if stem == slugify(stem) else slugify(stem)


def read_explainer(path: Path, rel: str, reg: schema.Registries,
                   msgs: Messages | None = None) -> tuple[Explainer | None, list[Problem]]:
    say = msgs or messages()
    raw = _read_bytes(path, rel, say)
    if isinstance(raw, Problem):
        return None, [raw]
    text, problems = frontmatter.decode(raw, rel, say)
    if text is None:
        return None, problems
    problems.extend(checks.text_problems(text, rel))
    doc, parse_problems = frontmatter.parse(text, rel, say)
    problems.extend(parse_problems)
    if doc is None:
        return None, problems
    problems.extend(checks.value_problems(doc.strings, rel, problems))
    problems.extend(checks.nesting_problems(doc.body, rel, doc.body_line))
    problems.extend(khmer_checks.order_problems(text, rel, say) + khmer_checks.legacy_problems(doc, rel, say))
    slug = slug_for(path)
    if not slug:
        return None, problems + [problem("LOA153", rel, 0, msgs=say, name=path.name)]
    found, schema_problems = schema.explainer(doc, rel, slug, reg, say)
    problems.extend(schema_problems)
    found, name_problems = translations.named(found, path.name, say)
    problems.extend(name_problems)
    if slug == "index":
        # MkDocs would make it the folder's index page and the build fails.
        return None, problems + [problem("LOA109", rel, 0, msgs=say, name=path.name)]
    return found, problems


def _read_bytes(path: Path, rel: str, msgs: Messages) -> bytes | Problem:
    """The file's bytes, at most MAX_BYTES of them, or why not."""
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            return problem("LOA108", rel, 0, msgs=msgs, reason=msgs("LOA108.not_regular"))
        if st.st_size > MAX_BYTES:
            return problem("LOA104", rel, 0, msgs=msgs, size=f"{st.st_size / 1e6:.1f} MB", limit="1 MB")
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)  # the file may grow after the stat
    except OSError as exc:
        return problem("LOA108", rel, 0, msgs=msgs, reason=registries.os_reason(exc, msgs))
    if len(raw) > MAX_BYTES:
        return problem("LOA104", rel, 0, msgs=msgs, size=msgs("problems.size.more_than", size="1 MB"), limit="1 MB")
    return raw


def unloaded_slugs(catalog: Catalog) -> set[str]:
    """Slugs of explainer files that exist but could not be read or checked.

    Their URLs are not lost: the file's own error is the one to fix, so the
    ledger must not also call the URL gone."""
    loaded = {e.slug for e in catalog.explainers}
    failed = {slug_for(Path(p.path)) for p in catalog.problems
              if p.is_error and p.path.lower().endswith(".md")}
    return failed - loaded - {""}


def _explainer_files(root: Path, content: Path, problems: list[Problem], msgs: Messages) -> list[Path]:
    """Every .md under content/, in a stable order; symlinks out of content/ refused."""
    files = []
    for dirpath, dirnames, filenames in os.walk(content, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.lower().endswith(".md") or name.startswith("."):
                continue
            path = Path(dirpath) / name
            refused = (_link_problem(path, path.relative_to(root).as_posix(), content, msgs)
                       if path.is_symlink() else None)
            if refused is not None:
                problems.append(refused)
                continue
            files.append(path)
    return files


def _link_problem(path: Path, rel: str, content: Path, msgs: Messages) -> Problem | None:
    """Only files that really live in content/ are published, however linked."""
    try:
        target, real = os.readlink(path), path.resolve()
    except (OSError, RuntimeError) as exc:  # a loop of links
        reason = registries.os_reason(exc, msgs) if isinstance(exc, OSError) else msgs("problems.os.link_loop")
        return problem("LOA108", rel, 0, msgs=msgs, reason=reason)
    if not real.exists():
        return problem("LOA107", rel, 0, msgs=msgs, target=target)
    if not real.is_relative_to(content.resolve()):
        return problem("LOA105", rel, 0, msgs=msgs, target=target)
    return None


def _check_slugs(explainers: list[Explainer], msgs: Messages) -> tuple[list[Explainer], list[Problem]]:
    problems: list[Problem] = []
    by_slug: dict[str, Explainer] = {}
    for e in explainers:
        other = by_slug.get(e.slug)
        if other is None:
            by_slug[e.slug] = e
            continue
        problems.append(problem("LOA150", e.path, 0, msgs=msgs, slug=e.slug, other=other.path))
        problems.append(problem("LOA150", other.path, 0, msgs=msgs, slug=e.slug, other=e.path))
    alias_owner: dict[str, Explainer] = {}
    for e in by_slug.values():
        for alias in e.aliases:
            clash = by_slug.get(alias) or alias_owner.get(alias)
            if clash is not None and clash is not e:
                problems.append(problem("LOA151", e.path, e.line_of("aliases"), msgs=msgs,
                                        alias=alias, other=clash.path))
            alias_owner.setdefault(alias, e)
    return list(by_slug.values()), problems


def _link_explainers(explainers: list[Explainer], problems: list[Problem], root: Path,
                     content_dir: str, reg: schema.Registries, msgs: Messages) -> list[Explainer]:
    """Check links and images, and point them at what the generated pages see."""
    from loa.content import media  # images are checked only here, with the links that name them

    site = links.site_of(explainers, reg, root / "docs", lambda name: slug_for(Path(name)))
    images = media.Images(root, content_dir, msgs)
    out = []
    for e in explainers:
        body, found = links.point(e, site, images.check, lambda t, src=e.path: _closest_path(t, src, site, msgs))
        problems.extend(found)
        out.append(replace(e, body=body))
    problems.extend(sections.check(out, msgs))  # what the build's check of #sections would refuse
    return out


def _closest_path(target: str, source: str, site: links.Site, msgs: Messages) -> str:
    """Hint for a broken link: the closest site page, or the explainer whose slug is closest."""
    path = "/".join(part for part in links.split(target)[0].split("/") if part not in ("", ".", ".."))
    section = path.split("/", 1)[0]
    if section in site.sections and section != links.EXPLAINERS and "/" in path:
        close = difflib.get_close_matches(path, sorted(site.pages), n=1, cutoff=0.6)
        if close:
            return msgs("problems.suggest.did_you_mean", value=f"/{close[0]}/")
    wanted = slug_for(Path(posixpath.basename(path) or "x"))
    close = difflib.get_close_matches(wanted, sorted(set(site.by_path.values())), n=1, cutoff=0.5)
    if not close:
        return msgs("LOA160.no_match")
    file = next(p for p, s in site.by_path.items() if s == close[0])
    return msgs("problems.suggest.did_you_mean", value=posixpath.relpath(file, posixpath.dirname(source)))
