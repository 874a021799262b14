"""Key points of a post (loa/text/keypoints.py): in the text's order, each
one readable without the page."""
from __future__ import annotations

from loa.text.keypoints import LIST_ITEMS, key_points

PAPERS = """Cha hoặc mẹ đăng ký khai sinh cho con.

## Cần mang giấy tờ gì?

Khi đi đăng ký, cha hoặc mẹ mang theo:

- Tờ khai đăng ký khai sinh.
- Giấy chứng sinh.

## Đăng ký ở đâu?

Tại Ủy ban nhân dân xã nơi cư trú của cha hoặc mẹ.

## Khi cha mẹ không thống nhất

Trước hết, nhờ tổ hòa giải ở ấp giúp.
"""


def test_points_follow_the_order_of_the_text():
    points = key_points(PAPERS, 3)
    assert [p.split()[0] for p in points] == ["Khi", "Đăng", "Khi"]
    assert points[-1] == "Khi cha mẹ không thống nhất: Trước hết, nhờ tổ hòa giải ở ấp giúp."


def test_a_list_keeps_the_sentence_that_introduces_it():
    first = key_points(PAPERS, 1)[0]
    assert first == ("Khi đi đăng ký, cha hoặc mẹ mang theo:\n"
                     "- Tờ khai đăng ký khai sinh.\n- Giấy chứng sinh.")


def test_a_list_right_under_its_heading_is_introduced_by_the_heading():
    md = "## Đừng nói những câu này\n\n- \"Chuyện nhà đóng cửa bảo nhau.\"\n- \"Nhịn chồng một chút.\"\n"
    assert key_points(md, 2) == ["Đừng nói những câu này:\n- \"Chuyện nhà đóng cửa bảo nhau.\"\n"
                                 "- \"Nhịn chồng một chút.\""]


def test_ordered_steps_keep_their_numbers():
    md = "## Các bước\n\n1. Đến nơi an toàn.\n2. Báo công an xã.\n"
    assert key_points(md, 1) == ["Các bước:\n1. Đến nơi an toàn.\n2. Báo công an xã."]


def test_a_list_nothing_introduces_is_not_picked():
    md = "## Mục\n\nĐoạn mở không báo trước danh sách.\n\n- Tờ khai.\n- Giấy chứng sinh.\n"
    assert key_points(md, 3) == ["Mục: Đoạn mở không báo trước danh sách."]
    assert key_points("- Tờ khai.\n- Giấy chứng sinh.\n", 3) == []


def test_a_long_or_nested_list_is_not_cut_but_left_out():
    many = "## Giấy tờ\n\n" + "".join(f"- Giấy số {i}.\n" for i in range(LIST_ITEMS + 1))
    nested = "## Giấy tờ\n\n- Giấy một.\n    - Bản chính.\n- Giấy hai.\n"
    assert key_points(many, 3) == [] and key_points(nested, 3) == []


def test_a_section_lead_keeps_its_heading():
    md = "## Hòa giải là gì?\n\nLà cách tự thương lượng. Không mất phí.\n\n## Ai hòa giải\n\nTổ hòa giải ở ấp."
    assert key_points(md, 3) == ["Hòa giải là gì? Là cách tự thương lượng. Không mất phí.",
                                 "Ai hòa giải: Tổ hòa giải ở ấp."]
    assert key_points(md, 0) == []


def test_every_section_gets_a_point_before_any_gets_two():
    md = ("## Một\n\nÝ một.\n\n- Thêm một.\n- Thêm hai.\n\nNhưng:\n\n- A.\n- B.\n\n"
          "## Hai\n\nÝ hai.\n")
    assert key_points(md, 2) == ["Một: Ý một.", "Hai: Ý hai."]
    assert key_points(md, 3) == ["Một: Ý một.", "Nhưng:\n- A.\n- B.", "Hai: Ý hai."]


def test_a_paragraph_that_introduces_a_table_is_not_a_point():
    md = "## Lệ phí\n\nMức thu như sau:\n\n| Việc | Phí |\n|---|---|\n| Khai sinh | 0 |\n\n## Nơi nộp\n\nTại xã.\n"
    assert key_points(md, 3) == ["Nơi nộp: Tại xã."]


def test_a_long_lead_is_cut_to_its_first_sentence():
    lead = "Câu đầu tiên nói ý chính. " + "Câu sau rất dài " * 20 + "."
    assert key_points(f"## Mục\n\n{lead}", 1) == ["Mục: Câu đầu tiên nói ý chính."]
