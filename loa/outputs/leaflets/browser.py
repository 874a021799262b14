"""Chromium prints leaflets: it fits each one to its page, then makes the PDF.

Owns the browser, and nothing more: Debian's Chromium driven through
Playwright, started on the first leaflet and closed whatever happens (use
`Printer` as a context manager). Chromium was chosen over WeasyPrint by
measuring both (README, "Leaflets"): WeasyPrint is faster and its files
smaller, but its text layer drops and repeats Khmer letters, while
Chromium's holds the right words in both languages and it emboldens Khmer
headings.

The page is first opened from a private temporary folder, so the fonts
each leaflet names by file: address may load; every request that is not a
local file is refused, and the browser starts with its background
networking off: printing never touches the network.

Fitting runs in the page: the key points are shown one by one, in the
text's order, and a point that makes the main part taller than its room
is hidden again, so a long list may give way to a shorter point after it.
"""
from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

from loa.i18n import Messages
from loa.outputs.leaflets.content import Leaflet
from loa.outputs.leaflets.render import Layout, Pages, PrintError, layouts

CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI runs as root. The rest keeps Chromium from calling Google.
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run"]

# (room in mm) -> indices of the points kept, or null when the main part is
# too tall even without any. Heights are read from the laid-out page.
FIT = """
(room) => {
  const mm = 96 / 25.4;
  const main = document.querySelector(".leaflet__main");
  const set = main.querySelector(".leaflet__pointset");
  const points = set ? [...set.querySelectorAll(".leaflet__points > li")] : [];
  const height = () => {
    const shown = [...main.children].filter((el) => !el.hidden);
    const last = shown[shown.length - 1];
    return (last.getBoundingClientRect().bottom - main.getBoundingClientRect().top) / mm;
  };
  points.forEach((p) => { p.hidden = true; });
  if (set) set.hidden = true;
  if (height() > room) return null;
  const kept = [];
  if (set) {
    set.hidden = false;
    points.forEach((p, i) => {
      p.hidden = false;
      if (height() > room) p.hidden = true; else kept.push(i);
    });
    if (!kept.length) set.hidden = true;
  }
  return kept;
}
"""


class Printer:
    """One Chromium and one page, reused for every leaflet of a run."""

    def __init__(self, say: Messages) -> None:
        self.say = say
        self._playwright = None
        self._browser = None
        self._page = None
        self._folder: tempfile.TemporaryDirectory | None = None
        # Playwright's sync API refuses a thread where an asyncio loop runs
        # (another Playwright, a notebook): the browser gets a thread of its
        # own, and every call on it goes through that thread.
        self._thread: ThreadPoolExecutor | None = None

    def call(self, fn, *args):
        """`fn(*args)` in the browser's thread, where its objects live."""
        if self._thread is None:
            self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="loa-print")
        return self._thread.submit(fn, *args).result()

    def __enter__(self) -> "Printer":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def fit(self, pages: Pages, leaflet: Leaflet) -> Leaflet | None:
        """The leaflet with the key points its page holds, or None when even
        the title, summary and legal bases alone are too tall."""
        return self.call(self._fit, pages, leaflet)

    def pdf(self, pages: Pages, leaflet: Leaflet, layout: Layout) -> bytes:
        return self.call(self._pdf, pages, leaflet, layout)

    def _fit(self, pages: Pages, leaflet: Leaflet) -> Leaflet | None:
        layout = layouts(leaflet)["a5"]
        page = self.load(pages.html(leaflet, layout))
        kept = page.evaluate(FIT, layout.main_height)
        return None if kept is None else replace(leaflet, points=tuple(leaflet.points[i] for i in kept))

    def _pdf(self, pages: Pages, leaflet: Leaflet, layout: Layout) -> bytes:
        page = self.load(pages.html(leaflet, layout))
        return page.pdf(prefer_css_page_size=True, print_background=True)

    def load(self, html: str):
        """Show `html` in the page, its fonts loaded; returns the page.
        Call it, and use the page, through `call()`.

        The page was opened once from the private folder, so it may load
        file: fonts; writing each leaflet into it, rather than opening a new
        file, keeps the fonts loaded (35 ms a leaflet instead of 150)."""
        page = self._open()
        page.set_content(html, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page

    def _open(self):
        if self._page is not None:
            return self._page
        if not CHROMIUM.exists():
            raise PrintError(self.say.get("print.no_browser", path=CHROMIUM))
        from playwright.sync_api import sync_playwright

        self._folder = tempfile.TemporaryDirectory(prefix="loa-print-")
        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        except Exception as exc:  # Playwright's own errors: say why, in the staff's words
            self._close()
            raise PrintError(self.say.get("print.browser_failed", path=CHROMIUM, reason=str(exc).strip()[:500])) from None
        self._page = self._browser.new_page()
        self._page.emulate_media(media="print")
        self._page.route("**/*", _local_only)
        blank = Path(self._folder.name) / "leaflet.html"
        blank.write_text("<!DOCTYPE html><title>-</title>", encoding="utf-8")
        self._page.goto(blank.as_uri())
        return self._page

    def close(self) -> None:
        if self._thread is None:
            return
        try:
            self._thread.submit(self._close).result()
        finally:
            self._thread.shutdown()
            self._thread = None

    def _close(self) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
        finally:
            if self._playwright is not None:
                self._playwright.stop()
            if self._folder is not None:
                self._folder.cleanup()
            self._page = self._browser = self._playwright = self._folder = None


def _local_only(route) -> None:
    if route.request.url.startswith("file:"):
        route.continue_()
    else:
        route.abort()
