"""Click's own words reach authors in Vietnamese too."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from loa.adapters.cli import main


@pytest.mark.parametrize(("args", "expected"), [
    (["check", "--format", "xml"], "Lỗi: giá trị 'xml' của --format không hợp lệ; chọn một trong: 'text', 'json'."),
    (["doctor"], "Lỗi: thiếu TỆP_HOẶC_THƯ_MỤC..."),
    (["chekc"], "Lỗi: không có lệnh 'chekc'. Có phải ý bạn là 'check'?"),
    (["check", "--formt", "json"], "Lỗi: không có tùy chọn --formt. Có phải ý bạn là '--format'?"),
    (["publish", "--since", "30/2/2024"], "Lỗi: giá trị của --since không hợp lệ: ngày 30/2/2024 không tồn tại"),
])
def test_usage_mistakes_are_answered_in_vietnamese(args: list[str], expected: str) -> None:
    result = CliRunner().invoke(main, args, prog_name="loa")
    assert result.exit_code == 2
    assert expected in result.stderr
    assert "Cách dùng: loa" in result.stderr and "--help" in result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr


def test_help_is_vietnamese() -> None:
    result = CliRunner().invoke(main, ["publish", "--help"], prog_name="loa")
    assert result.exit_code == 0
    assert "Cách dùng: loa publish [TÙY CHỌN]" in result.stdout and "Tùy chọn:" in result.stdout
    assert "Xem hướng dẫn này rồi thoát." in result.stdout
    assert "Show this message" not in result.stdout and "Options:" not in result.stdout
