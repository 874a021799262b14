"""Share images of Khmer explainers: the card of images.py with a Khmer title.

Khmer needs complex shaping (subscripts under consonants, vowels placed
around them), which Pillow does only with libraqm (`ImageFont.Layout.RAQM`);
the basic layout images.py uses for Vietnamese would draw marks beside
their letters. Titles wrap at ICU's word boundaries, never inside a cluster.
The organisation's name stays Vietnamese, drawn as images.py draws it.
"""
from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont, features

from loa.build import atomic
from loa.core.model import Settings
from loa.outputs import images
from loa.text import khmer

FONT = Path("/usr/share/fonts/truetype/khmeros/KhmerOSbattambang.ttf")
LAYOUT_VERSION = 4  # 2: sixteen shades, 3: run-length deflate, 4: four shades, as images.py
_SIZES = (64, 58, 52, 46, 40)
_LINE = 1.7  # Khmer stacks marks above and below: lines need room


class ShapingMissing(RuntimeError):
    """Pillow was built without libraqm: Khmer would be drawn wrongly."""


def can_shape() -> bool:
    return bool(features.check("raqm"))


@functools.lru_cache(maxsize=16)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, layout_engine=ImageFont.Layout.RAQM)


def render(title: str, settings: Settings, out_path: Path, cache_dir: Path, *, font: Path = FONT,
           copy=None) -> Path:
    if not can_shape():
        raise ShapingMissing("libraqm")
    # A ZWSP only says where a line may break: ICU's words say it too, and
    # drawn as a space it would open a gap inside a phrase.
    title = " ".join(khmer.clean(title.replace(khmer.ZWSP, "")).split())
    organisation = " ".join(unicodedata.normalize("NFC", settings.organisation).split())
    key = hashlib.sha256(json.dumps([LAYOUT_VERSION, title, organisation, settings.theme_color.lower(),
                                     images.font_digest(font)],
                                    ensure_ascii=False).encode()).hexdigest()
    cached = Path(cache_dir) / f"km-{key}.png"
    if not atomic.in_cache(cached):
        atomic.write_cache(cached, draw(title, organisation, settings.theme_color, font))
    if copy is not None:
        copy(cached, Path(out_path))
    else:
        atomic.write_bytes(Path(out_path), cached.read_bytes())
    return Path(out_path)


def draw(title: str, organisation: str, colour: str, font: Path = FONT) -> bytes:
    background = ImageColor.getrgb(colour)[:3]
    mask = Image.new("L", images.SIZE, 0)
    pen = ImageDraw.Draw(mask)
    face, lines = _fit(title, str(font))
    y = images._MARGIN
    for line in lines:
        pen.text((images._MARGIN, y), line, font=face, fill=255)
        y += round(face.size * _LINE)
    pen.rectangle((images._MARGIN, images._RULE_Y, images._MARGIN + 120, images._RULE_Y + 6), fill=255)
    org_font = images._font(images.FONT_REGULAR, images._ORG_SIZE)
    org = images._wrap(organisation, org_font, images._TITLE_BOX[0], 1)
    pen.text((images._MARGIN, images._RULE_Y + 34), org[0] if org else "", font=org_font, fill=255)
    return images._png(mask, background, images._ink_for(background))


def _fit(title: str, font: str) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    width, height = images._TITLE_BOX
    for size in _SIZES:
        face = _font(font, size)
        most = int(height // (size * _LINE))
        lines = _wrap(title, face, width)
        if len(lines) <= most:
            return face, lines
    return face, _wrap(title, face, width)[:most - 1] + ["…"]


def _wrap(title: str, face: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy wrap at word boundaries: spaces, and ICU's words inside a run."""
    pieces = []
    for chunk in title.split(" "):
        words = khmer.segments(chunk) if khmer.has_khmer(chunk) else [chunk]
        joined = "".join(words)
        # segments() leaves out punctuation: keep the chunk whole when it did.
        pieces.append(words if joined == chunk else [chunk])
    lines: list[str] = []
    for words in pieces:
        for i, word in enumerate(words):
            glue = " " if i == 0 and lines else ""
            if lines and face.getlength(lines[-1] + glue + word) <= width:
                lines[-1] += glue + word
            else:
                lines.append(word)
    return lines


def missing_glyphs(text: str, font: Path = FONT) -> set[str]:
    return images.missing_glyphs(text, font)
