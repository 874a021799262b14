"""Share images for link previews (loa/images.py)."""
from __future__ import annotations

import socket
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageStat

from loa.outputs import images
from loa.core.model import Settings

SETTINGS = Settings(site_url="https://phunu-soctrang.example/", site_name="Loa",
                    organisation="Hội LHPN tỉnh Sóc Trăng", hotline="0377.672.444",
                    contacts=(), content_dir="content", channels=(), theme_color="#8e2463")
TITLES = [
    "Hòa giải ở cơ sở là gì?",
    "Bị bạo lực gia đình, chị em cần làm gì?",
    "Ly hôn thuận tình: thủ tục, giấy tờ và lệ phí ở Ủy ban, Tòa án",
    "Quyền thừa kế của con gái, con dâu và người vợ khi chồng mất không để lại di chúc",
]
VOWELS = "aăâeêioôơuưy"
# Every Vietnamese letter in both cases with every tone, composed (NFC).
ALPHABET = "".join(
    unicodedata.normalize("NFC", base + tone)
    for base in VOWELS + VOWELS.upper()
    for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
) + "bcdđghklmnpqrstvxBCDĐGHKLMNPQRSTVX"
FONTS = [images.FONT_BOLD, images.FONT_REGULAR]

pytestmark = pytest.mark.skipif(not images.FONT_BOLD.exists(),
                                reason="fonts-dejavu-core is not installed: run make setup")


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the share image must be drawn without network access")
    monkeypatch.setattr(socket.socket, "connect", refuse)


def render(tmp_path: Path, title: str, settings: Settings = SETTINGS, name: str = "og.png") -> Path:
    return images.render_share_image(title, settings, tmp_path / "site" / name, tmp_path / "cache")


@pytest.mark.parametrize("title", TITLES)
def test_image_is_a_1200x630_png_in_the_site_colour_and_not_blank(tmp_path, no_network, title):
    path = render(tmp_path, title)
    with Image.open(path) as im:
        assert im.format == "PNG" and im.size == (1200, 630)
        rgb = im.convert("RGB")
        assert rgb.getpixel((5, 5)) == (0x8E, 0x24, 0x63)
        assert max(ImageStat.Stat(rgb).stddev) > 20  # text drawn, not a flat card
        title_area = rgb.crop((80, 80, 1120, 460))
        # Anti-aliased glyphs: the shades between background and ink are used too.
        assert len(title_area.getcolors(1_000_000)) == images.SHADES > 2


@pytest.mark.parametrize("font", FONTS, ids=lambda p: p.name)
def test_font_covers_every_vietnamese_letter_and_every_title(font):
    assert images.missing_glyphs(ALPHABET + "".join(TITLES) + "0123456789.,:;?!–“”()", font) == set()


def test_missing_glyphs_finds_tofu():
    assert images.missing_glyphs("Hội ខ្មែរ 中", images.FONT_BOLD) >= {"中", "ខ"}
    assert images.missing_glyphs(" \n\t", images.FONT_BOLD) == set()


def test_pillow_check_agrees_with_the_character_map(monkeypatch):
    pytest.importorskip("fontTools")
    sample = ALPHABET + "中ខ€"
    with_cmap = images.missing_glyphs(sample, images.FONT_BOLD)
    monkeypatch.setattr(images, "_cmap", lambda path: None)
    assert images.missing_glyphs(sample, images.FONT_BOLD) == with_cmap


def test_decomposed_title_draws_the_same_precomposed_glyphs(tmp_path):
    title = "Quyền của người ở ấp Mỹ Xuyên"
    nfc = render(tmp_path, title, name="nfc.png").read_bytes()
    nfd = render(tmp_path, unicodedata.normalize("NFD", title), name="nfd.png").read_bytes()
    assert nfd == nfc


def test_unchanged_title_reuses_the_cached_image(tmp_path, monkeypatch):
    first = render(tmp_path, TITLES[0], name="a.png")
    monkeypatch.setattr(images, "_draw", lambda *a: pytest.fail("drew again instead of using the cache"))
    second = render(tmp_path, TITLES[0], name="b.png")
    assert second.read_bytes() == first.read_bytes()
    assert len(list((tmp_path / "cache").glob("*.png"))) == 1
    assert not list(tmp_path.rglob("*.tmp"))


def test_an_empty_cached_image_left_by_a_crash_is_drawn_again(tmp_path):
    first = render(tmp_path, TITLES[0], name="a.png")
    (kept,) = (tmp_path / "cache").glob("*.png")
    kept.write_bytes(b"")  # written but never reached the disk: no flush for the cache
    second = render(tmp_path, TITLES[0], name="b.png")
    assert second.read_bytes() == first.read_bytes() and kept.read_bytes() == first.read_bytes()


