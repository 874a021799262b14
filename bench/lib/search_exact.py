"""Search quality without a browser: the exact BM25 Loa's index approximates,
and a reader of the compact index that ranks as search.js does.

- `ExactBM25` scores with the unrounded weights of loa.outputs.search
  (the same syllables and pairs, title words counted the same way, every
  posting kept, no syllable skipped). It is the line the compact index must
  not fall below.
- `CompactIndex` reads the files `build_index` writes and ranks a query the
  way search.js does: the same terms, the same skipped common syllables, the
  same small-integer weights, the same ties. tests/test_search_exact.py checks
  it against the real search page in Chromium, so the figures here are the
  page's own.

Both rank article URLs; `evaluate` turns rankings into recall@5 and MRR@10.
"""
from __future__ import annotations

import json
import re
from typing import Callable, Iterable, Sequence

from loa.outputs import search
from loa.text.folding import words

INEXACT = 0.5  # search.js: a match spelled otherwise than a query typed with diacritics
MAX_WORDS = 64  # search.js: a pasted page must not load the whole index
_SCRIPT = re.compile(r'LoaSearch\.add\("([^"]+)",(.*)\);\n', re.S)


def _pairs(ws: list[tuple[str, str]], known: Callable[[str], bool]) -> list[tuple[str, str]]:
    return [(a[0] + " " + b[0], a[1] + " " + b[1]) for a, b in zip(ws, ws[1:]) if known(a[0]) and known(b[0])]


class ExactBM25:
    """BM25 over Loa's features with float weights and full postings."""

    def __init__(self, docs: Sequence[search.SearchDoc]) -> None:
        self.docs = sorted(docs, key=lambda d: d.url)
        seen, lengths = search._collect(self.docs)
        self.weights = search._weights(seen, lengths)
        self.titles = search.title_shares(self.docs, self.weights, search.common_terms(self.weights, len(self.docs)))
        self.title_boost = search.TITLE_BOOST

    def terms(self, query: str) -> list[str]:
        ws = [w for w in words(query)[:MAX_WORDS]]
        known = lambda f: len(f) <= search.MAX_WORD  # noqa: E731
        singles = [w[0] for w in ws if known(w[0])]
        return list(dict.fromkeys(singles + [p for p, _ in _pairs(ws, known)]))

    def rank(self, query: str, k: int = 10) -> list[str]:
        scores: dict[int, float] = {}
        cover: dict[int, float] = {}
        for term in self.terms(query):
            for d, w in self.weights.get(term, {}).items():
                scores[d] = scores.get(d, 0.0) + w
            for d, share in self.titles.get(term, {}).items():
                cover[d] = cover.get(d, 0.0) + share
        for d in cover.keys() & scores.keys():
            scores[d] *= 1 + self.title_boost * min(1.0, cover[d])
        best = sorted(scores, key=lambda d: (-scores[d], d))[:k]
        return [self.docs[d].url for d in best]


def loaded(files: dict[str, bytes]) -> dict[str, object]:
    """Index files by name ("core", "w/12", "b/3", ...) -> the data each registers."""
    out = {}
    for text in files.values():
        match = _SCRIPT.fullmatch(text.decode("utf-8"))
        if match:
            out[match.group(1)] = json.loads(match.group(2))
    return out


