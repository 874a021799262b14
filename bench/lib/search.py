"""Figures 4 and 5: search cost and search quality, through the site's real
search page in Chromium.

Loa's search page reports each search in `window.LoaSearch.last` (the last
input event's time and the time its results were in the list); the bench
reads that. For stock Material a MutationObserver on the results records when
they last changed: a query is done once they changed after the last input
event and then stayed still for `settle` ms. Either way the time covers the
debounce, the index files fetched and the rendering.
"""
from __future__ import annotations

import re
import statistics
import urllib.error
import urllib.request
from dataclasses import dataclass

import bm25
from browser import ENTRIES_JS, fresh_page

# Reader-style queries for cost and timing: one with diacritics, one without.
FIRST, SECOND = "hòa giải ở cơ sở", "dang ky ket hon"
TIMED = (FIRST, SECOND, "bạo lực gia đình", "quyen thua ke", "nghỉ thai sản")
TIMEOUT_MS = 15000
_EXPLAINER = re.compile(r"/bai-viet/([^/?#]+)/?")


@dataclass(frozen=True)
class SearchUI:
    path: str  # site-relative page holding the search field
    input: str
    results: str  # the element whose changes mean "results shown"
    links: str  # result links, best first
    nudge: bool = False  # press a key after filling: stock Material searches on keyup
    hook: bool = False  # the page reports each search in window.LoaSearch.last
    settle: int = 400


LOA = SearchUI("tim-kiem/", "#loa-search-q", "#loa-search-results", "#loa-search-results a[href]", hook=True)
STOCK = SearchUI("", "input.md-search__input", ".md-search-result", ".md-search-result__item > a[href]",
                 nudge=True)

INSTALL_JS = """(ui) => {
  const input = document.querySelector(ui.input);
  const target = document.querySelector(ui.results) || document.body;
  const b = window.__bench = {lastInput: 0, lastChange: 0};
  const mark = () => { b.lastInput = performance.now(); };
  input.addEventListener('input', mark, true);
  input.addEventListener('keyup', mark, true);
  new MutationObserver(() => { b.lastChange = performance.now(); })
    .observe(target, {childList: true, subtree: true, characterData: true, attributes: true});
}"""
SETTLED_JS = """(settle) => { const b = window.__bench;
  return b.lastChange > b.lastInput && performance.now() - b.lastChange >= settle; }"""
# search.js sets LoaSearch.last = {query, inputAt, doneAt, results} once the
# results of a query are in the list; inputAt is the last input event's time.
HOOK_DONE_JS = "(q) => !!(window.LoaSearch && LoaSearch.last && LoaSearch.last.query === q)"
HOOK_MS_JS = "() => LoaSearch.last.doneAt - LoaSearch.last.inputAt"
LINKS_JS = "(sel) => [...document.querySelectorAll(sel)].slice(0, 10).map(a => a.href)"


def available(base: str, ui: SearchUI = LOA) -> str | None:
    """None when the search page is there, else the reason it is not."""
    try:
        with urllib.request.urlopen(base + ui.path, timeout=10) as response:
            page = response.read().decode("utf-8", "replace")
    except urllib.error.URLError as exc:
        return f"{ui.path} does not answer: {exc}"
    if ui.input.lstrip("#") not in page:
        return f"{ui.path} has no search field ({ui.input}) yet"
    return None


def open_search(page, base: str, ui: SearchUI) -> None:
    page.goto(base + ui.path, wait_until="load")
    page.wait_for_load_state("networkidle")
    page.evaluate(INSTALL_JS, {"input": ui.input, "results": ui.results})


