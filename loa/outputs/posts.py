"""Explainer -> one ready-to-paste post per channel, and the files staff copy.

Facebook groups and Zalo group chats cannot be posted to by a program, so a
person pastes these texts by hand. This module owns their exact wording,
length and links, and nothing more: the HTML around them lives in share.py.
Everything here is deterministic: the same content gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Mapping, Sequence

from loa.build import atomic

from loa.content import links

from loa.core import urls
from loa.core.problems import problem
from loa.core.model import Channel, Explainer, Problem, Settings
from loa.i18n import SOURCE_LANGUAGE, Messages, messages
from loa.outputs import json_files
from loa.text.keypoints import key_points
from loa.text import khmer
from loa.text.plaintext import LinkResolver, sentences, to_plain

PREVIEW = 125  # characters a phone shows before "Xem thêm"
MANIFEST = "index.json"
_ELLIPSIS = "…"
# The words of posts come from the "posts" catalogue; callers that know the
# build's language pass its Messages, the rest get the source language.
_SOURCE = messages(SOURCE_LANGUAGE)
# Hashtags are ASCII: the one Vietnamese letter NFD does not take apart.
_ASCII = str.maketrans("đĐ", "dD")
_HASHTAG = re.compile(r"(?<![\w&])#\w+")
_SYNTAX = re.compile(r"\*\*|__|`|\]\(|^#{1,6}\s|<[A-Za-z/!][^>]*>"
                     r"|&(?:#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", re.MULTILINE)


def length(text: str) -> int:
    """A post's length as the limits count it: UTF-16 code units.

    Neither Facebook nor Zalo says how it counts (README, "Khmer", Posts);
    UTF-16 units are the largest of the plausible measures (a web composer's
    `.length`, what Buffer counts on most networks): the same as code points
    for Vietnamese and Khmer (every letter, sign and coeng is one unit, so
    ស្ត្រី is six), two for an emoji such as 📌, never fewer than grapheme
    clusters."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _head(text: str, room: int) -> str:
    """The longest start of `text` no longer than `room` by `length`."""
    used = 0
    for i, ch in enumerate(text):
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > room:
            return text[:i]
    return text


class PublishError(ValueError):
    """A publish request that cannot be met; the message is for staff."""


def explainer_url(settings: Settings, slug: str, lang: str = "vi") -> str:
    return urls.absolute(settings.site_url, urls.explainer(slug, lang))


def tracked_url(settings: Settings, slug: str, channel: str, lang: str = "vi") -> str:
    """The explainer's URL tagged so analytics can tell which group it came from."""
    return tagged(explainer_url(settings, slug, lang), channel)


def tagged(url: str, channel: str) -> str:
    """Any URL of the site with the channel's tags, before its #section."""
    page, hash_, fragment = url.partition("#")
    joiner = "&" if "?" in page else "?"
    return f"{page}{joiner}utm_source={channel}&utm_medium=social{hash_}{fragment}"


# A URL in a post's text, and the sentence's punctuation stuck to its end
# (Khmer ends a sentence with ។ or ៕ and puts no space before it).
_URL = re.compile(r"https?://[^\s]+?(?=[.,;:!?…។៕]*(?:\s|$))")
_STUCK = re.compile(r"(https?://\S*?)[.,;:!?…។៕]+$", re.MULTILINE)


def _tag_site_links(text: str, site_url: str, channel: str) -> str:
    """Links written in the text lead to the site like the post's own link,
    with the channel's tags; a full stop after a URL at the end of a line
    is dropped, since chat apps show it as part of the address ("…/.")."""
    def tag(match: re.Match) -> str:
        url = match.group(0)
        return tagged(url, channel) if url.startswith(site_url) and "utm_source=" not in url else url
    return _STUCK.sub(r"\1", _URL.sub(tag, text))


