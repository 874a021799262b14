"""Build aside, then swap: the target is never missing, a failure is reported
for what it is, and what killed builds leave behind is removed."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from loa.build import exchange, swap
from loa.build.errors import CommitFailed
from loa.build.target import MARKER, write_marker

LINUX = sys.platform.startswith("linux")


def site(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    write_marker(folder)
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


def build(target: Path, text: str) -> swap.Committed:
    aside = swap.begin(target)
    (aside.path / "index.html").write_text(text, encoding="utf-8")
    return swap.commit(aside, target)


def leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if p.name.startswith(".site-"))


def wait_until_gone(parent: Path, timeout: float = 20) -> list[str]:
    deadline = time.monotonic() + timeout
    while (left := leftovers(parent)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def test_begin_makes_a_marked_folder_beside_the_target(tmp_path: Path) -> None:
    target = tmp_path / "site"
    aside = swap.begin(target)
    assert aside.path.parent == tmp_path and aside.path.name.startswith(".site-new-")
    assert (aside.path / MARKER).is_file() and aside.lock_file.exists()
    swap.abandon(aside)
    assert leftovers(tmp_path) == []


def test_a_first_build_puts_the_site_in_place(tmp_path: Path) -> None:
    target = tmp_path / "site"
    done = build(target, "mới")
    assert (target / "index.html").read_text(encoding="utf-8") == "mới"
    assert (target / MARKER).is_file() and done.warnings == [] and done.old is None
    assert leftovers(tmp_path) == []


def test_a_rebuild_replaces_the_site_and_removes_the_old_one(tmp_path: Path) -> None:
    target = site(tmp_path / "site", "cũ")
    (target / "bai-viet/cu").mkdir(parents=True)
    (target / "bai-viet/cu/index.html").write_text("bài đã xóa", encoding="utf-8")
    done = build(target, "mới")
    assert (target / "index.html").read_text(encoding="utf-8") == "mới"
    assert not (target / "bai-viet").exists()
    assert done.warnings == [] and done.atomic == (LINUX or sys.platform == "darwin")
    assert wait_until_gone(tmp_path) == []  # removed in the background


def test_a_site_built_before_the_marker_is_replaced_and_removed(tmp_path: Path) -> None:
    target = tmp_path / "site"
    (target / "assets/loa").mkdir(parents=True)
    (target / "assets/loa/loa.css").write_text("body{}", encoding="utf-8")
    build(target, "mới")
    assert (target / MARKER).is_file() and not (target / "assets").exists()
    assert wait_until_gone(tmp_path) == []


POLL = textwrap.dedent("""\
    import os, sys
    index = os.path.join(sys.argv[1], "index.html")
    print("ready", flush=True)
    checks = misses = 0
    while not os.path.exists(sys.argv[2]):
        checks += 1
        if not os.path.isfile(index):
            misses += 1
    print(checks, misses)
