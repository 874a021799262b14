"""Loa's search index: explainers -> small script files the browser loads on demand.

Readers are on cheap phones over weak networks, and the site must also work
from a folder (file://), where fetch() is not allowed. So the index is a set
of small JavaScript files, each a single call `LoaSearch.add(name, data)`,
that the search page adds as <script> tags only for the words of a query:

- `core.js`: the folding table, the vocabulary of syllables and the sizes
  below. Loaded by the first search.
- `w/<i>.js`: the postings of the i-th syllable of the vocabulary.
- `b/<h>.js`: the postings of every syllable pair whose hash is h, modulo the
  number of pair files; pairs are too many for one file each.
- `m/<g>.js`: URL, title, summary and audiences of the explainers of group g
  (GROUP explainers each), loaded only for the results that are shown.

Terms are folded (see folding.py). A posting holds an explainer's number and
its BM25 weight for the term as a level 1..LEVELS of the term's best weight; the
term carries that best weight as an integer scale, so the browser adds
small integers (level x scale) and a rare term's levels are as fine as a
common one's. Only the best postings of a term are kept: a very common
syllable adds little to any score, and its full list would cost kilobytes.
The caps were set against an exact BM25 over the same terms on the shared
exam questions (tests/test_search_exact.py): cutting pairs to 200 postings
cost MRR@10 about 0.008, keeping 2,000 costs nothing measurable; keeping
more than 600 postings of a syllable did not help.
Each posting also says which accented spellings of the term the explainer
uses, so that a reader who types diacritics sees exact matches first.
A syllable's entry also lists the explainers whose title holds it, with its
share of that title, for title coverage (see TITLE_BOOST).

This module owns the index format "and nothing more": search.js is its only
reader. Pure Python; neither MkDocs nor click.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Sequence

from loa.core.model import ThesaurusEntry
from loa.text.folding import fold_table_json, words

FORMAT = 3
ROOT = "assets/loa/search/"
# The characters of the posting encoding: safe in a JS string and a URL.
DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
# Weights 1..LEVELS of the term's best, one DIGITS character. 31 levels
# would make a real question's index files 6% smaller compressed (10.1 KB
# median instead of 10.7, the second bench query 13.1 -> 12.8 KB with the
# page's headers) but the compact index then lost MRR@10 0.0057 to the
# exact BM25 on the exam questions typed without diacritics (margin 0.005).
LEVELS = 63
SCALE = 4096  # a term's best weight, in 1/SCALE of the index's best
WORD_POSTINGS = 600  # best postings kept per syllable
PAIR_POSTINGS = 2000  # ... and per syllable pair (pairs carry the meaning)
# Fewer postings for syllables in more than FREQUENT_SHARE of explainers
# would save bytes (a tenth and 200: 2.5 KB of 10.7 a real question) but
# lost five real questions of 154 against the exact BM25: off.
FREQUENT_SHARE, FREQUENT_POSTINGS = 1.0, WORD_POSTINGS
# Title words count four times: titles say what an explainer is about. Set
# on the real questions (tests/data/real-questions.jsonl; recall@5 0.636 with
# 1, 0.656 with 2, 0.675 with 4), checked not to hurt the exam questions.
TITLE_WEIGHT = 4
VARIANTS = 5  # accented spellings told apart per term; rarer ones share a bit
# Explainers per metadata file. One each: while a reader types, new
# results enter the top ten at every key, and a shared file would bring
# neighbours nobody asked for (measured: 36 KB typed vs 58 KB with eight).
GROUP = 1
# Pairs per file, about: a query loads every pair sharing a file with its
# own, and a few pairs hold thousands of postings. At 16 a pair file was 70%
# other pairs; at 4 a real question loads 10.7 KB of index instead of 15.3.
PAIRS_PER_FILE = 4
MAX_PAIR_FILES = 16384
MAX_WORD = 40  # longer "words" are codes or garbage, not worth indexing
# BM25. Tried on the real questions (recall@5 through the search page in
# Chromium on the 4,242-article bench site, as written / without
# diacritics): 1.2, 0.75 gives 0.779 / 0.779; 2.0, 0.5 gave 0.818 / 0.812
# and 1.6, 0.4 0.799 / 0.792 (exam 0.949 either way). Both were left off:
# the compact index then lost more to the exact BM25 than
# tests/test_search_exact.py allows (2.0, 0.5: 5 real questions of 154;
# 1.6, 0.4: exam MRR@10 0.0055 without diacritics, margin 0.005).
K1, B = 1.2, 0.75
# A syllable in more than this share of explainers (and in at least
# COMMON_MIN explainers) is "common": function words such as "của", "thì",
# "được". The browser skips their own postings when a query has other
# syllables; the pairs they form still count. At a tenth, content words
# readers use alone ("con", "tiền", "phạt") were skipped too and real
# questions lost recall@5 0.63 against 0.70 for the exact BM25; at 0.3 the
# first search of a real question costs 3.5 KB more (median).
COMMON_SHARE = 0.3
COMMON_MIN = 200
# Results scoring below this share of the best wait behind "Xem thêm". Set
# from the shared corpus: the largest share that hides no relevant result of
# the top ten, on the real questions (lowest 0.56) and the exam questions
# (0.75); half the time it shows 5 exam results of 10 instead of all ten.
STRONG = 0.5
# Weight of the terms the thesaurus adds (content/thesaurus.yml), against
# the reader's own words: they should help, never outrank what was typed.
ALSO = 0.5
# Title coverage. An explainer whose title the query's words cover is
# usually the answer: "thời hiệu khởi kiện thừa kế" asks for "Thời hiệu thừa
# kế", and "trộm cắp ... truy cứu trách nhiệm hình sự" for "Tội trộm cắp
# tài sản", which a long common phrase in other bodies outweighs. Each
# syllable's entry lists the explainers whose title holds it, with its share
# of the title's idf mass (uncommon syllables only, a trailing parenthesis
# such as "(Điều 173 Bộ luật Hình sự)" left out: it says where, not what);
# a score is raised by TITLE_BOOST times the share the query's own
# syllables cover. Set on the real questions, checked on the exam ones
# (see bench/RESULTS.md).
TITLE_BOOST = 0.3


@dataclass(frozen=True)
class SearchDoc:
    url: str  # site-relative page URL, e.g. "bai-viet/hoa-giai-la-gi/"
    title: str
    summary: str
    audiences: tuple[str, ...]  # display names, e.g. ("Phụ nữ nông thôn",)
    text: str  # the body as plain text
    # Whether its title counts for title coverage (see TITLE_BOOST): not for a
    # glossary entry, whose title is the word itself, which any query naming
    # it covers whole, while the explainer that uses the word answers better.
    title_counts: bool = True


# Where a term occurs: (explainer number, marks, occurrences), in explainer order.
Seen = list[tuple[int, str, int]]
_TRAILING_PARENTHESIS = re.compile(r"\s*\([^()]*\)\s*$")


def title_subject(title: str) -> str:
    """The title without a trailing parenthesis: "Tội trộm cắp tài sản
    (Điều 173 Bộ luật Hình sự 2015)" -> "Tội trộm cắp tài sản"."""
    subject = _TRAILING_PARENTHESIS.sub("", title)
    return subject if words(subject) else title


