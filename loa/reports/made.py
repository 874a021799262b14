"""Leaflets and bookcase copies Loa made in a period, from the folders
`loa print` (to-roi/) and `loa bookcase` (tu-sach/) write into.

Loa knows the files it made, not how many sheets were printed or USB
sticks copied: the report counts files made in the period (by their
modification day) and leaves the printed copies to staff. A leaflet counts
only if the folder's marker lists it, so a PDF someone else put there is
never counted as Loa's.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from loa.outputs.leaflets import A4_SUFFIX, A5_SUFFIX
from loa.outputs.leaflets.folder import made_by_loa

LEAFLETS = "to-roi"  # loa print's default folder, beside mkdocs.yml
BOOKCASE = "tu-sach"  # loa bookcase's


@dataclass(frozen=True)
class Made:
    leaflets_a5: int = 0
    leaflets_a4: int = 0
    leaflet_explainers: int = 0
    bookcase_zip: int = 0
    bookcase_zim: int = 0
    found: bool = False  # either folder exists


def count(leaflets: Path, bookcase: Path, start: dt.date, end: dt.date) -> Made:
    def made_in_period(path: Path) -> bool:
        try:
            day = dt.date.fromtimestamp(path.stat().st_mtime)
        except OSError:
            return False
        return start <= day <= end

    names = [n for n in made_by_loa(leaflets) if made_in_period(leaflets / n)]
    a5 = [n for n in names if n.endswith(A5_SUFFIX)]
    a4 = [n for n in names if n.endswith(A4_SUFFIX)]
    slugs = {n[:-len(A5_SUFFIX)] for n in a5} | {n[:-len(A4_SUFFIX)] for n in a4}
    copies = [p for p in bookcase.iterdir() if p.is_file() and made_in_period(p)] if bookcase.is_dir() else []
    return Made(len(a5), len(a4), len(slugs), sum(p.suffix == ".zip" for p in copies),
                sum(p.suffix == ".zim" for p in copies), leaflets.is_dir() or bookcase.is_dir())
