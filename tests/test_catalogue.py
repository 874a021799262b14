"""The message catalogues: every word a reader, author or staff member sees.

Every key that Python, Loa's templates and the Material overrides use
exists in Vietnamese; every Vietnamese text is NFC, non-empty, and formats
with the placeholders its callers pass; and no Vietnamese is left as a
literal in code, templates or scripts (a scanner, with a control test that
proves it finds a planted literal).
"""
from __future__ import annotations

import ast
import datetime as dt
import io
import re
import string
import tokenize
import unicodedata
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from loa.build import errors, linkcheck, target
from loa.core import dates, settings
from loa.core.model import Severity
from loa.core.problems import CATALOGUE
from loa.i18n import DOMAINS, HERE, Messages, files, keys, messages

REPO = Path(__file__).resolve().parents[1]
LOA = REPO / "loa"
KEY = re.compile(r"(?:" + "|".join(DOMAINS) + r")(?:\.[a-z0-9_]+)+|LOA\d{3}(?:\.[a-z0-9_]+)+")
# A letter only Vietnamese (among Loa's languages) writes: a vowel with a
# Vietnamese mark, or đ. Plain ASCII words ("Facebook", "site_url") pass.
VIETNAMESE = re.compile(r"[À-ÃÈ-ÊÌÍÒ-ÕÙÚÝà-ãè-êìíò-õùúýĂăĐđĨĩŨũƠơƯưẠ-ỹ]")

# Keys whose placeholders are filled elsewhere than a keyword call.
FILLED_ELSEWHERE = {
    # by search.js, from the search page's data-loa-* attributes
    "site.search.found": {"n", "query"},
    "site.search.none": {"query"},
    "site.search.found_strong": {"n", "query", "shown", "more"},
    "site.search.added": {"n"},
    # by overrides/404.html, with the two links as markup
    "site.notfound.ways": {"home", "search"},
    # by loa/text/speech.py, row by row: {n} is the number after an issuer's code (issue 15)
    "broadcast.defaults.documents": {"n"},
}
# Click's messages, filled by position with what Click's English named.
POSITIONAL = re.compile(r"cli\.click\.")

# Literals that are not words for a reader, each with why.
ALLOWED_LITERALS = {
    ("loa/outputs/posts.py", '"đĐ"'): "hashtags are ASCII: the letter NFD does not decompose",
    ("loa/text/anchors.py", '"đĐ"'): "heading anchors spell đ as d: the letter NFD does not decompose",
    ("loa/text/plaintext.py", '"đ"'): "abbreviation table for sentence splitting (đ. = đồng), never shown",
}
# Whole files whose literals are character tables, not words.
CHARACTER_TABLES = {"loa/text/folding.py", "loa/text/legacy.py"}
# Files that still hold Vietnamese words, owned by another piece of work in
# flight; each entry must still be needed (the test fails when one is clean,
# so the list only shrinks). See the report of issue 9 for what is left.
NOT_YET_MOVED: dict[str, str] = {}


# --- keys used -> keys present -------------------------------------------------

def _python_calls() -> list[tuple[str, str, set[str] | None]]:
    """(file, key, keyword names) for every call whose first argument is a
    key; names is None when the call also passes **params."""
    found = []
    for path in sorted(LOA.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not (isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)):
                continue
            key = node.args[0].value
            if isinstance(key, str) and KEY.fullmatch(key):
                names = {k.arg for k in node.keywords}
                found.append((path.relative_to(REPO).as_posix(), key, None if None in names else names))
    return found


