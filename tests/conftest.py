"""Shared fixtures: throwaway sites, golden files, the corpus, Chromium, a
local HTTP server, and a guard that no test edits the repository."""
from __future__ import annotations

import hashlib
import http.server
import os
import contextlib
import shutil
import socket
import subprocess
import time
import textwrap
import threading
from collections.abc import Mapping
from functools import partial
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")
# No sandbox: CI runs as root. The rest keeps Chromium from calling Google.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# Set by .ci/run: there the corpus is part of the workplace, so its absence is
# a broken setup and its tests must fail instead of quietly skipping.
REQUIRE_CORPUS = "LOA_REQUIRE_CORPUS"
# What a build of the repository's site reads; copied so that no build writes
# the ledger, cache or lock into the working tree.
PROJECT_PARTS = ("mkdocs.yml", "docs", "content", "overrides")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files from the current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/<name>; only --update-golden writes it."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = REPO / "tests" / "golden" / name
        if update:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
        elif not path.exists():
            pytest.fail(f"golden file {path} is missing; run pytest --update-golden and review it")
        assert actual == path.read_text(encoding="utf-8")

    return check


# The repository stays as the tests found it ----------------------------------

def repo_state(root: Path) -> dict[str, str] | None:
    """Every changed, added or untracked (not ignored) file under `root`, with a
    hash of its content; None outside a git checkout."""
    try:
        out = subprocess.run(["git", "-C", str(root), "status", "--porcelain=v1", "-z", "--untracked-files=all"],
                             capture_output=True, check=True, timeout=60).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    state = {}
    for entry in out.decode("utf-8", "surrogateescape").split("\0"):
        if not entry or len(entry) < 4 or entry[2] != " ":
            continue  # also skips the old name that follows a rename entry
        path = root / entry[3:]
        digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "absent"
        state[entry[3:]] = f"{entry[:2]} {digest}"
    return state


def state_changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    return sorted(p for p in before.keys() | after.keys() if before.get(p) != after.get(p))


@pytest.fixture(scope="session", autouse=True)
def repository_untouched():
    """Fail the run if any test wrote into the repository's own files."""
    before = repo_state(REPO)
    yield
    if before is None:
        return  # not a git checkout (an unpacked archive): nothing to compare
    changed = state_changes(before, repo_state(REPO) or {})
    assert not changed, ("the test run changed files in the repository (tests must write to tmp_path; "
                         f"if you or anyone sharing this working tree edited them during the run, run again): {changed}")


# The shared corpus -----------------------------------------------------------

def require_corpus(folder: Path = CORPUS, environ: Mapping[str, str] = os.environ) -> Path:
    """`folder` if it holds the corpus; otherwise skip, or fail where .ci/run
    asked for the corpus."""
    if (folder / "articles.jsonl").is_file():
        return folder
    message = f"the shared corpus is absent: {folder}/articles.jsonl (it exists only in the workplace checkout)"
    if environ.get(REQUIRE_CORPUS) == "1":
        pytest.fail(f"{message}; {REQUIRE_CORPUS}=1 requires it")
    pytest.skip(message)


@pytest.fixture(scope="session")
def corpus() -> Path:
    return require_corpus()


# Serving a folder over HTTP ----------------------------------------------------

class _Servers:
    """Static HTTP servers on 127.0.0.1, one per folder, each on a free port."""

    def __init__(self) -> None:
        self._running: dict[Path, http.server.ThreadingHTTPServer] = {}

    def __call__(self, folder: Path) -> str:
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass  # keep test output readable

        folder = Path(folder).resolve()
        if folder not in self._running:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(folder)))
            server.daemon_threads = True
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._running[folder] = server
        return f"http://127.0.0.1:{self._running[folder].server_port}/"

    def close(self) -> None:
        for server in self._running.values():
            server.shutdown()
            server.server_close()
        self._running.clear()


@pytest.fixture(scope="session")
def serve():
    """serve(folder) -> its base URL, ending in "/"; every server stops at the
    end of the session."""
    servers = _Servers()
    yield servers
    servers.close()


MKDOCS_YML = """\
site_name: Loa thử
site_url: https://loa.example.test/
use_directory_urls: true
theme:
  name: material
  custom_dir: {overrides}
  language: vi
  font: false
nav:
  - Trang chủ: index.md
  - Tìm kiếm: tim-kiem.md
  - Đối tượng: doi-tuong.md
  - Chủ đề: chu-de.md
  - Văn bản pháp luật: van-ban.md
plugins:
  - loa:
      organisation: Hội LHPN tỉnh thử
      hotline: "0377.672.444"
      contacts:
        - name: Ban Tuyên giáo
          phone: "0299.3827525"
"""