def hashtag(text: str, *, drop_small_words: bool = False, msgs: Messages = _SOURCE) -> str:
    """"Hòa giải cơ sở" -> "#HoaGiaiCoSo": ASCII, CamelCase, "" if nothing is left.

    Topic names read as phrases ("Hòa giải ở cơ sở"); hashtags read better
    without their little words (#HoaGiaiCoSo, as people already tag)."""
    if khmer.has_khmer(text):
        return _khmer_hashtag(text)
    words = unicodedata.normalize("NFC", text).split()
    if drop_small_words:
        small = set(msgs.get("posts.hashtag.small_words").split())
        words = [w for w in words if w.lower() not in small] or words
    text = " ".join(words).translate(_ASCII)
    plain = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    joined = "".join(w[:1].upper() + w[1:] for w in re.split(r"[^0-9A-Za-z]+", plain) if w)
    return "#" + joined if joined else ""


def _khmer_hashtag(text: str) -> str:
    """"ភាសា ខ្មែរ" -> "#ភាសាខ្មែរ": Khmer has no spaces between words, so a
    tag is its words run together, kept in Khmer (issue 11). Invisible
    separators (ZWSP, ZWNJ) and punctuation would end the tag early: dropped."""
    kept = "".join(c for c in khmer.clean(text) if c.isascii() and c.isalnum()
                   or khmer.has_khmer(c) and unicodedata.category(c)[0] in "LMN")
    return "#" + kept.lstrip("#") if kept else ""


def hashtags(explainer: Explainer, channel: Channel,
             topic_names: Mapping[str, str] | None = None, *, msgs: Messages = _SOURCE) -> list[str]:
    """The author's hashtags, else ones made from the topics' names."""
    if explainer.hashtags:
        candidates = [hashtag(h, msgs=msgs) for h in explainer.hashtags]
    else:
        names = (topic_names or {})
        candidates = [hashtag(names.get(t, t), drop_small_words=True, msgs=msgs) for t in explainer.topics]
    tags: list[str] = []
    for tag in candidates:
        if tag and tag.lower() not in (t.lower() for t in tags):
            tags.append(tag)
    return tags[:channel.hashtags]


@dataclass(frozen=True)
class LinkIndex:
    """Where every explainer lives; built once per run, not once per post."""

    by_path: Mapping[str, str]
    slugs: frozenset[str]
    # Khmer explainers live under km/ (issue 11): each page's address and language.
    by_page: Mapping[str, str] = field(default_factory=dict)  # "bai-viet/<slug>", "km/<name>" -> slug
    langs: Mapping[str, str] = field(default_factory=dict)  # slug -> language

    @classmethod
    def of(cls, explainers: Iterable[Explainer]) -> "LinkIndex":
        everyone = list(explainers)
        return cls({e.path: e.slug for e in everyone}, frozenset(e.slug for e in everyone),
                   {urls.page_of(e).rstrip("/"): e.slug for e in everyone}, {e.slug: e.lang for e in everyone})


def link_resolver(explainer: Explainer, explainers: Iterable[Explainer] | LinkIndex,
                  site_url: str) -> LinkResolver:
    """Resolves an explainer's links to other explainers to absolute URLs,
    since a pasted post has no page to be relative to. Accepts both the
    author's form ("../x/hoa-giai.md#muc") and the catalogue's rewritten
    form ("hoa-giai-la-gi.md#muc", named by slug)."""
    index = explainers if isinstance(explainers, LinkIndex) else LinkIndex.of(explainers)
    by_path, slugs = index.by_path, index.slugs

    def resolve(href: str) -> str | None:
        target, hash_, fragment = href.partition("#")
        if links.is_local_markdown(href):
            stem = posixpath.basename(target)[:-3]
            # As the author wrote it (beside the file), or as the catalogue
            # rewrote it, relative to the page (bai-viet/ or km/, issue 11).
            page = posixpath.normpath(posixpath.join(posixpath.dirname(urls.page_of(explainer).rstrip("/")),
                                                     target[:-3]))
            slug = (by_path.get(links.resolve(href, explainer.path)) or index.by_page.get(page)
                    or (stem if stem in slugs else None))
            if not slug:
                return None
            return urls.absolute(site_url, urls.explainer(slug, index.langs.get(slug, "vi"))) + hash_ + fragment
        if target.startswith("/") and not target.startswith("//"):
            return urls.absolute(site_url, href)  # a site-relative page link
        return None

    return resolve


