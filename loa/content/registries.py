"""The registries content/audiences.yml, topics.yml and laws.yml: files in,
valid Audience, Topic and Law objects (or Problems) out.

Registry names, descriptions, titles and numbers reach <title>, <h1> and
meta tags, so they are checked like an author's text: every parsed string
through the same safety checks, bounded lengths, and law links that are
http(s) only. A registry is refused by its size before it is read, so a
65 MB file costs a stat, not gigabytes.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from slugify import slugify

from loa.content import checks, frontmatter, lawstatus
from loa.content.schema import Registries, suggest
from loa.core import dates
from loa.core.model import Audience, Law, Problem, Topic
from loa.core.problems import problem
from loa.i18n import Messages, messages

NAMES = ("audiences.yml", "topics.yml", "laws.yml")
MAX_BYTES = 5_000_000
# Longest text per field: generous for real Vietnamese titles, short enough
# that a page head stays a page head.
FIELD_MAX = {"name": 200, "description": 1_000, "title": 400, "number": 60, "url": 2_000,
             "superseded_by": 100, "status": 100}


def load(root: Path, content: Path, problems: list[Problem], msgs: Messages | None = None) -> Registries:
    say = msgs or messages()
    found: dict[str, dict] = {}
    for name in NAMES:
        path = content / name
        rel = path.relative_to(root).as_posix()
        doc = _read(path, rel, problems, say)
        if doc is None:
            found[name] = {}
        elif name == "laws.yml":
            found[name] = laws(doc, rel, problems, say)
        else:
            found[name] = named(doc, rel, Audience if name == "audiences.yml" else Topic, problems, say)
    return Registries(found["audiences.yml"], found["topics.yml"], found["laws.yml"])


def _read(path: Path, rel: str, problems: list[Problem], msgs: Messages) -> frontmatter.Document | None:
    if not path.is_file():
        problems.append(problem("LOA170", rel, 0, msgs=msgs))
        return None
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            problems.append(problem("LOA173", rel, 0, msgs=msgs, size=f"{size / 1e6:.1f} MB", limit="5 MB"))
            return None
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)  # the file may grow after the stat
    except OSError as exc:
        problems.append(problem("LOA108", rel, 0, msgs=msgs, reason=os_reason(exc, msgs)))
        return None
    if len(raw) > MAX_BYTES:
        problems.append(problem("LOA173", rel, 0, msgs=msgs, limit="5 MB",
                                size=msgs("problems.size.more_than", size=f"{MAX_BYTES / 1e6:.0f} MB")))
        return None
    text, decode_problems = frontmatter.decode(raw, rel, msgs)
    problems.extend(decode_problems)
    if text is None:
        return None
    if not text.strip():
        return frontmatter.Document({}, {})
    doc, yaml_problems = frontmatter.load_yaml(text, rel, 1, msgs)
    problems.extend(yaml_problems)
    if doc is not None:
        problems.extend(checks.value_problems(doc.strings, rel))
    return doc


def os_reason(exc: OSError, msgs: Messages | None = None) -> str:
    """The operating system's complaint in the author's words."""
    import errno

    say = msgs or messages()
    reasons = {errno.EACCES: "problems.os.no_permission", errno.EPERM: "problems.os.no_permission",
               errno.ENOENT: "problems.os.gone", errno.EISDIR: "problems.os.is_dir",
               errno.ELOOP: "problems.os.link_loop"}
    key = reasons.get(exc.errno or 0)
    return say(key) if key else say("problems.os.errno", errno=exc.errno)


def _entries(doc: frontmatter.Document, path: str, problems: list[Problem],
             msgs: Messages) -> list[tuple[str, dict, int]]:
    entries = []
    for key, value in doc.data.items():
        line = doc.lines.get(key, 1)
        if key != slugify(key):
            problems.append(problem("LOA172", path, line, msgs=msgs, entry=key[:80],
                                    suggestion=slugify(key[:200]) or "ma-muc"))
            continue
        if not isinstance(value, dict):
            problems.append(problem("LOA171", path, line, msgs=msgs, entry=key,
                                    detail=msgs("LOA171.not_mapping.detail"), hint=msgs("LOA171.not_mapping.hint")))
            continue
        if _fits(key, value, path, line, problems, msgs):
            entries.append((key, value, line))
    return entries


def _fits(entry: str, value: Mapping[str, Any], path: str, line: int, problems: list[Problem],
          msgs: Messages) -> bool:
    ok = True
    for field, limit in FIELD_MAX.items():
        text = value.get(field)
        if isinstance(text, str) and len(text) > limit:
            problems.append(problem("LOA175", path, line, msgs=msgs, entry=entry, field=field,
                                    length=len(text), limit=limit))
            ok = False
    return ok


def _need(entry: str, value: Mapping[str, Any], fields: tuple[str, ...], path: str,
          line: int, problems: list[Problem], msgs: Messages) -> bool:
    ok = True
    for f in fields:
        if value.get(f) in (None, ""):
            problems.append(problem("LOA171", path, line, msgs=msgs, entry=entry,
                                    detail=msgs("LOA171.missing_field.detail", field=f),
                                    hint=msgs("LOA171.missing_field.hint", field=f, entry=entry)))
            ok = False
    return ok


def named(doc: frontmatter.Document, path: str, cls: type, problems: list[Problem],
          msgs: Messages | None = None) -> dict[str, Any]:
    """Audiences or topics: id -> name and description."""
    say = msgs or messages()
    out = {}
    for key, value, line in _entries(doc, path, problems, say):
        if _need(key, value, ("name",), path, line, problems, say):
            out[key] = cls(key, " ".join(str(value["name"]).split()), str(value.get("description", "")).strip())
    return out


def laws(doc: frontmatter.Document, path: str, problems: list[Problem],
         msgs: Messages | None = None) -> dict[str, Law]:
    say = msgs or messages()
    out: dict[str, Law] = {}
    for key, value, line in _entries(doc, path, problems, say):
        if not _need(key, value, ("title", "number", "issued", "effective"), path, line, problems, say):
            continue
        days = {f: _day(value, f, path, line, problems, say) for f in ("issued", "effective")}
        url = _url(key, value.get("url"), path, line, problems, say)
        if None in days.values() or url is None:
            continue
        law = Law(key, str(value["title"]).strip(), str(value["number"]).strip(), days["issued"],
                  days["effective"], url, str(value.get("superseded_by") or ""))
        out[key] = lawstatus.read(law, value, path, line, problems, say)
    for law in out.values():
        if law.superseded_by and law.superseded_by not in out:
            problems.append(problem("LOA171", path, doc.lines.get(law.id, 1), msgs=say, entry=law.id,
                                    detail=say("LOA171.superseded_by.detail", law=law.superseded_by),
                                    hint=suggest(law.superseded_by, out, say)))
    return lawstatus.link(out, path, doc.lines, problems, say)


def _day(value: Mapping[str, Any], field: str, path: str, line: int, problems: list[Problem], msgs: Messages):
    try:
        day = dates.parse(value[field], msgs)
    except dates.DateError as exc:
        problems.append(problem("LOA141", path, line, msgs=msgs, field=field, value=value[field], detail=str(exc)))
        return None
    if day is None:
        problems.append(problem("LOA140", path, line, msgs=msgs, field=field, value=value[field]))
    return day


def _url(entry: str, raw: object, path: str, line: int, problems: list[Problem], msgs: Messages) -> str | None:
    """The law's link, or None when it may not become an href.

    Only absolute http(s) addresses: "javascript:" and "data:" run or
    smuggle content, and a relative path breaks from every page but one.
    """
    if raw in (None, ""):
        return ""
    url = str(raw).strip()
    scheme, sep, rest = url.partition("://")
    if not (sep and scheme.lower() in ("http", "https") and rest and not rest.startswith("/")
            and not any(ch.isspace() or ord(ch) < 0x20 for ch in url)):
        problems.append(problem("LOA174", path, line, msgs=msgs, entry=entry, url=url[:80]))
        return None
    return url


# The other registries of content/ (outdated words, thesaurus, glossary,
# spoken words) are read and their entries checked the same way.
read_file = _read
entries = _entries


def optional(root: Path, content: Path, name: str, problems: list[Problem],
             msgs: Messages) -> tuple[str, frontmatter.Document] | None:
    """An optional registry content/<name>: its shown path and parsed text,
    or None when it is absent or unreadable (the problems say why)."""
    path = content / name
    if not path.is_file():
        return None
    rel = path.relative_to(root).as_posix()
    doc = _read(path, rel, problems, msgs)
    return None if doc is None else (rel, doc)
