"""The bookcase as one ZIP: the site's files at its top (no folder around
them, so "Extract All" gives one folder with index.html in it), the guide
page beside index.html.

Entries are sorted and dated with the day the bookcase was made, so the
same site gives the same archive that day. Images and fonts are stored as
they are: compressing them again only costs time. The archive is written
under a temporary name and renamed when complete, so an interrupted run
never leaves a half-written ZIP where a good one was.
"""
from __future__ import annotations

import datetime as dt
import os
import zipfile
from pathlib import Path
from typing import Iterable

from loa.bookcase.offline import SiteEntry

STORED = (".png", ".jpg", ".jpeg", ".webp", ".gif", ".woff", ".woff2", ".zip", ".pdf")


def write_zip(path: Path, files: Iterable[SiteEntry], made: dt.date) -> int:
    """Write the archive at `path`; returns its size in bytes."""
    temporary = path.with_name(f".{path.name}.tmp")
    stamp = (made.year, made.month, made.day, 0, 0, 0)
    try:
        with zipfile.ZipFile(temporary, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for entry in files:
                info = zipfile.ZipInfo(entry.path, stamp)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_STORED if entry.path.lower().endswith(STORED) \
                    else zipfile.ZIP_DEFLATED
                archive.writestr(info, entry.data)
        os.replace(temporary, path)
    finally:
        if temporary.exists():
            temporary.unlink()
    return path.stat().st_size
