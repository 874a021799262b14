"""Figure 1: full builds of one corpus by Loa, stock Material and the floor.

Loa builds aside and swaps the new site in (loa/build/swap.py); the old site
is then removed by a background process. Two cases are measured for Loa and
for stock Material alike:

- in place: `site/` exists from the previous build (the usual case: an author
  rebuilds). Loa exchanges it away; stock MkDocs cleans and rewrites it.
- into an empty folder: `site/` is removed (outside the clock) first.

Loa's in-place case is measured twice: with nothing changed, and after one
explainer's body was edited (outside the clock), which is what an author
does. A build in place reuses what the build before made from the same
inputs (loa/build/memo.py): with nothing changed it reuses every page, after
the edit all but one. So that the first measured run finds a settled memo,
one unmeasured build in place follows the first build (which writes the URL
ledger, an input of every key), after the few seconds within which a build
keeps nothing.

The clock stops when the build command exits, which is when the author gets
the prompt back. Before any run starts, the bench waits for an earlier Loa
build's background removal to finish, so it slows no other run; how long
that removal took after the command exited is reported apart.
"""
from __future__ import annotations

import json
import re
import shutil
import statistics
import time
from pathlib import Path

from corpus import REPO, Project, markdown_extensions
from measure import Run, interleaved, run

BIN = REPO / ".venv" / "bin"
FLOOR = Path(__file__).with_name("floor.py")
SETTLE_TIMEOUT = 300.0
RACY_SECONDS = 2.5  # more than loa/build/memo.py's RACY_SECONDS


def loa_site(project: Project) -> Path:
    return project.loa / "site"


def leftovers(site: Path) -> list[Path]:
    """Folders an earlier build left beside `site` (`.site-old-*`, `.site-new-*`)."""
    pattern = re.compile(rf"\.{re.escape(site.name)}-(old|new)-[^.]+")
    if not site.parent.exists():
        return []
    return [p for p in site.parent.iterdir() if pattern.fullmatch(p.name) and p.is_dir()]


def settle(site: Path) -> float:
    """Wait until no earlier build's folder is left beside `site`; seconds waited."""
    start = time.perf_counter()
    while leftovers(site):
        if time.perf_counter() - start > SETTLE_TIMEOUT:
            raise RuntimeError(f"old site beside {site} still there after {SETTLE_TIMEOUT:.0f} s: "
                               f"{[p.name for p in leftovers(site)]}")
        time.sleep(0.05)
    return time.perf_counter() - start


def edit_one(project: Project, n: int) -> None:
    """Add a sentence to the body of one explainer, as an author saving it."""
    path = project.explainer_file(project.articles[0]["id"])
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + f"\n\nSửa thử lần {n}.\n", encoding="utf-8")


def loa_build(project: Project, logs: Path, empty: bool = False, removal: list | None = None,
              edits: list | None = None) -> Run:
    site = loa_site(project)
    settle(site)
    if empty:
        shutil.rmtree(site, ignore_errors=True)
    if edits is not None:
        edits.append(1)
        edit_one(project, len(edits))
    timed = run([str(BIN / "loa"), "build", "--config", str(project.loa_config),
                 "--site-dir", str(site)], cwd=project.loa, log=logs / f"{project.name}-loa.log")
    waited = settle(site)  # the background removal, after the command returned
    if removal is not None and not empty:
        removal.append(waited)
    return timed


def stock_build(project: Project, logs: Path, empty: bool = False) -> Run:
    if empty:
        shutil.rmtree(project.stock / "site", ignore_errors=True)
    return run([str(BIN / "mkdocs"), "build", "-q", "-f", str(project.stock_config),
                "-d", str(project.stock / "site")], cwd=project.stock, log=logs / f"{project.name}-stock.log")


def floor_build(project: Project, logs: Path) -> Run:
    out = project.loa.parent / "floor"
    shutil.rmtree(out, ignore_errors=True)
    return run([str(BIN / "python"), str(FLOOR), str(project.loa / "content"), str(out),
                json.dumps(markdown_extensions())], log=logs / f"{project.name}-floor.log")


def full_build(project: Project, repeat: int, logs: Path) -> dict:
    """Median figures per tool, after one warm-up each unless a single run is
    asked for. The warm-up is kept apart as `first_run_seconds`: Loa's first
    build (into a new folder, no cache) also draws every share image into
    .loa-cache and starts its ledger.

    `loa` and `stock` are rebuilds in place; `loa_empty` and `stock_empty`
    build into an empty folder."""
    removal: list[float] = []
    edits: list[int] = []
    tools = {
        "loa": lambda: loa_build(project, logs, removal=removal),
        "loa_edited": lambda: loa_build(project, logs, edits=edits),
        "loa_empty": lambda: loa_build(project, logs, empty=True),
        "stock": lambda: stock_build(project, logs),
        "stock_empty": lambda: stock_build(project, logs, empty=True),
        "floor": lambda: floor_build(project, logs),
    }
    first = {}
    if repeat > 1:
        first = {"loa": loa_build(project, logs, empty=True), "stock": stock_build(project, logs, empty=True),
                 "floor": floor_build(project, logs)}
    else:  # a single run: the first Loa build is the warm-up the in-place run needs
        first = {"loa": loa_build(project, logs, empty=True)}
    time.sleep(RACY_SECONDS)  # the ledger the first build wrote is no longer "just saved"
    loa_build(project, logs)  # unmeasured: keeps the memo the measured runs find
    result = interleaved(tools, repeat)
    for name, warm_up in first.items():
        result[name]["first_run_seconds"] = round(warm_up.seconds, 3)
    for figures in result.values():
        figures["ms_per_explainer"] = round(1000 * figures["seconds"] / project.size, 3)
    if removal:
        result["loa"]["background_removal_seconds"] = round(statistics.median(removal), 3)
    return result
