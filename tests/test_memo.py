"""A build in place reuses what an earlier build made from the same inputs
(loa/build/memo.py), and its site is byte for byte the site a build from
nothing makes: after no change, after a change to one explainer's body, to
a registry, to mkdocs.yml, and on a site large enough for the second process."""
from __future__ import annotations

import filecmp
import os
import pickle
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import copy_project, explainer
from loa.adapters.cli import main
from loa.build import memo
from loa.build.workers import PARALLEL_FROM

pytestmark = pytest.mark.timeout(600)


def settle(project: Path) -> None:
    """Date the source files saved in the last seconds ten seconds back, as
    files saved a while before a build are: a file changed in the last seconds makes a build keep
    nothing (memo.Stamp.racy), which the last test shows."""
    now = time.time()
    for part in ("mkdocs.yml", "docs", "content", "overrides"):
        for path in [project / part, *(project / part).rglob("*")]:
            if path.is_file() and path.stat().st_mtime > now - 5:  # saved just now: as if a little earlier
                os.utime(path, (now - 10, now - 10))


def build(project: Path) -> str:
    settle(project)
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml")])
    assert result.exit_code == 0, result.output + result.stderr
    return result.output + result.stderr


def differences(a: Path, b: Path) -> list[str]:
    """Files that differ, or are in one site only, as site-relative paths."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp, prefix: str) -> None:
        found.extend(prefix + n for n in cmp.left_only + cmp.right_only + cmp.funny_files)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(prefix + n for n in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(a, b, ignore=[]), "")
    return sorted(found)


def fresh_copy(project: Path, dest: Path) -> Path:
    """The same sources in a new folder, with no cache and no site."""
    for part in ("mkdocs.yml", "docs", "content", "overrides"):
        src = project / part
        if src.is_dir():
            shutil.copytree(src, dest / part)
        elif src.exists():
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / part)
    return dest


def kept_pages(project: Path) -> dict:
    with open(project / ".loa-cache" / memo.FOLDER / "page.pickle", "rb") as f:
        return pickle.load(f)


@pytest.fixture(scope="module")
def repo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's site, built once (which fills the cache and the ledger) and again."""
    project = copy_project(tmp_path_factory.mktemp("memo-repo"))
    build(project)
    build(project)  # the ledger written by the first build is an input of the second
    return project


def test_a_build_with_nothing_changed_reuses_every_page_and_matches_a_fresh_build(repo_copy, tmp_path):
    before = kept_pages(repo_copy)
    stamps = {p: p.stat().st_mtime_ns for p in (repo_copy / ".loa-cache" / memo.FOLDER).glob("*/*.bin")}
    assert len(before) >= 10 and len(stamps) >= len(before)
    build(repo_copy)
    assert kept_pages(repo_copy).keys() == before.keys()  # nothing made anew
    # Every kept page was read again (touched), none rewritten under a new name.
    assert {p for p in (repo_copy / ".loa-cache" / memo.FOLDER).glob("*/*.bin")} == set(stamps)
    fresh = fresh_copy(repo_copy, tmp_path / "fresh")
    build(fresh)
    assert differences(repo_copy / "site", fresh / "site") == []


def test_a_changed_body_renders_that_page_only_and_matches_a_fresh_build(repo_copy, tmp_path):
    project = fresh_copy(repo_copy, tmp_path / "edited")
    shutil.copytree(repo_copy / ".loa-cache", project / ".loa-cache")
    build(project)  # the copy's files are new to the cache: every key differs from repo_copy's
    before = kept_pages(project)
    target = project / "content" / "hoa-giai" / "hoa-giai-o-co-so-la-gi.md"
    target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + "\n\nMột câu mới để thử bộ nhớ.\n",
                      encoding="utf-8")
    build(project)
    after = kept_pages(project)
    assert len(after.keys() - before.keys()) == 1  # one page rendered again, the rest reused
    assert "Một câu mới để thử bộ nhớ." in (project / "site" / "bai-viet" / "hoa-giai-o-co-so-la-gi" /
                                             "index.html").read_text(encoding="utf-8")
    fresh = fresh_copy(project, tmp_path / "fresh")
    build(fresh)
    assert differences(project / "site", fresh / "site") == []


