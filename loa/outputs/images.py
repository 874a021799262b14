"""The 1200×630 share image (og:image) for each explainer, drawn offline.

Material's social plugin fetches Google Fonts at build time and fails without
network, so Loa draws its own card with Pillow and DejaVu Sans, which the
project's setup installs (Debian package fonts-dejavu-core) and which covers
every Vietnamese letter. Nothing is ever downloaded. Images are cached by
content, so an unchanged explainer costs one file copy on rebuild (a copy,
not a link: the published file must not be the cache's own).
"""
from __future__ import annotations

import functools
import hashlib
import io
import json
import unicodedata
import zlib
from pathlib import Path
from typing import Callable, Iterator

from PIL import Image, ImageColor, ImageDraw, ImageFont

from loa.build import atomic
from loa.core.model import Settings
from loa.i18n import messages

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
SIZE = (1200, 630)
# Bump whenever the drawing below changes, so cached images are redrawn.
LAYOUT_VERSION = 5
# Shades between background and ink, including both: the PNG's palette.
# Four make a 2-bit PNG whose text edges look like sixteen's once a feed
# shows the card at 500 pixels wide (compared side by side; at twice the
# size curves show a faint step). On 200 titles of the bench corpus: 10.7
# KB and 1.8 ms to encode, against 18.1 KB and 3.1 ms for sixteen shades
# (4-bit) and 25.9 KB and 7.4 ms for 256. A first build draws one card per
# explainer, and the encoding is most of a card's time.
SHADES = 4
_BITS = 2  # enough for SHADES palette entries
# Deflate's run-length strategy suits a card of flat colour with text: on
# a three-line title, 15.2 KB in 2.6 ms, against 17.6 KB in 4.6 ms for the
# default strategy at level 3 and 14.9 KB in 8.8 ms at level 6 (the level
# hardly matters to it).
_PNG_LEVEL = 3
_PNG_STRATEGY = zlib.Z_RLE
_MARGIN = 80
_TITLE_BOX = (SIZE[0] - 2 * _MARGIN, 380)  # width, height available for the title
_TITLE_SIZES = (76, 68, 60, 54, 48, 44)
_ORG_SIZE = 34
_RULE_Y = 500
# Pillow's basic layout needs no libraqm, so every machine draws the same
# pixels; precomposed (NFC) Vietnamese letters need no shaping.
_LAYOUT = ImageFont.Layout.BASIC
_UNITS = 64  # FreeType's subdivisions of a pixel, in which pens are moved


class ShareImageError(RuntimeError):
    """The share image cannot be drawn; the message says what to install."""


def render_share_image(title: str, settings: Settings, out_path: Path, cache_dir: Path, *,
                       bold_font: Path = FONT_BOLD, regular_font: Path = FONT_REGULAR,
                       write: Callable[[Path, bytes], None] = atomic.write_bytes,
                       copy: Callable[[Path, Path], object] | None = None) -> Path:
    """Write the share image for `title` to out_path, reusing the cache.

    The site gets a copy of the cached file, never a link to it: a link
    would let an edit of the published image change the cache. `copy`
    (for example `SiteWriter.copy_at` of loa.build.writer) copies it in;
    without it, `write` receives the bytes, as it does for an image drawn
    now (for example `SiteWriter.write_at`)."""
    title = " ".join(unicodedata.normalize("NFC", title).split())
    organisation = " ".join(unicodedata.normalize("NFC", settings.organisation).split())
    fonts = (Path(bold_font), Path(regular_font))
    key = cache_key(title, organisation, settings.theme_color, fonts)
    cached = Path(cache_dir) / f"{key}.png"
    if not atomic.in_cache(cached):
        drawn = _draw(title, organisation, settings.theme_color, fonts)
        atomic.write_cache(cached, drawn)
        write(Path(out_path), drawn)  # in hand already: no need to read the cache back
        return Path(out_path)
    if copy is None and write is atomic.write_in_new_folder:
        copy = atomic.copy_in_new_folder  # a fresh build folder: copied in the kernel
    if copy is not None:
        copy(cached, Path(out_path))
    else:
        write(Path(out_path), cached.read_bytes())
    return Path(out_path)


