"""`loa serve`: a live preview that shows an edited explainer within moments."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import explainer

LOA = Path(sys.executable).with_name("loa")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(0.2)
    return False


def test_preview_updates_after_an_edit_even_in_strict_projects(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    site.config.write_text(site.config.read_text(encoding="utf-8") + "strict: true\n", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([str(LOA), "serve", "--config", str(site.config), "--addr", f"127.0.0.1:{port}"],
                              cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/bai-viet/a/"
    try:
        assert wait_for(url, "Hòa giải viên giúp hai bên", 60)
        (site.root / "content/a.md").write_text(explainer() + "\nĐoạn mới thêm vào.\n", encoding="utf-8")
        assert wait_for(url, "Đoạn mới thêm vào.", 30)
        assert server.poll() is None  # still serving after the rebuild
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    assert b"Traceback" not in out
