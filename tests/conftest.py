"""Shared fixtures: throwaway sites, golden files, the corpus, Chromium."""
from __future__ import annotations

import os
import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
CHROMIUM = Path("/usr/bin/chromium")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite golden files from the current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest):
    """Compare text with tests/golden/<name>; rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = REPO / "tests" / "golden" / name
        if update or not path.exists():
            if not update:
                pytest.fail(f"golden file {path} is missing; run pytest --update-golden and review it")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(actual, encoding="utf-8", newline="\n")
        assert actual == path.read_text(encoding="utf-8")

    return check


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
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run",
        ])
        yield b
        b.close()


def copy_tree(src: Path, dst: Path) -> None:
    shutil.copytree(src, dst, dirs_exist_ok=True)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's own site, built once per session with `loa build`."""
    from click.testing import CliRunner

    from loa.adapters.cli import main

    out = tmp_path_factory.mktemp("repo-site") / "site"
    ledger = REPO / "content" / "published-urls.txt"
    before = ledger.read_bytes() if ledger.exists() else None
    result = CliRunner().invoke(main, ["build", "--config", str(REPO / "mkdocs.yml"), "--site-dir", str(out)])
    if before is not None and ledger.read_bytes() != before:
        ledger.write_bytes(before)  # tests must not edit the repository's ledger
    assert result.exit_code == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site served over HTTP on loopback."""
    import http.server
    import threading
    from functools import partial

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
