"""A build in place links the published site's unchanged files instead of
writing them again (loa/build/writer.py), and never changes that site."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main
from loa.build.writer import SiteWriter


def published(tmp_path: Path, files: dict[str, bytes]) -> Path:
    site = tmp_path / "site"
    for rel, data in files.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_bytes(data)
    return site


def fresh(tmp_path: Path) -> Path:
    """The build's aside folder, which exists before anything is written."""
    (tmp_path / "new").mkdir()
    return tmp_path / "new"


def test_an_unchanged_file_is_linked_and_a_changed_one_written(tmp_path: Path) -> None:
    old = published(tmp_path, {"a/same.js": b"giong", "a/changed.js": b"cu", "a/longer.js": b"ngan"})
    writer = SiteWriter(fresh(tmp_path), previous=old)
    writer.write("a/same.js", b"giong")
    writer.write("a/changed.js", b"mo")  # same size, other bytes
    writer.write("a/longer.js", b"dai hon")
    writer.write("a/new.js", b"moi")
    assert os.stat(tmp_path / "new/a/same.js").st_ino == os.stat(old / "a/same.js").st_ino
    for name in ("changed.js", "longer.js"):
        assert os.stat(tmp_path / "new/a" / name).st_ino != os.stat(old / "a" / name).st_ino
    assert (tmp_path / "new/a/changed.js").read_bytes() == b"mo"
    assert (old / "a/changed.js").read_bytes() == b"cu"
    assert writer.linked == 1 and writer.files == 4


def test_writing_a_linked_file_again_leaves_the_published_one_alone(tmp_path: Path) -> None:
    old = published(tmp_path, {"x.txt": b"bai cu"})
    writer = SiteWriter(fresh(tmp_path), previous=old)
    writer.write("x.txt", b"bai cu")
    assert os.stat(old / "x.txt").st_nlink == 2
    writer.write("x.txt", b"bai moi")
    assert (old / "x.txt").read_bytes() == b"bai cu"
    assert (tmp_path / "new/x.txt").read_bytes() == b"bai moi"
    assert os.stat(old / "x.txt").st_nlink == 1


def test_a_copy_equal_to_the_published_file_is_linked_never_to_its_source(tmp_path: Path) -> None:
    old = published(tmp_path, {"social/og.png": b"\x89PNG anh"})
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "same.png").write_bytes(b"\x89PNG anh")
    (cache / "other.png").write_bytes(b"\x89PNG moi")
    writer = SiteWriter(fresh(tmp_path), previous=old)
    writer.copy(cache / "same.png", "social/og.png")
    writer.copy(cache / "other.png", "social/two.png")
    linked = tmp_path / "new/social/og.png"
    assert os.stat(linked).st_ino == os.stat(old / "social/og.png").st_ino
    assert os.stat(cache / "same.png").st_nlink == 1 and os.stat(cache / "other.png").st_nlink == 1
    assert (tmp_path / "new/social/two.png").read_bytes() == b"\x89PNG moi"


def test_a_symbolic_link_in_the_published_site_is_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_bytes(b"bi mat")
    old = published(tmp_path, {})
    old.mkdir(exist_ok=True)
    (old / "x.txt").symlink_to(outside)
    writer = SiteWriter(fresh(tmp_path), previous=old)
    writer.write("x.txt", b"bi mat")
    assert not (tmp_path / "new/x.txt").is_symlink()
    assert os.stat(tmp_path / "new/x.txt").st_ino != os.stat(outside).st_ino
    assert writer.linked == 0


def test_without_a_published_site_every_file_is_written(tmp_path: Path) -> None:
    writer = SiteWriter(fresh(tmp_path), previous=tmp_path / "missing")
    writer.write("a.js", b"x")
    assert (tmp_path / "new/a.js").read_bytes() == b"x" and writer.linked == 0


def _build(site) -> None:
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 0, result.output + result.stderr


def _files(root: Path) -> dict[str, os.stat_result]:
    return {p.relative_to(root).as_posix(): p.stat() for p in root.rglob("*") if p.is_file()}


