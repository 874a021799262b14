"""Phone numbers in a page's text become tel: links (loa/text/phones.py)."""
from __future__ import annotations

import pytest

from loa.i18n import messages
from loa.text.phones import dialable, link_phones

WORDS = messages("vi").get("site.phones.call_words").splitlines()


def linked(html: str) -> str:
    return link_phones(html, WORDS)


@pytest.mark.parametrize("written, number", [
    ("0377.672.444", "0377672444"), ("0299.3827525", "02993827525"), ("0299 3827 525", "02993827525"),
    ("+84 377 672 444", "+84377672444"), ("1800 1567", "18001567"), ("0912-345-678", "0912345678"),
])
def test_a_full_number_is_always_a_number_to_call(written, number):
    assert linked(f"<p>Gọi {written} nhé.</p>") == f'<p>Gọi <a href="tel:{number}">{written}</a> nhé.</p>'


def test_the_full_stop_after_a_number_stays_outside_the_link():
    assert linked("<p>Số máy 0377.672.444.</p>") == '<p>Số máy <a href="tel:0377672444">0377.672.444</a>.</p>'


@pytest.mark.parametrize("html", [
    "<p>Khi nguy hiểm, gọi <strong>113</strong>.</p>",
    "<p>Nguy hiểm khẩn cấp gọi Công an 113 ngay.</p>",
    "<p>Chuyện của trẻ em: Tổng đài 111.</p>",
    "<li><strong>115</strong>: Cấp cứu y tế.</li>",
])
def test_a_short_number_is_linked_where_the_text_says_to_call_it(html):
    assert 'href="tel:11' in linked(html)


@pytest.mark.parametrize("html", [
    "<p>Điều 113: quyền của người bị bạo lực.</p>",
    "<p>Có 111 hộ tham gia năm 2013.</p>",
    "<p>Luật số 35/2013/QH13, ngày 01.12.2026, diện tích 0,5 ha.</p>",
    "<p>Theo Điều 5, khoản 115 của văn bản.</p>",
    "<p>Số căn cước 079123456789 của chị.</p>",
])
def test_articles_years_dates_and_document_numbers_are_left_alone(html):
    assert linked(html) == html


def test_numbers_already_in_a_link_in_code_or_in_an_attribute_are_untouched():
    html = ('<p><a href="tel:0377672444">0377.672.444</a> <code>0299.3827525</code>'
            ' <img alt="0377.672.444" src="a.png"></p><pre>gọi 113</pre>')
    assert linked(html) == html


def test_escaped_text_stays_escaped():
    html = "<p>&lt;script&gt;gọi 0377.672.444&lt;/script&gt;</p>"
    assert linked(html) == '<p>&lt;script&gt;gọi <a href="tel:0377672444">0377.672.444</a>&lt;/script&gt;</p>'


def test_text_after_a_link_is_linked_again():
    html = '<p><a href="/x/">Đọc thêm</a>, rồi gọi 0377.672.444.</p>'
    assert 'gọi <a href="tel:0377672444">' in linked(html)


def test_dialable_keeps_digits_and_a_leading_plus():
    assert dialable("+84 (0) 377.672.444") == "+840377672444"