def cache_key(title: str, organisation: str, colour: str, fonts: tuple[Path, ...]) -> str:
    parts = [LAYOUT_VERSION, title, organisation, colour.lower()]
    parts += [font_digest(font) for font in fonts]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def font_digest(path: Path | str) -> str:
    """A font file's SHA-256, part of every cached card's key: hashed once
    per process, since a build draws thousands of cards with two fonts."""
    return _file_hash(str(path))


@functools.lru_cache(maxsize=8)
def _file_hash(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        raise ShareImageError(messages().get("cli.build.no_font", path=path)) from None


@functools.lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size, layout_engine=_LAYOUT)


class _Face:
    """One font at one size, set letter by letter from glyphs rasterised
    once per process. A first build draws a card for every explainer, and
    their titles share a few hundred letters. On 400 titles of the bench
    corpus, Pillow's own text drawing took 1.0-1.9 ms a card and fitting
    the title (measuring every candidate line) 0.8 ms; set from glyphs
    and advances kept here, 0.25 and 0.15 ms. Encoding the PNG (2.6 ms)
    is now most of a card.

    A letter's pen position is the sum of the advances before it, each
    with the kerning of its pair, in FreeType's 64ths of a pixel; it is
    drawn at the whole pixel below. Pillow measures and draws the same
    way, up to where it rounds kerning, so `getlength` here is the width
    of what `draw` draws, and lines are wrapped by it."""

    def __init__(self, path: Path, size: int) -> None:
        self.font = _font(path, size)
        self.size = size
        self._advances: dict[str, int] = {}
        self._kerning: dict[tuple[str, str], int] = {}
        self._glyphs: dict[str, tuple[Image.Image, tuple[int, int]] | None] = {}

    def _advance(self, ch: str) -> int:
        units = self._advances.get(ch)
        if units is None:
            units = self._advances[ch] = round(self.font.getlength(ch) * _UNITS)
        return units

    def _kern(self, left: str, right: str) -> int:
        pair = (left, right)
        units = self._kerning.get(pair)
        if units is None:
            both = round(self.font.getlength(left + right) * _UNITS)
            units = self._kerning[pair] = both - self._advance(left) - self._advance(right)
        return units

    def _glyph(self, ch: str) -> tuple[Image.Image, tuple[int, int]] | None:
        if ch not in self._glyphs:
            core, offset = self.font.getmask2(ch, mode="L")
            width, height = core.size
            self._glyphs[ch] = (Image.frombytes("L", (width, height), bytes(core)), offset) \
                if width and height else None  # a space: nothing to draw
        return self._glyphs[ch]

    def _pens(self, text: str) -> Iterator[tuple[str, int]]:
        """Each letter of `text` with its pen position; then "" with the end."""
        pen, previous = 0, None
        for ch in text:
            if previous is not None:
                pen += self._kern(previous, ch)
            yield ch, pen
            pen += self._advance(ch)
            previous = ch
        yield "", pen

    def getlength(self, text: str) -> float:
        """The width of `text` in pixels (the name of Pillow's, for `_wrap`)."""
        *_, (_, end) = self._pens(text)
        return end / _UNITS

    def draw(self, image: Image.Image, xy: tuple[int, int], text: str, fill: int = 255) -> None:
        x, y = xy
        for ch, pen in self._pens(text):
            glyph = self._glyph(ch) if ch else None
            if glyph is not None:
                mask, (dx, dy) = glyph
                left, top = x + pen // _UNITS + dx, y + dy
                image.paste(fill, (left, top, left + mask.width, top + mask.height), mask)


@functools.lru_cache(maxsize=64)
def _face(path: Path, size: int) -> _Face:
    return _Face(path, size)


def _draw(title: str, organisation: str, colour: str, fonts: tuple[Path, Path]) -> bytes:
    # Drawn as a grey-level coverage mask, then coloured through a palette:
    # much faster than drawing in RGB and reducing colours afterwards.
    background = ImageColor.getrgb(colour)[:3]
    ink = _ink_for(background)
    mask = _footer(organisation, fonts[1]).copy()
    font, lines = _fit_title(title, fonts[0])
    y = _MARGIN
    for line in lines:
        font.draw(mask, (_MARGIN, y), line)
        y += round(font.size * 1.25)  # room for stacked marks such as "Ổ"
    return _png(mask, background, ink)


