"""The build's second process (loa/build/workers.py) and the pages' parts
decorated ahead in a forked copy of the build: the same site, byte for byte,
whether the parts were made ahead or page by page.

A copy is only forked from a process with one thread, and a test run has
others (the served-site fixture's server), so each case runs in a fresh
interpreter, as `loa build` does.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import REPO, explainer
from loa.build.workers import PARALLEL_FROM


def fresh(code: str, *args: str) -> dict:
    """Run `code` in a new interpreter; it prints one JSON object."""
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_ahead_runs_in_a_forked_copy_and_returns_its_result() -> None:
    seen = fresh("""
        import json, os
        from loa.build.workers import Workers
        workers = Workers(True)
        job = workers.ahead(os.getpid)
        first, second = job.result(), job.result()
        workers.close()
        print(json.dumps({"me": os.getpid(), "first": first, "second": second}))
    """)
    assert seen["first"] != seen["me"]
    assert seen["first"] == seen["second"]  # asked twice, read once


def test_a_generator_in_the_copy_is_read_as_it_yields() -> None:
    seen = fresh("""
        import json, os
        from loa.build.workers import Workers
        def parts():
            yield os.getpid()
            yield "hai"
        def breaks():
            yield 1
            raise ValueError("hỏng giữa chừng")
        workers = Workers(True)
        job = workers.ahead(parts)
        got = [job.next(), job.next(), job.next(), job.next()]
        bad = workers.ahead(breaks)
        first = bad.next()
        try:
            bad.next()
            raised = ""
        except ValueError as exc:
            raised = str(exc)
        rest = workers.ahead(parts).result()
        workers.close()
        print(json.dumps({"me": os.getpid(), "got": got, "first": first, "raised": raised, "rest": rest}))
    """)
    (more, child), second, end, again = seen["got"]
    assert more and child != seen["me"]
    assert second == [True, "hai"] and end == again == [False, None]  # the end stays the end
    assert seen["first"] == [True, 1] and seen["raised"] == "hỏng giữa chừng"
    assert seen["rest"][1] == "hai"  # result() gives what was not read


def test_an_error_in_the_copy_is_raised_in_the_build() -> None:
    seen = fresh("""
        import json
        from loa.build.workers import Workers
        def fail():
            raise ValueError("hỏng")
        workers = Workers(True)
        try:
            workers.ahead(fail).result()
            raised = ""
        except ValueError as exc:
            raised = str(exc)
        workers.close()
        print(json.dumps({"raised": raised}))
    """)
    assert seen["raised"] == "hỏng"


def test_no_copy_while_another_thread_runs_or_without_a_pool() -> None:
    seen = fresh("""
        import json, os, threading
        from loa.build.workers import Workers
        alone = Workers(True)
        forked_alone = alone.ahead(os.getpid) is not None
        alone.close()
        stop = threading.Event()
        other = threading.Thread(target=stop.wait)
        other.start()
        crowded = Workers(True)
        forked_crowded = crowded.ahead(os.getpid) is not None
        stop.set(); other.join(); crowded.close()
        print(json.dumps({"alone": forked_alone, "crowded": forked_crowded,
                          "no_pool": Workers(False).ahead(os.getpid) is not None}))
    """)
    # A lock the other thread holds would stay locked forever in the copy.
    assert seen == {"alone": True, "crowded": False, "no_pool": False}


def test_closing_ends_a_copy_still_at_work() -> None:
    seen = fresh("""
        import json, threading
        from loa.build.workers import Workers
        workers = Workers(True)
        job = workers.ahead(lambda: threading.Event().wait(60))
        workers.close()
        print(json.dumps({"alive": job._proc.is_alive()}))
    """)
    assert seen == {"alive": False}


BUILD_BOTH_WAYS = """
    import json, sys
    from pathlib import Path
    from click.testing import CliRunner
    from loa.adapters.cli import main
    from loa.build import pipeline
    from loa.build.workers import Workers

    config, out = sys.argv[1], Path(sys.argv[2])
    started = []
    real = Workers.ahead
    def spy(self, fn):
        job = real(self, fn)
        started.append(job is not None)
        return job
    Workers.ahead = spy

    def build(name):
        result = CliRunner().invoke(main, ["build", "--config", config, "--site-dir", str(out / name)])
        assert result.exit_code == 0, result.output

    build("ahead")
    pipeline.PARALLEL_FROM = 10 ** 9  # the same site, page by page
    build("one")
    print(json.dumps({"started": started}))
"""


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _large_site(make_site):
    """A site just large enough for a second process and a forked copy."""
    return make_site({f"content/bai-{i:03d}.md": explainer(f"Hòa giải ở cơ sở, bài số {i}",
                                                            date=f"2023-03-{1 + i % 28:02d}")
                      for i in range(PARALLEL_FROM)})


def _pages(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.html"))}


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_large_site_is_the_same_with_parts_made_ahead(make_site, tmp_path: Path) -> None:
    site = _large_site(make_site)
    seen = fresh(BUILD_BOTH_WAYS, str(site.config), str(tmp_path))
    assert seen["started"] == [True, False]
    ahead, one = _pages(tmp_path / "ahead"), _pages(tmp_path / "one")
    assert len(ahead) > PARALLEL_FROM
    assert ahead == one
    # Every other file too: the search index and the share images are written
    # half by each process on a large site, all by one on a small one.
    everything = {name: _files(tmp_path / name) for name in ("ahead", "one")}
    assert len([f for f in everything["ahead"] if f.endswith("og.png")]) == PARALLEL_FROM + 1
    assert len([f for f in everything["ahead"] if f.startswith("assets/loa/search/")]) > PARALLEL_FROM
    assert everything["ahead"] == everything["one"]


COUNT_POSTS = """
    import json, os, sys
    from pathlib import Path
    from click.testing import CliRunner
    from loa.adapters.cli import main
    from loa.outputs import posts, social_posts

    config, out, log = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    real = posts.make_posts
    def counted(e, *args, **kwargs):
        with open(log / str(os.getpid()), "a", encoding="utf-8") as f:  # every process, forked ones too
            f.write(e.slug + "\\n")
        return real(e, *args, **kwargs)
    posts.make_posts = counted

    result = CliRunner().invoke(main, ["build", "--config", config, "--site-dir", str(out)])
    assert result.exit_code == 0, result.output
    made = {p.name: p.read_text(encoding="utf-8").split() for p in log.iterdir()}
    print(json.dumps({"made": made, "main": str(os.getpid())}))
"""


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_large_build_makes_each_post_once(make_site, tmp_path: Path) -> None:
    # The forked copy makes the posts its share boxes show and sends them
    # back; the second process makes none of them again.
    site = _large_site(make_site)
    (tmp_path / "log").mkdir()
    seen = fresh(COUNT_POSTS, str(site.config), str(tmp_path / "site"), str(tmp_path / "log"))
    slugs = [slug for made in seen["made"].values() for slug in made]
    assert len(slugs) == len(set(slugs)) == PARALLEL_FROM
    assert seen["main"] not in seen["made"]  # neither made in this process
    assert all(p.read_text(encoding="utf-8").strip() for p in (tmp_path / "site/social/bai-007").glob("*.txt"))
    assert list((tmp_path / "site/social/bai-007").glob("*.txt"))
