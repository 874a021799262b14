"""The bookcase's own page (DOC-TRUOC.html, beside index.html): how to open
it, copy it by USB, read it on a phone and send it over Zalo.

Zalo's size limit for files is not given a number: Zalo publishes none we
could cite, and it has changed before, so the page says a large file may not
go through and what to do then.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from loa.core.model import Settings
from loa.outputs import csp
from loa.outputs.templating import Renderer


@dataclass(frozen=True)
class Names:
    """The bookcase's file names, as the guide tells people to look for them."""

    stem: str
    guide: str

    @property
    def zip(self) -> str:
        return self.stem + ".zip"

    @property
    def zim(self) -> str:
        return self.stem + ".zim"


def names(msgs, made: dt.date) -> Names:
    return Names(msgs("bookcase.file_name", date=made.isoformat()), msgs("bookcase.guide_file"))


def render(renderer: Renderer, settings: Settings, made: dt.date, count: int, files: Names) -> bytes:
    html = renderer.render("bookcase-guide.html", site_name=settings.site_name, organisation=settings.organisation,
                           site_url=settings.site_url, hotline=settings.hotline, theme_color=settings.theme_color,
                           made=made, count=count, zip_name=files.zip, zim_name=files.zim, guide_name=files.guide)
    return (csp.add_policy(str(html)) + "\n").encode("utf-8")
