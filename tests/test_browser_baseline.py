"""Every browser, every reader: Loa's scripts and their one stated baseline.

The baseline, for every script in overrides/assets/loa: ECMAScript 5 plus
Promise and String.prototype.normalize, as in Android 5's WebView
(Chromium 37). Checked two ways:

- on the source: tests/baseline_check.js parses each script as ES5 with
  Debian's node-acorn and flags APIs newer than the baseline;
- running: the search page and the copy buttons in Chromium with those APIs
  removed before any of the page's scripts runs.

Control tests plant a modern feature and see each check fail.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from search_harness import REPO, sample_docs, write_site

SCRIPTS = sorted((REPO / "overrides" / "assets" / "loa").glob("*.js"))
CHECKER = REPO / "tests" / "baseline_check.js"
# What Chromium 37 lacks and later Chromium has, removed before the page runs.
NEWER_APIS = """(() => {
  const drop = (owner, names) => names.forEach(n => { try { delete owner[n]; } catch (e) {} });
  drop(window, ['Map', 'Set', 'WeakMap', 'WeakSet', 'TextEncoder', 'TextDecoder', 'URLSearchParams',
                'fetch', 'IntersectionObserver', 'ResizeObserver', 'requestIdleCallback', 'queueMicrotask',
                'structuredClone', 'AbortController']);
  drop(Array, ['from', 'of']);
  drop(Array.prototype, ['find', 'findIndex', 'includes', 'flat', 'flatMap', 'at', 'entries', 'values']);
  drop(Object, ['entries', 'values', 'assign', 'fromEntries']);
  drop(String.prototype, ['startsWith', 'endsWith', 'includes', 'padStart', 'padEnd', 'replaceAll', 'at']);
  drop(Math, ['imul']);
  drop(Element.prototype, ['replaceChildren', 'closest', 'append', 'prepend', 'toggleAttribute']);
  drop(Document.prototype, ['replaceChildren', 'append', 'prepend']);
  drop(DocumentFragment.prototype, ['replaceChildren', 'append', 'prepend']);
  drop(NodeList.prototype, ['forEach', 'entries', 'values', 'keys']);
  const gone = typeof Map + ' ' + typeof Element.prototype.replaceChildren;
  document.addEventListener('DOMContentLoaded', () => document.documentElement.setAttribute('data-baseline', gone));
})();"""
# Playwright evaluates page functions with Map and Set in the page's own
# world, which this page no longer has: the tests read the page through
# locators and selectors only, which run in Playwright's separate world.


def done(query: str) -> str:
    return f'#loa-search-results[data-loa-query="{query}"]'


def node_check(*files: Path) -> subprocess.CompletedProcess:
    if not shutil.which("node") or not Path("/usr/share/nodejs/acorn").is_dir():
        pytest.fail("node and Debian's node-acorn are needed: run scripts/setup-system")
    return subprocess.run(["node", str(CHECKER), *map(str, files)], capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.name for s in SCRIPTS])
def test_each_script_keeps_to_the_baseline(script: Path) -> None:
    result = node_check(script)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("planted", ["var y = x?.name;", "var y = () => 1;", "for (var c of s) {}",
                                     "document.body.replaceChildren();", "var m = new Map();",
                                     "var q = new URLSearchParams(location.search);"])
def test_a_planted_modern_feature_is_caught(tmp_path: Path, planted: str) -> None:
    script = tmp_path / "planted.js"
    script.write_text((REPO / "overrides/assets/loa/search.js").read_text(encoding="utf-8") + "\n" + planted + "\n",
                      encoding="utf-8")
    assert node_check(script).returncode == 1


def baseline_page(browser):
    context = browser.new_context()
    context.add_init_script(NEWER_APIS)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, errors


@pytest.mark.browser
def test_search_works_without_the_newer_apis(browser, tmp_path: Path) -> None:
    site = write_site(tmp_path / "site", sample_docs())
    context, page, errors = baseline_page(browser)
    page.goto(site.as_uri() + "/tim-kiem/index.html?q=hoa+giai")
    page.wait_for_selector(done("hoa giai"), state="attached")
    assert page.locator("html").get_attribute("data-baseline") == "undefined undefined"  # really gone
    assert page.locator("#loa-search-results mark").count() > 0
    page.fill("#loa-search-q", "phụ nữ")
    page.wait_for_selector(done("phụ nữ"), state="attached")
    before = page.locator("#loa-search-results > li").count()
    assert before > 0
    if page.locator("#loa-search-more").is_visible():
        page.click("#loa-search-more")
        page.wait_for_selector(f"#loa-search-results > li:nth-child({before + 1})", state="attached")
    context.close()
    assert errors == []


@pytest.mark.browser
def test_a_planted_newer_api_fails_in_the_baseline_browser(browser, tmp_path: Path) -> None:
    """Control: the same run sees a script that calls replaceChildren."""
    site = write_site(tmp_path / "site", sample_docs())
    script = site / "assets/loa/search.js"
    script.write_text(script.read_text(encoding="utf-8").replace(
        "function clear(el) {", "function clear(el) { el.replaceChildren(); return;"), encoding="utf-8")
    context, page, _ = baseline_page(browser)
    page.goto(site.as_uri() + "/tim-kiem/index.html?q=hoa+giai")
    page.wait_for_selector("#loa-search-status:not(:empty)", state="attached")  # what the reader is told
    shown = page.locator("#loa-search-results > li").count()
    context.close()
    assert shown == 0


IN_TREE = """el => { const s = getComputedStyle(el);
  return s.display !== 'none' && s.visibility !== 'hidden' && !el.closest('[aria-hidden=true],[hidden]'); }"""


@pytest.mark.browser
def test_the_copy_buttons_live_region_is_heard(browser, site_url: str) -> None:
    """A live region is announced only if it is in the accessibility tree
    before its text changes; the copy works without the newer APIs."""
    page = browser.new_page()
    page.goto(f"{site_url}bai-viet/hoa-giai-o-co-so-la-gi/")
    status = page.locator(".loa-share .loa-copy-status")
    assert status.get_attribute("aria-live") == "polite" and status.inner_text() == ""
    assert status.evaluate(IN_TREE), "the empty live region is out of the accessibility tree"
    page.close()
    context, page, errors = baseline_page(browser)
    page.goto(f"{site_url}bai-viet/hoa-giai-o-co-so-la-gi/")
    page.locator(".loa-share [data-loa-copy]").first.click()
    page.wait_for_selector(".loa-share .loa-copy-status:not(:empty)", state="attached")
    context.close()
    assert errors == []


@pytest.mark.browser
def test_a_live_region_hidden_while_empty_is_caught(browser, site_url: str) -> None:
    """Control: the rule this replaced (display: none while empty) fails."""
    page = browser.new_page()
    page.goto(f"{site_url}bai-viet/hoa-giai-o-co-so-la-gi/")
    page.add_style_tag(content=".loa-copy-status:empty { display: none; }")
    assert not page.locator(".loa-share .loa-copy-status").evaluate(IN_TREE)
    page.close()
