"""What a live preview keeps between its rebuilds, and nothing more.

A preview rebuilds on every save. Re-reading thousands of explainers, and
re-making every post for the post checks, would make an author wait for
work whose inputs did not change; so a session keeps the explainers read
(by content digest) and the posts made (by the explainer's value and the
set of explainers its links can point at). Owned by `loa serve` (or by the
plugin instance under plain `mkdocs serve`), never by a global.
"""
from __future__ import annotations

from typing import Mapping

from loa.content.catalog import ReadCache


class PreviewSession:
    def __init__(self) -> None:
        self.reads = ReadCache()
        self.posts: dict[tuple, Mapping[str, str]] = {}
        self.post_problems: dict[tuple, list] = {}
        self.outdated: dict[tuple, list] = {}  # outdated-word warnings by explainer (content/outdated.py)
        self.built_once = False  # a first full build has written the whole site
        # Each explainer as its page was last written: a rebuild re-renders those
        # that differ. Not modification times: a save during a rebuild is older
        # than the page that rebuild writes, yet newer than what the page shows.
        self.rendered: dict[str, object] = {}
        self.rendered_pages: dict[str, tuple] = {}  # audience and topic pages as last written, by URL
        self.stamp: tuple = ()  # what, besides content/, the last full build was made from

    def keep_posts(self, made: dict[tuple, Mapping[str, str]], checked: dict[tuple, list]) -> None:
        # Only the current build's: deleted or edited explainers drop out.
        self.posts = made
        if checked:
            self.post_problems = checked
