"""A build never destroys: which targets are refused, the build lock, share
images copied out of the cache, and `loa.build` importable without POSIX."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from loa.build import atomic
from loa.build.errors import BuildBusy, UnsafeTarget
from loa.build.lock import build_lock
from loa.build.target import MARKER, guard, is_loa_site, write_marker
from loa.core.model import Settings
from loa.core.problems import format_problem
from loa.outputs import images

REPO = Path(__file__).resolve().parent.parent


def digest(folder: Path) -> dict[str, str]:
    """Every file and folder under `folder` (links not followed), with a hash of each file."""
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[rel] = "link " + os.readlink(path)
        elif path.is_file():
            found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[rel] = "folder"
    return found


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project with a git history, content and notes of the author's own."""
    root = tmp_path / "du-an"
    for rel, text in {
        ".git/HEAD": "ref: refs/heads/main\n",
        ".git/objects/ab/cdef": "blob",
        "mkdocs.yml": "site_name: Loa\n",
        "content/hoa-giai.md": "---\ntitle: Hòa giải\n---\nNội dung.\n",
        "content/anh/so-do.png": "png",
        "ghi-chu/viec-can-lam.txt": "gọi chị Lan\n",
    }.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def unsafe(project: Path, case: str) -> Path:
    """The target a case names, made as an author might have it."""
    if case == "project":
        return project
    if case == "project spelled with ..":
        return project / "content" / ".."
    if case == "parent of the project":
        return project.parent
    if case == "content":
        return project / "content"
    if case == "inside content":
        return project / "content" / "site"
    if case == "link to the project":
        os.symlink(project, project / "site")
        return project / "site"
    if case == "link to content":
        os.symlink(project / "content", project / "site")
        return project / "site"
    if case == "a file":
        (project / "site").write_text("không phải thư mục", encoding="utf-8")
        return project / "site"
    if case == "a link to nothing":
        os.symlink(project / "khong-co", project / "site")
        return project / "site"
    if case == "the author's folder":
        return project / "ghi-chu"
    if case == ".git":
        return project / ".git"
    raise AssertionError(case)


UNSAFE = {
    "project": "LOA901", "project spelled with ..": "LOA901", "parent of the project": "LOA901",
    "link to the project": "LOA901", "content": "LOA902", "link to content": "LOA902",
    "inside content": "LOA903", "a file": "LOA904", "a link to nothing": "LOA904",
    "the author's folder": "LOA905", ".git": "LOA905",
}


@pytest.mark.parametrize("case", sorted(UNSAFE))
def test_an_unsafe_target_is_refused_and_left_as_it_was(project: Path, case: str) -> None:
    target = unsafe(project, case)
    before = digest(project.parent)
    with pytest.raises(UnsafeTarget) as refused:
        guard(target, project, project / "content")
    assert refused.value.problem.code == UNSAFE[case]
    assert refused.value.problem.hint and "--site-dir" in refused.value.problem.hint
    assert digest(project.parent) == before


def test_a_refusal_reads_as_one_vietnamese_problem(project: Path) -> None:
    with pytest.raises(UnsafeTarget) as refused:
        guard(project / "content", project, project / "content")
    text = format_problem(refused.value.problem)
    assert "lỗi LOA902" in text and "xóa các bài viết" in text and "gợi ý:" in text
    assert str(refused.value) == f"{refused.value.problem.message}\n  gợi ý: {refused.value.problem.hint}"


@pytest.mark.parametrize("case", ["missing", "empty", "only Finder and Explorer litter", "made by Loa",
                                  "built before the marker", "a link to a Loa site"])
def test_a_safe_target_is_accepted(project: Path, tmp_path: Path, case: str) -> None:
    target = project / "site"
    if case == "empty":
        target.mkdir()
    elif case == "only Finder and Explorer litter":
        target.mkdir()
        (target / ".DS_Store").write_bytes(b"\0")
        (target / "Thumbs.db").write_bytes(b"\0")
    elif case == "made by Loa":
        target.mkdir()
        write_marker(target)
        (target / "index.html").write_text("<p>trang cũ</p>", encoding="utf-8")
    elif case == "built before the marker":
        (target / "assets/loa").mkdir(parents=True)
        (target / "assets/loa/loa.css").write_text("body{}", encoding="utf-8")
        (target / "index.html").write_text("<p>trang cũ</p>", encoding="utf-8")
    elif case == "a link to a Loa site":
        elsewhere = tmp_path / "www" / "site"
        elsewhere.mkdir(parents=True)
        write_marker(elsewhere)
        os.symlink(elsewhere, target)
    guard(target, project, project / "content")


