"""Glossary popups in Debian's Chromium (issue 15 item 1), on the built
sample site: a tap opens a term's definition and a tap elsewhere closes it;
Tab reaches the term, Enter opens, Esc closes and gives focus back; and a
screen reader hears a button named by the term, its expanded state, and a
definition region named after it (WCAG 1.4.13: dismissible, hoverable,
persistent)."""
from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

PAGE = "bai-viet/tai-san-chung-cua-vo-chong/"
TERM = "button.loa-term"


@pytest.fixture
def page(browser, site_url: str):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    p = context.new_page()
    p.goto(site_url + PAGE)
    yield p
    context.close()


def state(page, index: int = 0) -> dict:
    return page.evaluate("""(i) => {
      const b = document.querySelectorAll("button.loa-term")[i];
      const d = document.getElementById(b.getAttribute("aria-controls"));
      return {name: b.textContent, expanded: b.getAttribute("aria-expanded"), hidden: d.hidden,
              visible: d.offsetHeight > 0, focused: document.activeElement === b,
              role: d.getAttribute("role"), label: d.getAttribute("aria-label"), text: d.textContent,
              links: document.querySelectorAll("a.loa-term").length};
    }""", index)


def test_every_term_link_became_a_closed_button(page, built_site: Path) -> None:
    s = state(page)
    assert s["links"] == 0 and s["name"] == "tài sản chung"
    assert s["expanded"] == "false" and s["hidden"] and not s["visible"]
    written = (built_site / PAGE / "index.html").read_text(encoding="utf-8").count('<a class="loa-term"')
    assert written >= 2 and page.locator(TERM).count() == written


def test_a_tap_opens_the_definition_and_a_tap_elsewhere_closes_it(page) -> None:
    page.locator(TERM).first.tap()
    s = state(page)
    assert s["expanded"] == "true" and s["visible"]
    assert "Tài sản vợ chồng làm ra" in s["text"] and "Điều 33 " in s["text"]  # the term and its article
    page.locator(".loa-term__def:not([hidden])").tap()  # the definition itself stays open (hoverable)
    assert state(page)["visible"]
    page.locator(".md-content h1").tap()
    s = state(page)
    assert s["expanded"] == "false" and not s["visible"]


def test_one_definition_at_a_time_and_a_second_tap_closes(page) -> None:
    page.locator(TERM).nth(0).tap()
    page.locator(TERM).nth(1).tap()
    assert not state(page, 0)["visible"] and state(page, 1)["visible"]
    page.locator(TERM).nth(1).tap()
    assert not state(page, 1)["visible"]


def test_keyboard_tab_enter_escape_and_focus_returns(page) -> None:
    page.evaluate("document.activeElement && document.activeElement.blur()")
    for _ in range(80):  # Tab through the page until the first term has focus
        page.keyboard.press("Tab")
        if state(page)["focused"]:
            break
    assert state(page)["focused"], "Tab never reached the term"
    page.keyboard.press("Enter")
    assert state(page)["visible"]
    page.keyboard.press("Tab")  # into the definition: its link, then its close button
    assert page.evaluate("document.activeElement.className") == "loa-term__more"
    page.keyboard.press("Escape")
    s = state(page)
    assert not s["visible"] and s["expanded"] == "false" and s["focused"]
    page.keyboard.press(" ")  # Space opens too
    assert state(page)["visible"]


def accessibility_tree(page) -> list[tuple[str, str, dict]]:
    """(role, name, properties) of every node in Chromium's own accessibility
    tree: what a screen reader is given, not a computation of Playwright's."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return [(n.get("role", {}).get("value", ""), n.get("name", {}).get("value", ""),
             {p["name"]: p["value"].get("value") for p in n.get("properties", [])}) for n in nodes]


def test_what_a_screen_reader_hears(page) -> None:
    button = page.get_by_role("button", name="tài sản chung", exact=True)
    before = [props for role, name, props in accessibility_tree(page) if role == "button" and name == "tài sản chung"]
    assert before and before[0].get("expanded") is False
    button.click()
    tree = accessibility_tree(page)
    assert [p.get("expanded") for role, name, p in tree if role == "button" and name == "tài sản chung"] == [True]
    assert ("definition", "Nghĩa của từ: tài sản chung") in [(role, name) for role, name, _ in tree]
    assert ("button", "Đóng") in [(role, name) for role, name, _ in tree]
    assert 'button "tài sản chung" [expanded]' in page.locator("article").aria_snapshot()
    page.get_by_role("button", name="Đóng").first.click()
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.textContent") == "tài sản chung"
    closed = [(role, name) for role, name, _ in accessibility_tree(page)]
    assert ("definition", "Nghĩa của từ: tài sản chung") not in closed  # hidden: not read out


def test_without_the_script_the_term_links_to_its_definition(browser, site_url: str, built_site: Path) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        p = context.new_page()
        p.goto(site_url + PAGE)
        link = p.locator("a.loa-term").first
        assert link.text_content() == "tài sản chung"
        link.click()
        p.wait_for_url("**/thuat-ngu/#tai-san-chung")
        assert p.locator("#tai-san-chung h2").text_content() == "tài sản chung"
    finally:
        context.close()


DONE = "q => document.getElementById('loa-search-results').getAttribute('data-loa-query') === q"


@pytest.mark.parametrize("how", ["http", "file"])
def test_search_finds_a_term_and_opens_its_definition(browser, site_url: str, built_site: Path, how: str) -> None:
    base = site_url + "tim-kiem/" if how == "http" else built_site.as_uri() + "/tim-kiem/index.html"
    context = browser.new_context()
    try:
        p = context.new_page()
        p.goto(base)
        p.fill("#loa-search-q", "giam ho")  # typed without marks
        p.wait_for_function(DONE, arg="giam ho")
        link = p.locator('#loa-search-results h2 a', has_text="giám hộ").first
        assert link.get_attribute("href").endswith("thuat-ngu/#giam-ho" if how == "http"
                                                   else "thuat-ngu/index.html#giam-ho")
        link.click()
        p.wait_for_url("**/thuat-ngu/**#giam-ho")
        assert p.locator("#giam-ho h2").text_content() == "giám hộ"
    finally:
        context.close()