@pytest.mark.parametrize("change", ["registry", "config"])
def test_a_changed_registry_or_configuration_renders_every_page_again(repo_copy, tmp_path, change):
    project = fresh_copy(repo_copy, tmp_path / "edited")
    shutil.copytree(repo_copy / ".loa-cache", project / ".loa-cache")
    build(project)
    before = kept_pages(project)
    if change == "registry":
        path, old, new = project / "content" / "topics.yml", "name: Hòa giải", "name: Hòa giải ở cơ sở (đã sửa)"
    else:
        path, old, new = project / "mkdocs.yml", "site_name: ", "site_name: Sửa tên — "
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    build(project)
    assert not (kept_pages(project).keys() & before.keys())  # no page reused
    fresh = fresh_copy(project, tmp_path / "fresh")
    build(fresh)
    assert differences(project / "site", fresh / "site") == []


def test_a_kept_page_changed_in_the_cache_stops_the_build_with_a_vietnamese_message(repo_copy, tmp_path):
    project = fresh_copy(repo_copy, tmp_path / "tampered")
    build(project)
    build(project)
    kept = next((project / ".loa-cache" / memo.FOLDER).glob("*/*.bin"))
    kept.write_bytes(kept.read_bytes().replace(b"</body>", b"<script>alert(1)</script></body>"))
    site_before = sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*"))
    result = CliRunner().invoke(main, ["build", "--config", str(project / "mkdocs.yml")])
    assert result.exit_code != 0
    assert "lấy lại từ lần dựng trước đã bị sửa hoặc mất" in result.output + result.stderr
    assert "Traceback" not in result.output + result.stderr
    # The published site is the one before, untouched.
    assert sorted(p.relative_to(project / "site") for p in (project / "site").rglob("*")) == site_before
    assert b"alert(1)" not in b"".join(p.read_bytes() for p in (project / "site").rglob("*.html"))
    build(project)  # run again, as the message says: that page is rendered anew
    assert b"alert(1)" not in b"".join(p.read_bytes() for p in (project / "site").rglob("*.html"))
    fresh = fresh_copy(project, tmp_path / "fresh")
    build(fresh)
    assert differences(project / "site", fresh / "site") == []


def test_a_large_site_reuses_posts_and_scripts_made_in_the_second_process(make_site, tmp_path):
    files = {f"content/hoa-giai/bai-{i:03d}.md": explainer(f"Bài thử số {i}", date="2024-01-02")
             for i in range(PARALLEL_FROM)}
    site = make_site(files)
    build(site.root)
    build(site.root)
    folder = site.root / ".loa-cache" / memo.FOLDER
    tables = {kind: pickle.loads((folder / f"{kind}.pickle").read_bytes()) for kind in ("posts", "broadcast")}
    assert all(len(t) == PARALLEL_FROM for t in tables.values())
    build(site.root)
    for kind, table in tables.items():  # the same entries: reused, not made again
        assert pickle.loads((folder / f"{kind}.pickle").read_bytes()).keys() == table.keys()
    fresh = fresh_copy(site.root, tmp_path / "fresh")
    build(fresh)
    assert differences(site.root / "site", fresh / "site") == []


# The cache itself --------------------------------------------------------------

def test_a_damaged_table_is_a_miss_not_an_error(tmp_path):
    folder = tmp_path / memo.FOLDER
    folder.mkdir()
    (folder / "posts.pickle").write_bytes(b"\x80\x05not a pickle")
    kept = memo.Memo(tmp_path, "key")
    assert kept.get("posts", "abc") is None and kept.misses == 1
    kept.keep("posts", "abc", {"facebook": "bài"})
    kept.save()
    assert memo.Memo(tmp_path, "key").get("posts", "abc") == {"facebook": "bài"}


