"""HTML for the "Chia sẻ" box on each explainer and the /chia-se/ staff page.

The copy buttons copy the text of a <textarea>, whose `.value` is exactly the
post as written to social/<slug>/<channel>.txt: the browser's HTML parser
undoes html.escape, and a textarea keeps every newline. Newlines are written
as "&#10;" so the fragment is a single line and survives being embedded in
Markdown, where a blank line would end a raw HTML block.
share.js (loaded with script-src 'self') does the copying.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape
from typing import Iterable, Mapping
from urllib.parse import quote

from loa.core.model import Explainer

FACEBOOK_SHARER = "https://www.facebook.com/sharer/sharer.php?u="
_CHANNEL_LABELS = {"facebook": "Facebook", "zalo": "Zalo"}


@dataclass(frozen=True)
class StaffEntry:
    """One explainer on the staff page, with its posts and page URL."""

    explainer: Explainer
    posts: Mapping[str, str]  # channel name -> exact post text
    url: str  # absolute page URL


def _attr(value: str) -> str:
    return escape(value, quote=True).replace("\n", "&#10;")


def _label(channel: str) -> str:
    return _CHANNEL_LABELS.get(channel, channel.capitalize())


def _copy_source(element_id: str, text: str, *, visible: bool, label: str) -> str:
    # The leading newline is eaten by the HTML parser by design, so a post
    # that ever started with a newline would still copy byte for byte.
    hidden = "" if visible else " hidden"
    rows = min(max(text.count("\n") + 1, 4), 16)
    return (f'<textarea id="{_attr(element_id)}" class="loa-copy-source" readonly'
            f' rows="{rows}" aria-label="{_attr(label)}"{hidden}>'
            f"\n{_attr(text)}</textarea>")


def _copy_button(element_id: str, label: str) -> str:
    return (f'<button type="button" class="loa-copy-button" data-loa-copy="{_attr(element_id)}">'
            f"{escape(label)}</button>")


def _status() -> str:
    # One polite live region per group: screen readers hear "Đã sao chép".
    return '<p class="loa-copy-status" role="status" aria-live="polite"></p>'


def share_box_html(explainer: Explainer, posts: Mapping[str, str], page_url: str) -> str:
    """The "Chia sẻ" box for an explainer page: copy buttons for each post
    and the link, plus a plain Facebook share link (no SDK, no tracking)."""
    base = f"loa-share-{explainer.slug}"
    buttons, sources = [], []
    for channel, text in posts.items():
        element_id = f"{base}-{channel}"
        label = f"Sao chép bài cho {_label(channel)}"
        buttons.append(_copy_button(element_id, label))
        sources.append(_copy_source(element_id, text, visible=False, label=label))
    buttons.append(_copy_button(f"{base}-link", "Sao chép đường dẫn"))
    sources.append(_copy_source(f"{base}-link", page_url, visible=False, label="Đường dẫn bài viết"))
    sharer = FACEBOOK_SHARER + quote(page_url, safe="")
    buttons.append(f'<a class="loa-share-facebook" href="{_attr(sharer)}"'
                   ' target="_blank" rel="noopener noreferrer">Chia sẻ lên Facebook</a>')
    return ('<aside class="loa-share" aria-label="Chia sẻ" data-loa-copy-scope>'
            '<h2 class="loa-share-title">Chia sẻ</h2>'
            f'<div class="loa-share-actions">{"".join(buttons)}</div>'
            f"{_status()}{''.join(sources)}</aside>")


def _date_vi(day: dt.date) -> str:
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def _staff_item(entry: StaffEntry) -> str:
    e = entry.explainer
    parts = [f'<h2><a href="{_attr(entry.url)}">{escape(e.title)}</a></h2>',
             f'<p class="loa-staff-date">Ngày đăng: <time datetime="{e.date.isoformat()}">'
             f"{_date_vi(e.date)}</time></p>"]
    for channel, text in entry.posts.items():
        element_id = f"loa-staff-{e.slug}-{channel}"
        label = f"Bài cho {_label(channel)}"
        parts.append(f'<div class="loa-staff-post"><h3>{escape(label)}</h3>'
                     f"{_copy_source(element_id, text, visible=True, label=label)}"
                     f"{_copy_button(element_id, f'Sao chép bài cho {_label(channel)}')}</div>")
    parts.append(_status())
    return (f'<article class="loa-staff-item" id="{_attr(e.slug)}" data-loa-copy-scope>'
            f'{"".join(parts)}</article>')


def staff_page_html(entries: Iterable[StaffEntry]) -> str:
    """The /chia-se/ page body: newest explainers first, each post ready to copy."""
    ordered = sorted(entries, key=lambda x: (-x.explainer.date.toordinal(), x.explainer.slug))
    intro = ('<p class="loa-staff-intro">Trang dành cho cán bộ Hội. Bấm '
             "“Sao chép bài cho Facebook” hoặc “Sao chép bài cho Zalo”, "
             "rồi mở nhóm và dán vào ô viết bài. Bài mới nhất ở trên cùng.</p>")
    if not ordered:
        return f'<div class="loa-staff">{intro}<p>Chưa có bài viết nào.</p></div>'
    items = "".join(_staff_item(entry) for entry in ordered)
    return f'<div class="loa-staff">{intro}{items}</div>'
