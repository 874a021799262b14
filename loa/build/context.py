"""What one build knows: the project, its settings, today, its language.

Created once per build by the pipeline and passed to every output; nothing
about a build lives in module or class globals.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

from jinja2 import BytecodeCache

from loa.core.model import Catalog, Settings
from loa.i18n import Messages
from loa.outputs.templating import Renderer
from loa.plan.site import SitePlan

if TYPE_CHECKING:
    from loa.build.memo import Memo
    from loa.build.session import PreviewSession
    from loa.build.workers import Workers
    from loa.outputs.base import Output

T = TypeVar("T", bound="Output")


@dataclass(frozen=True)
class AheadParts:
    slugs: frozenset[str]  # explainers whose pages the forked copy decorates
    collect: Callable[[], object]  # waits for it, and hands each output its ahead_state()
CACHE_DIR = ".loa-cache"


@dataclass
class BuildContext:
    root: Path  # the project folder (where mkdocs.yml is)
    settings: Settings
    catalog: Catalog
    plan: SitePlan
    today: dt.date
    msgs: Messages
    renderer: Renderer
    workers: "Workers"
    outputs: list["Output"] = field(default_factory=list)
    session: "PreviewSession | None" = None  # a live preview's memory between rebuilds
    memo: "Memo | None" = None  # what earlier builds made from the same inputs (memo.py), once started

    renderers: dict[str, Renderer] = field(default_factory=dict)  # per page language, made when first needed
    compiled: BytecodeCache | None = None  # the templates a build keeps compiled (templating.py), once started
    # While a forked copy decorates pages ahead (pipeline.py): which
    # explainers' pages it decorates, and how to wait for what it made.
    ahead: "AheadParts | None" = None

    def msgs_for(self, lang: str) -> Messages:
        """The words of a page in `lang` (Khmer pages: issue 11); the build's own otherwise."""
        return self.msgs if lang == self.msgs.lang else Messages(lang)

    def renderer_for(self, lang: str) -> Renderer:
        """Loa's templates in a page's language: outputs that render words on
        a page use this with `page.lang`, so Khmer pages are all Khmer."""
        if lang == self.msgs.lang:
            return self.renderer
        if lang not in self.renderers:
            self.renderers[lang] = Renderer(Messages(lang), self.compiled)
        return self.renderers[lang]

    @property
    def cache_dir(self) -> Path:
        return self.root / CACHE_DIR

    def output(self, kind: type[T]) -> T:
        """Another output of this build, for outputs that build on one another."""
        for out in self.outputs:
            if isinstance(out, kind):
                return out
        raise LookupError(kind.__name__)
