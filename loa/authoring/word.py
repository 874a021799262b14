"""A Word file read for `loa import`: its text as HTML (mammoth), with text
typed in the old TCVN3 and VNI fonts repaired and its images taken out.
Nothing more (markdown.py writes the Markdown).

mammoth keeps headings, lists, bold and tables, but drops font names, and
the font is the only sign that "Hßa gi¶i" was typed with .VnTime (TCVN3)
and "Hoøa giaûi" with VNI-Times. So the runs' fonts are read first with
python-docx, each such run is converted with loa.text.legacy and given a
Unicode font, and mammoth reads the repaired copy. A TCVN3 capitals font
(.VnTimeH, .VnArialH) shows lower-case codes as capitals, so its text is
put in capitals.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import mammoth
from docx import Document
from docx.oxml.ns import qn
from docx.opc.exceptions import PackageNotFoundError

from loa.text import legacy

# Image formats a page can show, as Word stores them, and the suffix to save them with.
IMAGE_TYPES = {"image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp"}
STYLE_MAP = "p[style-name='Title'] => h1:fresh\np[style-name='Subtitle'] => p:fresh"
MAX_BYTES = 50_000_000


class UnreadableDocument(ValueError):
    """The file is not a .docx python-docx and mammoth can read; `why` is
    "not_docx" or "too_big" (the command words it)."""

    def __init__(self, why: str, size: int = 0) -> None:
        super().__init__(why)
        self.why = why
        self.size = size


@dataclass(frozen=True)
class Repair:
    font: str
    encoding: str  # "tcvn3" or "vni"
    text: str  # as repaired


@dataclass(frozen=True)
class Picture:
    number: int  # 1 for the document's first image
    kind: str  # its suffix, or the type Word gave for one a page cannot show
    data: bytes
    alt: str

    @property
    def usable(self) -> bool:
        return self.kind in IMAGE_TYPES.values()


@dataclass
class WordFile:
    html: str
    repairs: list[Repair] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def legacy_encoding(font: str) -> str | None:
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni-") or name.startswith("vni "):
        return "vni"
    return None


def read(raw: bytes, image_name) -> WordFile:
    """`image_name(number, suffix)` names the file an image will be saved as."""
    if len(raw) > MAX_BYTES:
        raise UnreadableDocument("too_big", len(raw))
    try:
        document = Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument("not_docx") from exc
    found = WordFile("")
    _repair_runs(document, found.repairs)
    fixed = io.BytesIO()
    document.save(fixed)
    fixed.seek(0)

    def image(element) -> dict[str, str]:
        number = len(found.pictures) + 1
        kind = IMAGE_TYPES.get(element.content_type, (element.content_type or "").split("/")[-1] or "?")
        with element.open() as handle:
            data = handle.read()
        found.pictures.append(Picture(number, kind, data, (element.alt_text or "").strip()))
        return {"src": image_name(number, kind) if kind in IMAGE_TYPES.values() else "", "alt": ""}

    result = mammoth.convert_to_html(fixed, convert_image=mammoth.images.img_element(image), style_map=STYLE_MAP)
    # An image a page cannot show is left out where it stood (LOA487 says so).
    found.html = result.value.replace('<img alt="" src="" />', "")
    return found


def _repair_runs(document, repairs: list[Repair]) -> None:
    styles = {s.style_id: s for s in document.styles}
    for run in document.element.body.iter(qn("w:r")):
        font = _font_of(run, styles)
        encoding = legacy_encoding(font) if font else None
        if encoding is None:
            continue
        capitals = encoding == "tcvn3" and font.strip().endswith("H")
        texts = list(run.iter(qn("w:t")))
        for t in texts:
            if t.text:
                fixed = legacy.convert_text(t.text, encoding)
                t.text = fixed.upper() if capitals else fixed
        _set_unicode_font(run)
        shown = "".join(t.text or "" for t in texts).strip()
        if shown:
            repairs.append(Repair(font.strip(), encoding, shown))


def _font_of(run, styles) -> str:
    """The run's own font, else its character style's, else its paragraph style's."""
    props = run.find(qn("w:rPr"))
    fonts = props.find(qn("w:rFonts")) if props is not None else None
    if fonts is not None:
        name = fonts.get(qn("w:ascii")) or fonts.get(qn("w:hAnsi"))
        if name:
            return name
    style = props.find(qn("w:rStyle")) if props is not None else None
    if style is not None and style.get(qn("w:val")) in styles:
        name = _style_font(styles[style.get(qn("w:val"))])
        if name:
            return name
    paragraph = run.getparent()
    while paragraph is not None and paragraph.tag != qn("w:p"):
        paragraph = paragraph.getparent()
    p_props = paragraph.find(qn("w:pPr")) if paragraph is not None else None
    p_style = p_props.find(qn("w:pStyle")) if p_props is not None else None
    if p_style is not None and p_style.get(qn("w:val")) in styles:
        return _style_font(styles[p_style.get(qn("w:val"))]) or ""
    return ""


def _style_font(style) -> str:
    while style is not None:
        font = getattr(style, "font", None)
        if font is not None and font.name:
            return font.name
        style = getattr(style, "base_style", None)
    return ""


def _set_unicode_font(run) -> None:
    props = run.find(qn("w:rPr"))
    fonts = props.find(qn("w:rFonts")) if props is not None else None
    if fonts is not None:
        for key in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            if fonts.get(qn(key)):
                fonts.set(qn(key), "Times New Roman")
