"""Images in an explainer's text: put next to the .md (or in a folder beside
it), published with the page and shrunk; anything that would not work is a
`loa check` error with its line, before any build."""
from __future__ import annotations

import io
import urllib.request

import pytest
from PIL import Image

from conftest import explainer
from test_links import OK, problems, run, strict_site

ALT = "Sơ đồ các bước"


def png(width: int = 2400, height: int = 1200) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (width, height), "red").save(buf, "PNG")
    return buf.getvalue()


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (800, 600), "blue")
    exif = Image.Exif()
    exif[0x8825] = {2: (10.0, 36.0, 0.0)}  # GPSInfo: where the photo was taken
    buf = io.BytesIO()
    image.save(buf, "JPEG", exif=exif)
    return buf.getvalue()


def test_images_beside_the_text_are_published_shrunk_and_load(make_site, serve) -> None:
    site = strict_site(make_site, {
        "content/hoa-giai/a.md": OK + f"\n![{ALT}](anh/Sơ đồ.png)\n\n![Ảnh chụp](chup.jpg)\n",
        "content/hoa-giai/anh/Sơ đồ.png": png(),
        "content/hoa-giai/chup.jpg": jpeg_with_gps(),
    })
    assert run(site, "check").exit_code == 0
    result = run(site, "build")
    assert result.exit_code == 0, result.stderr
    published = site.root / "site/anh/hoa-giai/anh/Sơ đồ.png"
    assert Image.open(published).size == (1200, 600)
    assert not Image.open(site.root / "site/anh/hoa-giai/chup.jpg").getexif()  # no GPS published
    page = (site.root / "site/bai-viet/a/index.html").read_text(encoding="utf-8")
    src = "../../anh/hoa-giai/anh/S%C6%A1%20%C4%91%E1%BB%93.png"
    assert f'<img alt="{ALT}" src="{src}"' in page
    with urllib.request.urlopen(serve(site.root / "site") + "bai-viet/a/" + src) as response:  # over HTTP
        assert response.read() == published.read_bytes()
    assert (site.root / "site/bai-viet/a" / "../../anh/hoa-giai/chup.jpg").resolve().is_file()  # file://


def test_a_rebuild_encodes_nothing_again(make_site, monkeypatch) -> None:
    from loa.outputs import media

    site = make_site({"content/a.md": OK + f"\n![{ALT}](so-do.png)\n", "content/so-do.png": png()})
    assert run(site, "build").exit_code == 0
    calls = []
    monkeypatch.setattr(media, "encode", lambda raw: calls.append(raw))
    assert run(site, "build").exit_code == 0
    assert calls == [] and (site.root / "site/anh/so-do.png").is_file()


def test_a_drafts_images_stay_private(make_site) -> None:
    site = make_site({"content/a.md": OK, "content/nhap.md": explainer("Nháp", draft="true") + "\n![x](b.png)\n",
                      "content/b.png": png(10, 10)})
    assert run(site, "build").exit_code == 0
    assert not (site.root / "site/anh").exists()


def sparse(size: int) -> bytes:
    return png(10, 10) + b"\0" * (size - len(png(10, 10)))


BAD = {
    # name: (text, files, code)
    "missing": (f"![{ALT}](anh/khong-co.png)", {}, "LOA181"),
    "wrong_case": (f"![{ALT}](So-Do.PNG)", {"content/so-do.png": png(10, 10)}, "LOA181"),
    "external": (f"![{ALT}](https://example.com/a.png)", {}, "LOA180"),
    "outside": (f"![{ALT}](../../anh.png)", {"anh.png": png(10, 10)}, "LOA182"),
    "svg": (f"![{ALT}](a.svg)", {"content/a.svg": "<svg onload='alert(1)'/>"}, "LOA184"),
    "bmp": (f"![{ALT}](a.bmp)", {"content/a.bmp": b"BM"}, "LOA183"),
    "huge": (f"![{ALT}](to.png)", {"content/to.png": sparse(11_000_000)}, "LOA185"),
    "broken": (f"![{ALT}](hong.png)", {"content/hong.png": b"not an image"}, "LOA186"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_image_is_a_check_error_with_its_line_and_the_build_refuses_it(make_site, name: str) -> None:
    text, files, code = BAD[name]
    site = strict_site(make_site, {"content/a.md": OK + "\n" + text + "\n", **files})
    found = [p for p in problems(site) if p["severity"] == "error"]
    assert [(p["code"], p["line"]) for p in found] == [(code, 12)]
    assert found[0]["hint"]
    built = run(site, "build")
    assert built.exit_code == 1 and f"content/a.md:12: lỗi {code}:" in built.stderr
    assert "strict mode" not in built.output + built.stderr


def test_wrong_case_suggests_the_real_name(make_site) -> None:
    site = make_site({"content/a.md": OK + "\n![x](So-Do.PNG)\n", "content/so-do.png": png(10, 10)})
    assert [p["hint"] for p in problems(site) if p["code"] == "LOA181"] == [
        'có phải ý bạn là "so-do.png" (chữ hoa, chữ thường phải giống hệt)?']


def test_an_image_without_alt_text_is_a_warning_and_still_builds(make_site) -> None:
    site = strict_site(make_site, {"content/a.md": OK + "\n![](b.png)\n", "content/b.png": png(10, 10)})
    assert [(p["code"], p["severity"], p["line"]) for p in problems(site)] == [("LOA187", "warning", 12)]
    assert run(site, "build").exit_code == 0


def test_an_image_in_code_is_not_an_image(make_site) -> None:
    site = strict_site(make_site, {"content/a.md": OK + "\n```\n![x](khong-co.png)\n```\n"})
    assert problems(site) == [] and run(site, "build").exit_code == 0
