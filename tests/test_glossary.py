"""The glossary (issue 15 item 1): content/glossary.yml is checked like the
other registries, each term's first use in an explainer body is marked
(old and new tone placement, case, NFD; never in links, headings or code,
never inside another word), the page /thuat-ngu/ lists every term with the
explainers that use it, and search holds one document per term."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from click.testing import CliRunner

from conftest import LAWS as BASE_LAWS
from conftest import explainer
from loa.adapters.cli import main
from loa.text.terms import Entry, Matcher, mark_terms

# The test site's laws, and the one the family terms cite.
LAWS = BASE_LAWS + """\
luat-hon-nhan-gia-dinh-2014:
  title: Luật Hôn nhân và gia đình
  number: 52/2014/QH13
  issued: 2014-06-19
  effective: 2015-01-01
"""
GLOSSARY = """\
hoa-giai-o-co-so:
  term: hòa giải ở cơ sở
  definition: Việc hòa giải viên giúp các bên tự nguyện thỏa thuận với nhau.
  law: luat-hoa-giai-2013
  article: 2
tai-san-chung:
  term: tài sản chung
  variants: [tài sản chung của vợ chồng]
  definition: Tài sản vợ chồng làm ra trong thời kỳ hôn nhân <và> những gì hai người thỏa thuận là chung.
  law: luat-hon-nhan-gia-dinh-2014
  article: 33
tao-hon:
  term: tảo hôn
  definition: Lấy vợ, lấy chồng khi chưa đủ tuổi kết hôn.
"""
BODY = """\
## Hòa giải ở cơ sở là gì?

Theo Luật Hòa giải ở cơ sở, HOÀ GIẢI Ở CƠ SỞ giúp bà con. Hòa giải ở cơ sở lần hai.

