"""Whatever is on disk becomes a Vietnamese problem with its path, never a
traceback; a broken published explainer is not also called a lost URL."""
from __future__ import annotations

import datetime as dt
import errno
import os
from pathlib import Path

import pytest

from conftest import explainer
from loa.content import catalog, ledger


def codes(site, content_dir: str = "content") -> list[tuple[str, str]]:
    return [(p.path, p.code) for p in catalog.load(site.root, content_dir).problems]


def test_dangling_symlink_is_a_problem_with_its_path(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    os.symlink(site.root / "content/mat-roi.md.orig", site.root / "content/mat-roi.md")
    found = [p for p in catalog.load(site.root).problems if p.code == "LOA107"]
    assert len(found) == 1 and found[0].path == "content/mat-roi.md" and "mat-roi.md.orig" in found[0].message


def test_symlink_loop_is_a_problem(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    os.symlink(site.root / "content/vong.md", site.root / "content/vong.md")
    assert ("content/vong.md", "LOA108") in codes(site)


def test_unreadable_file_is_a_problem(make_site, monkeypatch) -> None:
    site = make_site({"content/a.md": explainer(), "content/khoa.md": explainer("Bị khóa")})
    real_open = Path.open

    def refusing_open(self: Path, *args, **kwargs):
        if self.name == "khoa.md":  # root reads any file, so chmod cannot show this
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refusing_open)
    found = [p for p in catalog.load(site.root).problems if p.path == "content/khoa.md"]
    assert [p.code for p in found] == ["LOA108"] and "không có quyền đọc" in found[0].message


def test_a_fifo_named_md_does_not_hang(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    os.mkfifo(site.root / "content/ong.md")
    assert ("content/ong.md", "LOA108") in codes(site)


@pytest.mark.parametrize("content_dir", ["../elsewhere", "/tmp", "content/../.."])
def test_content_dir_outside_the_project_is_refused(make_site, tmp_path: Path, content_dir: str) -> None:
    site = make_site({"content/a.md": explainer()})
    (site.root.parent / "elsewhere").mkdir(exist_ok=True)
    found = catalog.load(site.root, content_dir).problems
    assert [p.code for p in found] == ["LOA106"] and content_dir in found[0].message


def test_absolute_content_dir_inside_the_project_is_accepted(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    cat = catalog.load(site.root, str(site.root / "content"))
    assert not cat.problems and [e.slug for e in cat.explainers] == ["a"]


@pytest.mark.parametrize("name", ["content/index.md", "content/hoa-giai/index.md", "content/Index.md",
                                  "content/INDEX.md"])
def test_an_explainer_named_index_is_an_error_with_a_hint(make_site, name: str) -> None:
    site = make_site({name: explainer()})
    found = [p for p in catalog.load(site.root).problems if p.code == "LOA109"]
    assert len(found) == 1 and found[0].path == name and ".md" in found[0].hint


def ledger_problems(site) -> list:
    cat = catalog.load(site.root)
    path = ledger.path_in(site.root, "content")
    return [p.code for p in ledger.problems(path, "content/published-urls.txt", cat, dt.date(2026, 1, 1))]


def test_a_front_matter_mistake_in_a_published_explainer_is_not_a_lost_url(make_site) -> None:
    site = make_site({"content/a.md": explainer(title=None), "content/published-urls.txt": "/bai-viet/a/\n"})
    assert ("content/a.md", "LOA120") in codes(site)
    assert ledger_problems(site) == []


def test_broken_yaml_in_a_published_explainer_is_not_a_lost_url(make_site) -> None:
    site = make_site({"content/a.md": explainer(title='"chưa đóng ngoặc'),
                      "content/published-urls.txt": "/bai-viet/a/\n"})
    assert ("content/a.md", "LOA110") in codes(site)
    assert ledger_problems(site) == []


def test_a_deleted_published_explainer_is_still_a_lost_url(make_site) -> None:
    # The control: without the file, the URL really is gone.
    site = make_site({"content/b.md": explainer(), "content/published-urls.txt": "/bai-viet/a/\n"})
    assert ledger_problems(site) == ["LOA220"]


def test_an_unreadable_ledger_is_a_problem(make_site) -> None:
    site = make_site({"content/a.md": explainer(), "content/published-urls.txt": b"\xff\xfe/bai-viet/a/\n"})
    assert ledger_problems(site) == ["LOA108"]
