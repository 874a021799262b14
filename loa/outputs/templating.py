"""The one way Loa turns data into HTML: Jinja templates with autoescaping.

Every fragment Loa adds to a page comes from `loa/templates/`. Autoescaping
is on and undefined names are errors, so author and registry text reaches a
page only escaped, and a typo in a template fails the build instead of
printing nothing. Words come from the message catalogue through `t()`.
"""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, PackageLoader, StrictUndefined, \
    select_autoescape
from markupsafe import Markup, escape

from loa.core import dates, urls
from loa.i18n import Messages
from loa.text.phones import dialable, link_phones


def tel(phone: str) -> str:
    """The dialable form of a phone number as written ("0377.672.444")."""
    return dialable(phone)


class CompiledTemplates(FileSystemBytecodeCache):
    """Templates kept compiled in the build cache, so that the next build
    need not compile them again (Jinja checks each against its source).
    Used for Loa's templates and for the theme's, which MkDocs would
    otherwise compile on every build. Only a build keeps them (`keep`):
    `loa check` reads them and writes nothing. As it is a cache, a disk
    that refuses the write only means compiling again next time."""

    def __init__(self, cache_dir: Path, keep: bool) -> None:
        super().__init__(str(Path(cache_dir) / "templates"))
        self.keep = keep

    def get_bucket(self, environment: Environment, name: str, filename: str | None, source: str):
        # Jinja keys a compiled template by its name and source only; the
        # options that shape the code are added, so that two environments
        # (Loa's, the theme's) or a change of options never share one.
        return super().get_bucket(environment, f"{_options(environment, name)}\n{name}", filename, source)

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except OSError:
            pass

    def dump_bytecode(self, bucket) -> None:
        if not self.keep:
            return
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def _options(env: Environment, name: str) -> str:
    escape_html = env.autoescape(name) if callable(env.autoescape) else env.autoescape
    return repr((env.block_start_string, env.block_end_string, env.variable_start_string,
                 env.variable_end_string, env.comment_start_string, env.comment_end_string,
                 env.line_statement_prefix, env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks,
                 env.newline_sequence, env.keep_trailing_newline, sorted(env.extensions), env.optimized,
                 escape_html))


class Renderer:
    """Renders Loa's templates in one language; `compiled` (a
    CompiledTemplates) keeps them compiled between builds."""

    def __init__(self, msgs: Messages, compiled: BytecodeCache | None = None) -> None:
        self.msgs = msgs
        self._call_words: tuple[str, ...] | None = None
        env = Environment(loader=PackageLoader("loa", "templates"), autoescape=select_autoescape(default=True),
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          bytecode_cache=compiled)
        env.globals.update(t=msgs.get, rel=urls.relative, lang=msgs.lang)
        env.filters.update(date=self.date, tel=tel, phones=self.phones)
        # The shared macros, made once: an {% import %} in every fragment would
        # rebuild them for each of thousands of pages.
        env.globals.update(m=env.get_template("macros.html").module, copy=env.get_template("copy.html").module)
        self.env = env

    def date(self, day: dt.date) -> str:
        return dates.vietnamese(day, self.msgs)

    def phones(self, text: str) -> Markup:
        """Author text, escaped, with its phone numbers made tel: links."""
        if self._call_words is None:  # once: index pages call this for thousands of cards
            self._call_words = tuple(self.msgs.get("site.phones.call_words").splitlines())
        return Markup(link_phones(str(escape(text)), self._call_words))

    def render(self, name: str, /, **context: object) -> Markup:
        """The template's HTML, safe to place in a page as it is."""
        return Markup(self.env.get_template(name).render(**context).strip())
