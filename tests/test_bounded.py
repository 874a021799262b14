"""Bounded work: every line check is linear, registries and lists have
limits with their own messages, and deep nesting is refused with a line."""
from __future__ import annotations

import time

import pytest

from conftest import LAWS, explainer
from loa.content import catalog, checks, frontmatter

MB = 1_000_000

PATHOLOGICAL = {
    "tag_opens": "<a " * (MB // 3),
    "less_than": "<" * MB,
    "link_opens": "](" * (MB // 2),
    "brackets_and_colons": "[:" * (MB // 2),
    "event_attributes": "<a" + " on=" * (MB // 4),
    "event_names_without_equals": "<a" + " onx" * (MB // 4),
    "long_event_name": "<a on" + "x" * MB,
    "href_equals": "href=" * (MB // 5),
    "huge_char_ref": "x: &#" + "1" * MB + ";",
    "ampersands": "x:" + "&" * MB,
    "tcvn3_garbage": "Hßa gi¶i ë c¬ së " * (MB // 17),
    "one_legacy_word": "x" + "¸ß" * (MB // 2),
    "vni_odd_case": "ViÖt" * (MB // 4),
    "quotes": "> " * (MB // 2),
    "list_markers": "- " * (MB // 2),
}


@pytest.mark.timeout(60)
@pytest.mark.parametrize("name", sorted(PATHOLOGICAL))
def test_line_checks_are_linear_on_crafted_lines(name: str) -> None:
    # The backtracking checks took minutes on 120 KB; linear ones take well
    # under a second on 1 MB.
    line = PATHOLOGICAL[name]
    checks.text_problems(line, "content/x.md")
    checks.value_problems([(2, 2, line)], "content/x.md")
    checks.nesting_problems(line, "content/x.md", 1)


def test_a_line_of_many_attacks_is_reported_once_per_kind() -> None:
    found = checks.text_problems('<a onclick="x">' * 10_000, "content/x.md")
    assert [p.code for p in found] == ["LOA201"]


def test_digit_runs_in_character_references_neither_crash_nor_hide() -> None:
    assert checks.text_problems("x: &#" + "1" * 5000 + ";", "content/x.md") == []
    hidden = checks.text_problems('<a href="jav&#0000000000097;script:x">', "content/x.md")
    assert [p.code for p in hidden] == ["LOA202"]


@pytest.mark.timeout(60)
def test_a_file_near_one_megabyte_is_checked_quickly(make_site) -> None:
    body = ("<a " * 1000 + "\n") * 300
    site = make_site({"content/a.md": explainer() + body})
    assert len((site.root / "content/a.md").read_bytes()) < MB
    catalog.load(site.root)


# Registries ----------------------------------------------------------------

def codes(site) -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in catalog.load(site.root).problems]


def many_laws(count: int) -> str:
    return "".join(
        f"luat-so-{i}:\n  title: Luật số {i}\n  number: {i}/2013/QH13\n"
        f"  issued: 2013-06-20\n  effective: 2014-01-01\n  url: https://vbpl.vn/{i}\n"
        for i in range(count)) + LAWS


def test_a_real_registry_of_thousands_of_laws_is_accepted(make_site) -> None:
    site = make_site({"content/laws.yml": many_laws(5000), "content/a.md": explainer()})
    cat = catalog.load(site.root)
    assert not cat.problems and len(cat.laws) == 5001  # 65,000 nodes, over the old budget


@pytest.mark.timeout(60)
def test_a_huge_registry_is_refused_by_its_size_before_reading(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    with open(site.root / "content/laws.yml", "r+b") as f:
        f.truncate(65 * MB)  # sparse: costs nothing on disk, 65 MB to a reader
    start = time.perf_counter()
    found = catalog.load(site.root).problems
    assert time.perf_counter() - start < 5
    bad = [p for p in found if p.code == "LOA173"]
    assert bad and bad[0].path == "content/laws.yml" and "65.0 MB" in bad[0].message


def test_a_registry_alias_bomb_is_called_an_attack(make_site) -> None:
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{n}: &{n} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n" for p, n in zip("abcdefgh", "bcdefghi"))
    site = make_site({"content/topics.yml": bomb, "content/a.md": explainer()})
    assert ("content/topics.yml", "LOA114") in codes(site)


def test_a_recursive_alias_is_called_an_attack() -> None:
    doc, problems = frontmatter.load_yaml("a: &a [*a, *a]\n", "content/x.yml")
    assert doc is None and [p.code for p in problems] == ["LOA114"]


def test_a_genuinely_too_large_document_gets_a_size_message(make_site) -> None:
    big = "luat-x: [" + "1," * (frontmatter.MAX_NODES + 10) + "1]\n"
    site = make_site({"content/laws.yml": big, "content/a.md": explainer()})
    found = [p for p in catalog.load(site.root).problems if p.path == "content/laws.yml"]
    assert [p.code for p in found] == ["LOA116"]
    assert "bí danh" not in found[0].message
    # Counting stops past the limit, so the sentence says "more than", once.
    assert found[0].message == "nội dung YAML có quá 200.000 giá trị"


# Bounded fields --------------------------------------------------------------

@pytest.mark.timeout(60)
@pytest.mark.parametrize("field, value", [
    ("hashtags", "[" + ", ".join(f"Tag{i}" for i in range(31)) + "]"),
    ("aliases", "[" + ", ".join(f"ten-cu-{i}" for i in range(21)) + "]"),
    ("audiences", "[" + ", ".join(["phu-nu-nong-thon"] * 21) + "]"),
    ("topics", "[" + ", ".join(["hoa-giai-co-so"] * 21) + "]"),
    ("laws", "[" + ", ".join(["luat-hoa-giai-2013"] * 31) + "]"),
])
def test_lists_have_a_limit_with_a_clear_message(make_site, field: str, value: str) -> None:
    site = make_site({"content/a.md": explainer(**{field: value})})
    found = [p for p in catalog.load(site.root).problems if p.code == "LOA125"]
    assert len(found) == 1 and f'"{field}"' in found[0].message and "tối đa" in found[0].hint


@pytest.mark.timeout(60)
def test_twenty_thousand_hashtags_are_refused_quickly(make_site) -> None:
    # They made a build take 40 s; the front matter's own size limit stops them.
    tags = "[" + ", ".join(f"Tag{i}" for i in range(20_000)) + "]"
    site = make_site({"content/a.md": explainer(hashtags=tags)})
    start = time.perf_counter()
    found = [p.code for p in catalog.load(site.root).problems]
    assert found == ["LOA117"] and time.perf_counter() - start < 5


def test_articles_of_a_law_are_bounded(make_site) -> None:
    articles = ", ".join(str(i) for i in range(1, 102))
    site = make_site({"content/a.md": explainer(laws=f"[{{id: luat-hoa-giai-2013, articles: [{articles}]}}]")})
    found = [p for p in catalog.load(site.root).problems if p.code == "LOA125"]
    assert len(found) == 1 and '"articles"' in found[0].message and found[0].line == 6


def test_a_hashtag_too_long_is_named_by_its_position(make_site) -> None:
    site = make_site({"content/a.md": explainer(hashtags="[Ngan, " + "D" * 61 + "]")})
    found = [p for p in catalog.load(site.root).problems if p.code == "LOA126"]
    assert len(found) == 1 and "mục thứ 2" in found[0].message and "60" in found[0].message


def test_a_social_override_has_a_maximum_length(make_site) -> None:
    site = make_site({"content/a.md": explainer(social="{zalo: " + "chữ " * 2000 + "}")})
    found = [p for p in catalog.load(site.root).problems if p.code == "LOA121"]
    assert found and "social.zalo" in found[0].message


def test_lists_within_limits_are_accepted(make_site) -> None:
    tags = "[" + ", ".join(f"Tag{i}" for i in range(30)) + "]"
    site = make_site({"content/a.md": explainer(hashtags=tags)})
    cat = catalog.load(site.root)
    assert not cat.problems and len(cat.explainers[0].hashtags) == 30


# Nesting -------------------------------------------------------------------------

def with_body(body: str) -> str:
    return explainer() + "\n" + body + "\n"


@pytest.mark.parametrize("body", [
    "\n".join("    " * i + "- mục" for i in range(300)),
    "> " * 300 + "trích dẫn",
    ">" * 9 + " trích",
    "- - - - - - - - - mục",
    "\n".join("    " * i + "1. mục" for i in range(10)),
])
def test_deep_nesting_is_an_error_with_its_line(make_site, body: str) -> None:
    site = make_site({"content/a.md": with_body(body)})
    found = [p for p in catalog.load(site.root).problems if p.code == "LOA205"]
    assert len(found) == 1 and found[0].line >= 10 and found[0].is_error


@pytest.mark.parametrize("body", [
    "\n".join("    " * i + "- mục" for i in range(8)),
    "> " * 8 + "trích dẫn",
    "* * * * * * * * * * * *",
    "```\n" + "\n".join("    " * i + "- mã" for i in range(20)) + "\n```",
])
def test_reasonable_nesting_is_accepted(make_site, body: str) -> None:
    site = make_site({"content/a.md": with_body(body)})
    assert [p.code for p in catalog.load(site.root).problems] == []
