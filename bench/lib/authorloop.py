"""Figure 2: the author's loop. Save an explainer, wait for `loa serve` to
return the updated page; every wait is bounded and the server always stops."""
from __future__ import annotations

import os
import re
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from corpus import Project
from builds import BIN

START_TIMEOUT = 900.0  # the first full build of 4,242 explainers happens before serving
EDIT_TIMEOUT = 180.0
POLL = 0.05


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return None


def wait_for(url: str, needle: str, timeout: float, server: subprocess.Popen) -> float | None:
    """Seconds until `url` contains `needle`, or None on timeout."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if server.poll() is not None:
            raise RuntimeError(f"loa serve stopped with status {server.returncode}")
        body = fetch(url)
        if body is not None and needle in body:
            return time.perf_counter() - start
        time.sleep(POLL)
    return None


def commands(project: Project, port: int) -> dict[str, list[str]]:
    """`loa serve` first; if it fails, the same with strict mode off (a
    warning must not stop a preview), then plain `mkdocs serve`."""
    addr = f"127.0.0.1:{port}"
    lenient = project.loa / "mkdocs-not-strict.yml"  # beside mkdocs.yml: paths resolve alike
    lenient.write_text(re.sub(r"(?m)^strict:.*$", "strict: false", project.loa_config.read_text(encoding="utf-8")),
                       encoding="utf-8")
    return {
        "loa serve": [str(BIN / "loa"), "serve", "--config", str(project.loa_config), "--addr", addr],
        "loa serve, strict: false": [str(BIN / "loa"), "serve", "--config", str(lenient), "--addr", addr],
        "mkdocs serve": [str(BIN / "mkdocs"), "serve", "-f", str(project.loa_config), "-a", addr],
    }


@contextmanager
def serving(argv: list[str], cwd: Path, log: Path) -> Iterator[subprocess.Popen]:
    with open(log, "ab") as out:
        server = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=out, start_new_session=True)
    try:
        yield server
    finally:
        _stop(server)


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)  # its own session: only what we started
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def edits(server: subprocess.Popen, url: str, path: Path, repeat: int) -> list[float | None]:
    """Save the explainer `repeat` times; seconds until each save is served."""
    original = path.read_text(encoding="utf-8")
    times: list[float | None] = []
    try:
        for i in range(repeat):
            marker = f"loa-bench-marker-{os.getpid()}-{i}-{time.time_ns()}"
            path.write_text(original.rstrip("\n") + f"\n\n{marker}\n", encoding="utf-8")
            start = time.perf_counter()
            seen = wait_for(url, marker, EDIT_TIMEOUT, server)
            times.append(None if seen is None else time.perf_counter() - start)
            time.sleep(1.0)  # let the watcher settle before the next save
    finally:
        path.write_text(original, encoding="utf-8")
    return times


def author_loop(project: Project, article_id: str, repeat: int, logs: Path) -> dict:
    port = free_port()
    url = f"http://127.0.0.1:{port}/bai-viet/{article_id}/"
    failures = []
    for name, argv in commands(project, port).items():
        log = logs / f"{project.name}-{re.sub(r'[^a-z]+', '-', name)}.log"
        with serving(argv, project.loa, log) as server:
            try:
                started = wait_for(url, "</html>", START_TIMEOUT, server)
            except RuntimeError as exc:
                failures.append(f"{name}: {exc}: {_last_line(log)}")
                continue
            if started is None:
                return {"seconds": None, "error": f"{name} did not answer within {START_TIMEOUT:.0f} s"}
            times = edits(server, url, project.explainer_file(article_id), repeat)
        good = [t for t in times if t is not None]
        return {
            "seconds": round(statistics.median(good), 3) if good else None,
            "runs": [None if t is None else round(t, 3) for t in times],
            "startup_seconds": round(started, 3),
            "timeouts": len(times) - len(good),
            "server": name,
            "failures": failures,
        }
    raise RuntimeError("; ".join(failures))


def _last_line(log: Path) -> str:
    lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    return lines[-1].strip() if lines else "(no output)"
