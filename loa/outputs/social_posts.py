"""Copy-ready posts: made once per build, shown in share boxes and on the
staff page, written to social/<slug>/<channel>.txt and social/index.json,
and checked (LOA50x) so that `loa check` refuses what a build would.

The wording of posts is `posts.py`'s; this module is their place in a build.
"""
from __future__ import annotations

import hashlib
from concurrent.futures import Future
from typing import Mapping, Sequence

from loa.content import review
from loa.core.model import Explainer, Problem, Settings
from loa.i18n import Messages, messages
from loa.outputs import posts
from loa.outputs.base import Output


def make_all(explainers: Sequence[Explainer], settings: Settings, topic_names: Mapping[str, str],
             everyone: Sequence[Explainer] | posts.LinkIndex | None = None,
             msgs: Messages | None = None) -> dict[str, Mapping[str, str]]:
    if isinstance(everyone, posts.LinkIndex):
        index = everyone
    else:
        index = posts.LinkIndex.of(everyone if everyone is not None else explainers)
    return {e.slug: posts.make_posts(e, settings, posts.link_resolver(e, index, settings.site_url),
                                     topic_names=topic_names, msgs=_words(e, msgs))
            for e in explainers}


def _words(e: Explainer, msgs: Messages | None) -> Messages:
    """A Khmer explainer's post is in Khmer words (issue 11), whatever the build's language."""
    build = msgs or messages()
    return build if e.lang == "vi" else messages(e.lang)


