"""`loa publish` and `loa doctor` from the command line, and the legacy-font
warnings of `loa check`."""
from __future__ import annotations

import json

from click.testing import CliRunner

from conftest import cp1258, explainer
from loa.adapters.cli import main


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output + result.stderr
    return result


def test_publish_writes_posts_and_manifest(make_site) -> None:
    site = make_site({"content/a.md": explainer(), "content/b.md": explainer("Bài hai", date="1/6/2024")})
    result = run("publish", "--config", str(site.config))
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((site.root / "site/social/index.json").read_text(encoding="utf-8"))
    assert [e["slug"] for e in manifest["explainers"]] == ["b", "a"]
    for entry in manifest["explainers"]:
        for path in entry["files"].values():
            assert (site.root / "site" / path).read_text(encoding="utf-8").startswith(entry["title"])


def test_publish_filters_by_date_slug_and_channel(make_site) -> None:
    site = make_site({"content/a.md": explainer(), "content/b.md": explainer("Bài hai", date="1/6/2024")})
    assert run("publish", "--config", str(site.config), "--since", "1/1/2024", "--channel", "zalo").exit_code == 0
    social = site.root / "site/social"
    assert (social / "b/zalo.txt").exists()
    assert not (social / "a").exists() and not (social / "b/facebook.txt").exists()


def test_publish_stdout_prints_exactly_one_post(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    result = run("publish", "--config", str(site.config), "--slug", "a", "--channel", "facebook", "--stdout")
    assert result.exit_code == 0
    assert result.stdout.startswith("Hòa giải ở cơ sở là gì?\n")
    assert "utm_source=facebook&utm_medium=social" in result.stdout
    assert not (site.root / "site").exists()  # printing writes nothing


def test_publish_refuses_unknown_slug_and_bad_date_in_vietnamese(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    result = run("publish", "--config", str(site.config), "--slug", "khong-co", "--channel", "zalo", "--stdout")
    assert result.exit_code == 1 and "không có bài viết đã đăng nào" in result.stderr
    result = run("publish", "--config", str(site.config), "--since", "30/2/2024")
    assert result.exit_code == 2 and "không tồn tại" in result.stderr


def test_check_warns_about_tcvn3_text_with_line_and_sample(make_site) -> None:
    site = make_site({"content/a.md": explainer() + "\nTæ hßa gi¶i ë c¬ së gióp bµ con.\n"})
    result = run("check", "--config", str(site.config))
    assert result.exit_code == 0  # a warning: the author decides
    assert "content/a.md:12: cảnh báo LOA210: chữ bị lỗi phông TCVN3" in result.stderr
    assert "hßa gi¶i" in result.stderr and "hòa giải" in result.stderr


def test_check_warns_about_vni_text(make_site) -> None:
    site = make_site({"content/a.md": explainer() + "\nHoøa giaûi ôû cô sôû\n"})
    assert "content/a.md:12: cảnh báo LOA211" in run("check", "--config", str(site.config)).stderr


def test_doctor_reports_then_fixes_then_leaves_alone(make_site) -> None:
    text = explainer() + "\nTæ hßa gi¶i ë c¬ së.\n"
    site = make_site({"content/a.md": text, "content/b.md": cp1258(explainer("Phụ nữ được bảo vệ"))})
    content = str(site.root / "content")
    report = run("doctor", content)
    assert report.exit_code == 1 and "LOA210" in report.stderr and "LOA212" in report.stderr
    assert (site.root / "content/a.md").read_text(encoding="utf-8") == text  # no --fix: nothing written
    fixed = run("doctor", "--fix", content)
    assert fixed.exit_code == 0 and "bản gốc lưu ở" in fixed.stdout
    assert (site.root / "content/a.md").read_text(encoding="utf-8") == explainer() + "\nTổ hòa giải ở cơ sở.\n"
    assert (site.root / "content/b.md").read_text(encoding="utf-8") == explainer("Phụ nữ được bảo vệ")
    assert (site.root / "content/a.md.bak").read_text(encoding="utf-8") == text
    before = {p.name: p.read_bytes() for p in (site.root / "content").iterdir()}
    again = run("doctor", "--fix", content)
    assert again.exit_code == 0 and "Không có tệp nào cần sửa" in again.stderr
    assert {p.name: p.read_bytes() for p in (site.root / "content").iterdir()} == before
    assert run("check", "--config", str(site.config)).exit_code == 0


def test_doctor_names_a_missing_path(tmp_path) -> None:
    result = run("doctor", str(tmp_path / "khong-co"))
    assert result.exit_code == 2 and "không tìm thấy" in result.stderr
