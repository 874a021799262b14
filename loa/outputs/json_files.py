"""The large JSON files a build writes (the JSON feeds, the posts' manifest),
as UTF-8 bytes.

`json.dumps(..., indent=n)` builds a list of every piece, joins it into one
str, and the caller then encodes that: at 4,242 explainers the 3.7 MB feed
peaked at 16.9 MB that way (a str of Vietnamese spends two bytes on every
character). Encoded piece by piece it peaks at 7.7 MB, for the same bytes.
"""
from __future__ import annotations

import io
import json
from typing import Any


def utf8(value: Any, indent: int) -> bytes:
    """The bytes of `json.dumps(value, ensure_ascii=False, indent=indent) + "\\n"`."""
    out = io.BytesIO()
    for piece in json.JSONEncoder(ensure_ascii=False, indent=indent).iterencode(value):
        out.write(piece.encode("utf-8"))
    out.write(b"\n")
    return out.getvalue()