@dataclass(frozen=True)
class _Draft:
    """The parts of a generated post, so it can be shortened part by part."""

    title: str
    summary: tuple[str, ...]  # sentences
    points: tuple[str, ...]
    hotline: str
    link: str
    tags: str
    emoji: bool
    msgs: Messages = _SOURCE

    def render(self) -> str:
        icon = (lambda e: e + " ") if self.emoji else (lambda e: "")
        points = [icon("📌") + self.msgs.get("posts.points")] + ["• " + p for p in self.points]
        contact = [icon("📞") + self.hotline if self.hotline else "",
                   icon("👉") + self.msgs.get("posts.read_more", link=self.link)]
        sections = [self.title, " ".join(self.summary),
                    "\n".join(points) if self.points else "",
                    "\n".join(line for line in contact if line), self.tags]
        return "\n\n".join(s for s in sections if s) + "\n"


def hotline_line(settings: Settings, msgs: Messages = _SOURCE) -> str:
    # A hotline setting with words in it is already a full line; a bare
    # number gets the organisation's name so readers know who answers.
    if not settings.hotline or re.search(r"[^\W\d_]", settings.hotline):
        return settings.hotline
    return msgs.get("posts.hotline", organisation=settings.organisation, hotline=settings.hotline)


def make_post(explainer: Explainer, settings: Settings, channel: Channel,
              resolve_link: LinkResolver | None = None, *,
              topic_names: Mapping[str, str] | None = None, msgs: Messages = _SOURCE) -> str:
    """The exact text to paste into `channel`: NFC, LF, one final newline.

    A post is in its explainer's language: a Khmer explainer's post takes
    the Khmer words, whatever language the caller works in (issue 11)."""
    if explainer.lang != msgs.lang:
        msgs = messages(explainer.lang)
    link = tracked_url(settings, explainer.slug, channel.name, explainer.lang)
    tags = " ".join(hashtags(explainer, channel, topic_names, msgs=msgs))
    override = dict(explainer.social).get(channel.name)
    if override is not None:
        return _finish_override(override, link, explainer_url(settings, explainer.slug, explainer.lang), tags)
    draft = _Draft(
        title=_one_line(explainer.title),
        summary=tuple(sentences(_tag_site_links(_one_line(explainer.summary, resolve_link),
                                                settings.site_url, channel.name))),
        points=tuple(_tag_site_links(p, settings.site_url, channel.name)
                     for p in key_points(explainer.body, channel.key_points, resolve_link)),
        hotline=hotline_line(settings, msgs), link=link, tags=tags, emoji=channel.emoji, msgs=msgs)
    return unicodedata.normalize("NFC", _fit(draft, channel.max_length))


def make_posts(explainer: Explainer, settings: Settings,
               resolve_link: LinkResolver | None = None, *,
               topic_names: Mapping[str, str] | None = None, msgs: Messages = _SOURCE) -> dict[str, str]:
    """Every configured channel's post, in configuration order."""
    return {ch.name: make_post(explainer, settings, ch, resolve_link, topic_names=topic_names, msgs=msgs)
            for ch in settings.channels}


def _one_line(markdown_text: str, resolve_link: LinkResolver | None = None) -> str:
    return " ".join(to_plain(markdown_text, resolve_link).split())


def _fit(draft: _Draft, limit: int) -> str:
    """The longest variant within `limit`: drop key points first, then summary
    sentences, then cut the summary at a word; link and hashtags always stay."""
    for candidate in _shorter(draft, limit):
        text = candidate.render()
        if length(text) <= limit:
            return text
    return text  # even the bare minimum is too long; check_posts reports it


def _shorter(draft: _Draft, limit: int):
    for n in range(len(draft.points), -1, -1):
        yield replace(draft, points=draft.points[:n])
    draft = replace(draft, points=())
    for n in range(len(draft.summary) - 1, 0, -1):
        yield replace(draft, summary=draft.summary[:n])
    first = draft.summary[:1]
    bare = replace(draft, summary=())
    room = limit - length(bare.render()) - 2  # the blank line before the summary
    if first and room > 0:
        yield replace(draft, summary=(_cut_words(first[0], room),))
    yield bare
    yield replace(bare, hotline="")


