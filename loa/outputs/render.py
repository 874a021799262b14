"""HTML fragments for the pages Loa generates. Every value is escaped here.

Links are relative to the page they appear on (`here`), so the site also
works when opened from a folder or a USB stick.
"""
from __future__ import annotations

from html import escape
from typing import Iterable, Sequence

from loa.core import dates

from loa.core import urls
from loa.core.model import Audience, Catalog, Explainer, Law, LawRef, Settings, Topic


def _a(here: str, to: str, text: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{escape(urls.relative(here, to))}"{attr}>{escape(text)}</a>'


def law_label(law: Law) -> str:
    return f"{law.title} số {law.number}"


def chips(here: str, catalog: Catalog, e: Explainer) -> str:
    audiences = [_a(here, urls.audience(a), catalog.audiences[a].name, "loa-chip") for a in e.audiences]
    topics = [_a(here, urls.topic(t), catalog.topics[t].name, "loa-chip loa-chip--topic") for t in e.topics]
    return (
        '<p class="loa-chips"><span class="loa-label">Dành cho:</span> ' + " ".join(audiences) + "</p>"
        '<p class="loa-chips"><span class="loa-label">Chủ đề:</span> ' + " ".join(topics) + "</p>"
    )


def explainer_header(here: str, catalog: Catalog, e: Explainer) -> str:
    published = f'<time datetime="{e.date.isoformat()}">{dates.vietnamese(e.date)}</time>'
    meta = f"Đăng ngày {published}"
    if e.reviewed:
        meta += (f' · Nội dung pháp luật rà soát ngày <time datetime="{e.reviewed.isoformat()}">'
                 f"{dates.vietnamese(e.reviewed)}</time>")
    return (
        f'<p class="loa-summary">{escape(e.summary)}</p>'
        f"{chips(here, catalog, e)}"
        f'<p class="loa-dates">{meta}</p>'
    )


def _articles(ref: LawRef) -> str:
    if not ref.articles:
        return ""
    label = "Điều " + ", ".join(str(a) for a in ref.articles)
    return f"{label} — "


def legal_bases(here: str, catalog: Catalog, e: Explainer) -> str:
    if not e.laws:
        return ""
    items = []
    for ref in e.laws:
        law = catalog.laws[ref.law_id]
        items.append(
            f"<li>{escape(_articles(ref))}{_a(here, urls.law(law.id), law_label(law))}"
            f", ban hành ngày {dates.vietnamese(law.issued)}</li>"
        )
    return ('<section class="loa-laws" aria-labelledby="can-cu"><h2 id="can-cu">Căn cứ pháp luật</h2>'
            f'<ul>{"".join(items)}</ul></section>')


def help_box(settings: Settings) -> str:
    lines = [f'<p><strong>Đường dây nóng:</strong> <a href="tel:{escape(_tel(settings.hotline))}">'
             f"{escape(settings.hotline)}</a> ({escape(settings.organisation)})</p>"]
    for c in settings.contacts:
        parts = [f"<strong>{escape(c.name)}</strong>"]
        if c.phone:
            parts.append(f'<a href="tel:{escape(_tel(c.phone))}">{escape(c.phone)}</a>')
        if c.email:
            parts.append(f'<a href="mailto:{escape(c.email)}">{escape(c.email)}</a>')
        if c.address:
            parts.append(escape(c.address))
        lines.append("<p>" + " · ".join(parts) + "</p>")
    return ('<aside class="loa-help" aria-labelledby="can-giup-do"><h2 id="can-giup-do">Cần giúp đỡ?</h2>'
            + "".join(lines) + "</aside>")


def _tel(phone: str) -> str:
    return "".join(ch for ch in phone if ch.isdigit() or ch == "+")


def explainer_list(here: str, catalog: Catalog, items: Iterable[Explainer], heading_level: int = 2) -> str:
    cards = []
    for e in items:
        names = ", ".join(catalog.audiences[a].name for a in e.audiences)
        cards.append(
            f'<li class="loa-card"><h{heading_level} class="loa-card__title">'
            f"{_a(here, urls.explainer(e.slug), e.title)}</h{heading_level}>"
            f'<p class="loa-card__summary">{escape(e.summary)}</p>'
            f'<p class="loa-card__meta">{escape(names)} · '
            f'<time datetime="{e.date.isoformat()}">{dates.vietnamese(e.date)}</time></p></li>'
        )
    if not cards:
        return '<p class="loa-empty">Chưa có bài nào.</p>'
    return f'<ul class="loa-cards">{"".join(cards)}</ul>'


def group_header(item: Audience | Topic) -> str:
    return f'<p class="loa-summary">{escape(item.description)}</p>' if item.description else ""


def law_header(here: str, catalog: Catalog, law: Law) -> str:
    rows = [("Số, ký hiệu", escape(law.number)),
            ("Ngày ban hành", dates.vietnamese(law.issued)),
            ("Ngày có hiệu lực", dates.vietnamese(law.effective))]
    if law.superseded_by:
        newer = catalog.laws[law.superseded_by]
        rows.append(("Tình trạng", "Đã được thay thế bởi " + _a(here, urls.law(newer.id), law_label(newer))))
    if law.url:
        rows.append(("Toàn văn", f'<a href="{escape(law.url)}" rel="noopener">{escape(law.url)}</a>'))
    body = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<dl class="loa-law">{body}</dl><h2>Các bài giải thích văn bản này</h2>'


def directory(here: str, entries: Sequence[tuple[str, str, str, int]]) -> str:
    """A list of (url, name, description, count) for the audience/topic/law indexes."""
    items = [
        f'<li class="loa-card"><h2 class="loa-card__title">{_a(here, url, name)}</h2>'
        f'<p class="loa-card__summary">{escape(desc)}</p>'
        f'<p class="loa-card__meta">{count} bài</p></li>'
        for url, name, desc, count in entries
    ]
    return f'<ul class="loa-cards">{"".join(items)}</ul>'


def redirect_page(here: str, target: str, canonical: str, title: str) -> str:
    """A page that works without JavaScript: meta refresh, a visible link, rel=canonical."""
    rel = escape(urls.relative(here, target))
    return (
        '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
        f'<title>{escape(title)}</title>'
        f'<meta http-equiv="refresh" content="0; url={rel}">'
        f'<link rel="canonical" href="{escape(canonical)}">'
        '<meta name="robots" content="noindex">'
        '<meta name="viewport" content="width=device-width,initial-scale=1"></head>'
        f'<body><p>Bài viết đã chuyển sang địa chỉ mới: <a href="{rel}">{escape(title)}</a></p></body></html>\n'
    )
