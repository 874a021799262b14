"""The QR code on a leaflet: which address it holds and how big it is printed.

Owns the tracked address (`utm_source=to-roi`, so the site's statistics can
tell readers who came from paper) and the printed size, and nothing more.
Sizes follow what scans at hand distance on a cheap phone: modules of at
least 0.5 mm, a quiet zone of four modules, and the whole code with its
quiet zone at least 25 mm wide (the issue asks for 20 mm; a crease or a
smudge on a folded sheet eats into the margin).
"""
from __future__ import annotations

from dataclasses import dataclass

import segno
from markupsafe import Markup

from loa.core import urls
from loa.core.model import Explainer, Settings

SOURCE = "to-roi"  # "tờ rơi", leaflet: the utm_source of every printed code
QUIET_MODULES = 4
MIN_MODULE_MM = 0.5
MIN_SIZE_MM = 25.0


def page_url(settings: Settings, explainer: Explainer) -> str:
    """The explainer's address (in its language's part of the site), as
    printed under the code for typing by hand."""
    return urls.absolute(settings.site_url, urls.page_of(explainer))


def tracked_url(settings: Settings, explainer: Explainer) -> str:
    return f"{page_url(settings, explainer)}?utm_source={SOURCE}"


@dataclass(frozen=True)
class Code:
    """A QR code ready to place on a page, and its printed measures."""

    data: str
    version: int
    modules: int  # the symbol's width in modules, without the quiet zone
    module_mm: float
    svg: Markup

    @property
    def size_mm(self) -> float:
        return (self.modules + 2 * QUIET_MODULES) * self.module_mm


def make(data: str) -> Code:
    """The code for `data`. Error correction M at least: segno raises it when
    the same version has room, which a folded, handled sheet can use."""
    code = segno.make(data, error="m", boost_error=True, micro=False)
    modules = code.symbol_size(border=0)[0]
    module_mm = max(MIN_MODULE_MM, MIN_SIZE_MM / (modules + 2 * QUIET_MODULES))
    module_mm = round(module_mm, 3)
    # segno writes only black modules on a white square; an explicit white
    # background keeps the quiet zone white even on a tinted box.
    svg = code.svg_inline(scale=module_mm, unit="mm", border=QUIET_MODULES, dark="#000", light="#fff")
    return Code(data, code.version, modules, module_mm, Markup(svg))
