"""Figures: the law bookcase (`loa bookcase`) of a corpus site, and what the
feeds and the precompression add to `loa build`.

`loa bookcase` is its own command: one run of it over the site the build
figures left, into a new folder, gives its time and the sizes of the ZIP
and the ZIM. The feeds and the precompressed copies are part of every
build; their cost is measured apart, in a child process of the measured
tree's Loa (run as `python bookcase.py costs <mkdocs.yml> <site>`): the feeds
output writing every feed of the checked project into a new folder, and
`precompress.compress_site` over a copy of the built site's files without
their .gz and .br (the copy is not timed), split with a second process
from 200 explainers on, as the build does.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"


def measure(project, logs: Path) -> dict:
    from measure import run

    out = project.loa.parent / "tu-sach"
    shutil.rmtree(out, ignore_errors=True)
    config = project.loa / "mkdocs.yml"
    site = project.loa / "site"
    done = run([str(BIN / "loa"), "bookcase", "--config", str(config), "--out", str(out)],
               log=logs / f"bookcase-{project.name}.log")
    (zip_path,), (zim_path,) = out.glob("*.zip"), out.glob("*.zim")
    costs = subprocess.run([sys.executable, __file__, "costs", str(config), str(site)], capture_output=True,
                           text=True, check=True, timeout=3600)
    return {
        "seconds": round(done.seconds, 2),
        "cpu_seconds": round(done.cpu_seconds, 2),
        "peak_mb": round(done.peak_mb, 1),
        "zip_bytes": zip_path.stat().st_size,
        "zim_bytes": zim_path.stat().st_size,
        **json.loads(costs.stdout.strip().splitlines()[-1]),
    }


def costs(config: Path, site: Path) -> dict:
    """Seconds the feeds and the precompression take, in this tree's Loa."""
    import datetime as dt

    from loa.adapters.mkdocs_plugin import read_project
    from loa.build import pipeline, precompress
    from loa.build.workers import PARALLEL_FROM, Workers
    from loa.build.writer import SiteWriter
    from loa.outputs.feeds import Feeds

    project, _ = read_project(config)
    checked = pipeline.check(project, dt.date.today(), outputs=False)
    with tempfile.TemporaryDirectory() as tmp:
        feeds = checked.build.ctx.output(Feeds)
        started = time.perf_counter()
        feeds.write(SiteWriter(Path(tmp) / "feeds"))
        feed_seconds = time.perf_counter() - started
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.gz", "*.br"))
        # As the build does it: split with a second process on a large site.
        workers = Workers(len(checked.build.ctx.plan.explainers) >= PARALLEL_FROM)
        started = time.perf_counter()
        summary = precompress.compress_site(copy, workers)
        compress_seconds = time.perf_counter() - started
        workers.close()
    checked.close()
    return {"feeds_seconds": round(feed_seconds, 3), "feeds": len(feeds.feeds),
            "precompress_seconds": round(compress_seconds, 3), "precompressed_files": summary.files,
            "text_bytes": summary.original, "gzip_bytes": summary.gzip, "brotli_bytes": summary.brotli}


def lines(r: dict) -> list[str]:
    """The report's table: one row per corpus size measured."""
    found = r.get("bookcase") or {}
    if not found:
        return ["Not measured."]
    out = ["| explainers | `loa bookcase` | ZIP | ZIM | feeds in `loa build` | precompression in `loa build` "
           "| text, gzip, brotli |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for n, f in sorted(found.items(), key=lambda kv: int(kv[0])):
        if "zip_bytes" not in f:
            out.append(f"| {int(n):,} | not available: {f.get('reason', '')} |  |  |  |  |  |")
            continue
        out.append(f"| {int(n):,} | {f['seconds']} s | {f['zip_bytes'] / 1e6:.1f} MB | {f['zim_bytes'] / 1e6:.1f} MB "
                   f"| {f['feeds_seconds']} s ({f['feeds']} feeds) "
                   f"| {f['precompress_seconds']} s ({f['precompressed_files']:,} files) "
                   f"| {f['text_bytes'] / 1e6:.1f} MB, {f['gzip_bytes'] / 1e6:.1f} MB, {f['brotli_bytes'] / 1e6:.1f} MB |")
    return out


if __name__ == "__main__" and sys.argv[1:2] == ["costs"]:
    print(json.dumps(costs(Path(sys.argv[2]), Path(sys.argv[3]))))