def fnv1a(text: str) -> int:
    """32-bit FNV-1a of the UTF-8 bytes; search.js computes the same."""
    h = 0x811C9DC5
    for byte in text.encode("utf-8"):
        h = ((h ^ byte) * 0x01000193) & 0xFFFFFFFF
    return h


def _occurrences(doc: SearchDoc) -> tuple[Counter, Counter]:
    """How often each (term, marks) occurs in the explainer, and how many
    syllables ("w") and pairs ("b") it has. Title words count TITLE_WEIGHT
    times. Pairs never span a skipped word or two fields, so the browser can
    form them the same way."""
    counts: Counter = Counter()
    length: Counter = Counter()
    for text, times in ((doc.title, TITLE_WEIGHT), (doc.summary, 1), (doc.text, 1)):
        ws = words(text)
        pairs = [(f1 + " " + f2, m1 + " " + m2) for (f1, m1), (f2, m2) in zip(ws, ws[1:])
                 if len(f1) <= MAX_WORD and len(f2) <= MAX_WORD]
        kept = [w for w in ws if len(w[0]) <= MAX_WORD]
        for _ in range(times):
            counts.update(kept)
            counts.update(pairs)
        length.update(w=len(kept) * times, b=len(pairs) * times)
    return counts, length


def _collect(docs: Sequence[SearchDoc]) -> tuple[dict[str, Seen], list[Counter]]:
    seen: dict[str, Seen] = defaultdict(list)
    lengths: list[Counter] = []  # per explainer: "w" syllables, "b" pairs
    for n, doc in enumerate(docs):
        counts, length = _occurrences(doc)
        lengths.append(length)
        for (folded, marks), count in counts.items():
            seen[folded].append((n, marks, count))
    return seen, lengths


def _idf(n: int, df: int) -> float:
    return math.log(1 + (n - df + 0.5) / (df + 0.5))


def common_terms(weights: dict[str, dict[int, float]], n: int) -> set[str]:
    """The common syllables (see COMMON_SHARE)."""
    limit = max(COMMON_SHARE * n, COMMON_MIN)
    return {t for t, ws in weights.items() if " " not in t and len(ws) > limit}


