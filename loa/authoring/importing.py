"""`loa import`: a Word file read by word.py made into an explainer beside
its images, and what is left to fill said as problems. Nothing more.

Images are saved next to the explainer as `<slug>-anh-<n>.<png|jpg|...>`
and linked by name, the way authors add images (loa/content/media.py), so
`loa check` and the build publish them as any other. They are written
first, and taken back if the explainer itself cannot be written.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from loa.authoring import citations, explainer_file, markdown
from loa.authoring.explainer_file import Draft
from loa.authoring.word import WordFile
from loa.core.model import Catalog, Problem
from loa.core.problems import problem
from loa.i18n import Messages
from loa.text.legacy import ENCODING_NAMES


def placeholder(number: int, kind: str) -> str:
    """What mammoth links an image to until its file's name is known."""
    return f"loa-image-{number}.{kind}"


@dataclass
class Made:
    written: bool
    problems: list[Problem] = field(default_factory=list)


def make(found: WordFile, html: str, title: str, had_title: bool, path: Path, rel: str, shown: str,
         catalog: Catalog, today: dt.date, audiences: tuple[str, ...], topics: tuple[str, ...],
         msgs: Messages) -> Made:
    body = markdown.to_markdown(html)
    images = {}
    for pic in found.pictures:
        if pic.usable:
            name = f"{path.stem}-anh-{pic.number}.{pic.kind}"
            images[name] = pic
            alt = pic.alt.replace("[", "(").replace("]", ")")
            body = body.replace(f"![]({placeholder(pic.number, pic.kind)})", f"![{alt}]({name})")
    suggested, unknown = citations.suggest(body, catalog.laws, today, msgs)
    draft = Draft(title, today, "", audiences, topics, tuple(f.ref for f in suggested), body)
    content, where = explainer_file.text(draft)
    written: list[Path] = []
    for name, pic in images.items():
        if not explainer_file.write_new(path.with_name(name), pic.data):
            _take_back(written)
            return Made(False, [problem("LOA491", str(Path(rel).with_name(name)), 1, msgs=msgs)])
        written.append(path.with_name(name))
    if not explainer_file.write_new(path, content):
        _take_back(written)
        return Made(False)
    return Made(True, _left_to_fill(content, where, rel, shown, had_title, suggested, unknown, found, images,
                                    catalog, msgs))


def _take_back(files: list[Path]) -> None:
    for f in files:
        f.unlink(missing_ok=True)


def _left_to_fill(content: str, where: dict[str, int], rel: str, shown: str, had_title: bool,
                  suggested: list[citations.Found], unknown: list[str], found: WordFile, images: dict,
                  catalog: Catalog, msgs: Messages) -> list[Problem]:
    lines = content.split("\n")

    def line_of(text: str) -> int:
        """The body line that is `text`, else the first that holds it."""
        body = [(i + 1, line) for i, line in enumerate(lines) if i + 1 > where["date"]]
        return next((n for n, line in body if line.strip() == text),
                    next((n for n, line in body if text in line), where["date"] + 2))

    said = []
    if not had_title:
        said.append(problem("LOA480", rel, where["title"], msgs=msgs))
    said.append(problem("LOA481", rel, where["summary"], msgs=msgs))
    if "[]" in lines[where["audiences"] - 1]:
        said.append(problem("LOA482", rel, where["audiences"], msgs=msgs, choices=", ".join(catalog.audiences)))
    if "[]" in lines[where["topics"] - 1]:
        said.append(problem("LOA483", rel, where["topics"], msgs=msgs, choices=", ".join(catalog.topics)))
    for f in suggested:
        said.append(problem("LOA484", rel, where["laws"], msgs=msgs, law=f.ref.law_id, cited=f.cited))
    for cited in unknown:
        said.append(problem("LOA485", rel, line_of(cited), msgs=msgs, cited=cited))
    for name, pic in images.items():
        if not pic.alt:
            said.append(problem("LOA486", rel, line_of(f"]({name})"), msgs=msgs, image=name))
    for pic in found.pictures:
        if not pic.usable:
            said.append(problem("LOA487", shown, 1, msgs=msgs, number=pic.number, kind=pic.kind))
    for repair in found.repairs:
        said.append(problem("LOA488", rel, line_of(repair.text), msgs=msgs, font=repair.font,
                            encoding=ENCODING_NAMES[repair.encoding], text=repair.text[:60]))
    return said