""")


def misses_during_commits(tmp_path: Path, commits: int) -> tuple[int, int]:
    """Build `commits` times while another process looks for target/index.html
    in a tight loop; returns how often it looked and how often it was missing."""
    target = site(tmp_path / "site", "0")
    stop = tmp_path / "stop"
    poller = subprocess.Popen([sys.executable, "-c", POLL, str(target), str(stop)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert poller.stdout.readline().strip() == "ready"
        for n in range(1, commits + 1):
            build(target, str(n))
    finally:
        stop.touch()
        out, _ = poller.communicate(timeout=60)
    checks, misses = map(int, out.split())
    assert (target / "index.html").read_text(encoding="utf-8") == str(commits)
    return checks, misses


@pytest.mark.skipif(not (LINUX or sys.platform == "darwin"), reason="no atomic exchange of folders here")
def test_the_target_is_never_missing_during_commits(tmp_path: Path, monkeypatch) -> None:
    # Old sites removed at once rather than by a process each: faster, same swap.
    monkeypatch.setattr(swap, "_remove_in_background", lambda folder, done: swap._remove_marker_last(folder))
    checks, misses = misses_during_commits(tmp_path, 200)
    assert checks > 1000 and misses == 0


@pytest.mark.skipif(not LINUX, reason="the control needs the Linux fallback")
def test_control_the_poller_sees_the_gap_of_two_renames(tmp_path: Path, monkeypatch) -> None:
    # Without the atomic exchange (as on Windows) the same poller must find
    # the moment with no site: this proves the test above can fail.
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)
    monkeypatch.setattr(swap, "_remove_in_background", lambda folder, done: swap._remove_marker_last(folder))
    checks, misses = misses_during_commits(tmp_path, 200)
    assert checks > 1000 and misses > 0


def test_the_fallback_of_two_renames_still_replaces_the_site(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)
    target = site(tmp_path / "site", "cũ")
    done = build(target, "mới")
    assert (target / "index.html").read_text(encoding="utf-8") == "mới"
    assert not done.atomic and done.warnings == []
    assert wait_until_gone(tmp_path) == []


def test_a_failure_before_the_swap_leaves_the_old_site(tmp_path: Path, monkeypatch) -> None:
    target = site(tmp_path / "site", "cũ")

    def refuse(a, b):
        raise PermissionError(errno.EACCES, "Permission denied", str(a))

    monkeypatch.setattr(swap, "exchange", refuse)
    aside = swap.begin(target)
    with pytest.raises(CommitFailed) as failed:
        swap.commit(aside, target)
    assert failed.value.problem.code == "LOA908" and "trang cũ vẫn giữ nguyên" in failed.value.problem.message
    assert (target / "index.html").read_text(encoding="utf-8") == "cũ"
    swap.abandon(aside)
    assert leftovers(tmp_path) == []


def test_a_failed_second_rename_puts_the_old_site_back(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(swap, "exchange", lambda a, b: False)
    target = site(tmp_path / "site", "cũ")
    aside = swap.begin(target)
    real_rename = os.rename

    def rename(src, dst):
        if Path(src) == aside.path:
            raise OSError(errno.EIO, "Input/output error", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(swap.os, "rename", rename)
    with pytest.raises(CommitFailed):
        swap.commit(aside, target)
    monkeypatch.setattr(swap.os, "rename", real_rename)
    assert (target / "index.html").read_text(encoding="utf-8") == "cũ"
    swap.abandon(aside)
    assert leftovers(tmp_path) == []


def test_a_failure_after_the_swap_is_reported_as_in_place(tmp_path: Path, monkeypatch) -> None:
    target = site(tmp_path / "site", "cũ")
    aside = swap.begin(target)
    (aside.path / "index.html").write_text("mới", encoding="utf-8")

    def no_removal(*args, **kwargs):
        raise OSError(errno.ENOENT, "No such file or directory", sys.executable)

    # The old folder can be neither renamed nor removed: the new site is in
    # place all the same, and commit says so instead of raising.
    monkeypatch.setattr(swap.os, "rename", lambda *a: (_ for _ in ()).throw(PermissionError(errno.EACCES, "denied")))
    monkeypatch.setattr(swap.subprocess, "Popen", no_removal)
    monkeypatch.setattr(swap, "_remove_marker_last", lambda folder: None)
    done = swap.commit(aside, target)
    assert (target / "index.html").read_text(encoding="utf-8") == "mới"
    codes = [p.code for p in done.warnings]
    assert codes and set(codes) == {"LOA909"} and not any(p.is_error for p in done.warnings)
    assert "trang mới đã ở" in done.warnings[0].message


def test_a_killed_build_leaves_nothing_after_the_next_begin(tmp_path: Path) -> None:
    target = site(tmp_path / "site", "cũ")
    dead = tmp_path / ".site-new-xyz"  # a marked aside whose build is gone
    site(dead, "nửa chừng")
    (dead / "bai-viet/a").mkdir(parents=True)
    (dead / "bai-viet/a/index.html").write_text("…", encoding="utf-8")
    old = site(tmp_path / ".site-old-abc", "cũ hơn")  # a background removal that was killed
    foreign = tmp_path / ".site-new-cua-toi"  # the same pattern, not Loa's
    foreign.mkdir()
    (foreign / "ghi-chu.txt").write_text("của tôi", encoding="utf-8")
    aside = swap.begin(target)
    assert not dead.exists() and not old.exists()
    assert (foreign / "ghi-chu.txt").read_text(encoding="utf-8") == "của tôi"
    swap.abandon(aside)
    assert (target / "index.html").read_text(encoding="utf-8") == "cũ"


KILLED = textwrap.dedent("""\
    import sys, time
    from pathlib import Path
    from loa.build import swap
    aside = swap.begin(Path(sys.argv[1]))
    (aside.path / "index.html").write_text("nửa chừng", encoding="utf-8")
    print(aside.path, flush=True)
    time.sleep(600)
