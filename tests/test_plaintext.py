"""Markdown -> plain text for posts and search (loa/plaintext.py)."""
from __future__ import annotations

import re
import time
import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st

from loa.text.plaintext import sentences, to_plain

SITE = "https://phunu-soctrang.example/bai-viet/"


def resolver(href: str) -> str | None:
    """Stands in for social.link_resolver: knows one explainer by file name."""
    if href.split("#")[0].endswith("cong-nhan.md"):
        return SITE + "cong-nhan/" + ("#" + href.split("#", 1)[1] if "#" in href else "")
    return None


def test_headings_bold_and_italics_become_plain_text():
    md = "## Quyền **được** bảo vệ\n\nPhụ nữ *mang thai* được __ưu tiên__ và _nghỉ_."
    assert to_plain(md) == "Quyền được bảo vệ\n\nPhụ nữ mang thai được ưu tiên và nghỉ."


def test_bullets_start_with_a_dot_and_numbers_keep_their_order():
    md = "- Mang theo CCCD\n- Đến UBND xã\n\n3. Nộp đơn\n4. Chờ hẹn"
    assert to_plain(md) == "• Mang theo CCCD\n• Đến UBND xã\n\n3. Nộp đơn\n4. Chờ hẹn"


def test_nested_list_is_indented_under_its_item():
    md = "- Giấy tờ:\n    - CCCD\n    - Sổ hộ khẩu\n- Lệ phí: miễn"
    assert to_plain(md) == "• Giấy tờ:\n  • CCCD\n  • Sổ hộ khẩu\n• Lệ phí: miễn"


def test_loose_list_item_keeps_its_paragraphs_on_one_line():
    md = "1. Gọi tổ hòa giải.\n\n    Họ đến tận nhà.\n\n2. Ký biên bản."
    assert to_plain(md) == "1. Gọi tổ hòa giải. Họ đến tận nhà.\n2. Ký biên bản."


def test_link_becomes_text_colon_url():
    md = "Xem [Luật Hòa giải ở cơ sở](https://vbpl.vn/luat-35) để biết thêm."
    assert to_plain(md) == "Xem Luật Hòa giải ở cơ sở: https://vbpl.vn/luat-35 để biết thêm."


def test_link_whose_text_is_its_address_is_not_repeated():
    md = "Trang <https://vbpl.vn> và [vbpl.vn](https://vbpl.vn/)."
    assert to_plain(md) == "Trang https://vbpl.vn và https://vbpl.vn/."


def test_relative_link_to_an_explainer_becomes_absolute_with_a_resolver():
    md = "Thỏa thuận được Tòa [công nhận](../khac/cong-nhan.md#dieu-kien)."
    assert to_plain(md, resolve_link=resolver) == \
        f"Thỏa thuận được Tòa công nhận: {SITE}cong-nhan/#dieu-kien."


def test_relative_link_without_resolver_or_unknown_keeps_only_its_text():
    md = "Xem [bài khác](../khac/khong-co.md) và [mục dưới](#muc-2)."
    assert to_plain(md) == "Xem bài khác và mục dưới."
    assert to_plain(md, resolve_link=resolver) == "Xem bài khác và mục dưới."


def test_email_and_phone_links_show_the_address():
    md = "Gửi [thư](mailto:hoi@example.vn), gọi [đường dây nóng](tel:0377672444) hoặc <hoi@example.vn>."
    assert to_plain(md) == ("Gửi thư: hoi@example.vn, gọi đường dây nóng: 0377672444 "
                            "hoặc hoi@example.vn.")


def test_tables_and_images_are_dropped():
    md = ("Mức phạt:\n\n| Hành vi | Mức phạt |\n|---|---|\n| Đánh đập | 5 triệu |\n\n"
          "![Sơ đồ quy trình](so-do.png)\n\nHết.")
    assert to_plain(md) == "Mức phạt:\n\nHết."


def test_raw_html_blocks_are_dropped_and_inline_tags_stripped():
    md = ('<div class="x">**Không hiện**</div>\n\nChữ <span style="color:red">đỏ</span> '
          "và <b>đậm</b>.<!-- ghi chú -->\n\n<script>alert(1)</script>\n\nCuối.")
    assert to_plain(md) == "Chữ đỏ và đậm.\n\nCuối."


def test_entities_are_decoded():
    assert to_plain("Hội &amp; Đoàn &ndash; 5&nbsp;triệu &#7841; &lt;3") == "Hội & Đoàn – 5 triệu ạ <3"


def test_line_breaks_and_admonitions_are_kept_as_text():
    md = 'Dòng một  \nDòng hai\n\n!!! warning "Lưu ý"\n    Không ký giấy trắng.'
    assert to_plain(md) == "Dòng một\nDòng hai\n\nLưu ý\n\nKhông ký giấy trắng."


def test_broken_markdown_leaves_no_stray_syntax():
    md = "Chữ **chưa đóng và [liên kết hỏng](a b c) và [tham chiếu][khong-co] và `mã."
    out = to_plain(md)
    assert out == "Chữ chưa đóng và liên kết hỏng và tham chiếu và mã."


