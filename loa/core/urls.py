"""Where each kind of page lives. URLs are site-relative, ASCII, end in "/".

Changing any of these breaks published links: the ledger (published-urls.txt)
will refuse the build, so treat them as permanent.
"""
from __future__ import annotations

from urllib.parse import urlsplit

EXPLAINERS = "bai-viet"
AUDIENCES = "doi-tuong"
TOPICS = "chu-de"
LAWS = "van-ban"
SEARCH = "tim-kiem/"
STAFF = "chia-se/"
REVIEW = "ra-soat/"  # the staff's review list (loa/outputs/review_page.py)
GLOSSARY = "thuat-ngu/"  # every glossary term (loa/outputs/glossary.py, issue 15)
BROADCAST = "phat-thanh"  # loudspeaker scripts: phat-thanh/<slug>.txt (loa/outputs/broadcast.py)
SOCIAL_DIR = "social"


# Khmer pages (issue 11) have their own part of the site: km/ is the Khmer
# home page, km/<name>/ an explainer, km/tim-kiem/ the Khmer search. A Khmer
# file is named after the Vietnamese one it translates with ".km" before
# ".md"; its slug keeps the "-km" (slugs are unique across languages, for
# social/<slug>/), its address drops it: hoa-giai.km.md -> km/hoa-giai/.
KHMER = "km"
KHMER_SUFFIX = "-km"
KHMER_HOME = "km/"
KHMER_SEARCH = "km/tim-kiem/"


def explainer(slug: str, lang: str = "vi") -> str:
    if lang == KHMER:
        return f"{KHMER}/{slug.removesuffix(KHMER_SUFFIX) or slug}/"
    return f"{EXPLAINERS}/{slug}/"


def page_of(e) -> str:
    """The address of an explainer, in its language's part of the site."""
    return explainer(e.slug, e.lang)


def audience(audience_id: str) -> str:
    return f"{AUDIENCES}/{audience_id}/"


def topic(topic_id: str) -> str:
    return f"{TOPICS}/{topic_id}/"


def law(law_id: str) -> str:
    return f"{LAWS}/{law_id}/"


def src_uri(url: str) -> str:
    """The Markdown source path MkDocs needs to serve `url` as a page."""
    return url.rstrip("/") + ".md" if url else "index.md"


def absolute(site_url: str, url: str) -> str:
    return site_url.rstrip("/") + "/" + url.lstrip("/")


# Hosts no published site has: reserved for examples and documentation
# (RFC 2606, RFC 6761), or this machine itself.
_PLACEHOLDER_HOSTS = ("example", "example.com", "example.net", "example.org", "invalid", "localhost")


def is_placeholder(site_url: str) -> bool:
    """True while site_url is still an example or local address
    ("https://loa.phunu-soctrang.example/", "http://localhost:8000/")."""
    host = (urlsplit(site_url).hostname or "").lower().rstrip(".")
    if host in ("0.0.0.0", "::1") or host.startswith("127."):
        return True
    return any(host == h or host.endswith("." + h) for h in _PLACEHOLDER_HOSTS)


def relative(from_url: str, to_url: str) -> str:
    """A relative link from one page URL to another; works from file:// too."""
    depth = from_url.count("/")
    return "../" * depth + to_url if (depth or to_url) else "./"
