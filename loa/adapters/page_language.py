"""A page in another language than the site's (Khmer, issue 11), at MkDocs' level.

MkDocs and Material know one language per site (theme.language). For a page
planned in Khmer, the plugin calls `prepare()`: the overrides' words
(`loa_t`) and Material's own (`partials/language.html` asks `loa_theme`)
come from that language's catalogue, `<html lang>` says it, the sidebar is
Loa's Khmer navigation, and the Khmer stylesheet (and so the font) is
loaded. Vietnamese pages are left exactly as they were.
"""
from __future__ import annotations

from loa.core import urls
from loa.i18n import Messages, MissingMessage
from loa.outputs import khmer_font

THEME_PREFIX = "site.theme."


def theme_word(msgs: Messages, key: str) -> str:
    """Material's word `key` in a page's language: the catalogue's
    site.theme.<key>; "language" is the language code itself."""
    if key == "language":
        return msgs.lang
    if key == "direction":
        return "ltr"
    try:
        return msgs.raw(THEME_PREFIX + key)
    except MissingMessage:
        return ""  # Material then falls back: a missing word shows as its key, never as Vietnamese


def prepare(context: dict, meta: dict, planned, ctx) -> None:
    """Make the page's context and meta speak `planned.lang`."""
    msgs = ctx.msgs_for(planned.lang)
    context["loa_t"] = msgs.get
    meta["loa_lang"] = planned.lang
    meta["loa_site_name"] = msgs("site.khmer.site_name")
    meta["loa_styles"] = [khmer_font.CSS]
    meta["loa_search_action"] = urls.KHMER_SEARCH
    meta["loa_nav"] = ctx.renderer_for(planned.lang).render("km-nav.html", page=planned)
    if planned.translation is not None:
        meta["loa_hreflang"] = [(planned.translation.url, "vi")]
    # Only the feeds of the page's own language (feeds/<lang>/...): a
    # Vietnamese feed's title would put Vietnamese words in a Khmer head.
    meta["loa_alternates"] = [a for a in meta.get("loa_alternates") or ()
                              if f"/{planned.lang}/" in "/" + getattr(a, "href", "")]


def khmer_words(ctx):
    """The Khmer catalogue's words when the site has Khmer pages, else None."""
    return ctx.msgs_for(urls.KHMER).get if ctx.plan.khmer else None


def alternates(planned) -> list[tuple[str, str]]:
    """(url, hreflang) of a Vietnamese page's translation, for its <head>."""
    if planned is None or planned.translation is None:
        return []
    return [(planned.translation.url, "km")]
