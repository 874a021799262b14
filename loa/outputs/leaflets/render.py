"""Leaflet -> the HTML a browser prints: page geometry, fonts, template.

Owns the sizes on paper and the fonts, and nothing more; browser.py prints
the HTML with Chromium. A leaflet is one A5 page: the main part (title,
summary, key points, legal bases) at the top, the footer (QR code, hotline,
review dates) at the bottom; the main part may use the room above the
footer and no more.

Fonts are Debian's files, named by path (file: addresses) and embedded in
every PDF, so a leaflet looks the same on every machine; the browser may
open local files only (browser.py). Each language has its own list
(FONTS): a Khmer leaflet is made by naming a Khmer font there.
"""
from __future__ import annotations

from dataclasses import dataclass
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
# Fonts per language, first choice first; the next family draws what the
# first lacks. DejaVu first keeps digits, the address and the Vietnamese
# names of laws in the same face on every leaflet; it has no Khmer letters,
# so Khmer text falls to Khmer OS Battambang (Debian fonts-khmeros, the face
# the site's Khmer pages use). That font has no bold file: with none
# declared, the browser emboldens the regular one for headings.
FONTS: dict[str, tuple[tuple[Face, ...], ...]] = {
    "vi": (LATIN,),
    "km": (LATIN, (Face(KHMEROS / "KhmerOSbattambang.ttf"),)),
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
    """Sizes the template places, in millimetres."""

    name: str  # "a5" or "a4"
    page_width: float
    page_height: float
    copies: int
    main_height: float  # the room of the main part
    footer_height: float
    date_line: float = DATE_LINE


def layouts(leaflet: Leaflet) -> dict[str, Layout]:
    """The two layouts of one leaflet; the footer grows with its QR code."""
    footer = max(FOOTER_MIN, leaflet.code.size_mm) + DATE_LINE
    main = round(LEAFLET_H - TOP - BOTTOM - FOOTER_RULE - footer - GAP, 2)
    return {"a5": Layout("a5", LEAFLET_W, LEAFLET_H, 1, main, footer),
            "a4": Layout("a4", SHEET_W, LEAFLET_H, 2, main, footer)}


class Pages:
    """The HTML of leaflets in one language, and the font files it names."""

    def __init__(self, words: Messages, say: Messages | None = None) -> None:
        """`words` are the leaflet's language; `say` the language problems are
        reported in (the command line's), by default the same."""
        self.msgs = say or words
        self.lang = words.lang
        families = FONTS.get(self.lang, FONTS["vi"])
        for face in (f for family in families for f in family):
            if not face.path.is_file():
                raise PrintError(self.msgs.get("print.no_font", path=face.path,
                                               package=PACKAGE.get(self.lang, PACKAGE["vi"])))
        self.faces = [f for family in families for f in family]
        self.renderer = Renderer(words)
        self.css = Markup(resources.files("loa").joinpath("templates/leaflet.css").read_text("utf-8"))
        self.font_rules = Markup(_font_rules(families))

    def html(self, leaflet: Leaflet, layout: Layout) -> str:
        return str(self.renderer.render("leaflet.html", leaflet=leaflet, layout=layout,
                                        css=self.css, fonts=self.font_rules))


def _font_rules(families: tuple[tuple[Face, ...], ...]) -> str:
    rules, names = [], []
    for i, family in enumerate(families):
        name = f"Loa Leaflet {i}"
        names.append(f'"{name}"')
        rules += [f'@font-face {{ font-family: "{name}"; font-weight: {face.weight}; '
                  f'src: url("{face.path.resolve().as_uri()}"); }}' for face in family]
    rules.append(f"body {{ font-family: {', '.join(names)}; }}")
    return "\n".join(rules)
