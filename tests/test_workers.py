"""The build's second process (loa/build/workers.py) and the pages' parts
decorated ahead in a forked copy of the build: the same site, byte for byte,
whether the parts were made ahead or page by page."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main
from loa.build import pipeline
from loa.build.workers import PARALLEL_FROM, Workers


def _pid() -> int:
    return os.getpid()


def _fail() -> None:
    raise ValueError("hỏng")


def test_ahead_runs_in_a_forked_copy_and_returns_its_result() -> None:
    workers = Workers(True)
    try:
        job = workers.ahead(_pid)
        assert job is not None
        assert job.result() != os.getpid()
        assert job.result() == job.result()  # asked twice, read once
    finally:
        workers.close()


def test_an_error_in_the_copy_is_raised_in_the_build() -> None:
    workers = Workers(True)
    try:
        job = workers.ahead(_fail)
        with pytest.raises(ValueError, match="hỏng"):
            job.result()
    finally:
        workers.close()


def test_no_copy_while_another_thread_runs_or_without_a_pool() -> None:
    assert Workers(False).ahead(_pid) is None
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    workers = Workers(True)
    try:
        assert workers.ahead(_pid) is None  # a lock that thread holds would never be released in the copy
    finally:
        stop.set()
        other.join()
        workers.close()


def test_closing_ends_a_copy_still_at_work() -> None:
    workers = Workers(True)
    job = workers.ahead(lambda: threading.Event().wait(60))
    assert job is not None
    workers.close()
    assert not job._proc.is_alive()


def _build(site_root: Path, out: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--config", str(site_root / "mkdocs.yml"), "--site-dir", str(out)])
    assert result.exit_code == 0, result.output


def _pages(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.html"))}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_large_site_is_the_same_with_parts_made_ahead(make_site, tmp_path: Path, monkeypatch) -> None:
    files = {f"content/bai-{i:03d}.md": explainer(f"Hòa giải ở cơ sở, bài số {i}", date=f"2023-03-{1 + i % 28:02d}")
             for i in range(PARALLEL_FROM)}
    site = make_site(files)
    started = []
    real = Workers.ahead

    def spy(self, fn):
        job = real(self, fn)
        started.append(job is not None)
        return job

    monkeypatch.setattr(Workers, "ahead", spy)
    _build(site.root, tmp_path / "ahead")
    assert started == [True]
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 10 ** 9)
    _build(site.root, tmp_path / "one")
    assert started == [True, False]
    ahead, one = _pages(tmp_path / "ahead"), _pages(tmp_path / "one")
    assert len(ahead) > PARALLEL_FROM
    assert ahead == one
