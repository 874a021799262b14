"""Share images on a large build: the other process draws batches in order,
and this one takes back, from the end, the batches it has not begun. Every
image is drawn once, whoever draws it, and the site's own image too."""
from __future__ import annotations

from collections import Counter
from concurrent.futures import Future
from pathlib import Path
from types import SimpleNamespace

import pytest

from loa.build.writer import SiteWriter
from loa.core.model import Settings
from loa.outputs import images, share_images
from loa.outputs.share_images import BATCH, SITE_IMAGE, ShareImages

SETTINGS = Settings(site_url="https://phunu-soctrang.example/", site_name="Loa",
                    organisation="Hội LHPN tỉnh Sóc Trăng", hotline="0377.672.444",
                    contacts=(), content_dir="content", channels=(), theme_color="#8e2463")

pytestmark = pytest.mark.skipif(not images.FONT_BOLD.exists(),
                                reason="fonts-dejavu-core is not installed: run make setup")


class OtherProcess:
    """Stands in for loa.build.workers.Workers: the first `begun` jobs are
    taken (run at once, as the other process would have by then), the
    others wait and can be cancelled."""

    parallel = True

    def __init__(self, begun: int) -> None:
        self.begun = begun
        self.jobs: list[Future] = []
        self.ran = 0

    def submit(self, fn, *args) -> Future:
        job: Future = Future()
        if len(self.jobs) < self.begun:
            assert job.set_running_or_notify_cancel()
            job.set_result(fn(*args))
            self.ran += 1
        self.jobs.append(job)
        return job


def _build(tmp_path: Path, count: int, begun: int, monkeypatch):
    drawn: Counter = Counter()
    real = images.render_share_image

    def counting(title, *args, **kwargs):
        drawn[title] += 1
        return real(title, *args, **kwargs)

    monkeypatch.setattr(images, "render_share_image", counting)
    explainers = [SimpleNamespace(slug=f"bai-{i:03d}", title=f"Hòa giải ở cơ sở, bài số {i}", lang="vi")
                  for i in range(count)]
    workers = OtherProcess(begun)
    ctx = SimpleNamespace(workers=workers, settings=SETTINGS, cache_dir=tmp_path / "cache",
                          plan=SimpleNamespace(with_pages=explainers))
    site = SiteWriter(tmp_path / "site")
    output = ShareImages(ctx)
    output.start(site)
    output.pages_read()
    output.write(site)
    return explainers, workers, drawn


@pytest.mark.parametrize("begun", [0, 1, 3])
def test_every_image_is_drawn_once_whoever_draws_it(tmp_path, monkeypatch, begun):
    count = 3 * BATCH + 2  # four batches, the last one short
    explainers, workers, drawn = _build(tmp_path, count, begun, monkeypatch)
    assert len(workers.jobs) == 4
    assert workers.ran == begun
    # Cancelled, so drawn here: every batch the other process had not begun.
    assert [job.cancelled() for job in workers.jobs] == [i >= begun for i in range(4)]
    assert drawn == Counter({SETTINGS.site_name: 1, **{e.title: 1 for e in explainers}})
    site = tmp_path / "site"
    assert (site / SITE_IMAGE).read_bytes().startswith(b"\x89PNG")
    assert sorted(p.parent.name for p in (site / "social").glob("*/og.png")) == [e.slug for e in explainers]


def test_on_a_small_build_this_process_draws_everything(tmp_path, monkeypatch):
    drawn: Counter = Counter()
    real = share_images.draw_all
    monkeypatch.setattr(share_images, "draw_all", lambda batch, *a: (drawn.update(e.slug for e in batch),
                                                                     real(batch, *a)))
    explainers = [SimpleNamespace(slug=f"bai-{i}", title=f"Bài {i}", lang="vi") for i in range(3)]
    ctx = SimpleNamespace(workers=SimpleNamespace(parallel=False), settings=SETTINGS,
                          cache_dir=tmp_path / "cache", plan=SimpleNamespace(with_pages=explainers))
    site = SiteWriter(tmp_path / "site")
    output = ShareImages(ctx)
    output.start(site)
    output.pages_read()
    output.write(site)
    assert drawn == Counter({e.slug: 1 for e in explainers})
    assert len(list((tmp_path / "site" / "social").glob("*/og.png"))) == 3
