"""The Khmer web font and Khmer share images (issue 11): the subset covers
Khmer and stays small; share images shape Khmer with raqm and have every glyph."""
from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, features

from conftest import REPO
from loa.content.frontmatter import parse
from loa.outputs import khmer_font, khmer_images

SAMPLES = sorted((REPO / "content").rglob("*.km.md"))


def khmer_chars(text: str) -> set[str]:
    return {c for c in unicodedata.normalize("NFC", text) if "\u1780" <= c <= "\u17ff"}


@pytest.fixture(scope="module")
def subset(tmp_path_factory) -> bytes:
    return khmer_font.subset(khmer_font.FONT, tmp_path_factory.mktemp("km-font"))


def test_the_subset_is_woff2_within_budget_and_keeps_khmer_shaping(subset: bytes) -> None:
    assert subset[:4] == b"wOF2"
    assert len(subset) <= khmer_font.MAX_BYTES
    font = TTFont(io.BytesIO(subset))
    features_kept = {r.FeatureTag for r in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"blwf", "pref", "pres", "abvs", "blws"} & features_kept  # subscripts and pre-base forms


def test_the_subset_draws_every_khmer_letter_of_the_samples_and_of_the_interface(subset: bytes) -> None:
    from loa.i18n import HERE

    cmap = TTFont(io.BytesIO(subset)).getBestCmap()
    text = "".join(p.read_text(encoding="utf-8") for p in SAMPLES)
    text += "".join(p.read_text(encoding="utf-8") for p in (HERE / "km").glob("*.po"))
    assert len(SAMPLES) >= 4
    assert {c for c in khmer_chars(text) if ord(c) not in cmap} == set()
    assert ord("\u25cc") in cmap  # the dotted circle under a misplaced mark


def test_the_subset_is_made_once_and_then_read_from_the_cache(tmp_path: Path) -> None:
    first = khmer_font.subset(khmer_font.FONT, tmp_path)
    [cached] = tmp_path.glob("*.woff2")
    assert cached.read_bytes() == first
    assert khmer_font.subset(khmer_font.FONT, tmp_path) == first


def test_the_subset_is_the_same_bytes_whenever_it_is_made(tmp_path: Path) -> None:
    # A build from nothing and a build from the cache publish the same font
    # (fontTools would otherwise stamp each subset with the time it was made).
    first = khmer_font.subset(khmer_font.FONT, tmp_path / "one")
    assert khmer_font.subset(khmer_font.FONT, tmp_path / "two") == first


def test_pillow_shapes_khmer_with_raqm() -> None:
    assert features.check("raqm")


def test_every_sample_title_has_its_glyphs_in_the_share_image_font() -> None:
    titles = [parse(p.read_text(encoding="utf-8"), str(p))[0].data["title"] for p in SAMPLES]
    missing = {t: khmer_images.missing_glyphs(t) for t in titles}
    assert all(not m for m in missing.values()), missing


def test_the_check_finds_a_glyph_the_font_lacks() -> None:
    # control: a character outside Khmer and Latin is reported
    assert khmer_images.missing_glyphs("ខ្មែរ \u4e2d") == {"\u4e2d"}


def _ink(text: str, layout) -> Image.Image:
    font = ImageFont.truetype(str(khmer_images.FONT), 64, layout_engine=layout)
    image = Image.new("L", (500, 160), 0)
    ImageDraw.Draw(image).text((10, 10), text, font=font, fill=255)
    return image


def test_subscripts_are_placed_under_their_consonant() -> None:
    # ស្ត្រី: two subscripts under ស. Shaped, the cluster is one glyph-wide and
    # goes below the line; drawn without shaping, coengs and marks stand in a row.
    shaped, unshaped = _ink("ស្ត្រី", ImageFont.Layout.RAQM), _ink("ស្ត្រី", ImageFont.Layout.BASIC)
    assert shaped.getbbox()[2] < unshaped.getbbox()[2]  # narrower: stacked, not side by side
    assert shaped.tobytes() != unshaped.tobytes()


def test_a_khmer_share_image_is_drawn_and_cached(tmp_path: Path) -> None:
    from loa.core.model import Settings

    settings = Settings("https://x.test/", "Loa", "Hội LHPN tỉnh", "0377.672.444", (), "content", (), "#8e2463")
    out = khmer_images.render("ប្ដីវាយប្រពន្ធ ត្រូវទទួលទោសយ៉ាងដូចម្ដេច?", settings, tmp_path / "og.png", tmp_path / "cache")
    image = Image.open(out)
    assert image.size == (1200, 630)
    assert len(list((tmp_path / "cache").glob("km-*.png"))) == 1
