"""The Khmer search index: Khmer explainers -> one small script file.

Khmer has no spaces between words, so the Vietnamese index (search.py,
keyed on syllables) cannot hold it. Here the build splits text into words
with ICU's dictionary (loa.text.khmer.words); the browser splits a query
with `Intl.Segmenter`, the same ICU, and where that is missing, by the
longest words of this index's vocabulary (km-search.js).

The file `assets/loa/km/index.js` is one call `LoaKmSearch.add(data)`, a
<script> so that search also works from a folder (file://):

- `words`: the vocabulary, one string, words separated by spaces, sorted;
- `post`: for each word, "doc:weight doc:weight ..." (BM25, quantised 1..63);
- `docs`: [url, title, summary] per explainer.

Khmer explainers are few (one per Vietnamese explainer at most), so the whole
index is one file of a few kilobytes, loaded at the first search. Pure
Python; neither MkDocs nor click.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

from loa.text import khmer

INDEX = "assets/loa/km/index.js"
LEVELS = 63
TITLE_WEIGHT = 2  # title words count twice, as in the Vietnamese index
K1, B = 1.2, 0.75


@dataclass(frozen=True)
class KhmerDoc:
    url: str  # site-relative
    title: str
    summary: str
    text: str  # the page's plain text


def term_counts(doc: KhmerDoc) -> Counter:
    counts = Counter(khmer.words(doc.text) + khmer.words(doc.summary))
    for word in khmer.words(doc.title):
        counts[word] += TITLE_WEIGHT
    return counts


def build_index(docs: Sequence[KhmerDoc]) -> dict[str, str]:
    """{site-relative path: file content}."""
    counted = [term_counts(d) for d in docs]
    lengths = [sum(c.values()) for c in counted]
    average = (sum(lengths) / len(lengths)) if lengths else 1.0
    df = Counter(w for c in counted for w in c)
    n = len(docs)
    scores: dict[str, list[tuple[int, float]]] = {}
    for i, counts in enumerate(counted):
        norm = K1 * (1 - B + B * lengths[i] / average)
        for word, tf in counts.items():
            idf = math.log(1 + (n - df[word] + 0.5) / (df[word] + 0.5))
            scores.setdefault(word, []).append((i, idf * tf * (K1 + 1) / (tf + norm)))
    top = max((s for postings in scores.values() for _, s in postings), default=1.0) or 1.0
    vocabulary = sorted(scores)
    data = {
        "words": " ".join(vocabulary),
        "post": [" ".join(f"{i}:{max(1, round(s / top * LEVELS))}" for i, s in scores[w]) for w in vocabulary],
        "docs": [[d.url, d.title, d.summary] for d in docs],
    }
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return {INDEX: f"LoaKmSearch.add({body});\n"}
