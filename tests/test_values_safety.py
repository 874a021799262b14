"""Markup is found whatever the YAML spelling, in explainers and registries,
and registry links are http(s) only."""
from __future__ import annotations

import pytest

from conftest import LAWS, explainer
from loa.content import catalog


def found(site) -> list[tuple[str, int, str]]:
    return [(p.path, p.line, p.code) for p in catalog.load(site.root).problems if p.is_error]


SPELLINGS = {
    "hex_escape": ('title: "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e"', "LOA200"),
    "unicode_escape": ('title: "\\u003ciframe src=x\\u003e"', "LOA200"),
    "line_continuation": ('title: "<scr\\\n  ipt>alert(1)"', "LOA200"),
    "folded_block": ("title: >-\n  <img src=x\n  onerror=alert(1)>", "LOA201"),
    "literal_block": ("title: |-\n  Chữ\n  <object data=x>", "LOA200", 4),  # raw line check: exact line
    "quote_doubling": ("title: '<a href=''javascript:alert(1)''>x</a>'", "LOA202"),
    "escaped_bidi": ('title: "Số tài khoản \\u202e1234"', "LOA204"),
    "escaped_form": ('title: "\\x3cform action=x\\x3e"', "LOA203"),
}


@pytest.mark.parametrize("name", sorted(SPELLINGS))
def test_front_matter_spelling_cannot_smuggle_markup(make_site, name: str) -> None:
    line, code, *where = SPELLINGS[name]
    text = explainer(title=None).replace("---\n", "---\n" + line + "\n", 1)
    site = make_site({"content/a.md": text})
    assert ("content/a.md", where[0] if where else 2, code) in found(site)


def test_each_problem_is_reported_once_when_spelled_plainly(make_site) -> None:
    site = make_site({"content/a.md": explainer("<script>x</script>")})
    assert found(site).count(("content/a.md", 2, "LOA200")) == 1


def test_nested_values_are_checked_with_their_line(make_site) -> None:
    site = make_site({"content/a.md": explainer(
        hashtags='[HoaGiai, "\\x3cscript\\x3e"]',
        social='\n  zalo: "\\u003cembed src=x\\u003e"\n  facebook: ổn')})
    problems = found(site)
    assert ("content/a.md", 8, "LOA200") in problems  # hashtags
    assert ("content/a.md", 10, "LOA200") in problems  # social.zalo


def test_ordinary_text_is_not_refused(make_site) -> None:
    site = make_site({"content/a.md": explainer(
        summary="'Chị \"em\" nói: lãi < 5% & phí > 0, mẹo: a<b là đúng'",
        title='"Con \\"em\\" & mẹ"')})
    assert found(site) == []


REGISTRY_SPELLINGS = {
    "audiences_name": ("content/audiences.yml", 'x:\n  name: "\\x3cscript\\x3e"\n', 2, "LOA200"),
    "topics_description": ("content/topics.yml",
                           "hoa-giai-co-so:\n  name: Hòa giải\n  description: >\n    <img src=x\n    onclick=y>\n",
                           3, "LOA201"),
    "laws_title": ("content/laws.yml", LAWS.replace("Luật Hòa giải ở cơ sở", "<iframe src=x>"), 2, "LOA200"),
    "laws_number": ("content/laws.yml", LAWS.replace("35/2013/QH13", '"35/2013\\u202e/QH13"'), 3, "LOA204"),
}


@pytest.mark.parametrize("name", sorted(REGISTRY_SPELLINGS))
def test_registry_text_is_checked_like_author_text(make_site, name: str) -> None:
    path, text, line, code = REGISTRY_SPELLINGS[name]
    site = make_site({path: text, "content/a.md": explainer()})
    assert (path, line, code) in found(site)


def law_with_url(url: str) -> str:
    return LAWS + f"  url: {url}\n"


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "'JavaScript:alert(1)'", "data:text/html;base64,PHNjcmlwdD4=", "/van-ban/x",
    "vbpl.vn/x", "https://", "http:///etc/passwd", "'https://a.vn/ x'", "ftp://a.vn/x",
])
def test_law_url_must_be_http_or_https(make_site, url: str) -> None:
    site = make_site({"content/laws.yml": law_with_url(url), "content/a.md": explainer()})
    problems = catalog.load(site.root).problems
    bad = [p for p in problems if p.code == "LOA174"]
    assert bad and bad[0].path == "content/laws.yml" and "https://" in bad[0].hint


@pytest.mark.parametrize("url", ["https://vbpl.vn/TW/Pages/vbpq-toanvan.aspx?ItemID=32442", "HTTP://A.VN/x"])
def test_real_law_urls_are_accepted(make_site, url: str) -> None:
    site = make_site({"content/laws.yml": law_with_url(url), "content/a.md": explainer()})
    cat = catalog.load(site.root)
    assert found(site) == [] and cat.laws["luat-hoa-giai-2013"].url == url
