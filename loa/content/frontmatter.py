"""Bytes of an author's file -> normalised text -> front matter + body.

YAML is read with the safe loader only (nothing is ever executed), duplicate
keys are errors rather than PyYAML's silent "last one wins", and every key
keeps its line number so problems can point at it.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from loa.text.legacy import detect_cp1258
from loa.core.problems import problem
from loa.core.model import Problem
from loa.i18n import Messages, messages

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# A billion-laughs document is tiny on disk but huge once walked: the nodes
# that aliases add are counted apart from the nodes written out, so a real
# registry of thousands of laws (tens of thousands of nodes) is accepted.
MAX_ALIAS_NODES = 20_000  # nodes added by expanding aliases
MAX_NODES = 200_000  # nodes written out
MAX_FRONT_MATTER = 32_000  # characters of one explainer's front matter


@dataclass(frozen=True)
class Document:
    """A parsed file: its fields with line numbers, and its Markdown body."""

    data: dict[str, Any]
    lines: dict[str, int]  # top-level key -> 1-based line
    item_lines: dict[str, tuple[int, ...]] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    # Every parsed scalar, keys too, as (first line, last line, text): what
    # the YAML spelling really says, for the safety checks.
    strings: tuple[tuple[int, int, str], ...] = ()


def decode(raw: bytes, path: str, msgs: Messages | None = None) -> tuple[str | None, list[Problem]]:
    """UTF-8 (with or without BOM, any line endings) -> NFC text with LF."""
    say = msgs or messages()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [problem("LOA100", path, line, msgs=say, detail=_guess_encoding(raw, say))]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text), []


def _guess_encoding(raw: bytes, msgs: Messages) -> str:
    return msgs("LOA100.cp1258") if detect_cp1258(raw) else ""


def split(text: str, path: str, msgs: Messages | None = None) -> tuple[str, int, str, int] | Problem:
    """Return (yaml_text, yaml_first_line, body, body_first_line) or a Problem."""
    if not text.strip():
        return problem("LOA101", path, 1, msgs=msgs)
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return problem("LOA102", path, 1, msgs=msgs)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "\n".join(lines[1:i]), 2, "\n".join(lines[i + 1:]), i + 2
    return problem("LOA103", path, 1, msgs=msgs, start=1)


def parse(text: str, path: str, msgs: Messages | None = None) -> tuple[Document | None, list[Problem]]:
    """Split and parse a whole explainer file."""
    parts = split(text, path, msgs)
    if isinstance(parts, Problem):
        return None, [parts]
    yaml_text, first_line, body, body_line = parts
    if len(yaml_text) > MAX_FRONT_MATTER:
        # Parsing costs far more per byte than the body's line checks, and
        # real front matter is a few hundred characters.
        return None, [problem("LOA117", path, 1, msgs=msgs, length=len(yaml_text), limit=MAX_FRONT_MATTER)]
    doc, problems = load_yaml(yaml_text, path, first_line, msgs)
    if doc is None:
        return None, problems
    return Document(doc.data, doc.lines, doc.item_lines, body, body_line, doc.strings), problems


def load_yaml(text: str, path: str, first_line: int = 1,
              msgs: Messages | None = None) -> tuple[Document | None, list[Problem]]:
    """Parse a YAML mapping; line numbers are shifted so line 1 of `text` is `first_line`."""
    say = msgs or messages()
    tabs = [problem("LOA111", path, first_line + i, msgs=say)
            for i, line in enumerate(text.split("\n"))
            if "\t" in line[: len(line) - len(line.lstrip(" \t"))]]
    if tabs:
        return None, tabs
    written = _count_events(text)
    if written > MAX_NODES:
        # Counting stops past the limit: the message says "more than", not how many.
        return None, [problem("LOA116", path, first_line, msgs=say, limit=f"{MAX_NODES:,}".replace(",", "."))]
    loader = _StrictLoader(text)
    loader.path, loader.offset, loader.msgs = path, first_line, say
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [problem("LOA115", path, first_line, msgs=say)]
        too_big = _budget_problem(node, path, first_line, say)
        if too_big is not None:
            return None, [too_big]
        if not isinstance(node, yaml.MappingNode):
            return None, [problem("LOA115", path, _line(node, first_line), msgs=say)]
        data = loader.construct_document(node)
    except yaml.constructor.ConstructorError as exc:
        return None, [_constructor_problem(exc, path, first_line, say)]
    except yaml.YAMLError as exc:
        return None, [_syntax_problem(exc, path, first_line, say)]
    finally:
        loader.dispose()
    if loader.duplicates:
        return None, loader.duplicates
    return _document(node, data, first_line), []


def _document(node: yaml.MappingNode, data: dict, first_line: int) -> Document:
    lines: dict[str, int] = {}
    items: dict[str, tuple[int, ...]] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        lines[key] = _line(key_node, first_line)
        if isinstance(value_node, yaml.SequenceNode):
            items[key] = tuple(_line(n, first_line) for n in value_node.value)
    strings = tuple((_line(n, first_line), n.end_mark.line + first_line, n.value)
                    for n in _distinct(node) if isinstance(n, yaml.ScalarNode))
    return Document({str(k): v for k, v in data.items()}, lines, items, strings=strings)


def _line(node: yaml.Node, first_line: int) -> int:
    return node.start_mark.line + first_line


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _distinct(root: yaml.Node) -> list[yaml.Node]:
    return _walk(root)[0]


def _walk(root: yaml.Node) -> tuple[list[yaml.Node], bool]:
    """Each node once, however many aliases point at it (linear in the
    text), and whether any node is reached twice, which only aliases do."""
    seen, out, stack, shared = {id(root)}, [], [root], False
    while stack:
        node = stack.pop()
        out.append(node)
        for child in _children(node):
            if id(child) in seen:
                shared = True
            else:
                seen.add(id(child))
                stack.append(child)
    return out, shared


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Nodes a naive walk would visit (aliases expanded), capped past `limit`.

    Sizes are remembered per node, so this is linear in the distinct nodes;
    an alias to its own ancestor expands forever and counts as past the limit.
    """
    sizes: dict[int, int] = {}
    entered: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            entered.discard(key)
            sizes[key] = min(limit + 1, 1 + sum(sizes[id(c)] for c in _children(node)))
        elif key in entered:
            return limit + 1
        elif key not in sizes:
            entered.add(key)
            stack.append((node, True))
            stack.extend((c, False) for c in _children(node) if id(c) not in sizes)
    return sizes[id(root)]


