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
from loa.i18n import messages
from loa.outputs.base import Fragments, Output
from loa.outputs.broadcast import Broadcast, Script
from loa.outputs.social_posts import Posts
from loa.outputs.templating import Renderer
from loa.plan.site import PlannedPage

FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php?u="
STAFF_LATEST = 40
SCRIPT = "assets/loa/share.js"


@dataclass(frozen=True)
class StaffEntry:
    explainer: Explainer
    posts: Mapping[str, str]  # channel name -> exact post text
    url: str  # absolute page URL
    broadcast: Script | None = None  # the loudspeaker script (issue 15), none for Khmer explainers


def share_box_html(explainer: Explainer, posts: Mapping[str, str], page_url: str,
                   renderer: Renderer | None = None) -> str:
    """The "Chia sẻ" box: copy buttons for each channel's post and the link."""
    render = (renderer or Renderer(messages("vi"))).render
    return render("share-box.html", slug=explainer.slug, url=page_url, posts=posts,
                  sharer=FACEBOOK_SHARER + quote(page_url, safe=""))


def staff_page_html(entries, renderer: Renderer | None = None) -> str:
    """The /chia-se/ page body: newest explainers first, each post ready to copy."""
    ordered = sorted(entries, key=lambda x: (-x.explainer.date.toordinal(), x.explainer.slug))
    return (renderer or Renderer(messages("vi"))).render("staff-page.html", entries=ordered)


class Share(Output):
    name = "share"
    decorate_ahead = True

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        # Called once every page is read, so posts can be made meanwhile.
        posts = self.ctx.output(Posts)
        site_url = self.ctx.settings.site_url
        if page.explainer is not None and posts.allowed(page.explainer):  # no post, no share box
            fragments.after.append(share_box_html(page.explainer, posts.for_explainer(page.explainer),
                                                  urls.absolute(site_url, page.url), self.ctx.renderer_for(page.lang)))
            fragments.scripts.append(SCRIPT)
        elif page.kind == "staff":
            scripts = self.ctx.output(Broadcast)
            entries = [StaffEntry(e, posts.for_explainer(e), urls.absolute(site_url, urls.page_of(e)),
                                  scripts.for_explainer(e))
                       for e in posts.explainers[:STAFF_LATEST]]
            fragments.after.append(staff_page_html(entries, self.ctx.renderer))
            fragments.scripts.append(SCRIPT)
