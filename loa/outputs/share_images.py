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


def draw_all(explainers: Sequence[Explainer], settings: Settings, site: SiteWriter, cache: Path,
             part: tuple[int, int] = (0, 1)) -> None:
    """Every image, from the cache when unchanged; with `part` (i, n) the
    i-th of n runs of them, so that two processes can share the drawing."""
    copy, site_root = site.copy_at, site.root
    i, n = part
    if i == 0:
        images.render_share_image(settings.site_name, settings, site_root / SITE_IMAGE, cache, copy=copy)
    for e in explainers[i * len(explainers) // n:(i + 1) * len(explainers) // n]:
        out = site_root / urls.SOCIAL_DIR / e.slug / "og.png"
        if e.lang == urls.KHMER:  # Khmer needs its font and complex shaping (issue 11)
            if khmer_images.can_shape() and khmer_images.FONT.is_file():  # else LOA807/LOA808 refuse
                khmer_images.render(e.title, settings, out, cache, copy=copy)
            continue
        images.render_share_image(e.title, settings, out, cache, copy=copy)


class ShareImages(Output):
    name = "share-images"
    whole_site = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._job: Future | None = None

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        fragments.image = (f"{urls.SOCIAL_DIR}/{page.explainer.slug}/og.png"
                           if page.explainer is not None else SITE_IMAGE)

    def start(self, site) -> None:
        # On a large site the other process draws the first half while this
        # one renders pages, and this one the second half once they are done.
        if self.ctx.workers.parallel:
            self._job = self.ctx.workers.submit(draw_all, self.ctx.plan.with_pages, self.ctx.settings,
                                                site, self.ctx.cache_dir / "og", (0, 2))

    def write(self, site) -> None:
        explainers, cache = self.ctx.plan.with_pages, self.ctx.cache_dir / "og"
        if self._job is None:
            draw_all(explainers, self.ctx.settings, site, cache)
        else:
            draw_all(explainers, self.ctx.settings, site, cache, (1, 2))
            self._job.result()
