"""`loa build` and the site it produces: real MkDocs builds of throwaway sites."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main

FUTURE = "2999-01-01"


def build(site, *args: str):
    result = CliRunner().invoke(main, ["build", "--config", str(site.config), *args])
    assert "Traceback" not in result.output + result.stderr
    return result


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def page(site, url: str) -> str:
    return (site.root / "site" / url / "index.html").read_text(encoding="utf-8")


def test_build_writes_explainers_indexes_and_home(make_site) -> None:
    site = make_site({
        "content/hoa-giai/Hòa giải là gì.md": explainer(reviewed="1/10/2026"),
        "content/bao-luc.md": explainer("Chồng đánh vợ bị xử lý thế nào?", topics="[bao-luc-gia-dinh]",
                                        audiences="[phu-nu-khmer]", date="15/3/2024",
                                        laws="[{id: luat-hoa-giai-2013, articles: [7, 8]}]"),
    })
    result = build(site)
    assert result.exit_code == 0, result.stderr
    html = page(site, "bai-viet/hoa-giai-la-gi")  # folder and accents do not change the URL
    assert "<h1>Hòa giải ở cơ sở là gì?</h1>" in html
    assert "Hòa giải giúp bà con tự thương lượng" in html
    assert 'href="../../doi-tuong/phu-nu-nong-thon/"' in html and 'href="../../chu-de/hoa-giai-co-so/"' in html
    assert "Luật Hòa giải ở cơ sở số 35/2013/QH13</a>, ban hành ngày 20/6/2013" in html
    assert ">15/3/2023</time>" in html and ">1/10/2026</time>" in html
    assert "0377.672.444" in html and "Ban Tuyên giáo" in html  # the help box, from configuration
    assert "Điều 7, 8 — " in page(site, "bai-viet/bao-luc")
    law = page(site, "van-ban/luat-hoa-giai-2013")
    assert "35/2013/QH13" in law and "20/6/2013" in law and "1/1/2014" in law
    assert "bai-viet/hoa-giai-la-gi/" in law and "bai-viet/bao-luc/" in law
    assert "bai-viet/bao-luc/" in page(site, "doi-tuong/phu-nu-khmer")
    assert "bai-viet/bao-luc/" not in page(site, "doi-tuong/phu-nu-nong-thon")
    assert "bai-viet/hoa-giai-la-gi/" in page(site, "chu-de/hoa-giai-co-so")
    home = (site.root / "site/index.html").read_text(encoding="utf-8")
    assert home.index("bai-viet/bao-luc/") < home.index("bai-viet/hoa-giai-la-gi/")  # newest first


def test_drafts_and_scheduled_explainers_stay_out(make_site) -> None:
    site = make_site({
        "content/live.md": explainer(),
        "content/nhap.md": explainer("Bản nháp", draft="true"),
        "content/sap-dang.md": explainer("Sắp đăng", date=FUTURE),
    })
    assert build(site).exit_code == 0
    out = site.root / "site"
    assert (out / "bai-viet/live/index.html").exists()
    assert not (out / "bai-viet/nhap").exists() and not (out / "bai-viet/sap-dang").exists()
    assert not any("Sắp đăng" in p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


def test_alias_becomes_a_redirect_without_javascript(make_site) -> None:
    site = make_site({"content/moi.md": explainer(aliases="[ten-cu]")})
    assert build(site).exit_code == 0
    html = (site.root / "site/bai-viet/ten-cu/index.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="refresh" content="0; url=../../bai-viet/moi/">' in html
    assert '<link rel="canonical" href="https://loa.example.test/bai-viet/moi/">' in html
    assert '<a href="../../bai-viet/moi/">' in html


def test_failed_build_leaves_the_previous_site_unchanged(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    assert build(site).exit_code == 0
    before = tree_digest(site.root / "site")
    site.write({"content/a.md": explainer(audiences="[khong-co]"), "content/b.md": explainer("Bài mới")})
    result = build(site)
    assert result.exit_code == 1
    assert "content/a.md:4: lỗi LOA130" in result.stderr and "site/ cũ vẫn giữ nguyên" in result.stderr
    assert tree_digest(site.root / "site") == before
    assert not list(site.root.glob(".site-new-*"))  # no half-built folder left behind


def test_engine_failure_also_keeps_the_previous_site(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    assert build(site).exit_code == 0
    before = tree_digest(site.root / "site")
    site.write({"docs/hong.md": "[liên kết hỏng](khong-co-trang-nay.md)\n"})  # strict: broken link
    (site.root / "mkdocs.yml").write_text(site.config.read_text(encoding="utf-8") + "strict: true\n",
                                          encoding="utf-8")
    result = build(site)
    assert result.exit_code == 1 and "Dựng trang thất bại" in result.stderr
    assert tree_digest(site.root / "site") == before


def test_explainers_are_not_in_the_sidebar_navigation(make_site) -> None:
    site = make_site({f"content/bai-{i}.md": explainer(f"Bài số {i}") for i in range(5)})
    assert build(site).exit_code == 0
    for html_path in (site.root / "site").rglob("index.html"):
        html = html_path.read_text(encoding="utf-8")
        nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S)
        if nav is None:
            continue  # redirect pages have no navigation
        assert "bai-viet/" not in nav.group(0), html_path
        assert "Trang chủ" in nav.group(0)


ALLOWED_EXTERNAL = re.compile(
    r'<a [^>]*href="(https?:|tel:|mailto:)|<link rel="canonical"|<meta (property|name)="(og|twitter):')


def test_no_built_page_references_another_host(make_site) -> None:
    """Links a reader may follow are fine; anything the browser would fetch is not."""
    site = make_site({"content/a.md": explainer()})
    assert build(site).exit_code == 0
    fetched = re.compile(r'(?:src|href|srcset|content|url\()\s*=?\s*["\']?(?:https?:)?//', re.I)
    for path in (site.root / "site").rglob("*"):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            for m in fetched.finditer(line):
                context = line[max(0, m.start() - 200): m.end()]
                assert ALLOWED_EXTERNAL.search(context) or "xmlns" in context or "sourceMappingURL" in line, \
                    f"{path}: {line.strip()[:200]}"


def test_plain_mkdocs_build_runs_the_plugin(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=site.root,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (site.root / "site/bai-viet/a/index.html").exists()


def test_plain_mkdocs_build_fails_clearly_on_bad_content(make_site) -> None:
    site = make_site({"content/a.md": explainer(topics="[khong-co]")})
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=site.root,
                          capture_output=True, text=True)
    assert done.returncode != 0
    assert "content/a.md:5: lỗi LOA131" in done.stderr and "Traceback" not in done.stderr