def _cut_words(text: str, room: int) -> str:
    if length(text) <= room:
        return text
    cut = _head(text, room - length(_ELLIPSIS) + 1).rsplit(" ", 1)[0].rstrip(" ,;:–-")
    return cut + _ELLIPSIS if " " in _head(text, room) else ""


def _finish_override(text: str, link: str, base: str, tags: str) -> str:
    """An author's own wording, kept as written, plus the tracked link and
    hashtags when missing, so every post still leads back to the site."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(l.rstrip() for l in text.split("\n"))).strip()
    text = re.sub(re.escape(base) + r"(?![?#\w])", lambda m: link, text)
    if base not in text:
        text += "\n\n" + link
    if tags and not _HASHTAG.search(text):
        text += "\n\n" + tags
    return text + "\n"


def check_posts(explainers: Iterable[Explainer], settings: Settings, *,
                topic_names: Mapping[str, str] | None = None,
                posts: Callable[[Explainer], Mapping[str, str]] | None = None,
                msgs: Messages = _SOURCE) -> list[Problem]:
    """Every problem with every post, so an author fixes them all at once.

    `posts`, when given, supplies the posts a build already made."""
    everyone = list(explainers)
    index = LinkIndex.of(everyone)  # once: a resolver per explainer would be quadratic
    problems: list[Problem] = []
    for e in everyone:
        end = _gist_end(e)
        if end > PREVIEW + 10:  # "about 125": a last short word may spill over
            problems.append(_problem(e, "LOA505", end=end, preview=PREVIEW))
        made = posts(e) if posts else make_posts(e, settings, link_resolver(e, index, settings.site_url),
                                                 topic_names=topic_names, msgs=msgs)
        for ch in settings.channels:
            problems += _check_post(e, settings, ch, made[ch.name], msgs)
    return problems


def channel_label(name: str, msgs: Messages = _SOURCE) -> str:
    """How staff see a channel's name: "Facebook", or the name as configured."""
    key = f"posts.channel.{name}"
    return msgs.get(key) if msgs.has(key) else name


def _check_post(e: Explainer, settings: Settings, ch: Channel, post: str,
                msgs: Messages = _SOURCE) -> list[Problem]:
    found = []
    label = channel_label(ch.name, msgs)
    own = ch.name in dict(e.social)
    if length(post) > ch.max_length:
        found.append(_problem(e, "LOA500" if own else "LOA501", channel=label, key=ch.name,
                              length=length(post), limit=ch.max_length))
    url = tracked_url(settings, e.slug, ch.name, e.lang)
    if url not in post:
        found.append(_problem(e, "LOA502", channel=label, url=url))
    syntax = _SYNTAX.search(post)
    if syntax:
        found.append(_problem(e, "LOA503", channel=label, symbol=syntax.group(0).strip()))
    count = len(_HASHTAG.findall(post))
    if count > ch.hashtags:
        found.append(_problem(e, "LOA504", channel=label, key=ch.name, count=count, limit=ch.hashtags))
    return found


def _gist_end(e: Explainer) -> int:
    """Where the summary's first sentence ends in a generated post."""
    first = (sentences(_one_line(e.summary)) or [""])[0]
    return length(_one_line(e.title)) + 2 + length(first)


# The front-matter field each problem is about, so the message points at its line.
_FIELD = {"LOA505": "summary", "LOA501": "title"}


def _problem(e: Explainer, code: str, **params: object) -> Problem:
    return problem(code, e.path, e.line_of(_FIELD.get(code, "social")), **params)