def test_the_marker_says_what_the_folder_is(tmp_path: Path) -> None:
    write_marker(tmp_path)
    assert is_loa_site(tmp_path)
    text = (tmp_path / MARKER).read_text(encoding="utf-8")
    assert "Loa" in text and text.count("\n") == 1


# The build lock ---------------------------------------------------------------

HOLD = textwrap.dedent("""\
    import sys
    from pathlib import Path
    from loa.build.lock import build_lock
    with build_lock(Path(sys.argv[1])):
        print("held", flush=True)
        sys.stdin.readline()
""")


def hold_lock(target: Path) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(target)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    return holder


def test_the_lock_is_held_across_processes(tmp_path: Path) -> None:
    target = tmp_path / "site"
    holder = hold_lock(target)
    try:
        for wait in (False, 0.3):
            with pytest.raises(BuildBusy) as busy:
                with build_lock(target, wait=wait):
                    pytest.fail("took a lock another process holds")
            assert busy.value.problem.code == "LOA906" and "--wait" in busy.value.problem.hint
    finally:
        holder.communicate("\n", timeout=30)
    with build_lock(target):
        pass  # released when the other build ends


def test_a_killed_build_does_not_keep_the_lock(tmp_path: Path) -> None:
    target = tmp_path / "site"
    holder = hold_lock(target)
    holder.kill()
    holder.wait(timeout=30)
    with build_lock(target, wait=5):
        pass


def test_two_builds_in_one_process_exclude_each_other(tmp_path: Path) -> None:
    target = tmp_path / "site"
    with build_lock(target):
        with pytest.raises(BuildBusy):
            with build_lock(target, wait=True):  # would wait for itself forever
                pass


# Portable: nothing POSIX-only is imported when loa.build loads ------------------

BLOCKED = ("fcntl", "termios", "pwd", "grp", "resource")

IMPORT_ALL = textwrap.dedent("""\
    import importlib, pkgutil, sys
    for name in {blocked!r}:
        sys.modules[name] = None  # as on Windows: importing it raises ImportError
    {probe}
    import loa.build
    names = sorted(m.name for m in pkgutil.iter_modules(loa.build.__path__, "loa.build."))
    for name in names + ["loa.outputs.images"]:
        importlib.import_module(name)
    print(len(names))
""")


def test_loa_build_imports_without_posix_only_modules() -> None:
    result = subprocess.run([sys.executable, "-W", "ignore", "-c", IMPORT_ALL.format(blocked=BLOCKED, probe="")],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 6  # atomic, errors, exchange, lock, swap, target at least


def test_the_import_blocker_can_fail() -> None:
    probe = "import fcntl"
    result = subprocess.run([sys.executable, "-c", IMPORT_ALL.format(blocked=BLOCKED, probe=probe)],
                            capture_output=True, text=True, cwd=REPO, timeout=120)
    assert result.returncode != 0 and "fcntl" in result.stderr


# Share images are copies, never links into the cache ---------------------------

SETTINGS = Settings(site_url="https://loa.example/", site_name="Loa", organisation="Hội LHPN tỉnh Sóc Trăng",
                    hotline="0377.672.444", contacts=(), content_dir="content", channels=(),
                    theme_color="#8e2463")


@pytest.mark.parametrize("how", ["write_in_new_folder", "copy", "write"])
def test_a_share_image_in_the_site_is_a_copy_of_the_cache(tmp_path: Path, how: str) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    options = {"write_in_new_folder": {"write": atomic.write_in_new_folder},
               "copy": {"copy": atomic.copy_in_new_folder},
               "write": {"write": atomic.write_bytes}}[how]
    out = site / "social" / "hoa-giai" / "og.png"
    for _ in range(2):  # the second render takes the cached image
        out.unlink(missing_ok=True)
        images.render_share_image("Hòa giải ở cơ sở là gì?", SETTINGS, out, cache, **options)
    (cached,) = cache.glob("*.png")
    original = cached.read_bytes()
    assert out.read_bytes() == original
    assert os.stat(out).st_nlink == 1 and os.stat(cached).st_nlink == 1
    assert os.stat(out).st_ino != os.stat(cached).st_ino
    with open(out, "r+b") as handle:  # an author "fixes" the published image in place
        handle.write(b"sua tay")
    assert cached.read_bytes() == original
