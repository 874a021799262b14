"""WeasyPrint or Chromium's print for leaflets: the measurement behind the choice.

    .venv/bin/python bench/lib/print_engines.py [--config mkdocs.yml] [--runs 3] [--out DIR]

Draws the A5 leaflet of every published explainer of a site from the same
HTML (loa/templates/leaflet.html, as `loa print` makes it) with both
engines, and reports per engine: the median time per leaflet (Chromium
with its browser already started, the start timed apart), the PDF sizes,
whether pdftotext finds the title, summary and hotline (per language), whether zxing-cpp
decodes the QR code from a 200 dpi picture, and the page count. PNGs at
100 dpi go to --out for looking at side by side. README "Tờ rơi" records
the figures; the choice is Chromium (its text layer holds Khmer whole).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def leaflets(config: Path):
    """(fitted leaflet, its A5 HTML, settings) of every published explainer, as `loa print` makes them."""
    from loa.adapters.mkdocs_plugin import read_project
    from loa.build import pipeline
    from loa.i18n import messages
    from loa.outputs.leaflets import Leaflets, render

    project, _ = read_project(config)
    today = dt.date.today()
    checked = pipeline.check(project, today, outputs=False)
    checked.close()
    out = []
    with Leaflets(checked.catalog, checked.settings, today, messages("vi")) as maker:
        for e in checked.catalog.published(today):
            fitted = maker.fitted(e)
            if hasattr(fitted, "slug"):
                html = maker.pages(fitted.lang).html(fitted, render.layouts(fitted)["a5"])
                out.append((fitted, html, checked.settings))
    return out


def text_ok(pdf: Path, leaflet, settings) -> bool:
    """pdftotext finds the title, summary and hotline (spaces aside: it puts
    some between Khmer glyph runs)."""
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    flat = lambda t: "".join(unicodedata.normalize("NFC", t).split())  # noqa: E731
    text = flat(out.stdout.decode("utf-8"))
    return all(flat(s) in text for s in (leaflet.title, leaflet.summary, settings.hotline))


def qr_ok(pdf: Path, leaflet, work: Path) -> bool:
    import zxingcpp
    from PIL import Image

    stem = work / (pdf.stem + "-200")
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", "-singlefile", str(pdf), str(stem)], check=True)
    return [r.text for r in zxingcpp.read_barcodes(Image.open(f"{stem}.png"))] == [leaflet.code.data]


def pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def weasyprint_pdf(html: str) -> bytes:
    """WeasyPrint is not a dependency of Loa any more: `pip install weasyprint`
    (it draws with Debian's pango) to run this comparison again."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    return HTML(string=html, url_fetcher=URLFetcher(allowed_protocols={"file"})).write_pdf()


def measure(config: Path, runs: int, out: Path) -> dict:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    items = list(leaflets(config))
    results: dict = {"leaflets": len(items)}
    with tempfile.TemporaryDirectory(prefix="loa-engines-") as tmp:
        work = Path(tmp)
        started = time.perf_counter()
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page()
            chromium_start = time.perf_counter() - started

            blank = work / "leaflet.html"
            blank.write_text("<!DOCTYPE html><title>-</title>", encoding="utf-8")
            page.goto(blank.as_uri())  # a file: page, so the font files may load

            def chromium_pdf(html: str) -> bytes:
                page.set_content(html)  # as loa print does (browser.py): the fonts stay loaded
                page.evaluate("document.fonts.ready.then(() => true)")
                return page.pdf(prefer_css_page_size=True, print_background=True)

            for name, draw in (("weasyprint", weasyprint_pdf), ("chromium", chromium_pdf)):
                times, sizes, texts, codes, one_page = [], [], {}, 0, 0
                for leaflet, html, _ in items:
                    draw(html)  # warm: fonts and caches, as in a long run
                    best = []
                    for _ in range(runs):
                        t = time.perf_counter()
                        data = draw(html)
                        best.append(time.perf_counter() - t)
                    times.append(statistics.median(best))
                    pdf = out / f"{leaflet.slug}-{name}.pdf"
                    pdf.write_bytes(data)
                    sizes.append(len(data))
                    ok, seen = texts.get(leaflet.lang, (0, 0))
                    texts[leaflet.lang] = (ok + text_ok(pdf, leaflet, items[0][2]), seen + 1)
                    codes += qr_ok(pdf, leaflet, work)
                    one_page += pages(pdf) == 1
                    subprocess.run(["pdftoppm", "-r", "100", "-png", "-singlefile", str(pdf),
                                    str(out / f"{leaflet.slug}-{name}")], check=True)
                results[name] = {
                    "ms_per_leaflet_median": round(1000 * statistics.median(times), 1),
                    "ms_per_leaflet_max": round(1000 * max(times), 1),
                    "pdf_bytes_median": int(statistics.median(sizes)),
                    "pdf_bytes_max": max(sizes),
                    "text_layer_ok": {lang: f"{ok} of {seen}" for lang, (ok, seen) in texts.items()}, "qr_decoded": codes, "one_page": one_page,
                }
            results["chromium"]["browser_start_ms"] = round(1000 * chromium_start, 1)
            browser.close()
    return results


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--config", type=Path, default=REPO / "mkdocs.yml")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "loa-print-engines")
    args = ap.parse_args(argv)
    print(json.dumps(measure(args.config.resolve(), args.runs, args.out), indent=1))
    print(f"PDFs and PNGs in {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
