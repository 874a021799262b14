"""`loa new` and `loa import`: a new explainer from a few questions, or from
a Word file. Thin commands over loa/authoring/: they read the project as
every command does, offer the registries' entries by number, and say what
is left to fill in `loa check`'s words (path:line, code, hint).

Neither ever replaces a file: an explainer already at that place, or one
with the same address anywhere, is LOA491 and nothing is written.
"""
from __future__ import annotations

import datetime as dt
import difflib
import sys
from pathlib import Path

import click

from loa.adapters import cli_common
from loa.adapters.mkdocs_plugin import read_project
from loa.authoring import explainer_file, importing, markdown, word
from loa.authoring.explainer_file import Draft
from loa.content.registries import os_reason
from loa.core.model import Catalog, LawRef, Problem
from loa.core.problems import problem

t = cli_common.t


def _project(config: Path, today: dt.date):
    from loa.build import pipeline

    project, problems = read_project(config.resolve())
    if project is None:
        cli_common.echo_problems(problems)
        sys.exit(1)
    found = pipeline.check(project, today, outputs=False)
    found.close()
    if found.settings is None or found.catalog is None:
        cli_common.echo_problems(found.problems)
        sys.exit(1)
    return project.root, found.settings.content_dir, found.catalog


def _choose(kind: str, entries: dict[str, str], given: tuple[str, ...], rel: str, optional: bool,
            problems: list[Problem]) -> tuple[str, ...]:
    """Ids given as options (checked), else asked for by number."""
    if given:
        for value in given:
            if value not in entries:
                close = difflib.get_close_matches(value, list(entries), n=1)
                hint = (t("authoring.did_you_mean", value=close[0]) if close
                        else t("authoring.choices", choices=", ".join(entries)))
                problems.append(problem("LOA492", rel, 1, msgs=t, kind=t(f"authoring.kind.{kind}"), value=value,
                                        suggestion=hint))
        return given
    if not entries:
        return ()
    ids = list(entries)
    click.echo(t(f"authoring.list.{kind}"), err=True)
    for i, key in enumerate(ids, 1):
        click.echo(f"  {i}. {entries[key]} ({key})", err=True)

    def numbers(text: str) -> tuple[str, ...]:
        parts = [p for p in text.replace(",", " ").split() if p]
        if not parts and optional:
            return ()
        try:
            picked = [ids[int(p) - 1] for p in parts if 0 < int(p) <= len(ids)]
        except ValueError:
            raise click.BadParameter(t("authoring.numbers", count=len(ids))) from None
        if len(picked) != len(parts) or not picked:
            raise click.BadParameter(t("authoring.numbers", count=len(ids)))
        return tuple(dict.fromkeys(picked))

    return click.prompt(t(f"authoring.ask.{kind}"), default="" if optional else None, show_default=False,
                        value_proc=numbers, err=True)


def _place(root: Path, content_dir: str, catalog: Catalog, title: str, slug: str | None,
           topics: tuple[str, ...], problems: list[Problem]) -> tuple[Path, str] | None:
    name = slug or explainer_file.slug_of(title)
    content = root / content_dir
    if not name:
        problems.append(problem("LOA493", content_dir, 1, msgs=t))
        return None
    path = explainer_file.folder_for(catalog, content, topics) / f"{name}.md"
    rel = path.relative_to(root).as_posix()
    same = next((e.path for e in catalog.explainers if e.slug == name), None)
    if path.exists() or same is not None:
        problems.append(problem("LOA491", rel if path.exists() else same, 1, msgs=t))
        return None
    return path, rel


def _finish(problems: list[Problem], rel: str | None, done: str = "authoring.written") -> None:
    problems.sort(key=lambda p: (p.path, p.line, p.code))
    cli_common.echo_problems(problems)
    if rel is None or any(p.is_error for p in problems):
        sys.exit(1)
    click.echo(t(done, path=rel), err=True)


@click.command("new", help=t("authoring.new.help"))
@click.option("--title", metavar=t("authoring.metavar.text"), help=t("authoring.new.title_help"))
@click.option("--summary", metavar=t("authoring.metavar.text"), help=t("authoring.new.summary_help"))
@click.option("--audience", "audiences", multiple=True, metavar=t("authoring.metavar.id"),
              help=t("authoring.new.audience_help"))