class Posts(Output):
    name = "posts"
    whole_site = True

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self.topic_names = {t.id: t.name for t in ctx.catalog.topics.values()}
        self._made: dict[str, Mapping[str, str]] = {}
        self._job: Future | None = None
        self._index: posts.LinkIndex | None = None  # once per build: per post it would be quadratic
        self._key: str | None = None
        self._kept: dict[tuple, Mapping[str, str]] = {}  # for the preview's next rebuild
        self._checked: dict[tuple, list[Problem]] = {}  # ... and what the post checks found
        self._chosen: tuple[Explainer, ...] | None = None
        self._chosen_slugs: frozenset[str] | None = None
        self._by_slug: dict[str, Explainer] | None = None
        self._took_ahead = False  # the posts the forked copy made (pipeline.py), once taken
        self._sent: set[str] = set()  # ... and, in that copy, those it has sent

    @property
    def explainers(self) -> tuple[Explainer, ...]:
        """The explainers that get posts: listed ones (never a withdrawn one)
        that rely on no repealed text without a note (loa/content/review.py)."""
        if self._chosen is None:
            laws, today = self.ctx.catalog.laws, self.ctx.today
            # Khmer explainers get posts too, in Khmer (issue 11).
            listed = self.ctx.plan.explainers + self.ctx.plan.khmer
            self._chosen = tuple(e for e in listed if not review.blocking(e, laws, today))
        return self._chosen

    def allowed(self, e: Explainer) -> bool:
        if self._chosen_slugs is None:
            self._chosen_slugs = frozenset(x.slug for x in self.explainers)
        return e.slug in self._chosen_slugs

    def _explainer(self, slug: str) -> Explainer | None:
        if self._by_slug is None:
            self._by_slug = {e.slug: e for e in self.explainers}
        return self._by_slug.get(slug)

    def _link_index(self) -> posts.LinkIndex:
        # Every page, so a post may link to an explainer that gets no post itself.
        return posts.LinkIndex.of(self.ctx.plan.with_pages)

    def problems(self) -> list[Problem]:
        live = self.explainers
        session = self.ctx.session
        if session is None:
            return posts.check_posts(live, self.ctx.settings, topic_names=self.topic_names,
                                     posts=self.for_explainer, msgs=self.ctx.msgs)
        # A preview checks again only the explainers whose posts may differ.
        if self._index is None:
            self._index = self._link_index()
        found: list[Problem] = []
        for e in live:
            key = (e, self.ctx.settings, self._index_key())
            checked = session.post_problems.get(key)
            if checked is None:
                checked = posts.check_posts([e], self.ctx.settings, topic_names=self.topic_names,
                                            posts=self.for_explainer, msgs=self.ctx.msgs)
            self._checked[key] = checked
            found += checked
        return found

    def start(self, site) -> None:
        memo = self.ctx.memo
        if memo is not None:  # posts an earlier build made from the same inputs (build/memo.py)
            for e in self.explainers:
                if e.slug not in self._made and (kept := memo.get(self.name, memo.of(self.name, e))) is not None:
                    self._made[e.slug] = kept
        # `loa check` has usually made every post already (the same Build).
        missing = [e for e in self.explainers if e.slug not in self._made]
        if self.ctx.ahead is not None:  # the forked copy makes these for its share boxes (take_ahead_state)
            missing = [e for e in missing if e.slug not in self.ctx.ahead.slugs]
        if self.ctx.workers.parallel and missing:
            self._job = self.ctx.workers.submit(make_all, missing, self.ctx.settings,
                                                self.topic_names, self.ctx.plan.with_pages, self.ctx.msgs)

    def for_explainer(self, e: Explainer) -> Mapping[str, str]:
        """Every channel's post for `e`, made once per build."""
        if self._job is not None:
            made = self._job.result()
            self._job = None
            self._made.update(made)
            self._keep_all()
            self._memorise(made)
        if e.slug not in self._made and self.ctx.ahead is not None and not self._took_ahead:
            self._took_ahead = True
            self.ctx.ahead.collect()  # may call take_ahead_state
        if e.slug not in self._made:
            if self._index is None:
                self._index = self._link_index()
            session = self.ctx.session
            key = (e, self.ctx.settings, self._index_key())
            kept = session.posts.get(key) if session is not None else None
            self._made[e.slug] = kept if kept is not None else make_all(
                [e], self.ctx.settings, self.topic_names, self._index, self.ctx.msgs)[e.slug]
            if session is not None:
                self._kept[key] = self._made[e.slug]
            self._memorise({e.slug: self._made[e.slug]})
        return self._made[e.slug]

    def _memorise(self, made: Mapping[str, Mapping[str, str]]) -> None:
        """Keep posts made now for the next build (build/memo.py)."""
        memo = self.ctx.memo
        if memo is None:
            return
        # By what was made, not by every explainer: the forked copy makes
        # posts one explainer at a time (a loop over all was quadratic).
        for slug, value in made.items():
            if (e := self._explainer(slug)) is not None:
                memo.keep(self.name, memo.of(self.name, e), value)

    def _keep_all(self) -> None:
        if self.ctx.session is None:
            return
        if self._index is None:
            self._index = self._link_index()
        for e in self.explainers:
            if e.slug in self._made:
                self._kept[(e, self.ctx.settings, self._index_key())] = self._made[e.slug]

    def _index_key(self) -> str:
        """Where every explainer lives, as one short digest: part of each
        post's key, so hashed once per build rather than once per post."""
        if self._key is None:
            pairs = "\n".join(f"{path}\t{slug}" for path, slug in sorted(self._index.by_path.items()))
            self._key = hashlib.blake2b(pairs.encode("utf-8"), digest_size=16).hexdigest()
        return self._key

    def ahead_state(self) -> dict[str, Mapping[str, str]] | None:
        # In the forked copy: the posts its share boxes and staff page
        # showed since it last sent some.
        new = {slug: posts for slug, posts in self._made.items() if slug not in self._sent}
        self._sent.update(new)
        return new or None

    def take_ahead_state(self, made: dict[str, Mapping[str, str]]) -> None:
        new = {slug: posts for slug, posts in made.items() if slug not in self._made}
        self._made.update(new)
        self._keep_all()
        self._memorise(new)

    def close(self) -> None:
        if self.ctx.session is not None and self._kept:
            self.ctx.session.keep_posts(self._kept, self._checked)

    def write(self, site) -> None:
        posts.publish(self.explainers, self.ctx.settings, site.root, topic_names=self.topic_names,
                      posts=self.for_explainer, write=site.write_at, msgs=self.ctx.msgs)