def _count_events(text: str) -> int:
    """Nodes written out, counted from the parser's events and stopped past
    MAX_NODES: building millions of nodes first would take tens of seconds.
    A syntax error stops the count; the real parse then words it."""
    counter, count = _Loader(text), 0
    try:
        while count <= MAX_NODES and counter.check_event():
            count += isinstance(counter.get_event(), _NODE_EVENTS)
    except yaml.YAMLError:
        pass
    finally:
        counter.dispose()
    return count


_NODE_EVENTS = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent, yaml.AliasEvent)


def _budget_problem(root: yaml.Node, path: str, first_line: int, msgs: Messages) -> Problem | None:
    nodes, shared = _walk(root)
    written = len(nodes)
    if shared and _expanded_size(root, written + MAX_ALIAS_NODES) - written > MAX_ALIAS_NODES:
        return problem("LOA114", path, _line(root, first_line), msgs=msgs)
    return None


def _syntax_problem(exc: yaml.YAMLError, path: str, first_line: int, msgs: Messages) -> Problem:
    mark = getattr(exc, "problem_mark", None)
    line = mark.line + first_line if mark is not None else first_line
    detail = _translate(getattr(exc, "problem", None) or str(exc), msgs)
    return problem("LOA110", path, line, msgs=msgs, detail=detail)


def _constructor_problem(exc: yaml.constructor.ConstructorError, path: str, first_line: int,
                         msgs: Messages) -> Problem:
    mark = exc.problem_mark
    line = mark.line + first_line if mark is not None else first_line
    message = exc.problem or ""
    if "tag" in message:
        tag = message.split("tag", 1)[1].strip(" '")
        return problem("LOA113", path, line, msgs=msgs, tag=tag)
    return problem("LOA110", path, line, msgs=msgs, detail=_translate(message, msgs))


# PyYAML's English problem -> the key of its Vietnamese words.
_TRANSLATIONS = {
    "mapping values are not allowed here": "LOA110.colon_not_allowed",
    "could not find expected ':'": "LOA110.colon_missing",
    "found character that cannot start any token": "LOA110.bad_start",
    "found undefined alias": "LOA110.undefined_alias",
    "did not find expected key": "LOA110.key_expected",
    "found unexpected end of stream": "LOA110.unclosed",
    "did not find expected node content": "LOA110.value_missing",
    "expected <block end>, but found": "LOA110.indent",
    "found unexpected ':'": "LOA110.colon_misplaced",
    "expected ',' or ']'": "LOA110.list_unclosed",
    "expected ',' or '}'": "LOA110.mapping_unclosed",
}


# The brackets are filled in, since a brace in a catalogue text is a placeholder.
_CLOSING = {"LOA110.list_unclosed": "]", "LOA110.mapping_unclosed": "}"}


def _translate(message: str, msgs: Messages) -> str:
    for english, key in _TRANSLATIONS.items():
        if english in message:  # the C parser prefixes "did not find " to some
            return msgs(key, close=_CLOSING[key]) if key in _CLOSING else msgs(key)
    return msgs("LOA110.unreadable")


class _StrictLoader(_Loader):  # type: ignore[misc, valid-type]
    """Safe loader that records duplicate keys and keeps dates as text.

    Dates stay strings so that schema.py can parse both ISO and day-first
    forms, and report "30/2" as an impossible date instead of a crash.
    """

    path = ""
    offset = 1
    msgs: Messages | None = None

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicates: list[Problem] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + self.offset
            if isinstance(key, (list, dict)):
                raise yaml.constructor.ConstructorError(
                    None, None, "unhashable key", key_node.start_mark)
            if key in seen:
                self.duplicates.append(problem(
                    "LOA112", self.path, line, msgs=self.msgs, key=key, first=seen[key]))
            else:
                seen[key] = line
        return super().construct_mapping(node, deep=deep)


def _keep_scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    return loader.construct_scalar(node)


_StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _keep_scalar)
