"""A Content-Security-Policy for every page: scripts only from the site.

Inline scripts are allowed by hash, computed from the finished page, so a
theme update that adds one keeps working and nothing else can run.
"""
from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.S | re.I)
_HEAD = re.compile(r"<head[^>]*>", re.I)

POLICY = ("default-src 'self'; script-src 'self'{hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'; frame-src 'none'")


def policy_for(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(m.group(1).encode("utf-8")).digest()).decode() + "'"
        for m in _INLINE_SCRIPT.finditer(html)
    })
    return POLICY.format(hashes="".join(" " + h for h in hashes))


def add_policy(html: str) -> str:
    """Insert the policy as the first element of <head>, before any script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return _HEAD.sub(lambda m: m.group(0) + meta, html, count=1)
