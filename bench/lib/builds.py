"""Figure 1: full builds of one corpus by Loa, stock Material and the floor."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from corpus import REPO, Project, markdown_extensions
from measure import Run, interleaved, run

BIN = REPO / ".venv" / "bin"
FLOOR = Path(__file__).with_name("floor.py")


def loa_site(project: Project) -> Path:
    return project.loa / "site"


def loa_build(project: Project, logs: Path) -> Run:
    shutil.rmtree(loa_site(project), ignore_errors=True)  # see full_build
    return run([str(BIN / "loa"), "build", "--config", str(project.loa_config),
                 "--site-dir", str(loa_site(project))], cwd=project.loa, log=logs / f"{project.name}-loa.log")


def stock_build(project: Project, logs: Path) -> Run:
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
    build also draws every share image into .loa-cache and starts its ledger.

    Every tool builds into an empty folder: the previous output is removed
    before the clock starts, because Loa leaves deleting the old site to a
    background process that would otherwise slow whichever run came next."""
    tools = {
        "loa": lambda: loa_build(project, logs),
        "stock": lambda: stock_build(project, logs),
        "floor": lambda: floor_build(project, logs),
    }
    first = {name: call() for name, call in tools.items()} if repeat > 1 else {}
    result = interleaved(tools, repeat)
    for name, warm_up in first.items():
        result[name]["first_run_seconds"] = round(warm_up.seconds, 3)
    for figures in result.values():
        figures["ms_per_explainer"] = round(1000 * figures["seconds"] / project.size, 3)
    return result