def _python_key_literals() -> set[tuple[str, str]]:
    """Every string constant in loa/ shaped like a key (dict values too)."""
    found = set()
    for path in sorted(LOA.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and KEY.fullmatch(node.value):
                found.add((path.relative_to(REPO).as_posix(), node.value))
    return found


TEMPLATE_CALL = re.compile(r"""\b(loa_t|t)\(\s*(["'])([^"']+)\2([^)]*)\)""")


def _template_calls() -> list[tuple[str, str, set[str]]]:
    found = []
    for folder, pattern, func in ((LOA / "templates", "*.html", "t"), (REPO / "overrides", "**/*.html", "loa_t")):
        for path in sorted(folder.glob(pattern)):
            for m in TEMPLATE_CALL.finditer(path.read_text("utf-8")):
                if m.group(1) == func:
                    found.append((path.relative_to(REPO).as_posix(), m.group(3),
                                  set(re.findall(r"(\w+)\s*=", m.group(4)))))
    return found


def test_the_scanners_see_the_calls() -> None:
    # Control: if the patterns broke, every test below would pass vacuously.
    assert ("loa/outputs/posts.py", "posts.read_more", {"link"}) in _python_calls()
    assert any(f == "overrides/partials/loa-header.html" and k == "site.header.open_menu"
               for f, k, _ in _template_calls())
    assert any(f == "loa/templates/search-page.html" for f, _, _ in _template_calls())


def test_every_key_used_exists_in_vietnamese() -> None:
    vi = messages("vi")
    used = {(f, k) for f, k, _ in _python_calls()} | _python_key_literals()
    used |= {(f, k) for f, k, _ in _template_calls()}
    missing = sorted(f"{f}: {k}" for f, k in used if not vi.has(k))
    assert not missing, missing


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def test_each_text_gets_the_placeholders_its_callers_pass() -> None:
    vi = messages("vi")
    wrong = []
    for where, key, names in _python_calls() + _template_calls():
        if names is None or not vi.has(key):
            continue
        fields = _fields(vi.raw(key))
        if not names:  # returned as written: only texts filled elsewhere may have fields
            if fields and key not in FILLED_ELSEWHERE and not POSITIONAL.match(key):
                wrong.append(f"{where}: {key} has {sorted(fields)} but is called without them")
        elif fields - names:
            wrong.append(f"{where}: {key} needs {sorted(fields - names)}")
    for key, fields in FILLED_ELSEWHERE.items():
        if _fields(vi.raw(key)) != fields:
            wrong.append(f"{key}: expected exactly {sorted(fields)}")
    assert not wrong, wrong


PARTS = [(d, p) for d in DOMAINS for p in files("vi", d)]


@pytest.mark.parametrize(("domain", "path"), PARTS, ids=[p.name for _, p in PARTS])
def test_every_vietnamese_text_is_nfc_non_empty_and_reviewed(domain: str, path: Path) -> None:
    with path.open("rb") as handle:
        catalog = read_po(handle, domain=domain)
    entries = [m for m in catalog if m.id]
    assert entries, path
    for m in entries:
        assert KEY.fullmatch(str(m.id)), m.id
        assert str(m.id).startswith(("LOA", "problems.") if domain == "problems" else domain + "."), m.id
        assert m.string and m.string.strip(), m.id
        assert not m.fuzzy, f"{m.id}: Vietnamese is the source and is never a draft"
        assert unicodedata.is_normalized("NFC", m.string), m.id
        string.Formatter().parse(m.string)  # raises on a stray brace
        list(string.Formatter().parse(m.string))
    ids = re.findall(r'^msgid "(.+)"$', path.read_text("utf-8"), re.M)
    assert len(ids) == len(set(ids)), "a key is written twice; Babel would keep only one"


@pytest.mark.parametrize("domain", DOMAINS)
def test_no_key_is_written_in_two_parts_of_a_domain(domain: str) -> None:
    seen: dict[str, str] = {}
    twice = []
    for path in files("vi", domain):
        for key in re.findall(r'^msgid "(.+)"$', path.read_text("utf-8"), re.M):
            if key in seen:
                twice.append(f"{key}: {seen[key]} and {path.name}")
            seen[key] = path.name
    assert not twice, twice


def test_vietnamese_is_complete_and_keys_are_listed() -> None:
    assert messages("vi").missing() == []
    assert "posts.read_more" in keys("vi", "posts")


# --- problems: severities in Python, words in problems.po ----------------------

def test_problem_words_live_in_the_catalogue() -> None:
    vi = messages("vi")
    inline = sorted(code for code, entry in CATALOGUE.items() if not isinstance(entry, Severity))
    assert not inline, f"move message and hint to loa/i18n/vi/problems.po, keep only the severity: {inline}"
    missing = sorted(f"{code}.{part}" for code in CATALOGUE for part in ("message", "hint")
                     if not vi.has(f"{code}.{part}"))
    assert not missing, missing


def test_problems_po_has_no_orphan_codes() -> None:
    orphans = sorted(k for k in keys("vi", "problems") if k.startswith("LOA") and k.split(".")[0] not in CATALOGUE)
    assert not orphans, orphans


# --- no Vietnamese left in code --------------------------------------------------

def _docstring_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                lines.update(range(first.lineno, first.end_lineno + 1))
    return lines


def python_literals(source: str) -> list[tuple[int, str]]:
    """(line, literal) of every string literal with Vietnamese letters,
    leaving out comments and docstrings."""
    docs = _docstring_lines(ast.parse(source))
    return [(tok.start[0], tok.string) for tok in tokenize.generate_tokens(io.StringIO(source).readline)
            if tok.type == tokenize.STRING and tok.start[0] not in docs and VIETNAMESE.search(tok.string)]


_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_JS_BLOCK_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_JS_LINE_COMMENT = re.compile(r"(^|\s)//.*$", re.M)


def markup_literals(text: str, js: bool = False) -> list[str]:
    """Lines of a template or script with Vietnamese letters outside comments."""
    if js:
        text = _JS_LINE_COMMENT.sub(r"\1", _JS_BLOCK_COMMENT.sub("", text))
    else:
        text = _HTML_COMMENT.sub("", _JINJA_COMMENT.sub("", text))
    return [line.strip() for line in text.splitlines() if VIETNAMESE.search(line)]


def _left_in_python() -> dict[str, list[str]]:
    left: dict[str, list[str]] = {}
    for path in sorted(LOA.rglob("*.py")):
        rel = path.relative_to(REPO).as_posix()
        if rel in CHARACTER_TABLES:
            continue
        for line, literal in python_literals(path.read_text("utf-8")):
            if (rel, literal) not in ALLOWED_LITERALS:
                left.setdefault(rel, []).append(f"{line}: {literal}")
    return left


def test_no_vietnamese_literal_is_left_in_python() -> None:
    left = _left_in_python()
    unexpected = {f: lines for f, lines in left.items() if f not in NOT_YET_MOVED}
    assert not unexpected, unexpected
    cleaned = sorted(set(NOT_YET_MOVED) - set(left))
    assert not cleaned, f"now free of Vietnamese literals, remove from NOT_YET_MOVED: {cleaned}"


def test_no_vietnamese_is_left_in_templates_or_scripts() -> None:
    found = {}
    for path in sorted([*(LOA / "templates").glob("*.html"), *(REPO / "overrides").rglob("*.html")]):
        found[path.relative_to(REPO).as_posix()] = markup_literals(path.read_text("utf-8"))
    for path in sorted((REPO / "overrides" / "assets" / "loa").glob("*.js")):
        found[path.relative_to(REPO).as_posix()] = markup_literals(path.read_text("utf-8"), js=True)
    assert len(found) > 10
    assert not {f: lines for f, lines in found.items() if lines}


def test_the_scanners_find_a_planted_literal() -> None:
    # Controls: each scanner must fail on the thing it guards against.
    planted = 'def f():\n    """Trả về lời chào."""  \n    # chào\n    return "Xin chào"\n'
    assert python_literals(planted) == [(4, '"Xin chào"')]
    assert markup_literals('{# Mở #}<!-- mở --><span>Mở danh mục</span>') == ["<span>Mở danh mục</span>"]
    assert markup_literals('/* Có */ var a = "https://x"; // Có\nsay("Có " + n);', js=True) == ['say("Có " + n);']
    assert markup_literals('<p>{{ loa_t("site.footer") | e }}</p>') == []


# --- the language a build passes is the one its words come from -------------------

class _Marked(Messages):
    """The Vietnamese templates, but every text asked for by key shows its key."""

    def get(self, key: str, /, **params: object) -> str:
        return f"[{key}]"

    __call__ = get


def test_build_and_settings_words_come_from_the_messages_passed(tmp_path: Path) -> None:
    marked = _Marked("vi")
    _, found = settings.from_mapping({}, "", "n", msgs=marked)
    assert found[0].message.endswith("[LOA900.site_url.detail]") and found[0].hint == "[LOA900.site_url.hint]"
    with pytest.raises(dates.DateError, match=r"\[problems\.date\.no_day\]"):
        dates.parse("30/2/2023", marked)
    assert dates.long_vietnamese(dt.date(2023, 3, 15), marked) == "[site.date_long]"
    assert linkcheck.BrokenLink("a.html", "b").describe(marked) == "[cli.build.broken_link]"
    target.write_marker(tmp_path, marked)
    assert (tmp_path / target.MARKER).read_text("utf-8") == "[site.marker_file]"
    assert "[problems.hint]" in str(errors.BuildStopped.of("LOA901", "x", target="x", msgs=marked))
    # Control: without messages, the source language's words, as before.
    assert str(linkcheck.BrokenLink("a.html", "b")) == "a.html: liên kết hỏng tới b"


def test_content_words_come_from_the_messages_passed(tmp_path: Path) -> None:
    import errno

    from loa.content import catalog, frontmatter, ledger, registries, schema

    marked = _Marked("vi")
    assert schema.suggest("phu-nu", ["phu-nu-khmer"], marked) == "[problems.suggest.did_you_mean]"
    assert schema.suggest("x", [], marked) == "[problems.suggest.empty]"
    assert registries.os_reason(OSError(errno.EACCES, "denied"), marked) == "[problems.os.no_permission]"
    assert registries.os_reason(OSError(errno.EIO, "io"), marked) == "[problems.os.errno]"
    assert ledger.header(marked) == "[site.ledger_file]"
    _, found = frontmatter.load_yaml("a: *x\n", "x.yml", 1, marked)
    assert found[0].code == "LOA110" and found[0].message.endswith("[LOA110.undefined_alias]")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("---\ntitle: 1\ndraft: có\n---\n", "utf-8")
    loaded = catalog.load(tmp_path, msgs=marked)
    draft = [p for p in loaded.problems if p.code == "LOA122"]
    assert draft and "[LOA122.expected.bool]" in draft[0].message
    # Control: without messages, the source language's words, as before.
    assert schema.suggest("phu-nu", ["phu-nu-khmer"]) == 'có phải ý bạn là "phu-nu-khmer"?'
    assert ledger.header().startswith("# Mọi địa chỉ bài viết Loa đã từng đăng.")
