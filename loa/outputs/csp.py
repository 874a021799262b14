"""The Content-Security-Policy of every page: scripts only from the site.

The policy is a constant. It is never computed from a finished page: a page
holds author text, so hashing the inline scripts found in it would allow a
script that slipped through. Loa's templates ship no inline script (Material's
inline ones are overridden in overrides/main.html and
overrides/partials/javascripts/), so 'self' is all script-src needs. Should
Loa ever need one, hash it from Loa's own template source here, never from
output.

There is no report-uri or report-to: a static site has no endpoint of its own
to receive reports, and sending readers' page addresses to a third party is
not acceptable. A blocked script still fires the browser's
`securitypolicyviolation` event, which the browser tests listen to.
"""
from __future__ import annotations

import re

_HEAD = re.compile(r"<head[^>]*>", re.I)

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'; frame-src 'none'")

META = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}">'
# What a web server sends as a header (deploy/nginx/loa-headers.conf): the
# same policy, and no page may be framed, which only a header can say.
HEADER = f"{POLICY}; frame-ancestors 'none'"


def add_policy(html: str) -> str:
    """Insert the policy as the first element of <head>, before any script."""
    return _HEAD.sub(lambda m: m.group(0) + META, html, count=1)
