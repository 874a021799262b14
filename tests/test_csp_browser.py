"""The Content-Security-Policy: a constant on every page that lets Loa's own
script files run and nothing else, checked in real Chromium.

The policy is never derived from a page, so a script that reached a page
(through an escaping bug in author or registry text) is blocked, and the
browser reports it with a `securitypolicyviolation` event.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from loa.outputs import csp

pytestmark = pytest.mark.browser

LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""
EXPLAINER = "bai-viet/hoa-giai-o-co-so-la-gi/index.html"
# What an escaping bug would let through: an inline script and an event handler.
INJECTED = '<script>window.__pwned=1</script><img src="no-such-image.png" onerror="window.__pwned=2">'
HEAD = re.compile(r"<head[^>]*>", re.I)
SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.I)


def pages(site: Path) -> list[str]:
    found = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    return [p[: -len("index.html")] if p.endswith("index.html") else p for p in found]


def test_the_policy_allows_only_the_sites_own_script_files() -> None:
    directives = dict(d.strip().split(" ", 1) for d in csp.POLICY.split(";"))
    assert directives["script-src"] == "'self'"  # no 'unsafe-inline', no hash, no other host
    assert directives["object-src"] == "'none'" and directives["base-uri"] == "'self'"


def test_the_policy_does_not_depend_on_the_page() -> None:
    """An inline script in the page must not earn itself a hash."""
    plain = csp.add_policy("<html><head><title>a</title></head><body></body></html>")
    scripted = csp.add_policy("<html><head></head><body><script>alert(1)</script></body></html>")
    assert csp.META in plain and csp.META in scripted
    assert "sha256-" not in scripted


def test_every_page_starts_its_head_with_the_policy(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        head = HEAD.search(html)
        assert head, path
        # Before anything else in <head>: a meta policy only covers what follows it.
        assert html[head.end():].startswith(csp.META), path


def test_loa_ships_no_inline_script(built_site: Path) -> None:
    """The constant policy holds only while every script Loa ships is a file."""
    for path in built_site.rglob("*.html"):
        for tag in SCRIPT_TAG.findall(path.read_text(encoding="utf-8")):
            assert "src=" in tag or "application/json" in tag, (path, tag)


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


@pytest.fixture(scope="module")
def injected_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site whose explainer page carries an injected script,
    once with the policy (as built) and once without it (the control)."""
    site = tmp_path_factory.mktemp("injected") / "site"
    shutil.copytree(built_site, site)
    page = site / EXPLAINER
    html = page.read_text(encoding="utf-8")
    assert csp.META in html and "</article>" in html
    attacked = html.replace("</article>", INJECTED + "</article>", 1)
    page.write_text(attacked, encoding="utf-8")
    (page.parent / "no-policy.html").write_text(attacked.replace(csp.META, "", 1), encoding="utf-8")
    return site


def load(browser, url: str) -> tuple[object, list[str], list[str]]:
    """`window.__pwned`, the violations reported, and console CSP messages."""
    context = browser.new_context()
    context.add_init_script(LISTEN)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text) if "Content Security Policy" in m.text else None)
    try:
        page.goto(url)
        page.wait_for_load_state("load")
        # The image fails, then its onerror is (or is not) run: wait for that.
        page.wait_for_function("document.querySelector('img[src=\"no-such-image.png\"]').complete")
        return page.evaluate("window.__pwned"), page.evaluate("window.__violations"), console
    finally:
        context.close()


def test_an_injected_script_is_blocked_and_reported(injected_site: Path, serve, browser) -> None:
    pwned, violations, console = load(browser, serve(injected_site) + EXPLAINER.removesuffix("index.html"))
    assert pwned is None  # undefined in the page
    directives = {v.split(" ")[0] for v in violations}
    assert {"script-src-elem", "script-src-attr"} <= directives, violations
    assert any("script-src" in line for line in console), console


def test_without_the_policy_the_injected_script_runs(injected_site: Path, serve, browser) -> None:
    """Control: the same page without its policy does run the script, so the
    test above would notice a policy that lets it through."""
    pwned, violations, _ = load(browser, serve(injected_site) + EXPLAINER.replace("index.html", "no-policy.html"))
    assert pwned in (1, 2)
    assert violations == []