def _old_sites_gone(parent: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while any(p.name.startswith(".site-old-") for p in parent.iterdir()):
        if time.monotonic() > deadline:
            pytest.fail(f"the old site beside {parent / 'site'} was not removed")
        time.sleep(0.05)


@pytest.mark.timeout(240)
def test_a_rebuild_in_place_keeps_unchanged_files_and_their_dates(make_site) -> None:
    site = make_site({
        "content/hoa-giai.md": explainer(),
        "content/bao-luc.md": explainer("Chồng đánh vợ bị xử lý thế nào?"),
    })
    _build(site)
    before = _files(site.root / "site")
    (site.root / "content/bao-luc.md").write_text(explainer("Chồng đánh vợ bị xử phạt ra sao?"), encoding="utf-8")
    _build(site)
    _old_sites_gone(site.root)
    after = _files(site.root / "site")
    kept = {rel for rel in after if rel in before and after[rel].st_ino == before[rel].st_ino}
    # What the edit did not touch keeps its file, and so its date: a web
    # server's ETag and Last-Modified stay the same for a phone that has it.
    assert {"social/hoa-giai/og.png", "bai-viet/hoa-giai/index.html", "bai-viet/hoa-giai/index.html.br"} <= kept
    assert any(rel.startswith("assets/loa/search/") for rel in kept)
    assert all(after[rel].st_mtime_ns == before[rel].st_mtime_ns for rel in kept)
    # The edited explainer's new title is a new image and new posts.
    changed = ["social/bao-luc/og.png", "social/bao-luc/zalo.txt", "phat-thanh/bao-luc.txt"]
    assert all(rel in after for rel in changed) and not any(rel in kept for rel in changed)
    # Once the old site is gone nothing in the site is shared with anything.
    assert all(st.st_nlink == 1 for st in after.values())


@pytest.mark.timeout(240)
def test_plain_mkdocs_build_in_place_links_pages_and_says_nothing_of_it(make_site) -> None:
    site = make_site({"content/hoa-giai.md": explainer()})
    mkdocs = Path(sys.executable).with_name("mkdocs")
    runs = []
    for _ in range(2):
        runs.append(subprocess.run([str(mkdocs), "build", "-f", str(site.config)], cwd=site.root,
                                   capture_output=True, text=True, timeout=200))
        assert runs[-1].returncode == 0, runs[-1].stderr
        if len(runs) == 1:
            before = _files(site.root / "site")
    _old_sites_gone(site.root)
    after = _files(site.root / "site")
    page = "bai-viet/hoa-giai/index.html"
    assert after[page].st_ino == before[page].st_ino and after[page].st_nlink == 1
    assert "<h1" in (site.root / "site" / page).read_text(encoding="utf-8")
    assert not any("Page skipped" in run.stdout + run.stderr for run in runs)


def test_a_writer_sent_to_the_other_process_starts_afresh(tmp_path: Path) -> None:
    # Jobs are pickled by a thread of the pool while this process goes on
    # writing: what the writer learnt (thousands of folders) stays here.
    site = SiteWriter(tmp_path / "site")
    for i in range(2000):
        site.write(f"bai-viet/bai-{i}/index.html", b"<p>x</p>")
    sent = pickle.loads(pickle.dumps(site))
    assert len(pickle.dumps(site)) < 1000
    assert (sent.root, sent.previous, sent.files) == (site.root, None, 0)
    sent.write("bai-viet/bai-1/og.png", b"png")
    sent.write("social/moi/og.png", b"png")
    assert (tmp_path / "site/social/moi/og.png").read_bytes() == b"png"
    assert site.files == 2000


@pytest.mark.parametrize("rel", ["../x.txt", "a/../../x.txt", "/etc/x.txt", "", ".", "a/.."])
def test_no_path_leaves_the_site_folder(tmp_path: Path, rel: str) -> None:
    site = SiteWriter(tmp_path / "site")
    with pytest.raises(ValueError):
        site.write(rel, b"x")
    with pytest.raises(ValueError):
        site.write_at(os.path.join(str(tmp_path / "site"), rel), b"x")
    with pytest.raises(ValueError):  # a sibling whose name begins like the site's
        site.write_at(tmp_path / "site-other" / "x.txt", b"x")
    assert not (tmp_path / "x.txt").exists() and not (tmp_path / "site-other").exists()
    site.write("a/./b//c.txt", b"ok")  # untidy but inside
    assert (tmp_path / "site/a/b/c.txt").read_bytes() == b"ok"