def title_shares(docs: Sequence[SearchDoc], weights: dict[str, dict[int, float]],
                 common: set[str]) -> dict[str, dict[int, float]]:
    """syllable -> {explainer: its share of the idf mass of the explainer's
    title subject}, over the uncommon syllables (see TITLE_BOOST)."""
    n = len(docs)
    shares: dict[str, dict[int, float]] = defaultdict(dict)
    for d, doc in enumerate(docs):
        if not doc.title_counts:
            continue
        held = {f for f, _ in words(title_subject(doc.title))
                if len(f) <= MAX_WORD and f not in common and f in weights}
        mass = {f: _idf(n, len(weights[f])) for f in held}
        total = sum(mass.values())
        for f, m in mass.items():
            shares[f][d] = m / total
    return shares


def _weights(seen: dict[str, Seen], lengths: list[Counter]) -> dict[str, dict[int, float]]:
    """BM25 weight of each term in each explainer that contains it."""
    n = len(lengths)
    average = {kind: sum(c[kind] for c in lengths) / max(n, 1) or 1.0 for kind in "wb"}
    weights = {}
    for term, where in seen.items():
        kind = "b" if " " in term else "w"
        tf: dict[int, int] = {}
        for d, _, count in where:
            tf[d] = tf.get(d, 0) + count
        idf = _idf(n, len(tf))
        weights[term] = {
            d: idf * f * (K1 + 1) / (f + K1 * (1 - B + B * lengths[d][kind] / average[kind])) for d, f in tf.items()
        }
    return weights


def _varint(n: int) -> str:
    """5 bits per character, low bits first; the upper half of DIGITS says
    that more characters follow."""
    out = []
    while n >= 32:
        out.append(DIGITS[32 + (n & 31)])
        n >>= 5
    out.append(DIGITS[n])
    return "".join(out)


def _encode_term(term: str, where: Seen, best: list[tuple[int, int]], scale: int,
                 titles: dict[int, float] | None = None) -> str:
    """'term|spellings|scale|postings|titles'. Spellings are the term's marks (see
    folding.py), most used first, at most VARIANTS; scale is a _varint. A posting is the gap to
    the previous explainer number, the weight and, when the term has several
    spellings, a bit set of those the explainer uses (bit VARIANTS: any rarer).
    Titles: the explainers whose title holds the syllable, each as the gap to
    the previous one and its share of the title (see title_shares) in
    1..LEVELS."""
    totals: dict[str, int] = {}
    for _, marks, count in where:
        totals[marks] = totals.get(marks, 0) + count
    spellings = sorted(totals, key=lambda m: (-totals[m], m))
    masks: dict[int, int] = {}
    if len(spellings) > 1:
        rank = {m: min(i, VARIANTS) for i, m in enumerate(spellings)}
        for d, marks, _ in where:
            masks[d] = masks.get(d, 0) | 1 << rank[marks]
    out, previous = [], -1
    for d, level in sorted(best):
        out.append(_varint(d - previous - 1) + DIGITS[level] + (DIGITS[masks[d]] if masks else ""))
        previous = d
    shares, previous = [], -1
    for d, share in sorted((titles or {}).items()):
        shares.append(_varint(d - previous - 1) + DIGITS[max(1, min(LEVELS, round(share * LEVELS)))])
        previous = d
    return f"{term}|{','.join(spellings[:VARIANTS])}|{_varint(scale)}|{''.join(out)}|{''.join(shares)}"


def _encoded_terms(docs: Sequence[SearchDoc]) -> tuple[dict[str, str], set[str]]:
    """Every term's encoded entry, and the common syllables."""
    seen, lengths = _collect(docs)
    weights = _weights(seen, lengths)
    common = common_terms(weights, len(docs))
    titles = title_shares(docs, weights, common)
    top = max((w for ws in weights.values() for w in ws.values()), default=1.0)
    encoded = {}
    for term, ws in weights.items():
        keep = PAIR_POSTINGS if " " in term else WORD_POSTINGS
        if " " not in term and len(ws) > FREQUENT_SHARE * len(docs):
            keep = FREQUENT_POSTINGS
        best = sorted(ws.items(), key=lambda x: (-x[1], x[0]))[:keep]
        most = best[0][1] if best else top
        scale = max(1, round(most / top * SCALE))
        levels = [(d, max(1, min(LEVELS, round(w / most * LEVELS)))) for d, w in best]
        encoded[term] = _encode_term(term, seen[term], levels, scale, titles.get(term))
    return encoded, common