def test_output_is_nfc_even_from_decomposed_input():
    md = unicodedata.normalize("NFD", "# Hòa giải\n\nNgười dân được hỗ trợ.")
    out = to_plain(md)
    assert out == "Hòa giải\n\nNgười dân được hỗ trợ."
    assert unicodedata.is_normalized("NFC", out)


def test_sentences_do_not_split_abbreviations_or_numbers():
    text = ("Theo Luật số 35/2013/QH13. Người dân ở TP. Sóc Trăng được hỗ trợ. "
            "Gọi 0377.672.444 nhé! Bà nói: “Được rồi.” Xong")
    assert sentences(text) == [
        "Theo Luật số 35/2013/QH13.", "Người dân ở TP. Sóc Trăng được hỗ trợ.",
        "Gọi 0377.672.444 nhé!", "Bà nói: “Được rồi.”", "Xong"]


def test_fast_enough_for_the_search_index():
    doc = ("## Mục\n\nĐoạn có **đậm**, *nghiêng* và [liên kết](https://vbpl.vn/x). " * 5
           + "\n\n- Ý một\n- Ý hai\n\n| a | b |\n|---|---|\n| 1 | 2 |\n") * 3
    start = time.perf_counter()
    for _ in range(1000):
        to_plain(doc)
    assert time.perf_counter() - start < 10  # ~1 s here; generous for slow CI machines


# Properties ----------------------------------------------------------------

LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵAĐÔƯ"
words = st.text(alphabet=LETTERS + "0123456789", min_size=1, max_size=8)
phrases = st.lists(words, min_size=1, max_size=5).map(" ".join)
urls = st.builds(lambda host, path: f"https://{host}.vn/{path}",
                 st.text(alphabet="abcdefghij", min_size=1, max_size=6),
                 st.text(alphabet="abc0123-/", max_size=8))


@st.composite
def inline(draw):
    """One inline element: (markdown, words that must survive, URLs that must survive)."""
    p = draw(phrases)
    kind = draw(st.sampled_from(["plain", "bold", "em", "under", "code", "link", "image", "span", "entity"]))
    if kind == "link":
        url = draw(urls)
        return f"[{p}]({url})", p.split(), [url]
    if kind == "image":
        return f"![{p}]({draw(urls)})", [], []
    if kind == "entity":
        return draw(st.sampled_from(["&amp;", "&nbsp;", "&#7841;", "&quot;"])), [], []
    wrap = {"plain": "{}", "bold": "**{}**", "em": "*{}*", "under": "_{}_",
            "code": "`{}`", "span": "<span>{}</span>"}[kind]
    return wrap.format(p), p.split(), []


@st.composite
def paragraph(draw):
    parts = draw(st.lists(inline(), min_size=1, max_size=4))
    return (" ".join(p[0] for p in parts), [w for p in parts for w in p[1]],
            [u for p in parts for u in p[2]])


@st.composite
def block(draw):
    kind = draw(st.sampled_from(["para", "heading", "bullets", "numbers", "quote", "table", "html"]))
    items = draw(st.lists(paragraph(), min_size=1, max_size=3))
    text = [i[0] for i in items]
    kept = ([w for i in items for w in i[1]], [u for i in items for u in i[2]])
    if kind == "table":
        return "| a | b |\n|---|---|\n" + "\n".join(f"| {t} | x |" for t in text), [], []
    if kind == "html":
        return "<div>\n" + "\n".join(text) + "\n</div>", [], []
    prefix = {"para": "", "heading": "#" * draw(st.integers(1, 6)) + " ",
              "bullets": "- ", "quote": "> "}.get(kind)
    lines = [f"{i + 1}. {t}" if kind == "numbers" else prefix + t for i, t in enumerate(text)]
    joiner = "\n" if kind in ("bullets", "numbers") else "\n\n"
    return joiner.join(lines), *kept


@st.composite
def documents(draw):
    blocks = draw(st.lists(block(), min_size=1, max_size=6))
    return ("\n\n".join(b[0] for b in blocks), [w for b in blocks for w in b[1]],
            [u for b in blocks for u in b[2]])


SYNTAX = re.compile(r"[*_`#\[\]<>]|\]\(|&(?:#[0-9]+|#x[0-9a-f]+|[a-z]+);", re.IGNORECASE)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_property_no_markdown_or_html_survives_and_links_and_words_do(doc):
    markdown_text, kept_words, kept_urls = doc
    out = to_plain(markdown_text)
    assert not SYNTAX.search(out), out
    for url in kept_urls:
        assert url in out
    for word in kept_words:
        assert word in out
    assert unicodedata.is_normalized("NFC", out)
    assert "\n\n\n" not in out and out == out.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_property_any_text_gives_clean_nfc_text(text):
    out = to_plain(text)
    assert unicodedata.is_normalized("NFC", out)
    assert "\r" not in out and "\x00" not in out
    assert all(line == line.strip() for line in out.split("\n") if not line.startswith(" "))
