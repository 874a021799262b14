"""The test suite's own guards: the corpus helper, the served-folder fixture
and the check that a run leaves the repository as it found it."""
from __future__ import annotations

import subprocess
import urllib.request
from pathlib import Path

import pytest

from conftest import REQUIRE_CORPUS, repo_state, require_corpus, state_changes


def test_a_present_corpus_is_returned(tmp_path: Path) -> None:
    (tmp_path / "articles.jsonl").write_text("{}\n", encoding="utf-8")
    assert require_corpus(tmp_path, environ={}) == tmp_path


def test_a_missing_corpus_skips_on_a_users_clone(tmp_path: Path) -> None:
    with pytest.raises(pytest.skip.Exception, match=str(tmp_path / "nowhere")):
        require_corpus(tmp_path / "nowhere", environ={})


def test_a_missing_corpus_fails_when_ci_requires_it(tmp_path: Path) -> None:
    with pytest.raises(pytest.fail.Exception, match=f"{REQUIRE_CORPUS}=1"):
        require_corpus(tmp_path / "nowhere", environ={REQUIRE_CORPUS: "1"})


def test_serve_gives_each_folder_a_loopback_url(tmp_path: Path, serve) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("eh", encoding="utf-8")
    url = serve(tmp_path)
    assert url.startswith("http://127.0.0.1:") and url.endswith("/")
    assert serve(tmp_path) == url  # one server per folder
    with urllib.request.urlopen(url + "a/", timeout=5) as response:
        assert response.read() == b"eh"


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True)


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitignore").write_text("/cache/\n", encoding="utf-8")
    (tmp_path / "tracked.txt").write_text("one\n", encoding="utf-8")
    (tmp_path / "dirty.txt").write_text("one\n", encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    (tmp_path / "dirty.txt").write_text("edited before the run\n", encoding="utf-8")
    return tmp_path


def test_the_guard_sees_edited_new_and_rewritten_files(checkout: Path) -> None:
    before = repo_state(checkout)
    (checkout / "tracked.txt").write_text("two\n", encoding="utf-8")
    (checkout / "new.txt").write_text("x", encoding="utf-8")
    (checkout / "dirty.txt").write_text("edited again by a test\n", encoding="utf-8")
    assert state_changes(before, repo_state(checkout)) == ["dirty.txt", "new.txt", "tracked.txt"]


def test_the_guard_ignores_ignored_files(checkout: Path) -> None:
    before = repo_state(checkout)
    (checkout / "cache").mkdir()
    (checkout / "cache" / "x").write_text("x", encoding="utf-8")
    assert state_changes(before, repo_state(checkout)) == []


def test_the_guard_stands_down_outside_a_checkout(tmp_path: Path) -> None:
    assert repo_state(tmp_path / "not-a-repo") is None