def query(page, ui: SearchUI, text: str, timeout: int = TIMEOUT_MS) -> tuple[float | None, list[str]]:
    """Enter `text` into the emptied field in one input event (as a paste or a
    phone keyboard's suggestion does); ms to results and the result URLs."""
    page.fill(ui.input, "")
    try:
        page.wait_for_function(f"() => !document.querySelector({ui.links!r})", polling=20, timeout=2000)
    except Exception:  # noqa: BLE001 - the page keeps old results on an empty field
        pass
    if ui.hook:
        page.evaluate("() => { if (window.LoaSearch) LoaSearch.last = null; }")
    page.fill(ui.input, text)
    if ui.nudge:
        page.press(ui.input, "End")
    try:
        if ui.hook:
            page.wait_for_function(HOOK_DONE_JS, arg=text, polling=10, timeout=timeout)
            ms = page.evaluate(HOOK_MS_JS)
        else:
            page.wait_for_function(SETTLED_JS, arg=ui.settle, polling=20, timeout=timeout)
            ms = page.evaluate("() => window.__bench.lastChange - window.__bench.lastInput")
    except Exception:  # noqa: BLE001 - playwright's TimeoutError: no results shown
        ms = None
    return ms, page.evaluate(LINKS_JS, ui.links)


def _bytes_since(page, seen: int) -> tuple[int, int, list[str]]:
    entries = page.evaluate(ENTRIES_JS)
    new = entries[seen:]
    return sum(int(e["transferSize"] or 0) for e in new), len(entries), [e["name"] for e in new]


def cost_once(chrome, base: str, ui: SearchUI) -> dict:
    with fresh_page(chrome) as (page, _requested):
        open_search(page, base, ui)
        page_bytes, seen, _ = _bytes_since(page, 0)
        first_ms, first_links = query(page, ui, FIRST)
        first_bytes, seen, first_files = _bytes_since(page, seen)
        second_ms, _ = query(page, ui, SECOND)
        second_bytes, seen, _ = _bytes_since(page, seen)
        warm = [query(page, ui, q)[0] for q in TIMED[2:]]
    return {"page_bytes": page_bytes, "first_query_bytes": first_bytes, "second_query_bytes": second_bytes,
            "first_search_total_bytes": page_bytes + first_bytes, "first_query_ms": first_ms,
            "second_query_ms": second_ms, "warm_query_ms": _median(warm), "first_query_files": len(first_files),
            "first_results": len(first_links)}


def _median(values: list) -> float | None:
    good = [v for v in values if v is not None]
    return round(statistics.median(good), 1) if good else None


def cost(chrome, base: str, ui: SearchUI, runs: int) -> dict:
    samples = [{k: round(v, 1) if isinstance(v, float) else v for k, v in cost_once(chrome, base, ui).items()}
               for _ in range(runs)]
    out = {key: _median([s[key] for s in samples]) for key in samples[0]}
    out["keystroke_to_results_ms"] = _median([s[k] for s in samples for k in
                                              ("first_query_ms", "second_query_ms", "warm_query_ms")])
    out["runs"] = samples
    return out


def ids_of(links: list[str]) -> list[str]:
    return [m.group(1) for m in (_EXPLAINER.search(u) for u in links) if m]


def quality(chrome, base: str, queries: list[dict]) -> dict:
    """recall@5 and MRR@10, each query entered as written and without diacritics."""
    ui = SearchUI(**{**LOA.__dict__, "settle": 150})
    rankings: dict[str, list] = {"as_written": [], "ascii": []}
    timeouts = 0
    with fresh_page(chrome) as (page, _requested):
        open_search(page, base, ui)
        for q in queries:
            for key, text in (("as_written", q["query"]), ("ascii", q["query_ascii"])):
                ms, links = query(page, ui, text, timeout=5000)
                timeouts += ms is None
                rankings[key].append((ids_of(links), q["relevant_ids"]))
    return {**{k: bm25.evaluate(v) for k, v in rankings.items()}, "timeouts": timeouts}


def measure(chrome, base: str, queries: list[dict], runs: int, real: list[dict] = ()) -> dict:
    """Cost, and quality on the exam questions and on the real questions
    (tests/data/real-questions.jsonl), each as written and without diacritics."""
    reason = available(base)
    if reason:
        return {"available": False, "reason": reason}
    return {"available": True, "cost": cost(chrome, base, LOA, runs), "quality": quality(chrome, base, queries),
            "quality_real": quality(chrome, base, list(real)) if real else None}


def stock_cost(chrome, base: str, queries: list[dict], runs: int) -> dict:
    """Stock Material's built-in search, same queries and the same clock."""
    return {"available": True, "cost": cost(chrome, base, STOCK, runs)}
