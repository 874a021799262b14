"""The one way Loa turns data into HTML: Jinja templates with autoescaping.

Every fragment Loa adds to a page comes from `loa/templates/`. Autoescaping
is on and undefined names are errors, so author and registry text reaches a
page only escaped, and a typo in a template fails the build instead of
printing nothing. Words come from the message catalogue through `t()`.
"""
from __future__ import annotations

import datetime as dt

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from loa.core import dates, urls
from loa.i18n import Messages
from loa.text.phones import dialable, link_phones


def tel(phone: str) -> str:
    """The dialable form of a phone number as written ("0377.672.444")."""
    return dialable(phone)


class Renderer:
    """Renders Loa's templates in one language."""

    def __init__(self, msgs: Messages) -> None:
        self.msgs = msgs
        self._call_words: tuple[str, ...] | None = None
        env = Environment(loader=PackageLoader("loa", "templates"), autoescape=select_autoescape(default=True),
                          undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
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