""")


def test_a_really_killed_build_is_cleaned_up_but_a_live_one_is_not(tmp_path: Path) -> None:
    target = site(tmp_path / "site", "cũ")
    builds = [subprocess.Popen([sys.executable, "-c", KILLED, str(target)], stdout=subprocess.PIPE, text=True)
              for _ in range(2)]
    try:
        killed, live = (Path(b.stdout.readline().strip()) for b in builds)
        builds[0].kill()
        builds[0].wait(timeout=30)
        aside = swap.begin(target)
        assert not killed.exists() and not killed.with_name(killed.name + ".lock").exists()
        assert (live / "index.html").is_file()  # its build still runs
        swap.abandon(aside)
    finally:
        for b in builds:
            b.kill()
            b.wait(timeout=30)
    swap.sweep_leftovers(target)
    assert leftovers(tmp_path) == []


def test_a_link_to_the_site_stays_a_link(tmp_path: Path) -> None:
    real = site(tmp_path / "www" / "site", "cũ")
    (tmp_path / "du-an").mkdir()
    link = tmp_path / "du-an" / "site"
    os.symlink(real, link)
    build(link, "mới")
    assert link.is_symlink() and (real / "index.html").read_text(encoding="utf-8") == "mới"
    assert wait_until_gone(real.parent) == []


def test_build_aside_keeps_working_for_its_callers(tmp_path: Path) -> None:
    target = site(tmp_path / "site", "cũ")

    def fails(folder: Path) -> None:
        (folder / "index.html").write_text("hỏng", encoding="utf-8")
        raise RuntimeError("dựng hỏng")

    with pytest.raises(RuntimeError):
        swap.build_aside(target, fails)
    assert (target / "index.html").read_text(encoding="utf-8") == "cũ" and leftovers(tmp_path) == []
    swap.build_aside(target, lambda folder: (folder / "index.html").write_text("mới", encoding="utf-8"))
    assert (target / "index.html").read_text(encoding="utf-8") == "mới"


@pytest.mark.skipif(not LINUX, reason="renameat2 is Linux's")
def test_the_exchange_works_by_system_call_number_too(tmp_path: Path, monkeypatch) -> None:
    import ctypes
    import platform

    if platform.machine().lower() not in exchange._SYSCALL:
        pytest.skip(f"no renameat2 number known for {platform.machine()}")
    libc = ctypes.CDLL(None, use_errno=True)

    class OldLibc:  # a C library without renameat2 (before glibc 2.28)
        syscall = libc.syscall

    monkeypatch.setattr(exchange, "_libc", lambda: OldLibc())
    a, b = site(tmp_path / "a", "A"), site(tmp_path / "b", "B")
    assert exchange.exchange(a, b)
    assert (a / "index.html").read_text() == "B" and (b / "index.html").read_text() == "A"
