"""The Khmer web font: a WOFF2 subset of Khmer OS Battambang, made at build time.

Phones without a Khmer font show boxes, and DejaVu has no Khmer glyphs. The
site serves its own font, loaded only by Khmer pages (km.css) and only for
Khmer characters (`unicode-range`), so Vietnamese pages load nothing more.
Debian packages it (fonts-khmeros, LGPL, by Danh Hong); fontTools cuts it
to the Khmer blocks with every OpenType layout feature kept (Khmer needs
them to place subscripts and vowels) and writes WOFF2 (Brotli). The subset
is made once per font file and kept in the build cache.
"""
from __future__ import annotations

import hashlib
import io
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/khmeros/KhmerOSbattambang.ttf")
FAMILY = "Loa Khmer"
WOFF2 = "assets/loa/km/khmer.woff2"
CSS = "assets/loa/km/km.css"
MAX_BYTES = 60_000  # the budget for the font
# The Khmer and Khmer Symbols blocks, the invisible joiners Khmer text uses,
# and the dotted circle fonts draw under a misplaced mark.
RANGES = ((0x1780, 0x17FF), (0x19E0, 0x19FF), (0x200B, 0x200D), (0x25CC, 0x25CC))
SUBSET_VERSION = 1


def unicode_range() -> str:
    return ",".join(f"U+{lo:04X}" if lo == hi else f"U+{lo:04X}-{hi:04X}" for lo, hi in RANGES)


def subset(font: Path = FONT, cache_dir: Path | None = None) -> bytes:
    """The WOFF2 bytes, from the cache when the font file is unchanged."""
    raw = Path(font).read_bytes()
    key = hashlib.sha256(raw + f"{SUBSET_VERSION}{RANGES}".encode()).hexdigest()[:32]
    from loa.build import atomic

    return atomic.cached(Path(cache_dir) / f"{key}.woff2" if cache_dir is not None else None, lambda: _make(raw))


def _make(raw: bytes) -> bytes:
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont

    options = ft_subset.Options()
    options.flavor = "woff2"  # needs the brotli module
    options.layout_features = ["*"]
    options.notdef_outline = True
    options.hinting = False  # phones' rasterisers do not need it; it is a third of the bytes
    options.desubroutinize = True
    font = TTFont(io.BytesIO(raw), recalcTimestamp=False)  # the same bytes on every machine and build
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=[c for lo, hi in RANGES for c in range(lo, hi + 1)])
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def stylesheet() -> str:
    """km.css: the font face, used for Khmer letters only, and taller lines
    for the subscripts stacked under Khmer consonants."""
    return (
        f'@font-face{{font-family:"{FAMILY}";src:url("khmer.woff2") format("woff2");'
        f"font-display:swap;unicode-range:{unicode_range()}}}\n"
        f':root{{--md-text-font:"{FAMILY}"}}\n'
        f'body,input,button{{font-family:"{FAMILY}",-apple-system,BlinkMacSystemFont,Helvetica,Arial,sans-serif}}\n'
        # Only Khmer text: the 404 page's Vietnamese part keeps its lines.
        "[lang=km] .md-typeset,.md-typeset [lang=km]{line-height:1.9}\n"
        ".loa-review-note{border-left:4px solid currentColor;padding-left:.8em}\n"
    )
