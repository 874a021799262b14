"""What the bench ran on: CPU, cores, memory and tool versions."""
from __future__ import annotations

import datetime as dt
import io
import os
import platform
import subprocess
import tarfile
from importlib import metadata
from pathlib import Path

from corpus import REPO


def _first(path: str, key: str) -> str:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(key):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return "unknown"


def _output(argv: list[str], cwd: Path | None = None) -> str:
    try:
        return subprocess.run(argv, capture_output=True, text=True, timeout=30, cwd=cwd).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def describe(lighthouse_bin: Path | None = None) -> dict:
    mem_kb = _first("/proc/meminfo", "MemTotal").split()[0]
    return {
        "date": dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": _first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "ram_gb": round(int(mem_kb) / 1024 / 1024, 1) if mem_kb.isdigit() else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "chromium": _output(["/usr/bin/chromium", "--version"]),
        "mkdocs": _version("mkdocs"),
        "mkdocs_material": _version("mkdocs-material"),
        "markdown": _version("markdown"),
        "node": _output(["node", "--version"]),
        "lighthouse": _output([str(lighthouse_bin), "--version"]) if lighthouse_bin and lighthouse_bin.exists()
        else "not installed",
    }


def working_tree() -> str:
    head = _output(["git", "rev-parse", "--short", "HEAD"], cwd=REPO)
    dirty = _output(["git", "status", "--porcelain", "--", "loa", "overrides", "docs", "mkdocs.yml"], cwd=REPO)
    return f"working tree at {head}" + (" with uncommitted changes to Loa" if dirty else "")


def export(rev: str, dest: Path) -> str:
    """`git archive rev` unpacked into dest; the repository itself is only read."""
    sha = _output(["git", "rev-parse", "--short", rev], cwd=REPO)
    if not sha or sha == "unknown":
        raise SystemExit(f"bench: unknown git revision {rev!r}")
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "--format=tar", sha], cwd=REPO, capture_output=True, check=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(dest, filter="data")
    return f"commit {sha} (exported with git archive)"
