"""Making the bookcase from a site `loa build` wrote: the checks first (a
built site, newer than every source, every link opening a file), then the
ZIP and the ZIM. Nothing is written until every check has passed.

    problems(site, shown_site, sources) -> list[Problem]     before anything is read
    make(request) -> Made                                     raises Refused
"""
from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

from loa.bookcase import archive, guide, offline, zim
from loa.build.target import MARKER, is_loa_site
from loa.content import ledger
from loa.core import urls
from loa.core.model import Explainer, Problem, Settings
from loa.core.problems import problem
from loa.i18n import Messages
from loa.outputs.templating import Renderer
from loa.text import plaintext


class Refused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Request:
    site: Path  # the built site
    out: Path  # the folder the bookcase goes into
    settings: Settings
    explainers: Sequence[Explainer]  # published
    today: dt.date
    msgs: Messages


@dataclass
class Made:
    zip_path: Path
    zim_path: Path
    zip_size: int
    zim_size: int
    files: int
    seconds: dict[str, float] = field(default_factory=dict)  # per step, for the bench


def newest_source(sources: Sequence[Path]) -> tuple[Path, float] | None:
    """The most recently changed file among `sources` (files or folders),
    leaving out the ledger, which the build itself writes after the swap."""
    best: tuple[Path, float] | None = None
    for source in sources:
        paths = [source] if source.is_file() else [Path(d, n) for d, _, ns in os.walk(source) for n in ns]
        for path in paths:
            if path.name == ledger.FILENAME:
                continue
            mtime = path.stat().st_mtime
            if best is None or mtime > best[1]:
                best = (path, mtime)
    return best


def problems(site: Path, shown_site: str, sources: Sequence[Path], root: Path, msgs) -> list[Problem]:
    """A bookcase is made only from a site Loa built after the last change to its sources."""
    if not site.is_dir() or not is_loa_site(site) or not (site / "index.html").is_file():
        return [problem("LOA720", shown_site, msgs=msgs, site=shown_site)]
    marker = site / MARKER
    built = marker.stat().st_mtime if marker.is_file() else 0.0
    newest = newest_source(sources)
    if newest is not None and newest[1] > built:
        shown = os.path.relpath(newest[0], root) if newest[0].is_relative_to(root) else str(newest[0])
        return [problem("LOA721", shown, msgs=msgs, site=shown_site)]
    return []


def explainer_docs(explainers: Sequence[Explainer]) -> dict[str, zim.Doc]:
    return {urls.page_of(e) + "index.html": zim.Doc(e.title, f"{e.summary}\n{plaintext.to_plain(e.body)}")
            for e in explainers}


def make(request: Request) -> Made:
    msgs, settings = request.msgs, request.settings
    clock = time.perf_counter()
    names = guide.names(msgs, request.today)
    files = list(offline.entries(request.site, settings.site_url))
    page = guide.render(Renderer(msgs), settings, request.today, len(request.explainers), names)
    files.append(offline.SiteEntry(names.guide, page))
    seconds = {"rewrite": time.perf_counter() - clock}
    broken = offline.missing_targets({f.path: f.data for f in files})
    if broken:
        raise Refused([problem("LOA722", str(request.site / page_path), msgs=msgs, link=link)
                       for page_path, link in broken[:20]])
    try:
        request.out.mkdir(parents=True, exist_ok=True)
        clock = time.perf_counter()
        zip_path = request.out / names.zip
        zip_size = archive.write_zip(zip_path, files, request.today)
        seconds["zip"] = time.perf_counter() - clock
        clock = time.perf_counter()
        zim_path = request.out / names.zim
        meta = zim.Metadata(_zim_name(settings.site_url), settings.site_name, msgs("bookcase.zim.description"),
                            settings.organisation, request.today, settings.theme_color)
        zim_size = zim.write_zim(zim_path, files, explainer_docs(request.explainers), meta)
        seconds["zim"] = time.perf_counter() - clock
    except (OSError, RuntimeError) as exc:  # libzim reports a refused file as RuntimeError
        raise Refused([problem("LOA723", str(request.out), msgs=msgs, detail=str(exc) or type(exc).__name__)])
    return Made(zip_path, zim_path, zip_size, zim_size, len(files), seconds)


def _zim_name(site_url: str) -> str:
    """Kiwix's "Name": the same for every version of one site's bookcase."""
    host = site_url.split("//", 1)[-1].split("/", 1)[0] or "loa"
    return f"{host}_{zim.LANGUAGE[:2]}_all"
