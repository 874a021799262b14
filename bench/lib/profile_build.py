"""Where `loa build` spends its time: one build under cProfile.

cProfile roughly doubles the run time; the shares, not the seconds, are what
to read. Work Loa hands to a worker process (posts, share images) does not
appear here: cProfile sees only the main process.
"""
from __future__ import annotations

import pstats
from pathlib import Path

from builds import BIN, loa_site
from corpus import Project
from measure import run

TOP = 20
# Wrappers that only pass the whole run through: they say nothing about cost.
WRAPPERS = ("click/", "<frozen", "runpy", "cProfile", "builtins.exec")


def _name(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    short = "/".join(Path(filename).parts[-2:]) if filename != "~" else ""
    return f"{short}:{line}({name})" if short else name


def _rows(stats: pstats.Stats, key: int, keep) -> list[dict]:
    rows = []
    for func, (cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        if keep(func):
            rows.append({"function": _name(func), "calls": nc, "self_s": round(tt, 2), "cumulative_s": round(ct, 2)})
    rows.sort(key=lambda r: -r["cumulative_s" if key else "self_s"])
    return rows[:TOP]


def profile(project: Project, logs: Path) -> dict:
    out = logs / f"{project.name}-loa-build.prof"
    timed = run([str(BIN / "python"), "-m", "cProfile", "-o", str(out), str(BIN / "loa"), "build",
                 "--config", str(project.loa_config), "--site-dir", str(loa_site(project))],
                cwd=project.loa, log=logs / f"{project.name}-profile.log")
    stats = pstats.Stats(str(out))
    total = stats.total_tt  # type: ignore[attr-defined]
    return {
        "explainers": project.size,
        "profiled_seconds": round(timed.seconds, 2),
        "profiled_cpu_seconds": round(total, 2),
        "cumulative": _rows(stats, 1, lambda f: not any(w in f"{f[0]}{f[2]}" for w in WRAPPERS)
                            and f[2] != "<module>"),
        "loa_cumulative": _rows(stats, 1, lambda f: "/loa/" in f[0]),
        "self_time": _rows(stats, 0, lambda f: True),
    }
