"""The /ra-soat/ staff page: the review list of `loa review`, worst first,
grouped by kind, each item linking to its explainer or law page.

Kept out of search engines (noindex, like /chia-se/) and of the site's own
search index (which holds explainers only). The list is made once per build
by loa/content/review.py, the same call `loa review` makes.
"""
from __future__ import annotations

from loa.content import review
from loa.core import dates
from loa.outputs.base import Fragments, Output
from loa.plan.site import PlannedPage


class ReviewPage(Output):
    name = "review"

    def decorate(self, page: PlannedPage, fragments: Fragments) -> None:
        if page.kind != "review":
            return
        ctx = self.ctx
        items = review.items(ctx.catalog, ctx.settings, ctx.today, ctx.msgs,
                             review.law_lines(ctx.root, ctx.settings.content_dir))
        groups = [(kind, ctx.msgs(f"review.kind.{kind}"), [i for i in items if i.kind == kind])
                  for kind in review.KINDS]
        fragments.after.append(ctx.renderer.render("review-page.html", page=page, today=dates.vietnamese(ctx.today),
                                                   groups=[g for g in groups if g[2]]))
