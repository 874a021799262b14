"""A small static server that gzips text, like a typical static host.

Headers follow GitHub Pages: gzip for text types when the client accepts it,
`Cache-Control: max-age=600`. Compressed bodies are cached in memory so the
server itself does not distort timings.
"""
from __future__ import annotations

import functools
import gzip
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml",
              "application/xml", "application/manifest+json")


class GzipHandler(SimpleHTTPRequestHandler):
    cache: dict[tuple[str, float], bytes] = {}
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".js": "application/javascript",
                      ".json": "application/json", ".webmanifest": "application/manifest+json"}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not path.is_file() or not wants_gzip or not ctype.startswith(TEXT_TYPES) \
                or not self.path.split("?")[0].endswith(("/", path.name)):
            return super().send_head()
        body = self._compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        return _Bytes(body)

    def _compressed(self, path: Path) -> bytes:
        key = (str(path), path.stat().st_mtime)
        if key not in self.cache:
            self.cache[key] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        return self.cache[key]


class _Bytes:
    """The file-like object SimpleHTTPRequestHandler copies to the socket."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


@contextmanager
def serving(root: Path) -> Iterator[str]:
    """Serve `root` on a free 127.0.0.1 port; yields the base URL."""
    handler = functools.partial(GzipHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