class CompactIndex:
    """search.js's ranking, read from the index files."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.data = loaded(files)
        core = self.data["core"]
        self.core = core
        self.vocabulary = {w: i for i, w in enumerate(core["words"].split(" ")) if w}
        self.common = set(core["common"].split(" "))
        self.value = {c: i for i, c in enumerate(core["digits"])}
        self.urls = [m[0] for g in range(-(-core["docs"] // core["group"])) for m in self.data[f"m/{g}"]]
        self._parsed: dict[str, tuple | None] = {}

    def query_terms(self, text: str) -> tuple[list[tuple[str, str, str, float]], bool]:
        ws = words(text)[:MAX_WORDS]
        known = lambda f: len(f) <= self.core["maxWord"] and f in self.vocabulary  # noqa: E731
        singles = [w for w in ws if known(w[0])]
        if any(w[0] not in self.common for w in singles):
            singles = [w for w in singles if w[0] not in self.common]
        terms = [(f, m, f"w/{self.vocabulary[f]}", 1.0) for f, m in singles]
        terms += [(p, m, f"b/{search.fnv1a(p) % self.core['pairFiles']}", 1.0) for p, m in _pairs(ws, known)]
        for phrase in self.expansions(ws):
            added = [w for w in words(phrase) if known(w[0])]
            terms += [(f, m, f"w/{self.vocabulary[f]}", self.core["also"]) for f, m in added
                      if f not in self.common]
            terms += [(p, m, f"b/{search.fnv1a(p) % self.core['pairFiles']}", self.core["also"])
                      for p, m in _pairs(added, known)]
        unique: dict[str, tuple] = {}
        for t in terms:  # a term the reader typed keeps its full weight
            if t[0] not in unique or t[3] > unique[t[0]][3]:
                unique[t[0]] = t
        return list(unique.values()), any(m for _, m in ws)

    def expansions(self, ws: list[tuple[str, str]]) -> list[str]:
        """The thesaurus's words for the readers' phrases in the query,
        longest phrases first, each query word used once (as search.js)."""
        used = [False] * len(ws)
        out = []
        for folded, marks, targets in self.core.get("thesaurus", []):
            fs, ms = folded.split(" "), marks.split(" ")
            for i in range(len(ws) - len(fs) + 1):
                span = ws[i:i + len(fs)]
                if any(used[i:i + len(fs)]) or [f for f, _ in span] != fs:
                    continue
                if len(fs) == 1 and span[0][1] != ms[0]:
                    continue  # one syllable fires only spelled exactly ("lương" is not "lượng")
                used[i:i + len(fs)] = [True] * len(fs)
                out += [t for t in targets if t not in out]
        return out

    def _decode(self, entry: str) -> tuple[list[str], list[tuple[int, int, int]], dict[int, int]]:
        _, spellings, scale, data, titles = entry.split("|", 4)
        spellings = spellings.split(",")
        unit = self._number(scale)
        postings, i, d = [], 0, -1
        while i < len(data):
            d, i = self._gap(data, i, d)
            mask = self.value[data[i + 1]] if len(spellings) > 1 else 1
            postings.append((d, self.value[data[i]] * unit, mask))
            i += 2 if len(spellings) > 1 else 1
        shares, i, d = {}, 0, -1
        while i < len(titles):
            d, i = self._gap(titles, i, d)
            shares[d] = self.value[titles[i]]
            i += 1
        return spellings, postings, shares

    def _gap(self, data: str, i: int, d: int) -> tuple[int, int]:
        """The explainer number after d, read at data[i], and where its varint ends."""
        gap, shift = 0, 0
        while self.value[data[i]] >= 32:
            gap += (self.value[data[i]] - 32) << shift
            shift, i = shift + 5, i + 1
        return d + gap + (self.value[data[i]] << shift) + 1, i + 1

    def _number(self, text: str) -> int:
        n, shift = 0, 0
        for ch in text:
            n += (self.value[ch] % 32) << shift
            shift += 5
        return n

    def postings(self, term: str, file: str):
        if term not in self._parsed:
            entry = next((e for e in self.data.get(file, []) if e.startswith(term + "|")), None)
            self._parsed[term] = self._decode(entry) if entry else None
        return self._parsed[term]

    def scores(self, text: str) -> dict[int, float]:
        terms, accented = self.query_terms(text)
        scores: dict[int, float] = {}
        cover: dict[int, int] = {}
        for term, marks, file, factor in terms:
            found = self.postings(term, file)
            if not found:
                continue
            spellings, postings, shares = found
            bit = spellings.index(marks) if marks in spellings else self.core["variants"]
            for d, weight, mask in postings:
                exact = not accented or ((mask >> bit) & 1 if len(spellings) > 1 else bit == 0)
                scores[d] = scores.get(d, 0) + (weight if exact else weight * INEXACT) * factor
            if factor == 1:  # the reader's own syllables
                for d, share in shares.items():
                    cover[d] = cover.get(d, 0) + share
        boost, levels = self.core["titleBoost"], self.core["levels"]
        for d in cover.keys() & scores.keys():
            scores[d] *= 1 + boost * min(levels, cover[d]) / levels
        return scores

    def rank(self, text: str, k: int = 10) -> list[str]:
        scores = self.scores(text)
        return [self.urls[d] for d in sorted(scores, key=lambda d: (-scores[d], d))[:k]]


def evaluate(rankings: Iterable[tuple[list[str], Iterable[str]]]) -> dict:
    """recall@5 (share of questions with a relevant result in the top five,
    as the search tests count it) and MRR@10."""
    hits = mrr = 0.0
    n = 0
    for ranked, relevant in rankings:
        relevant = set(relevant)
        n += 1
        hits += any(r in relevant for r in ranked[:5])
        mrr += next((1 / (k + 1) for k, r in enumerate(ranked[:10]) if r in relevant), 0.0)
    return {"recall@5": round(hits / max(n, 1), 4), "mrr@10": round(mrr / max(n, 1), 4), "questions": n}


def reference(articles: list[dict], sets: dict[str, list[dict]]) -> dict:
    """The exact BM25 over Loa's features on the bench's explainers (titles
    and summaries clipped as bench/lib/corpus.py writes them), per question
    set, as written and without diacritics."""
    import corpus

    docs = [search.SearchDoc(f"bai-viet/{a['id']}/", corpus.clip(a["title"], corpus.TITLE_MAX),
                             corpus.clip(a["summary"] or a["title"], corpus.SUMMARY_MAX), (), a["body"])
            for a in articles]
    exact = ExactBM25(docs)
    out = {}
    for name, questions in sets.items():
        out[name] = {form: evaluate((exact.rank(q[key]), [f"bai-viet/{i}/" for i in q["relevant_ids"]])
                                    for q in questions)
                     for form, key in (("as_written", "query"), ("ascii", "query_ascii"))}
    return out