def test_four_shades_in_a_two_bit_png(tmp_path):
    path = render(tmp_path, TITLES[3])
    assert path.read_bytes()[24] == 2  # IHDR's bit depth
    with Image.open(path) as image:
        assert image.mode == "P"
        colours = image.convert("RGB").getcolors(maxcolors=256)
    assert colours is not None and 2 < len(colours) <= images.SHADES


@pytest.mark.parametrize("change", [
    {"title": "Tiêu đề khác"},
    {"organisation": "Hội LHPN huyện Mỹ Tú"},
    {"colour": "#00695c"},
])
def test_cache_key_changes_with_what_is_drawn(change):
    base = {"title": TITLES[0], "organisation": SETTINGS.organisation, "colour": "#8e2463"}
    fonts = tuple(FONTS)
    assert images.cache_key(**base, fonts=fonts) != images.cache_key(**{**base, **change}, fonts=fonts)
    assert images.cache_key(**base, fonts=fonts) == images.cache_key(**base, fonts=fonts)


def test_cache_key_changes_with_the_layout_version(monkeypatch):
    before = images.cache_key(TITLES[0], "Hội", "#8e2463", tuple(FONTS))
    monkeypatch.setattr(images, "LAYOUT_VERSION", images.LAYOUT_VERSION + 1)
    assert images.cache_key(TITLES[0], "Hội", "#8e2463", tuple(FONTS)) != before


def test_very_long_title_is_cut_at_a_word_with_an_ellipsis():
    title = " ".join(["Hướng dẫn chi tiết thủ tục đăng ký kết hôn có yếu tố nước ngoài"] * 6)
    font, lines = images._fit_title(title, images.FONT_BOLD)
    assert font.size == min(images._TITLE_SIZES)
    assert lines[-1].endswith(" …")
    words = title.split()
    shown = " ".join(lines)[:-2].split()
    assert shown == words[:len(shown)]  # whole words, in order
    assert all(font.getlength(line) <= images._TITLE_BOX[0] for line in lines)


def test_light_site_colour_gets_dark_text(tmp_path):
    path = render(tmp_path, TITLES[0], replace(SETTINGS, theme_color="#ffe082"))
    with Image.open(path) as im:
        darkest = min(sum(px) for _, px in im.convert("RGB").getcolors(1_000_000))
    assert darkest < 150


def test_missing_font_is_explained_in_vietnamese(tmp_path):
    with pytest.raises(images.ShareImageError, match="fonts-dejavu-core"):
        images.render_share_image("Tiêu đề", SETTINGS, tmp_path / "a.png", tmp_path / "cache",
                                  bold_font=tmp_path / "khong-co.ttf")


def _pillow_line(font, text: str) -> Image.Image:
    canvas = Image.new("L", (1200, 140), 0)
    ImageDraw.Draw(canvas).text((10, 10), text, font=font, fill=255)
    return canvas


def _loa_line(face, text: str) -> Image.Image:
    canvas = Image.new("L", (1200, 140), 0)
    face.draw(canvas, (10, 10), text)
    return canvas


@pytest.mark.parametrize("font_path", FONTS)
def test_letters_set_one_by_one_look_as_pillow_draws_them(font_path):
    # The card sets each letter from a glyph drawn once (images._Face); on
    # a line with no kerned pair that is Pillow's drawing pixel for pixel,
    # and on any line it is as wide as Pillow measures, within a pixel.
    face = images._face(font_path, 60)
    plain = "Thẩm định an ninh mạng"
    assert ImageChops.difference(_pillow_line(face.font, plain), _loa_line(face, plain)).getbbox() is None
    for text in [*TITLES, ALPHABET[:40], "Tòa án nhân dân khu vực 1 – Cần Thơ (AVT)"]:
        assert abs(face.getlength(text) - face.font.getlength(text)) < 1
        ours, theirs = _loa_line(face, text).getbbox(), _pillow_line(face.font, text).getbbox()
        assert all(abs(a - b) <= 1 for a, b in zip(ours, theirs)), (text, ours, theirs)


def test_a_long_title_stays_inside_its_margins():
    title = "Quyền thừa kế của con gái, con dâu và người vợ khi chồng mất không để lại di chúc " * 2
    font, lines = images._fit_title(title, images.FONT_BOLD)
    canvas = Image.new("L", images.SIZE, 0)
    y = images._MARGIN
    for line in lines:
        font.draw(canvas, (images._MARGIN, y), line)
        y += round(font.size * 1.25)
    left, top, right, bottom = canvas.getbbox()
    assert left >= images._MARGIN - 8 and right <= images.SIZE[0] - images._MARGIN
    assert top >= images._MARGIN - 8 and bottom <= images._RULE_Y
