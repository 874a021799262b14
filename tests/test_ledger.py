"""URLs that never break: the ledger of published URLs and the link check."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import explainer
from loa.build import linkcheck
from loa.adapters.cli import main

LEDGER = "content/published-urls.txt"


def run(site, command: str):
    result = CliRunner().invoke(main, [command, "--config", str(site.config)])
    assert "Traceback" not in result.output + result.stderr
    return result


def ledger_urls(site) -> list[str]:
    text = (site.root / LEDGER).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


def test_build_records_published_urls_only(make_site) -> None:
    site = make_site({
        "content/a.md": explainer(),
        "content/nhap.md": explainer("Nháp", draft="true"),
        "content/sau.md": explainer("Sau này", date="2999-01-01"),
    })
    assert run(site, "build").exit_code == 0
    assert ledger_urls(site) == ["/bai-viet/a/"]
    site.write({"content/b.md": explainer("Bài thứ hai")})
    assert run(site, "build").exit_code == 0
    assert ledger_urls(site) == ["/bai-viet/a/", "/bai-viet/b/"]  # earlier lines kept, in order


def test_renaming_without_alias_fails_with_the_alias_line(make_site) -> None:
    site = make_site({"content/hoa-giai-la-gi.md": explainer()})
    assert run(site, "build").exit_code == 0
    (site.root / "content/hoa-giai-la-gi.md").rename(site.root / "content/hoa-giai-co-so.md")
    for command in ("check", "build"):
        result = run(site, command)
        assert result.exit_code == 1
        assert f"{LEDGER}:3: lỗi LOA220: địa chỉ đã đăng /bai-viet/hoa-giai-la-gi/ sẽ không còn mở được" \
            in result.stderr
        assert "aliases: [hoa-giai-la-gi]" in result.stderr


def test_unpublishing_a_published_explainer_fails(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    assert run(site, "build").exit_code == 0
    site.write({"content/a.md": explainer(draft="true")})
    assert "LOA220" in run(site, "check").stderr


@pytest.mark.browser
def test_alias_makes_the_old_url_redirect_in_chromium(make_site, browser, serve) -> None:
    site = make_site({"content/hoa-giai-la-gi.md": explainer()})
    assert run(site, "build").exit_code == 0
    (site.root / "content/hoa-giai-la-gi.md").rename(site.root / "content/hoa-giai-co-so.md")
    site.write({"content/hoa-giai-co-so.md": explainer(aliases="[hoa-giai-la-gi]")})
    result = run(site, "build")
    assert result.exit_code == 0, result.stderr
    page = browser.new_page(java_script_enabled=False)  # the redirect needs no script
    page.goto(serve(site.root / "site") + "bai-viet/hoa-giai-la-gi/")
    page.wait_for_url("**/bai-viet/hoa-giai-co-so/")
    assert page.locator("h1").inner_text() == "Hòa giải ở cơ sở là gì?"
    page.close()


def test_link_check_finds_broken_internal_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">ok</a> <img src="missing.png"> <a href="https://x.test/">x</a>')
    (tmp_path / "a/index.html").write_text('<a href="../">up</a> <a href="../b/#x">gone</a> <a href="#top">t</a>')
    broken = {(b.page, b.target) for b in linkcheck.check(tmp_path)}
    assert broken == {("index.html", "missing.png"), ("a/index.html", "../b/#x")}