@click.option("--topic", "topics", multiple=True, metavar=t("authoring.metavar.id"), help=t("authoring.new.topic_help"))
@click.option("--law", "laws", multiple=True, metavar=t("authoring.metavar.id"), help=t("authoring.new.law_help"))
@click.option("--slug", metavar=t("cli.metavar.slug"), help=t("authoring.slug_help"))
@cli_common.config_option
def new(title, summary, audiences, topics, laws, slug, config: Path) -> None:
    today = dt.date.today()
    root, content_dir, catalog = _project(config, today)
    problems: list[Problem] = []
    asked = title is None  # given options, nothing more is asked: no --law means no law
    title = " ".join((title or click.prompt(t("authoring.ask.title"), err=True)).split())
    summary = " ".join((summary or click.prompt(t("authoring.ask.summary"), err=True)).split())
    audiences = _choose("audience", {k: a.name for k, a in catalog.audiences.items()}, audiences,
                        f"{content_dir}/audiences.yml", False, problems)
    topics = _choose("topic", {k: x.name for k, x in catalog.topics.items()}, topics,
                     f"{content_dir}/topics.yml", False, problems)
    if asked or laws:
        named = {k: t("site.law.label", title=x.title, number=x.number) for k, x in catalog.laws.items()}
        laws = _choose("law", named, laws, f"{content_dir}/laws.yml", True, problems)
    place = None if problems else _place(root, content_dir, catalog, title, slug, topics, problems)
    if place is None:
        _finish(problems, None)
    path, rel = place
    draft = Draft(title, today, summary, audiences, topics, tuple(LawRef(x) for x in laws),
                  body=f"## {title}\n\n{t('authoring.new.body')}\n")
    if not explainer_file.write_new(path, explainer_file.text(draft)[0]):
        problems.append(problem("LOA491", rel, 1, msgs=t))
    _finish(problems, rel, "authoring.new.written")


@click.command("import", help=t("authoring.import.help"))
@click.argument("docx_file", metavar=t("authoring.metavar.docx"), type=click.Path(path_type=Path))
@click.option("--audience", "audiences", multiple=True, metavar=t("authoring.metavar.id"),
              help=t("authoring.new.audience_help"))
@click.option("--topic", "topics", multiple=True, metavar=t("authoring.metavar.id"), help=t("authoring.new.topic_help"))
@click.option("--slug", metavar=t("cli.metavar.slug"), help=t("authoring.slug_help"))
@cli_common.config_option
def import_docx(docx_file: Path, audiences, topics, slug, config: Path) -> None:
    today = dt.date.today()
    root, content_dir, catalog = _project(config, today)
    problems: list[Problem] = []
    for kind, given, entries, name in (("audience", audiences, catalog.audiences, "audiences.yml"),
                                       ("topic", topics, catalog.topics, "topics.yml")):
        if given:
            _choose(kind, dict.fromkeys(entries, ""), given, f"{content_dir}/{name}", False, problems)
    shown = str(docx_file)
    try:
        found = word.read(docx_file.read_bytes(), importing.placeholder)
    except OSError as exc:
        problems.append(problem("LOA490", shown, 1, msgs=t, reason=os_reason(exc, t)))
        _finish(problems, None)
    except word.UnreadableDocument as exc:
        reason = t(f"authoring.unreadable.{exc.why}", size=f"{exc.size / 1e6:.0f} MB",
                   limit=f"{word.MAX_BYTES // 1_000_000} MB")
        problems.append(problem("LOA490", shown, 1, msgs=t, reason=reason))
        _finish(problems, None)
    title, rest = markdown.split_title(found.html)
    had_title = bool(title)
    title = title or " ".join(docx_file.stem.replace("-", " ").replace("_", " ").split())
    place = None if problems else _place(root, content_dir, catalog, title, slug, tuple(topics), problems)
    if place is None:
        _finish(problems, None)
    path, rel = place
    made = importing.make(found, rest, title, had_title, path, rel, shown, catalog, today,
                          tuple(audiences), tuple(topics), t)
    problems += made.problems
    if not made.written:
        problems.append(problem("LOA491", rel, 1, msgs=t))
    _finish(problems, rel)