AUDIENCES = """\
phu-nu-nong-thon:
  name: Phụ nữ nông thôn
  description: Hội viên ở xã, ấp.
phu-nu-khmer:
  name: Phụ nữ Khmer
  description: Đồng bào Khmer.
"""

TOPICS = """\
hoa-giai-co-so:
  name: Hòa giải ở cơ sở
  description: Hòa giải mâu thuẫn trong thôn, ấp.
bao-luc-gia-dinh:
  name: Phòng, chống bạo lực gia đình
  description: Bảo vệ phụ nữ khỏi bạo lực.
"""

LAWS = """\
luat-hoa-giai-2013:
  title: Luật Hòa giải ở cơ sở
  number: 35/2013/QH13
  issued: 2013-06-20
  effective: 2014-01-01
"""


def explainer(title: str = "Hòa giải ở cơ sở là gì?", **fields: str) -> str:
    """An explainer file's text; keyword arguments replace front-matter lines."""
    base = {
        "title": title,
        "summary": "Hòa giải giúp bà con tự thương lượng, giữ tình làng nghĩa xóm.",
        "audiences": "[phu-nu-nong-thon]",
        "topics": "[hoa-giai-co-so]",
        "laws": "[luat-hoa-giai-2013]",
        "date": "2023-03-15",
    }
    base.update(fields)
    head = "\n".join(f"{k}: {v}" for k, v in base.items() if v is not None)
    return f"---\n{head}\n---\n\nHòa giải viên giúp hai bên **thương lượng**.\n"


def cp1258(text: str) -> bytes:
    """Encode as a Windows-1258 file from an old Vietnamese tool would be:
    base letters precomposed where the code page has them, tones combining."""
    import unicodedata

    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(m for m in parts if m not in tones))
        out += (base + tones).encode("cp1258")
    return bytes(out)



def free_port() -> int:
    """A loopback port nothing listens on, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_listening(proc: subprocess.Popen, port: int, what: str, log=lambda: "") -> None:
    """Return once `proc` accepts connections on `port`; fail the test with
    its output (and `log()`) if it exits or takes more than 15 s."""
    deadline = time.monotonic() + 15
    while True:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        if proc.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"{what} did not start: {proc.stdout.read().decode() if proc.stdout else ''} {log()}")
        time.sleep(0.05)


class Site:
    """A throwaway Loa project on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def write(self, files: dict[str, str | bytes]) -> "Site":
        for rel, content in files.items():
            path = self.root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(textwrap.dedent(content) if content.startswith("\n") else content,
                                encoding="utf-8", newline="")
        return self

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"


@pytest.fixture
def make_site(tmp_path: Path):
    """Build a throwaway project from {path: text}; sensible defaults fill the rest."""

    def make(files: dict[str, str | bytes] | None = None, *, defaults: bool = True) -> Site:
        site = Site(tmp_path / "project")
        if defaults:
            site.write({
                "mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides"),
                "docs/index.md": "# Trang chủ\n\nChào mừng.\n",
                "content/audiences.yml": AUDIENCES,
                "content/topics.yml": TOPICS,
                "content/laws.yml": LAWS,
            })
        return site.write(files or {})

    return make


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not (CORPUS / "articles.jsonl").exists():
        pytest.skip(f"the shared corpus is absent ({CORPUS}); it exists only in the workplace checkout")
    return CORPUS


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not CHROMIUM.exists():
        message = "Debian's chromium is not installed: run make test, which installs it"
        if os.environ.get("CI"):
            pytest.fail(message)  # in CI a missing browser is a broken setup, not a skip
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def copy_project(dst: Path) -> Path:
    """A copy of the repository's site sources, to build without touching them."""
    for part in PROJECT_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, dst / part, symlinks=True)
        else:
            dst.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dst / part)
    return dst


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per session with `loa build`
    from a copy of its sources."""
    from click.testing import CliRunner

    from loa.adapters.cli import main

    project = copy_project(tmp_path_factory.mktemp("repo-project"))
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def site_url(built_site: Path, serve) -> str:
    """The built site served over HTTP on loopback."""
    return serve(built_site)