def test_entries_unused_for_a_day_are_removed_and_recent_ones_kept(tmp_path):
    kept = memo.Memo(tmp_path, "key")
    kept.keep_bytes("aa11", b"old")
    kept.keep_bytes("bb22", b"recent")
    old = tmp_path / memo.FOLDER / "aa" / "aa11.bin"
    day_ago = time.time() - memo.KEEP_SECONDS - 60
    os.utime(old, (day_ago, day_ago))
    memo.Memo(tmp_path, "key").prune()  # another build, which used neither
    assert not old.exists()
    assert (tmp_path / memo.FOLDER / "bb" / "bb22.bin").read_bytes() == b"recent"


def test_the_site_key_changes_with_any_input_but_an_explainers_body(make_site):
    import datetime as dt

    from loa.adapters.mkdocs_plugin import read_project
    from loa.build import pipeline

    site = make_site({"content/hoa-giai/bai-a.md": explainer("Bài A"),
                      "content/hoa-giai/bai-b.md": explainer("Bài B")})

    def key(today=dt.date(2026, 12, 2)) -> str:
        project, problems = read_project(site.config)
        assert project is not None, problems
        checked = pipeline.check(project, today)
        assert checked.ok, checked.problems
        try:
            return memo.site_key(checked.settings, checked.catalog, today, "vi", checked.build.stamps)
        finally:
            checked.close()

    first = key()
    assert key() == first
    body = site.root / "content" / "hoa-giai" / "bai-a.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nThêm một câu.\n", encoding="utf-8")
    assert key() == first  # the body is in the explainer's own key
    assert key(dt.date(2026, 12, 3)) != first  # statuses and review dates are as of today
    body.write_text(explainer("Bài A, tên mới"), encoding="utf-8")
    assert key() != first  # a title shows on other pages
    renamed = key()
    (site.root / "content" / "laws.yml").write_text(
        (site.root / "content" / "laws.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert key() != renamed


def test_stored_reads_give_the_same_problems_and_forget_another_version(make_site, monkeypatch):
    from loa.content import catalog

    site = make_site({"content/hoa-giai/bai-a.md": explainer("Bài A", audiences="[khong-co]")})
    cache = site.root / ".loa-cache"
    first = memo.StoredReads(cache)
    found = catalog.load(site.root, "content", first)
    first.save()
    assert any(p.is_error for p in found.problems)
    second = memo.StoredReads(cache)
    monkeypatch.setattr(catalog, "read_explainer", lambda *a, **k: pytest.fail("read again"))
    again = catalog.load(site.root, "content", second)
    assert [(p.code, p.line, p.message) for p in again.problems] == \
        [(p.code, p.line, p.message) for p in found.problems]
    monkeypatch.undo()
    monkeypatch.setattr(memo, "code_key", lambda: "another Loa")
    assert memo.StoredReads(cache)._entries == {}  # written by another version: not used


def test_a_build_right_after_a_file_was_saved_keeps_nothing(make_site):
    # Saved in the last seconds, a file may change again within the clock's
    # granularity without its time changing: what the build made is not kept.
    site = make_site({"content/hoa-giai/bai-a.md": explainer("Bài A")})
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])  # no settle()
    assert result.exit_code == 0, result.output + result.stderr
    assert not (site.root / ".loa-cache" / memo.FOLDER / "page.pickle").exists()
    build(site.root)  # the same files, settled: kept now
    assert len(kept_pages(site.root)) == 1


