"""The 1200×630 share image of the site and of every explainer (drawing in
`images.py`), and which image each page's link preview shows."""
from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from loa.core import urls
from loa.core.model import Explainer, Settings
from loa.outputs import images, khmer_images
from loa.outputs.base import Fragments, Output
from loa.plan.site import PlannedPage

if TYPE_CHECKING:
    from loa.build.writer import SiteWriter

SITE_IMAGE = f"{urls.SOCIAL_DIR}/og.png"
# Images per job of the second process: about a tenth of a second to draw,
# small next to a build, large next to the cost of sending a job.
BATCH = 20


def draw_all(explainers: Sequence[Explainer], settings: Settings, site: SiteWriter, cache: Path,
             site_image: bool = True) -> None:
    """The images of `explainers`, and the site's own with `site_image`,
    from the cache when unchanged."""
    copy, write, site_root = site.copy_at, site.write_at, site.root
    if site_image:
        images.render_share_image(settings.site_name, settings, site_root / SITE_IMAGE, cache,
                                  write=write, copy=copy)
    for e in explainers:
        out = site_root / urls.SOCIAL_DIR / e.slug / "og.png"
        if e.lang == urls.KHMER:  # Khmer needs its font and complex shaping (issue 11)
            if khmer_images.can_shape() and khmer_images.FONT.is_file():  # else LOA807/LOA808 refuse
                khmer_images.render(e.title, settings, out, cache, copy=copy)
            continue
        images.render_share_image(e.title, settings, out, cache, write=write, copy=copy)


class ShareImages(Output):
    name = "share-images"
    whole_site = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._jobs: list[tuple[Future, Sequence[Explainer]]] = []
        self._site = None

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        fragments.image = (f"{urls.SOCIAL_DIR}/{page.explainer.slug}/og.png"
                           if page.explainer is not None else SITE_IMAGE)

    def start(self, site) -> None:
        self._site = site

    def pages_read(self) -> None:
        # On a large site the other process draws while this one renders
        # pages, a batch at a time, once it has made what the pages need
        # first (posts, then the search index, listed before this output);
        # once the pages are done this one takes back the batches not yet
        # begun (write). So the two share the drawing in proportion to the
        # time each has free.
        site = self._site
        if self.ctx.workers.parallel and site is not None and not self._jobs:
            explainers = self.ctx.plan.with_pages
            for i in range(0, len(explainers), BATCH):
                batch = explainers[i:i + BATCH]
                job = self.ctx.workers.submit(draw_all, batch, self.ctx.settings, site,
                                              self.ctx.cache_dir / "og", i == 0)
                self._jobs.append((job, batch))

    def write(self, site) -> None:
        cache = self.ctx.cache_dir / "og"
        if not self._jobs:
            draw_all(self.ctx.plan.with_pages, self.ctx.settings, site, cache)
            return
        # The other process takes batches in order, so the ones it has not
        # begun are the last: taken from the end, one at a time, until it
        # reaches one already begun.
        here = set()
        for job, batch in reversed(self._jobs):
            if not job.cancel():
                break
            draw_all(batch, self.ctx.settings, site, cache, job is self._jobs[0][0])
            here.add(job)
        for job, _ in self._jobs:
            if job not in here:
                job.result()
        self._jobs.clear()