@functools.lru_cache(maxsize=4)
def _footer(organisation: str, font_path: Path) -> Image.Image:
    """The part every card of a site shares, the rule and the organisation's
    name below the title's box, drawn once per process (callers copy it)."""
    mask = Image.new("L", SIZE, 0)
    draw = ImageDraw.Draw(mask)
    draw.rectangle((_MARGIN, _RULE_Y, _MARGIN + 120, _RULE_Y + 6), fill=255)
    org_font = _face(font_path, _ORG_SIZE)
    org = _wrap(organisation, org_font, _TITLE_BOX[0], 1)
    org_font.draw(mask, (_MARGIN, _RULE_Y + 34), org[0] if org else "")
    return mask


def _png(mask: Image.Image, background: tuple[int, int, int], ink: tuple[int, int, int]) -> bytes:
    top = SHADES - 1
    image = mask.point([(v * top + 127) // 255 for v in range(256)])
    # A palette on a grey image makes it a palette image, with no copy.
    image.putpalette([round(b + (i - b) * level / top) for level in range(SHADES) for b, i in zip(background, ink)])
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=_PNG_LEVEL, compress_type=_PNG_STRATEGY, bits=_BITS)
    return buffer.getvalue()


def _ink_for(background: tuple[int, int, int]) -> tuple[int, int, int]:
    """White or near-black, whichever contrasts more (WCAG luminance)."""
    def channel(c: int) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    lum = 0.2126 * channel(background[0]) + 0.7152 * channel(background[1]) \
        + 0.0722 * channel(background[2])
    return (255, 255, 255) if (1.05 / (lum + 0.05)) >= ((lum + 0.05) / 0.05) else (26, 26, 26)


def _fit_title(title: str, font_path: Path) -> tuple[_Face, list[str]]:
    """The largest size at which the whole title fits; else the smallest,
    with the last line ending in "…" at a word boundary."""
    width, height = _TITLE_BOX
    for size in _TITLE_SIZES:
        font = _face(font_path, size)
        max_lines = int(height // (size * 1.25))
        lines = _wrap(title, font, width, max_lines + 1)
        if len(lines) <= max_lines:
            return font, lines
    return font, _wrap(title, font, width, max_lines)


def _wrap(text: str, font: _Face | ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """Greedy word wrap; words never split unless one alone is too wide.
    Beyond max_lines the text is cut at a word and ends with "…". The
    font is what measures the lines: a `_Face`, or Pillow's own font for
    text Pillow draws (khmer_images.py)."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines += _split_long(word, font, width)
    if len(lines) <= max_lines:
        return lines
    kept = lines[:max_lines]
    last = kept[-1]
    while last and font.getlength(last + " …") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    kept[-1] = (last + " …").strip()
    return kept


def _split_long(word: str, font: _Face | ImageFont.FreeTypeFont, width: int) -> list[str]:
    pieces = [""]
    for ch in word:
        if pieces[-1] and font.getlength(pieces[-1] + ch) > width:
            pieces.append("")
        pieces[-1] += ch
    return pieces


def missing_glyphs(text: str, font_path: Path = FONT_BOLD) -> set[str]:
    """Characters of `text` (after NFC) that the font cannot draw."""
    chars = {c for c in unicodedata.normalize("NFC", text)
             if not c.isspace() and unicodedata.category(c) not in ("Cc", "Cf")}
    cmap = _cmap(str(font_path))
    if cmap is not None:
        return {c for c in chars if ord(c) not in cmap}
    return {c for c in chars if _looks_like_notdef(c, str(font_path))}


@functools.lru_cache(maxsize=8)
def _cmap(path: str) -> frozenset[int] | None:
    try:
        from fontTools.ttLib import TTFont  # optional: the exact answer when present
    except ImportError:
        return None
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


def _glyph_pixels(ch: str, path: str) -> bytes:
    canvas = Image.new("L", (96, 96))
    ImageDraw.Draw(canvas).text((24, 16), ch, font=_font(Path(path), 48), fill=255)
    return canvas.tobytes()


@functools.lru_cache(maxsize=8)
def _notdef_pixels(path: str) -> bytes:
    # A private-use character in plane 15 is in no text font, so FreeType
    # draws glyph 0 (.notdef, the "tofu" box) for it.
    return _glyph_pixels("\U000F0000", path)


def _looks_like_notdef(ch: str, path: str) -> bool:
    return _glyph_pixels(ch, path) == _notdef_pixels(path)