Tài sản, chung là hai từ. Xem [tài sản chung](https://vbpl.vn/) và `tài sản chung`.

Đất là Tài sản chung của vợ chồng. Tạo hôn không phải tảo hôn; tảo hônx cũng không.
"""


def check(site, *args: str):
    result = CliRunner().invoke(main, ["check", "--config", str(site.config), *args])
    return result.exit_code, result.stderr


def build(site):
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 0, result.stderr
    return site.root / "site"


def with_body(text: str) -> str:
    head = explainer(laws="[luat-hoa-giai-2013]").split("\n\n", 1)[0]
    return head + "\n\n" + text


# The registry ---------------------------------------------------------------------


def test_every_mistake_of_the_registry_is_reported_at_once_with_its_line(make_site) -> None:
    site = make_site({"content/laws.yml": LAWS, "content/a.md": explainer(), "content/glossary.yml": (
        "hoa-giai:\n  term: Hòa giải\n  definition: Ngắn.\n"                      # 1
        "hoa-giai-2:\n  term: HOÀ GIẢI\n  definition: Trùng, khác dấu và chữ hoa.\n"  # 4
        "ten-khac:\n  term: thương lượng\n  variants: [hoà giải]\n  definition: Biến thể trùng.\n"  # 7
        f"dai:\n  term: rất dài\n  definition: {'chữ ' * 60}\n"                     # 11
        "lut-la:\n  term: từ lạ\n  definition: Có.\n  law: luat-hoa-giai\n  article: 2\n"  # 14
        "khong-luat:\n  term: từ khác\n  definition: Có.\n  article: 5\n"            # 19
        "truong-la:\n  term: từ nữa\n  definition: Có.\n  nghia: x\n"            # 23
        "trung-mu-loi:\n  term: TỪ LẠ\n  definition: Trùng một mục có lỗi.\n")})  # 27
    code, err = check(site)
    assert code == 1
    lines = {m.group(1) + ":" + m.group(2) for m in re.finditer(r"glossary\.yml:(\d+): lỗi (LOA4\d\d)", err)}
    assert lines == {"4:LOA441", "7:LOA441", "11:LOA442", "14:LOA443", "19:LOA444", "23:LOA440", "27:LOA441"}, err
    assert 'trùng với thuật ngữ "hoa-giai" (dòng 1)' in err
    assert "dài 239 ký tự, quá 220 ký tự" in err and "rút ngắn thêm 19 ký tự" in err
    assert 'có phải ý bạn là "luat-hoa-giai-2013"?' in err


def test_a_project_without_a_glossary_has_no_glossary_page(make_site) -> None:
    site = build(make_site({"content/a.md": explainer()}))
    assert not (site / "thuat-ngu").exists()
    assert "loa-term" not in (site / "bai-viet/a/index.html").read_text(encoding="utf-8")


# Finding terms --------------------------------------------------------------------

ENTRIES = [Entry("hoa-giai", ("hòa giải",), "Giải quyết <mâu thuẫn> & tranh chấp.", "Điều 2 Luật"),
           Entry("ban", ("ban",), "Một từ ngắn.")]


def marked(html: str, names=()) -> tuple[str, list[str]]:
    return mark_terms(html, Matcher(ENTRIES, names), "../../thuat-ngu/")


def test_old_and_new_tone_placement_case_and_nfd_are_one_term() -> None:
    for spelling in ("hoà giải", "HÒA GIẢI", "Hoà Giải", unicodedata.normalize("NFD", "hòa giải")):
        html, used = marked(f"<p>Nhờ {spelling} trước.</p>")
        assert used == ["hoa-giai"], spelling
        assert f">{unicodedata.normalize('NFC', spelling)}</a>" in html


def test_only_the_first_use_is_marked_and_other_marks_are_other_words() -> None:
    html, used = marked("<p>hóa giải, hoa giai, hòa giải, hòa giải.</p>")
    assert used == ["hoa-giai"] and html.count("loa-term") == 1
    assert html.startswith("<p>hóa giải, hoa giai, <a ")


def test_never_in_links_headings_code_or_inside_another_word() -> None:
    html, used = marked('<h2>hòa giải</h2><p><a href="x">hòa giải</a> <code>hòa giải</code> '
                        '<strong>hòa</strong> giải bàn banh</p>')
    assert used == [] and "loa-term" not in html


def test_a_term_inside_a_law_name_is_the_name_not_a_use() -> None:
    html, used = marked("<p>Luật Hòa giải ở cơ sở nói về hòa giải.</p>", names=["Luật Hòa giải ở cơ sở"])
    assert used == ["hoa-giai"]
    assert "Luật Hòa giải ở cơ sở nói về <a " in html


def test_registry_words_are_escaped_and_the_page_text_kept() -> None:
    html, _ = marked("<p>Chuyện &lt;nhà&gt; cần hòa giải.</p>")
    assert 'data-loa-def="Giải quyết &lt;mâu thuẫn&gt; &amp; tranh chấp."' in html
    assert 'data-loa-source="Điều 2 Luật"' in html and "Chuyện &lt;nhà&gt; cần" in html
    assert 'href="../../thuat-ngu/#hoa-giai"' in html


# A built site ---------------------------------------------------------------------


def test_the_built_body_the_page_and_search(make_site) -> None:
    site = build(make_site({"content/laws.yml": LAWS, "content/glossary.yml": GLOSSARY,
                            "content/a.md": with_body(BODY), "content/b.md": explainer("Bài khác")}))
    page = (site / "bai-viet/a/index.html").read_text(encoding="utf-8")
    terms = re.findall(r'<a class="loa-term" href="../../thuat-ngu/#([\w-]+)"[^>]*>([^<]*)</a>', page)
    assert terms == [("hoa-giai-o-co-so", "HOÀ GIẢI Ở CƠ SỞ"), ("tai-san-chung", "Tài sản chung của vợ chồng"),
                     ("tao-hon", "tảo hôn")]
    assert "assets/loa/glossary.js" in page and 'id="loa-glossary-words"' in page
    assert "loa-term" not in (site / "bai-viet/b/index.html").read_text(encoding="utf-8")
    glossary = (site / "thuat-ngu/index.html").read_text(encoding="utf-8")
    for term_id in ("hoa-giai-o-co-so", "tai-san-chung", "tao-hon"):
        assert f'id="{term_id}"' in glossary
    assert '<a href="../van-ban/luat-hon-nhan-gia-dinh-2014/">Điều 33 Luật Hôn nhân và gia đình</a>' in glossary
    assert glossary.count('<a href="../bai-viet/a/">') == 3 and "bai-viet/b/" not in glossary.split("loa-glossary")[1]
    assert "&lt;và&gt;" in glossary
    index = "".join(p.read_text(encoding="utf-8") for p in (site / "assets/loa/search").rglob("*.js"))
    assert '"thuat-ngu/#tao-hon","tảo hôn"' in index


def test_khmer_pages_get_no_vietnamese_glossary(built_site: Path) -> None:
    khmer = (built_site / "km/hoa-giai-o-co-so-la-gi/index.html").read_text(encoding="utf-8")
    assert "loa-term" not in khmer and "glossary.js" not in khmer
    vietnamese = (built_site / "bai-viet/hoa-giai-o-co-so-la-gi/index.html").read_text(encoding="utf-8")
    assert 'class="loa-term"' in vietnamese