def test_the_search_index_is_made_again_only_when_a_text_changed(make_site, monkeypatch):
    from loa.outputs import search

    site = make_site({"content/hoa-giai/bai-a.md": explainer("Bài A"),
                      "content/hoa-giai/bai-b.md": explainer("Bài B")})
    build(site.root)
    index = {p.relative_to(site.root / "site"): p.read_bytes()
             for p in (site.root / "site" / "assets" / "loa" / "search").rglob("*") if p.is_file()}
    made: list[int] = []
    real = search.build_index
    monkeypatch.setattr(search, "build_index", lambda *a, **k: made.append(1) or real(*a, **k))
    build(site.root)
    assert made == []  # the same texts: the kept index
    assert {p.relative_to(site.root / "site"): p.read_bytes()
            for p in (site.root / "site" / "assets" / "loa" / "search").rglob("*") if p.is_file()} == index
    body = site.root / "content" / "hoa-giai" / "bai-b.md"
    body.write_text(body.read_text(encoding="utf-8") + "\nNgười làm chứng cũng được hỏi ý kiến.\n", encoding="utf-8")
    build(site.root)
    assert made == [1]


def test_the_kept_index_is_used_by_key_alone_and_a_missing_one_says_so(tmp_path):
    from loa.outputs import search
    from loa.build.writer import SiteWriter
    from loa.outputs.search_page import write_index

    docs = [search.SearchDoc("bai-viet/a/", "Hòa giải ở cơ sở", "Hai bên tự thương lượng.", (), "Hòa giải viên giúp.")]
    key = memo.latest_key(docs, ())
    assert key is not None and memo.latest_key(docs, ()) == key
    assert memo.latest_key([search.SearchDoc("bai-viet/a/", "Hòa giải", "", (), "")], ()) != key
    cache = tmp_path / "cache"
    assert write_index(None, SiteWriter(tmp_path / "one"), (), cache, key) is False  # nothing kept: send the texts
    assert write_index(docs, SiteWriter(tmp_path / "one"), (), cache, key) is True
    assert memo.has_latest(cache, "search", key)
    assert write_index(None, SiteWriter(tmp_path / "two"), (), cache, key) is True  # by the key alone
    assert differences(tmp_path / "one", tmp_path / "two") == []
    (cache / memo.FOLDER / "search.latest").unlink()  # gone after the key was read
    assert write_index(None, SiteWriter(tmp_path / "three"), (), cache, key) is False


def test_loa_check_reuses_what_a_build_read_and_writes_nothing(make_site):
    site = make_site({"content/hoa-giai/bai-a.md": explainer("Bài A")})
    checked = CliRunner().invoke(main, ["check", "--config", str(site.config)])
    assert checked.exit_code == 0, checked.stderr
    assert not (site.root / ".loa-cache").exists()
    build(site.root)
    reads = site.root / ".loa-cache" / memo.FOLDER / memo.StoredReads.FILENAME
    assert reads.is_file()
    before = reads.stat().st_mtime_ns
    checked = CliRunner().invoke(main, ["check", "--config", str(site.config)])
    assert checked.exit_code == 0, checked.stderr
    assert reads.stat().st_mtime_ns == before


def test_the_engine_key_follows_mkdocs_yml_and_the_code_of_its_hooks(make_site):
    from loa.adapters.config import read_config
    from loa.adapters.mkdocs_plugin import engine_key

    site = make_site({"hooks/mine.py": "def on_page_markdown(markdown, **kwargs):\n    return markdown\n"})
    site.config.write_text(site.config.read_text(encoding="utf-8") + "hooks:\n  - hooks/mine.py\n", encoding="utf-8")

    def key() -> str:
        config, problems = read_config(site.config)
        assert config is not None, problems
        return engine_key(config)

    first = key()
    assert key() == first  # no addresses, no times: the same configuration, the same key
    hook = site.root / "hooks" / "mine.py"
    hook.write_text(hook.read_text(encoding="utf-8").replace("return markdown", "return markdown + '!'"),
                    encoding="utf-8")
    assert key() != first
    changed = key()
    site.config.write_text(site.config.read_text(encoding="utf-8").replace("Loa thử", "Loa thử lại"), encoding="utf-8")
    assert key() != changed
