"""Figure 3: page weight in Debian's Chromium, from its own resource timing.

Each page loads in a fresh browser context (a cold cache). Bytes are the
`transferSize` of the navigation and every resource: compressed bytes plus
headers, as the reader's phone receives them.
"""
from __future__ import annotations

import re
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
# A search index is a data file fetched for search: Material's search_index.json,
# Pagefind's shards, or Loa's own index files.
SEARCH_INDEX = re.compile(r"search_index|/search/.*\.json|pagefind|/tim-kiem/.+\.(json|bin|idx)|index.*\.json", re.I)
BUFFER = "performance.setResourceTimingBufferSize(100000);"

ENTRIES_JS = """() => {
  const pick = e => ({name: e.name, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize,
                      decodedBodySize: e.decodedBodySize, initiatorType: e.initiatorType || 'navigation'});
  return performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource')).map(pick);
}"""


@contextmanager
def chromium() -> Iterator[object]:
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is missing: run scripts/setup-system (make test does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def fresh_page(browser) -> Iterator[tuple[object, list[str]]]:
    """A page in a new context, and the list of every URL it requests."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(BUFFER)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    try:
        yield page, requested
    finally:
        context.close()


def summarise(entries: list[dict], requested: list[str], origin_host: str) -> dict:
    """Bytes, requests and third parties from resource entries and requests."""
    urls = [u for u in requested if not u.startswith(("data:", "blob:"))]
    return {
        "transfer_bytes": sum(int(e["transferSize"] or 0) for e in entries),
        "decoded_bytes": sum(int(e["decodedBodySize"] or 0) for e in entries),
        "requests": len(urls),
        "third_party_requests": sum(urlsplit(u).hostname != origin_host for u in urls),
        "search_index_fetched": any(SEARCH_INDEX.search(urlsplit(u).path) for u in urls),
        "resources": [{"url": urlsplit(e["name"]).path, "bytes": e["transferSize"],
                       "type": e["initiatorType"]} for e in entries],
    }


def page_weight(browser, url: str) -> dict:
    with fresh_page(browser) as (page, requested):
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        entries = page.evaluate(ENTRIES_JS)
        return summarise(entries, requested, urlsplit(url).hostname or "")