def publish(explainers: Iterable[Explainer], settings: Settings, out_dir: Path, *,
            since: dt.date | None = None, slug: str | None = None,
            channels: Sequence[str] | None = None,
            topic_names: Mapping[str, str] | None = None,
            posts: Callable[[Explainer], Mapping[str, str]] | None = None,
            write: Callable[[Path, bytes], None] = atomic.write_bytes,
            msgs: Messages = _SOURCE) -> dict:
    """Write social/<slug>/<channel>.txt and social/index.json under out_dir.

    `explainers` should be every published explainer, even when filtering,
    so links between them resolve. Drafts are never written. A filtered run
    updates the manifest in place instead of forgetting the other explainers.
    `posts`, when given, supplies posts already made for the site's share
    boxes, so a build makes each post once; `write` lets a build that swaps
    its whole folder into place skip per-file atomic writes.
    """
    everyone = [e for e in explainers if not e.draft]
    index = LinkIndex.of(everyone)
    chosen = _select(everyone, settings, since, slug, channels, msgs)
    entries = {}
    for e in chosen[0]:
        resolve = link_resolver(e, index, settings.site_url)
        files = {}
        for ch in chosen[1]:
            rel = posixpath.join(urls.SOCIAL_DIR, e.slug, f"{ch.name}.txt")
            post = posts(e)[ch.name] if posts else make_post(e, settings, ch, resolve,
                                                             topic_names=topic_names, msgs=msgs)
            write(Path(out_dir) / rel, post.encode("utf-8"))
            files[ch.name] = rel
        entries[e.slug] = _entry(e, settings, files)
    filtered = since is not None or slug is not None or channels is not None
    old = _read_manifest(Path(out_dir)) if filtered else {}
    manifest = _manifest(old, entries)
    write(Path(out_dir) / urls.SOCIAL_DIR / MANIFEST, json_files.utf8(manifest, indent=2))
    return manifest


def _select(everyone, settings, since, slug, channels, msgs: Messages):
    picked = [e for e in everyone
              if (slug is None or e.slug == slug) and (since is None or e.date >= since)]
    if slug is not None and not picked:
        raise PublishError(unknown_slug(slug, [e.slug for e in everyone], msgs))
    names = list(channels) if channels is not None else [ch.name for ch in settings.channels]
    try:
        return picked, [settings.channel(n) for n in names]
    except KeyError as err:
        known = ", ".join(ch.name for ch in settings.channels)
        raise PublishError(msgs.get("posts.error.no_channel", channel=err, known=known)) from None


def unknown_slug(slug: str, slugs: Iterable[str], msgs: Messages = _SOURCE) -> str:
    """What staff read when no published explainer has that name, with the
    closest name, as Loa's other suggestions do ("có phải ý bạn là …")."""
    text = msgs.get("posts.error.no_slug", slug=slug)
    close = difflib.get_close_matches(slug, sorted(set(slugs)), n=1, cutoff=0.5)
    if close:
        text += f"\n  {msgs.get('problems.hint')} {msgs.get('problems.suggest.did_you_mean', value=close[0])}"
    return text


def _entry(e: Explainer, settings: Settings, files: dict[str, str]) -> dict:
    return {"slug": e.slug, "title": e.title, "url": explainer_url(settings, e.slug, e.lang),
            "date": e.date.isoformat(), "channels": list(files), "files": files}


def _read_manifest(out_dir: Path) -> dict[str, dict]:
    """The previous manifest's entries whose files are all still there."""
    try:
        data = json.loads((out_dir / urls.SOCIAL_DIR / MANIFEST).read_text("utf-8"))
        return {entry["slug"]: entry for entry in data["explainers"]
                if all((out_dir / p).is_file() for p in entry["files"].values())}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}  # no usable manifest yet: this run starts it afresh


def _manifest(old: dict[str, dict], new: dict[str, dict]) -> dict:
    merged = dict(old)
    for s, entry in new.items():
        files = {**merged.get(s, {}).get("files", {}), **entry["files"]}
        merged[s] = {**entry, "channels": sorted(files), "files": dict(sorted(files.items()))}
    ordered = sorted(merged.values(), key=lambda x: (_neg(x["date"]), x["slug"]))
    return {"version": 1, "explainers": ordered}


def _neg(iso: str) -> int:
    return -dt.date.fromisoformat(iso).toordinal()  # newest first, like Catalog.published
