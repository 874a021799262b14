"""Printed leaflets: for each explainer, an A5 PDF and an A4 sheet of two.

`loa print` calls `make()`. Staff print
the A5 file on A5 paper, or the A4 sheet on ordinary office paper and cut
it along the dashed line. The parts, each owning one thing:

    content.py  Explainer -> the words a leaflet carries (plain text)
    qr.py       the QR code's address and printed size
    render.py   the layout's sizes, the fonts, the HTML (loa/templates/leaflet.html)
    browser.py  Debian's Chromium: fitting the key points to the page, the PDF
    folder.py   where leaflets may be written, and the marker of Loa's files

This package imports neither MkDocs nor click. Nothing is written when any
leaflet cannot be made: every problem is reported first, all at once.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from loa.content import review
from loa.core.model import Catalog, Explainer, Problem, Settings
from loa.core.problems import problem
from loa.i18n import Messages, messages
from loa.outputs.leaflets import browser, content, folder as folder_mod, render
from loa.outputs.leaflets.content import Leaflet

A5_SUFFIX, A4_SUFFIX = "-a5.pdf", "-a4.pdf"


@dataclass
class Result:
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)  # file names, in the folder
    removed: list[str] = field(default_factory=list)
    skipped: list[tuple[Explainer, str]] = field(default_factory=list)  # and why, in the staff's words

    @property
    def ok(self) -> bool:
        return not any(p.is_error for p in self.problems)


class Leaflets:
    """Fits and draws the leaflets of one site: one browser for the run, the
    words of each leaflet's language. Use as a context manager."""

    def __init__(self, catalog: Catalog, settings: Settings, today: dt.date, msgs: Messages) -> None:
        self.catalog, self.settings, self.today, self.msgs = catalog, settings, today, msgs
        self._pages: dict[str, render.Pages] = {}
        self.printer = browser.Printer(msgs)

    def __enter__(self) -> "Leaflets":
        return self

    def __exit__(self, *exc: object) -> None:
        self.printer.close()

    def pages(self, lang: str) -> render.Pages:
        """The pages of one language: a Khmer leaflet says its words in Khmer."""
        if lang not in self._pages:
            self._pages[lang] = render.Pages(messages(lang), self.msgs)
        return self._pages[lang]

    def fitted(self, explainer: Explainer) -> Leaflet | Problem:
        """The leaflet as it will be printed, or the problem why it cannot be."""
        pages = self.pages(explainer.lang)
        leaflet = content.gather(explainer, self.catalog, self.settings, self.today, pages.renderer.msgs)
        fitted = self.printer.fit(pages, leaflet)
        if fitted is None:
            return problem("LOA700", explainer.path, leaflet.line, msgs=self.msgs,
                           title=len(leaflet.title), summary=len(leaflet.summary), laws=len(leaflet.laws))
        return fitted

    def pdfs(self, leaflet: Leaflet) -> dict[str, bytes]:
        """The two files of one fitted leaflet, by file name."""
        pages, sizes = self.pages(leaflet.lang), render.layouts(leaflet)
        return {leaflet.slug + A5_SUFFIX: self.printer.pdf(pages, leaflet, sizes["a5"]),
                leaflet.slug + A4_SUFFIX: self.printer.pdf(pages, leaflet, sizes["a4"])}


def chosen(catalog: Catalog, today: dt.date, slug: str | None,
           msgs: Messages) -> tuple[list[Explainer], list[tuple[Explainer, str]]]:
    """The published explainers a run prints (all, or the one named), and
    those it may not, each with the reason in the staff's words: the rule of
    posts, since paper outlives a page even more (withdrawn, or relying on a
    text repealed in full with no note)."""
    allowed, refused = [], []
    for e in catalog.published(today):
        if slug is not None and e.slug != slug:
            continue
        reason = review.no_post_reason(e, catalog.laws, today, msgs)
        if reason:
            refused.append((e, reason))
        else:
            allowed.append(e)
    return allowed, refused


def make(catalog: Catalog, settings: Settings, today: dt.date, msgs: Messages, out: Path, *,
         shown: str, content_dir: Path, slug: str | None = None) -> Result:
    """Write the leaflets of every published explainer (or of `slug`) into `out`."""
    refused = folder_mod.refusal(out, shown, content_dir, msgs)
    if refused is not None:
        return Result([refused])
    allowed, skipped = chosen(catalog, today, slug, msgs)
    with Leaflets(catalog, settings, today, msgs) as maker:
        fitted: list[Leaflet] = []
        result = Result(skipped=skipped)
        for e in allowed:
            made = maker.fitted(e)
            if isinstance(made, Problem):
                result.problems.append(made)
            else:
                fitted.append(made)
        if not result.ok:
            return result
        writer = folder_mod.Writer(out, msgs.get("print.marker_file"))
        writer.begin([leaflet.slug + suffix for leaflet in fitted for suffix in (A5_SUFFIX, A4_SUFFIX)])
        for leaflet in fitted:
            for name, data in maker.pdfs(leaflet).items():
                writer.write(name, data)
                result.written.append(name)
        result.removed = writer.finish(complete=slug is None)
    return result


