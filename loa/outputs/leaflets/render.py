"""Leaflet -> PDF bytes: an A5 leaflet, and an A4 sheet of two to cut apart.

Owns the page geometry, the fonts, and the fitting of a leaflet onto one
page, and nothing more. The PDF is drawn by WeasyPrint, chosen over
Chromium's print after measuring both (README, "Tờ rơi"): about as fast
per leaflet without a browser process, smaller files, the same text layer.

Fonts are Debian's files, named by path and embedded in every PDF, so a
leaflet looks the same on every machine and nothing is fetched: the only
URLs the renderer may open are those font files. A language gets its own
font list (Khmer: set it in FONTS), with DejaVu after it for digits and
Latin letters.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from loa.i18n import Messages
from loa.outputs.leaflets.content import Leaflet
from loa.outputs.templating import Renderer

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
KHMEROS = Path("/usr/share/fonts/truetype/khmeros")


@dataclass(frozen=True)
class Face:
    """One font file and what it is (regular or bold)."""

    path: Path
    weight: str = "normal"


LATIN = (Face(DEJAVU / "DejaVuSans.ttf"), Face(DEJAVU / "DejaVuSans-Bold.ttf", "bold"))
# Fonts per language, first choice first. Khmer OS (Debian fonts-khmeros)
# has no bold file; the renderer emboldens it, which Khmer readers accept
# in headings.
FONTS: dict[str, tuple[tuple[Face, ...], ...]] = {
    "vi": (LATIN,),
    "km": ((Face(KHMEROS / "KhmerOS.ttf"), Face(KHMEROS / "KhmerOS.ttf", "bold")), LATIN),
}
PACKAGE = {"vi": "fonts-dejavu-core", "km": "fonts-khmeros"}

# Paper, in millimetres.
LEAFLET_W, LEAFLET_H = 148.0, 210.0  # A5
SHEET_W = 297.0  # A4 landscape: two A5 leaflets side by side
TOP, BOTTOM, GAP = 9.0, 8.0, 3.0  # the leaflet's padding; space above the footer
FOOTER_MIN = 30.0  # the QR code or the contact lines beside it, whichever is taller
DATE_LINE = 6.0  # the review dates, under both
FOOTER_RULE = 2.6  # its top border and padding


class PrintError(RuntimeError):
    """A leaflet cannot be drawn on this machine; the message says why, for staff."""


@dataclass(frozen=True)
class Layout:
    """Sizes the template places; `measure` lays the main part out alone."""

    name: str
    page_width: float
    page_height: float
    copies: int
    footer: bool
    leaflet_height: float
    main_height: float
    footer_height: float
    date_line: float = DATE_LINE


def layouts(leaflet: Leaflet) -> dict[str, Layout]:
    """The three layouts of one leaflet; the footer grows with its QR code."""
    footer = max(FOOTER_MIN, leaflet.code.size_mm) + DATE_LINE
    main = LEAFLET_H - TOP - BOTTOM - FOOTER_RULE - footer - GAP
    a5 = Layout("a5", LEAFLET_W, LEAFLET_H, 1, True, LEAFLET_H, round(main, 2), footer)
    return {
        "a5": a5,
        "a4": Layout("a4", SHEET_W, LEAFLET_H, 2, True, LEAFLET_H, a5.main_height, footer),
        # The main part on a page exactly as tall as its room: one page means it fits.
        "measure": Layout("measure", LEAFLET_W, round(TOP + main, 2), 1, False, LEAFLET_H, a5.main_height, footer),
    }


class Engine:
    """Draws leaflets in one language; holds the fonts and the stylesheet
    between leaflets, so a run of thousands loads them once."""

    def __init__(self, msgs: Messages, lang: str | None = None) -> None:
        from weasyprint.text.fonts import FontConfiguration

        self.msgs = msgs
        self.lang = lang or msgs.lang
        self.faces = self._faces(self.lang)
        self.renderer = Renderer(msgs)
        self.css = Markup(resources.files("loa").joinpath("templates/leaflet.css").read_text("utf-8"))
        self.fonts = Markup(_font_rules(FONTS.get(self.lang, FONTS["vi"])))
        self.font_config = FontConfiguration()
        self.fetcher = _fetcher({f.path.resolve().as_uri() for f in self.faces})
        # WeasyPrint's own log lines are English and about CSS it skips;
        # the leaflets are checked by their page count and text instead.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)

    def _faces(self, lang: str) -> list[Face]:
        faces = [face for family in FONTS.get(lang, FONTS["vi"]) for face in family]
        for face in faces:
            if not face.path.is_file():
                raise PrintError(self.msgs.get("print.no_font", path=face.path,
                                               package=PACKAGE.get(lang, PACKAGE["vi"])))
        return faces

    def html(self, leaflet: Leaflet, layout: Layout) -> str:
        return str(self.renderer.render("leaflet.html", leaflet=leaflet, layout=layout,
                                        css=self.css, fonts=self.fonts))

    def document(self, leaflet: Leaflet, layout: Layout):
        from weasyprint import HTML

        return HTML(string=self.html(leaflet, layout), url_fetcher=self.fetcher).render(
            font_config=self.font_config)

    def pdf(self, leaflet: Leaflet, layout: Layout) -> bytes:
        return self.document(leaflet, layout).write_pdf()

    def fits(self, leaflet: Leaflet) -> bool:
        return len(self.document(leaflet, layouts(leaflet)["measure"]).pages) == 1

    def fit(self, leaflet: Leaflet) -> Leaflet | None:
        """The leaflet with the key points one page holds, in the text's order
        (a long list may give way to a shorter point after it), or None when
        even the title, summary and legal bases alone do not fit."""
        if self.fits(leaflet):
            return leaflet
        kept = leaflet.with_points(0)
        if not self.fits(kept):
            return None
        for point in leaflet.points:
            candidate = replace(kept, points=kept.points + (point,))
            if self.fits(candidate):
                kept = candidate
        return kept


def _font_rules(families: tuple[tuple[Face, ...], ...]) -> str:
    rules, names = [], []
    for i, family in enumerate(families):
        name = f"Loa Leaflet {i}"
        names.append(f'"{name}"')
        rules += [f'@font-face {{ font-family: "{name}"; font-weight: {face.weight}; '
                  f'src: url("{face.path.resolve().as_uri()}"); }}' for face in family]
    rules.append(f"body {{ font-family: {', '.join(names)}; }}")
    return "\n".join(rules)


def _fetcher(allowed: set[str]):
    from weasyprint.urls import URLFetcher

    class FontsOnly(URLFetcher):
        """Opens the font files and nothing else: a leaflet never fetches."""

        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError(url)
            return super().fetch(url, headers)

    return FontsOnly(allowed_protocols={"file"})
