"""Readable heading anchors, old anchors kept (loa/text/anchors.py), and the
build's link check of #sections (loa/build/linkcheck.py)."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import MKDOCS_YML, REPO, explainer
from loa.adapters.cli import main
from loa.text.anchors import old_anchor_ids, old_slug, slugify


@pytest.mark.parametrize("heading, anchor", [
    ("Đăng ký ở đâu", "dang-ky-o-dau"),
    ("Ai đi đăng ký, đăng ký ở đâu?", "ai-di-dang-ky-dang-ky-o-dau"),
    ("ĐIỀU CẦN NHỚ", "dieu-can-nho"),
    ("Hòa giải ở cơ sở là gì?", "hoa-giai-o-co-so-la-gi"),
    ("Luật số 35/2013/QH13", "luat-so-352013qh13"),
    ("ការផ្សះផ្សា", "ការផ្សះផ្សា"),  # Khmer letters and their vowel signs kept whole
])
def test_anchors_keep_vietnamese_readable(heading, anchor):
    assert slugify(heading, "-") == anchor


def test_the_engine_slugify_dropped_d_which_is_why_this_one_exists():
    assert old_slug("Đăng ký ở đâu") == "ang-ky-o-au"


def test_a_changed_anchor_keeps_its_old_id_and_an_unchanged_one_gets_none():
    html = ('<h2 id="dang-ky-o-dau">Đăng ký ở đâu</h2><h2 id="luu-y">Lưu ý</h2>'
            '<h2 id="dieu-kien">Điều <em>kiện</em></h2><h2 id="dieu-kien_1">Điều kiện</h2>')
    out = old_anchor_ids(html)
    assert '<h2 id="dang-ky-o-dau"><span id="ang-ky-o-au"></span>Đăng ký ở đâu</h2>' in out
    assert '<h2 id="luu-y">Lưu ý</h2>' in out
    assert '<span id="ieu-kien"></span>Điều <em>kiện</em>' in out and '<span id="ieu-kien_1"></span>' in out


TOC = "markdown_extensions:\n  - toc:\n      slugify: !!python/name:loa.text.anchors.slugify\n"
TARGET = explainer("Đăng ký kết hôn").replace("Hòa giải viên giúp", "## Đăng ký ở đâu\n\nTại xã.\n\nHòa giải viên giúp")


def build(make_site, link: str):
    source = explainer("Hỏi về kết hôn").replace("Hòa giải viên giúp", f"Xem [nơi đăng ký]({link}). Hòa giải viên giúp")
    site = make_site({"mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides") + TOC,
                      "content/dang-ky.md": TARGET, "content/hoi.md": source})
    result = CliRunner().invoke(main, ["build", "--config", str(site.config), "--site-dir", str(site.root / "site")])
    return site, result


def test_a_built_page_has_the_readable_anchor_and_links_to_new_and_old_anchors_work(make_site):
    for link in ("dang-ky.md#dang-ky-o-dau", "dang-ky.md#ang-ky-o-au"):
        site, result = build(make_site, link)
        assert result.exit_code == 0, result.stderr
        page = (site.root / "site/bai-viet/dang-ky/index.html").read_text("utf-8")
        assert re.search(r'<h2 id="dang-ky-o-dau"><span id="ang-ky-o-au"></span>Đăng ký ở đâu', page)
        assert 'href="#dang-ky-o-dau"' in page  # the page's own table of contents uses the new anchor


def test_a_link_to_a_section_that_does_not_exist_stops_the_build(make_site):
    site, result = build(make_site, "dang-ky.md#khong-co-muc-nay")
    assert result.exit_code == 1
    assert "#khong-co-muc-nay" in result.stderr


def check(make_site, link: str, toc: str = TOC):
    source = explainer("Hỏi về kết hôn").replace("Hòa giải viên giúp", f"Xem [nơi đăng ký]({link}). Hòa giải viên giúp")
    site = make_site({"mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides") + toc,
                      "content/dang-ky.md": TARGET, "content/hoi.md": source})
    return CliRunner().invoke(main, ["check", "--config", str(site.config)])


@pytest.mark.parametrize("toc", [TOC, ""], ids=["slugify-in-mkdocs-yml", "loa-default"])
def test_loa_check_reports_first_what_the_builds_section_check_refuses(make_site, toc):
    for good in ("dang-ky.md#dang-ky-o-dau", "dang-ky.md#ang-ky-o-au"):
        assert "LOA602" not in check(make_site, good, toc).stderr
    result = check(make_site, "dang-ky.md#dang-ky-o-dauu", toc)
    assert result.exit_code == 1
    assert ('content/hoi.md:10: lỗi LOA602: liên kết tới mục "#dang-ky-o-dauu" của bài dang-ky, '
            'nhưng bài đó không có mục này') in result.stderr
    assert 'có phải ý bạn là "#dang-ky-o-dau"?' in result.stderr


def test_without_a_slugify_in_mkdocs_yml_loa_still_writes_readable_anchors(make_site):
    source = explainer("Hỏi về kết hôn").replace("Hòa giải viên giúp", "Xem [nơi](dang-ky.md#dang-ky-o-dau). Hòa giải viên giúp")
    site = make_site({"content/dang-ky.md": TARGET, "content/hoi.md": source})
    result = CliRunner().invoke(main, ["build", "--config", str(site.config), "--site-dir", str(site.root / "site")])
    assert result.exit_code == 0, result.stderr
    assert '<h2 id="dang-ky-o-dau">' in (site.root / "site/bai-viet/dang-ky/index.html").read_text("utf-8")
