"""The "Chia sẻ" box on each explainer page and the /chia-se/ staff page.

Both show the posts of `social_posts.Posts` with copy buttons (share.js).
Staff work the page down from the top, so it lists the newest explainers;
older posts stay in social/.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping
from urllib.parse import quote

from loa.core import urls
from loa.core.model import Explainer
from loa.outputs.base import Fragments, Output
from loa.outputs.social_posts import Posts
from loa.plan.site import PlannedPage

FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php?u="
STAFF_LATEST = 40
SCRIPT = "assets/loa/share.js"


@dataclass(frozen=True)
class StaffEntry:
    explainer: Explainer
    posts: Mapping[str, str]  # channel name -> exact post text
    url: str  # absolute page URL


class Share(Output):
    name = "share"

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        # Called once every page is read, so posts can be made meanwhile.
        posts = self.ctx.output(Posts)
        render = self.ctx.renderer.render
        site_url = self.ctx.settings.site_url
        if page.explainer is not None:
            url = urls.absolute(site_url, page.url)
            fragments.after.append(render("share-box.html", slug=page.explainer.slug, url=url,
                                          posts=posts.for_explainer(page.explainer),
                                          sharer=FACEBOOK_SHARER + quote(url, safe="")))
            fragments.scripts.append(SCRIPT)
        elif page.kind == "staff":
            entries = [StaffEntry(e, posts.for_explainer(e), urls.absolute(site_url, urls.explainer(e.slug)))
                       for e in self.ctx.plan.explainers[:STAFF_LATEST]]
            fragments.after.append(render("staff-page.html", entries=entries))
            fragments.scripts.append(SCRIPT)