def _script(name: str, data: object) -> bytes:
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # JSON allows these two raw in strings; JavaScript before ES2019 does not.
    payload = payload.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'LoaSearch.add("{name}",{payload});\n'.encode("utf-8")


def index_key(docs: Sequence[SearchDoc], thesaurus: Sequence[ThesaurusEntry] = ()) -> str:
    """Changes whenever the index may change: the search page gives it to
    search.js, which asks for core.js with it, so a cached core.js of another
    build is never used (the page cannot know core's own id: the index is
    made from the pages as rendered)."""
    digest = hashlib.sha256(f"{FORMAT} {LEVELS} {WORD_POSTINGS} {PAIR_POSTINGS} {TITLE_WEIGHT} {K1} {B} "
                            f"{COMMON_SHARE} {STRONG} {ALSO} {TITLE_BOOST}".encode())
    digest.update(json.dumps(thesaurus_rules(thesaurus), ensure_ascii=False).encode())
    for d in sorted(docs, key=lambda d: d.url):
        digest.update(json.dumps([d.url, d.title, d.summary, list(d.audiences), d.text, d.title_counts]).encode() + b"\0")
    return digest.hexdigest()[:12]


def pair_files(pair_count: int) -> int:
    """A power of two, so each pair file holds about PAIRS_PER_FILE pairs."""
    files = 1
    while files * PAIRS_PER_FILE < pair_count and files < MAX_PAIR_FILES:
        files *= 2
    return files


def _term_files(encoded: dict[str, str], vocabulary: list[str]) -> dict[str, bytes]:
    files = {f"w/{i}": _script(f"w/{i}", [encoded[word]]) for i, word in enumerate(vocabulary)}
    pairs = sorted(t for t in encoded if " " in t)
    shards = pair_files(len(pairs))
    by_shard: dict[int, list[str]] = defaultdict(list)
    for pair in pairs:
        by_shard[fnv1a(pair) % shards].append(encoded[pair])
    # Every shard, even an empty one: the browser asks for the shard of any
    # pair of known syllables, and a missing file would fail the search.
    for h in range(shards if pairs else 0):
        files[f"b/{h}"] = _script(f"b/{h}", by_shard.get(h, []))
    return files


def _meta_files(docs: Sequence[SearchDoc]) -> dict[str, bytes]:
    files = {}
    for g in range(0, len(docs), GROUP):
        meta = [[d.url, d.title, d.summary, list(d.audiences)] for d in docs[g:g + GROUP]]
        files[f"m/{g // GROUP}"] = _script(f"m/{g // GROUP}", meta)
    return files


def thesaurus_rules(entries: Sequence[ThesaurusEntry]) -> list[list]:
    """[reader's phrase folded, its marks, the words searched too] per
    phrase, longest phrases first (search.js matches the longest). The marks
    matter for a phrase of one syllable only: typed without diacritics,
    "luong" could be "lương" or "lượng", so only an exact spelling fires it."""
    rules = []
    for entry in entries:
        for phrase in entry.readers:
            ws = words(phrase)
            rules.append([" ".join(f for f, _ in ws), " ".join(m for _, m in ws), list(entry.words)])
    return sorted(rules, key=lambda r: (-r[0].count(" "), r[0], r[1]))


def build_index(docs: Sequence[SearchDoc], thesaurus: Sequence[ThesaurusEntry] = ()) -> dict[str, bytes]:
    """Files to write into the built site, keyed by site-relative path
    (e.g. "assets/loa/search/core.js"). Deterministic: the same explainers in
    any order give the same bytes."""
    docs = sorted(docs, key=lambda d: d.url)
    encoded, common = _encoded_terms(docs)
    vocabulary = sorted(t for t in encoded if " " not in t)
    files = _term_files(encoded, vocabulary) | _meta_files(docs)
    rules = thesaurus_rules(thesaurus)
    digest = hashlib.sha256(json.dumps(rules, ensure_ascii=False).encode())
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name])
    core = {
        # `id` changes with any file, so the browser can ask for this build's
        # files and never mix in stale ones from its cache.
        "format": FORMAT, "id": digest.hexdigest()[:12], "docs": len(docs), "group": GROUP,
        "pairFiles": pair_files(len(encoded) - len(vocabulary)), "digits": DIGITS,
        "variants": VARIANTS, "maxWord": MAX_WORD, "words": " ".join(vocabulary),
        "common": " ".join(sorted(common)), "strong": STRONG, "also": ALSO, "titleBoost": TITLE_BOOST, "levels": LEVELS,
        "thesaurus": rules,
        "fold": json.loads(fold_table_json()),
    }
    files["core"] = _script("core", core)
    return {f"{ROOT}{name}.js": content for name, content in sorted(files.items())}
