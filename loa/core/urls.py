"""Where each kind of page lives. URLs are site-relative, ASCII, end in "/".

Changing any of these breaks published links: the ledger (published-urls.txt)
will refuse the build, so treat them as permanent.
"""
from __future__ import annotations

EXPLAINERS = "bai-viet"
AUDIENCES = "doi-tuong"
TOPICS = "chu-de"
LAWS = "van-ban"
SEARCH = "tim-kiem/"
STAFF = "chia-se/"
SOCIAL_DIR = "social"


def explainer(slug: str) -> str:
    return f"{EXPLAINERS}/{slug}/"


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


def relative(from_url: str, to_url: str) -> str:
    """A relative link from one page URL to another; works from file:// too."""
    depth = from_url.count("/")
    return "../" * depth + to_url if (depth or to_url) else "./"
