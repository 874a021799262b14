"""Running a command and measuring it: wall time, CPU time and peak memory.

`os.wait4` returns the resource usage of exactly the child it waited for, so
one run's peak memory is never mixed with an earlier run's (the cumulative
RUSAGE_CHILDREN maximum would be).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence


class CommandFailed(RuntimeError):
    """A measured command exited with a non-zero status."""


@dataclass(frozen=True)
class Run:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system
    peak_mb: float  # maximum resident set size


def run(argv: Sequence[str], cwd: Path | None = None, log: Path | None = None) -> Run:
    out = open(log, "ab") if log else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, stdout=out, stderr=out)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log:
            out.close()
    if proc.returncode != 0:
        where = f"; see {log}" if log else ""
        raise CommandFailed(f"{' '.join(map(str, argv))} exited with {proc.returncode}{where}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def median_run(runs: list[Run]) -> dict:
    """The median of each figure over several runs, plus the raw runs."""
    return {
        "seconds": round(statistics.median(r.seconds for r in runs), 3),
        "min_seconds": round(min(r.seconds for r in runs), 3),
        "cpu_seconds": round(statistics.median(r.cpu_seconds for r in runs), 3),
        "peak_mb": round(statistics.median(r.peak_mb for r in runs), 1),
        "runs": [round(r.seconds, 3) for r in runs],
    }


def interleaved(tools: dict[str, Callable[[], Run]], repeat: int) -> dict[str, dict]:
    """Run each tool `repeat` times, alternating, so noise hits all alike."""
    runs: dict[str, list[Run]] = {name: [] for name in tools}
    for _ in range(repeat):
        for name, call in tools.items():
            runs[name].append(call())
    return {name: median_run(r) for name, r in runs.items()}


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a is not None and b else None
