"""A Content-Security-Policy on every page, and not a single violation or
console error on any sample page in real Chromium."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def pages(site: Path) -> list[str]:
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [p[: -len("index.html")] if p.endswith("index.html") else p for p in found]


def test_every_page_carries_a_policy(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\'' \
            in html, path


def test_no_violation_or_console_error_on_any_page(built_site: Path, site_url: str, browser) -> None:
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    visited = 0
    for url in pages(built_site):
        page.goto(site_url + url)
        page.wait_for_load_state("load")
        violations = page.evaluate("window.__violations")
        assert violations == [], f"{url}: {violations}"
        visited += 1
    assert errors == []
    assert visited > 30  # explainers, indexes, laws, home, search, staff
    context.close()


def test_the_listener_sees_a_violation(tmp_path: Path, browser) -> None:
    """Control: the same policy and listener do catch an inline script."""
    from loa.outputs.engine import csp

    bad = tmp_path / "bad.html"
    bad.write_text(csp.POLICY.format(hashes="").join(['<html><head><meta http-equiv="Content-Security-Policy" content="',
                                                      '"></head><body><script>document.title="ran"</script></body></html>']))
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.goto(bad.as_uri())
    assert page.title() != "ran"
    assert any(v.startswith("script-src") for v in page.evaluate("window.__violations"))
    context.close()
