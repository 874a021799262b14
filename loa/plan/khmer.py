"""The Khmer part of the site, as data: km/ (the Khmer explainers), km/<name>/,
km/tim-kiem/, and the links between an explainer and its translation.

Khmer pages carry `lang="km"`, so every output renders their words from the
Khmer catalogue. Audience and topic index pages stay Vietnamese (their names
come from Vietnamese registries), so a Khmer page links to none of them;
cited laws keep their official Vietnamese names, marked `lang="vi"`.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Iterable, Sequence

from loa.content import translations
from loa.core import urls
from loa.core.model import Catalog, Explainer
from loa.i18n import Messages, messages


def pages(catalog: Catalog, khmer: Sequence[Explainer], page_of_explainer, card_of) -> list:
    """The Khmer explainer pages, the Khmer home page and the Khmer search page."""
    from loa.plan.site import PlannedPage

    if not khmer:
        return []
    say = messages(urls.KHMER)
    out = [page_of_explainer(catalog, e) for e in khmer]
    out.append(PlannedPage(urls.KHMER_HOME, "km-home", say("site.khmer.home"), say("site.khmer.home.description"),
                           cards=card_of(khmer), cards_level=2, lang=urls.KHMER))
    out.append(PlannedPage(urls.KHMER_SEARCH, "km-search", say("site.page.search"),
                           say("site.page.search.description"), noindex=True, lang=urls.KHMER))
    return out


def link_translations(planned: Iterable, explainers: Iterable[Explainer], msgs: Messages) -> list:
    """Each explainer page with a link to its page in the other language;
    Khmer explainer pages (withdrawn ones too) without the Vietnamese
    audience and topic links."""
    from loa.plan.site import Link

    other = translations.pairs(explainers)
    out = []
    for page in planned:
        if page.explainer is not None and page.lang == urls.KHMER:
            page = replace(page, audiences=(), topics=())
        twin = other.get(page.explainer.slug) if page.explainer is not None else None
        if twin is not None:
            page = replace(page, translation=Link(urls.page_of(twin), msgs(f"site.language.{twin.lang}")))
        out.append(page)
    return out
