"""mkdocs.yml is read once, the way MkDocs reads it, and its mistakes are
reported by `loa check` before any build."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main

MKDOCS = Path(sys.executable).with_name("mkdocs")


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def set_option(site, old: str, new: str) -> None:
    text = site.config.read_text(encoding="utf-8")
    assert old in text
    site.config.write_text(text.replace(old, new), encoding="utf-8")


def refused_option(make_site, option: str):
    """`loa check` on a site whose loa: block gains `option`: it must refuse it."""
    site = make_site({"content/a.md": explainer()})
    set_option(site, "      organisation:", f"      {option}\n      organisation:")
    result = run("check", "--config", str(site.config))
    assert result.exit_code == 1
    return site, result


def test_a_colour_that_is_not_a_colour_is_a_check_error(make_site) -> None:
    site, result = refused_option(make_site, 'theme_color: "tím"')
    assert 'mkdocs.yml:1: lỗi LOA900: cấu hình Loa trong mkdocs.yml: màu theme_color "tím"' in result.stderr
    built = run("build", "--config", str(site.config))
    assert built.exit_code == 1 and "LOA900" in built.stderr and "Traceback" not in built.stderr
    plain = subprocess.run([str(MKDOCS), "build", "-f", str(site.config)], capture_output=True, text=True)
    assert plain.returncode != 0 and "Traceback" not in plain.stderr and "LOA900" in plain.stderr


def test_env_tags_work_in_check_and_build_alike(make_site, monkeypatch) -> None:
    site = make_site({"content/a.md": explainer()})
    set_option(site, '      hotline: "0377.672.444"', "      hotline: !ENV [LOA_HOTLINE, '0000']")
    # MkDocs reads the variable as YAML: "0299.3827525" would become a number.
    monkeypatch.setenv("LOA_HOTLINE", "0299 3827 525")
    assert run("check", "--config", str(site.config)).exit_code == 0
    assert run("build", "--config", str(site.config)).exit_code == 0
    page = (site.root / "site/bai-viet/a/index.html").read_text(encoding="utf-8")
    assert 'href="tel:02993827525"' in page


def test_an_option_of_the_wrong_type_is_named_in_vietnamese(make_site) -> None:
    _site, result = refused_option(make_site, "content_dir: 5")
    assert 'lỗi LOA900: cấu hình Loa trong mkdocs.yml: giá trị của "loa: content_dir" không hợp lệ' in result.stderr
    assert "Expected" not in result.stderr  # the engine's English stays out


def test_a_broken_or_missing_mkdocs_yml_is_reported_not_raised(make_site, tmp_path) -> None:
    site = make_site({"content/a.md": explainer()})
    site.config.write_text("site_name: [không đóng\n", encoding="utf-8")
    result = run("check", "--config", str(site.config))
    assert result.exit_code == 1 and "lỗi LOA900" in result.stderr and "cú pháp YAML" in result.stderr
    missing = run("check", "--config", str(tmp_path / "khong-co.yml"))
    assert missing.exit_code == 1 and "không tìm thấy tệp cấu hình" in missing.stderr


def test_post_checks_run_in_check_and_stop_the_build(make_site) -> None:
    long_post = "Bài viết tay rất dài. " * 110  # 2,420 characters; Zalo allows 900
    site = make_site({"content/a.md": explainer(social=f'{{zalo: "{long_post}"}}')})
    result = run("check", "--config", str(site.config))
    assert result.exit_code == 1 and "content/a.md:8: lỗi LOA500: bài đăng Zalo" in result.stderr
    built = run("build", "--config", str(site.config))
    assert built.exit_code == 1 and "LOA500" in built.stderr
    assert not (site.root / "site").exists()


def test_build_refuses_to_replace_the_content_or_the_project(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    (site.root / ".git").mkdir()
    (site.root / ".git" / "HEAD").write_text("ref: refs/heads/main\n", encoding="utf-8")
    before = sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*"))
    for target, code in (("content", "LOA902"), (".", "LOA901"), ("..", "LOA901")):
        result = run("build", "--config", str(site.config), "--site-dir", str(site.root / target))
        assert result.exit_code != 0 and code in result.stderr, (target, result.stderr)
    assert sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*")) == before


def test_build_refuses_a_folder_it_did_not_make(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    mine = site.root / "tai-lieu-cua-toi"
    mine.mkdir()
    (mine / "bao-cao.docx").write_bytes(b"PK")
    result = run("build", "--config", str(site.config), "--site-dir", str(mine))
    assert result.exit_code == 1 and "LOA905" in result.stderr
    assert [p.name for p in mine.iterdir()] == ["bao-cao.docx"]
    plain = subprocess.run([str(MKDOCS), "build", "-f", str(site.config), "-d", str(mine)],
                           capture_output=True, text=True)
    assert plain.returncode != 0 and [p.name for p in mine.iterdir()] == ["bao-cao.docx"]


def test_a_built_site_carries_the_marker_and_no_leftovers(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    assert run("build", "--config", str(site.config)).exit_code == 0
    assert run("build", "--config", str(site.config)).exit_code == 0
    assert (site.root / "site" / ".loa-site").is_file()
    leftovers = [p for p in site.root.iterdir() if p.name.startswith(".site-") and p.is_dir()]
    assert [p.name for p in leftovers if "-new-" in p.name] == []
    # The old site is removed in the background; the next build sweeps what is left.
    for old in leftovers:
        deadline = time.monotonic() + 20
        while old.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not old.exists(), old
