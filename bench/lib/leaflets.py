"""Figure: leaflets (`loa print`) of a corpus site: how long, and how big.

`loa print` is its own command, not part of `loa build`, so its time is
what it adds to an author's or staff member's day, measured apart: one run
of the real command over every published explainer, into a new folder.
Sizes are those of the files it wrote: the A5 leaflet and the A4 sheet of
two. An explainer `loa print` refuses (LOA700: longer than one A5 page even
without key points) stops the whole command; the bench then reports it as
not available with the log, which names each one.
"""
from __future__ import annotations

import shutil
import statistics
from pathlib import Path

from corpus import REPO, Project
from measure import run

BIN = REPO / ".venv" / "bin"


def _sizes(files: list[Path]) -> dict:
    sizes = [f.stat().st_size for f in files]
    if not sizes:
        return {"count": 0}
    return {"count": len(sizes), "median_bytes": int(statistics.median(sizes)), "max_bytes": max(sizes),
            "min_bytes": min(sizes), "total_bytes": sum(sizes)}


def measure(project: Project, logs: Path) -> dict:
    out = project.loa.parent / "to-roi"
    shutil.rmtree(out, ignore_errors=True)
    done = run([str(BIN / "loa"), "print", "--config", str(project.loa / "mkdocs.yml"), "--out", str(out)],
               log=logs / f"print-{project.name}.log")
    a5, a4 = sorted(out.glob("*-a5.pdf")), sorted(out.glob("*-a4.pdf"))
    return {
        "leaflets": len(a5),
        "seconds": round(done.seconds, 2),
        "cpu_seconds": round(done.cpu_seconds, 2),
        "peak_mb": round(done.peak_mb, 1),
        "ms_per_leaflet": round(1000 * done.seconds / len(a5), 1) if a5 else None,
        "a5": _sizes(a5),
        "a4": _sizes(a4),
    }


def lines(r: dict) -> list[str]:
    """The report's table: one row per corpus size measured."""
    found = r.get("leaflets") or {}
    if not found:
        return ["Not measured."]
    out = ["| explainers | `loa print` | per leaflet | A5 leaflet, median (max) | A4 sheet of two, median (max) "
           "| all PDFs | peak memory |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for n, f in sorted(found.items(), key=lambda kv: int(kv[0])):
        if not f.get("leaflets"):
            out.append(f"| {int(n):,} | not available: {f.get('reason', 'no leaflet written')} |  |  |  |  |  |")
            continue
        total = f["a5"]["total_bytes"] + f["a4"]["total_bytes"]
        out.append(f"| {int(n):,} | {f['seconds']} s for {f['leaflets']:,} | {f['ms_per_leaflet']} ms "
                   f"| {f['a5']['median_bytes'] / 1000:.1f} KB ({f['a5']['max_bytes'] / 1000:.1f}) "
                   f"| {f['a4']['median_bytes'] / 1000:.1f} KB ({f['a4']['max_bytes'] / 1000:.1f}) "
                   f"| {total / 1e6:.1f} MB | {f['peak_mb']} MB |")
    return out
