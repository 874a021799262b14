"""results.json -> the target verdicts and bench/RESULTS.md."""
from __future__ import annotations

from typing import Any, Callable

import leaflets

import bookcase

KB = 1024
LH = ("performance", "accessibility", "best-practices", "seo")


def get(data: Any, path: str) -> Any:
    """data["a"]["b"]... for "a.b...", or None when any step is missing."""
    for key in path.split("."):
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _row(figure: str, target: str, loa: Any, met: bool | None, stock: Any = None, floor: Any = None,
         note: str = "") -> dict:
    return {"figure": figure, "target": target, "loa": loa, "stock": stock, "floor": floor,
            "met": met, "note": note}


def _check(value: Any, test: Callable[[Any], bool]) -> bool | None:
    return None if value is None else bool(test(value))


def _kb(n: Any) -> str | None:
    return None if n is None else f"{n / KB:.1f} KB"


def _build_rows(r: dict) -> list[dict]:
    s, at = r["build_summary"], r["build_summary"]["ratio_loa_stock_at"]
    b = r["build"].get(str(at), {})
    ratio, growth = s["ratio_loa_stock"], s["per_explainer_growth_4242_over_1000"]
    return [
        _row(f"full build at {at:,}, ratio Loa / stock", "≤ 1.2", ratio, _check(ratio, lambda v: v <= 1.2),
             _tool(b, "stock"), _tool(b, "floor"), f"Loa {_tool(b, 'loa')}"),
        _row("time per explainer at 4,242 ÷ at 1,000", "≤ 1.2", growth, _check(growth, lambda v: v <= 1.2),
             _growth(r, "stock"), _growth(r, "floor"),
             f"Loa {get(r, 'build.1000.loa.ms_per_explainer')} → {get(r, 'build.4242.loa.ms_per_explainer')} ms"
             if growth is not None else "needs N = 1,000 and 4,242 (not in --quick)"),
    ]


def _tool(b: dict, tool: str) -> str | None:
    return f"{b[tool]['seconds']} s, {b[tool]['peak_mb']} MB" if tool in b else None


def _growth(r: dict, tool: str) -> float | None:
    a, b = get(r, f"build.4242.{tool}.ms_per_explainer"), get(r, f"build.1000.{tool}.ms_per_explainer")
    return round(a / b, 3) if a and b else None


def _page_rows(r: dict) -> list[dict]:
    loop = get(r, "author_loop.seconds")
    e, se = get(r, "page_weight.explainer") or {}, get(r, "page_weight_stock.explainer") or {}
    weight = e.get("transfer_bytes")
    ok = _check(weight, lambda v: v <= 60 * KB and e.get("third_party_requests") == 0
                and not e.get("search_index_fetched"))
    describe = lambda p: None if not p else (  # noqa: E731
        f"{_kb(p['transfer_bytes'])}, {p['requests']} requests, {p['third_party_requests']} third-party, "
        f"index {'fetched' if p['search_index_fetched'] else 'not fetched'}")
    return [
        _row("author's loop: save to updated page", "≤ 2 s", loop, _check(loop, lambda v: v <= 2),
             note=f"with `{get(r, 'author_loop.server')}`" + (" (plain `loa serve` failed)"
                                                              if get(r, "author_loop.failures") else "")),
        _row("explainer page, first load, compressed", "≤ 60 KB, 0 third-party, no search index",
             describe(e), ok, describe(se)),
    ]


def _search_rows(r: dict) -> list[dict]:
    first, ms = get(r, "search.cost.first_search_total_bytes"), get(r, "search.cost.keystroke_to_results_ms")
    rows = [
        _row("first search, compressed (page + script + index)", "≤ 150 KB", _kb(first),
             _check(first, lambda v: v <= 150 * KB), _kb(get(r, "search_stock.cost.first_search_total_bytes")),
             note=f"second query {_cell(_kb(get(r, 'search.cost.second_query_bytes')))}"),
        _row("last keystroke to results", "≤ 100 ms", ms, _check(ms, lambda v: v <= 100),
             get(r, "search_stock.cost.keystroke_to_results_ms"),
             note=f"median of all timed queries; the very first: Loa {get(r, 'search.cost.first_query_ms')} ms, "
                  f"stock {get(r, 'search_stock.cost.first_query_ms')} ms"),
    ]
    for key, label in (("as_written", "as written"), ("ascii", "without diacritics")):
        value = get(r, f"search.quality.{key}.recall_at_5")
        rows.append(_row(f"recall@5, {label}", "≥ 0.90", value, _check(value, lambda v: v >= 0.9),
                         floor=get(r, f"bm25.{key}.recall_at_5"),
                         note=f"MRR@10 {get(r, f'search.quality.{key}.mrr_at_10')}; floor column = BM25"))
    for key, label in (("as_written", "as written"), ("ascii", "without diacritics")):
        value = get(r, f"search.quality_real.{key}.recall_at_5")
        rows.append(_row(f"recall@5, real questions, {label}", "≥ 0.85", value, _check(value, lambda v: v >= 0.85),
                         floor=get(r, f"exact_bm25.real.{key}.recall@5"),
                         note=f"MRR@10 {get(r, f'search.quality_real.{key}.mrr_at_10')}; "
                              "floor column = exact BM25 over Loa's terms, no thesaurus"))
    return rows


def _lighthouse_rows(r: dict) -> list[dict]:
    rows = []
    for page in ("home", "explainer"):
        scores = [get(r, f"lighthouse.loa.{page}.{c}") for c in LH]
        stock = [get(r, f"lighthouse.stock.{page}.{c}") for c in LH]
        met = None if None in scores else scores[0] >= 95 and all(s == 100 for s in scores[1:])
        rows.append(_row(f"Lighthouse mobile, {page}", "≥ 95 / 100 / 100 / 100",
                         None if None in scores else " / ".join(map(str, scores)), met,
                         None if None in stock else " / ".join(map(str, stock))))
    return rows


ISSUE9_SIZES = ("1000", "4242")


def baseline_of(old: dict, source: str) -> dict:
    """The figures of an earlier run that issue 9 ("no slower") compares with.
    Runs made before the build-aside pipeline built into an empty folder only:
    their `loa` figures are builds into an empty folder."""
    aside = any("loa_empty" in (old.get("build", {}).get(n) or {}) for n in ISSUE9_SIZES)
    out: dict = {"source": source, "measured": get(old, "machine.measured"), "date": get(old, "machine.date"),
                 "runs": old.get("runs"), "build": {}}
    for n in ISSUE9_SIZES:
        b = get(old, f"build.{n}") or {}
        if "loa" not in b:
            continue
        empty_loa, empty_stock = (b["loa_empty"], b["stock_empty"]) if aside else (b["loa"], b["stock"])
        out["build"][n] = {
            "ratio_in_place": b.get("ratio_loa_stock") if aside else None,
            "ratio_empty": round(empty_loa["seconds"] / empty_stock["seconds"], 3),
            "loa_empty_s": empty_loa["seconds"], "stock_empty_s": empty_stock["seconds"],
            "loa_in_place_s": b["loa"]["seconds"] if aside else None,
            "first_s": b["loa"].get("first_run_seconds"),
            "first_over_warm": round(b["loa"]["first_run_seconds"] / empty_loa["seconds"], 3)
            if b["loa"].get("first_run_seconds") else None,
            "loa_mb": b["loa"]["peak_mb"], "stock_mb": b["stock"]["peak_mb"],
            "peak_ratio": round(b["loa"]["peak_mb"] / b["stock"]["peak_mb"], 3),
        }
    for page in ("home", "explainer"):
        out[f"weight_{page}"] = get(old, f"page_weight.{page}.transfer_bytes")
        out[f"lighthouse_{page}"] = [get(old, f"lighthouse.loa.{page}.{c}") for c in LH]
    out["first_search_bytes"] = get(old, "search.cost.first_search_total_bytes")
    out["second_query_bytes"] = get(old, "search.cost.second_query_bytes")
    out["keystroke_ms"] = get(old, "search.cost.keystroke_to_results_ms")
    out["recall_at_5"] = get(old, "search.quality.as_written.recall_at_5")
    out["author_loop_s"] = get(old, "author_loop.seconds")
    return out


def _no_worse(new: Any, old: Any, higher_is_better: bool = False, slack: float = 0.0) -> bool | None:
    if new is None or old is None:
        return None
    return new >= old - slack if higher_is_better else new <= old * (1 + slack)


def issue9_rows(r: dict) -> list[dict]:
    """Issue 9, item 11 ("no slower"), against the baseline results."""
    base = r.get("baseline") or {}
    rows = []
    for n in ISSUE9_SIZES:
        b, o = get(r, f"build.{n}"), get(base, f"build.{n}") or {}
        if not b or "loa" not in b:
            continue
        at = f"{int(n):,}"
        inplace, empty = b.get("ratio_loa_stock"), b.get("ratio_loa_stock_empty")
        rows.append(_row(f"build in place at {at}, ratio Loa / stock", "≤ 1.2", inplace,
                         _check(inplace, lambda v: v <= 1.2), o.get("ratio_in_place"),
                         note=f"Loa {_tool(b, 'loa')}, stock {_tool(b, 'stock')}; old site removed in the "
                              f"background {get(b, 'loa.background_removal_seconds')} s after the command "
                              "returned"))
        edited = b.get("ratio_loa_edited_stock")
        if edited is not None:
            rows.append(_row(f"build in place after one explainer edited at {at}, ratio Loa / stock", "≤ 1.2",
                             edited, _check(edited, lambda v: v <= 1.2), None,
                             note=f"Loa {_tool(b, 'loa_edited')}; one explainer's body changed before each run"))
        rows.append(_row(f"build into an empty folder at {at}, ratio Loa / stock", "reported", empty, None,
                         o.get("ratio_empty"),
                         note=f"Loa {_tool(b, 'loa_empty')}, stock {_tool(b, 'stock_empty')}"))
        first = b.get("ratio_first_warm")
        rows.append(_row(f"first build at {at} ÷ warm build into an empty folder", "≤ 2", first,
                         _check(first, lambda v: v <= 2), o.get("first_over_warm"),
                         note=f"first {get(b, 'loa.first_run_seconds')} s; ÷ warm in place "
                              f"{b.get('ratio_first_warm_in_place')}"))
        peak = b.get("ratio_peak_loa_stock")
        rows.append(_row(f"peak memory at {at}, Loa ÷ stock (in place)", "≤ 2", peak, _check(peak, lambda v: v <= 2),
                         o.get("peak_ratio"),
                         note=f"into an empty folder {b.get('ratio_peak_loa_stock_empty')}"))
    for page in ("home", "explainer"):
        new, old = get(r, f"page_weight.{page}.transfer_bytes"), base.get(f"weight_{page}")
        rows.append(_row(f"{page} page weight, compressed", "no worse", _kb(new), _no_worse(new, old, slack=0.02),
                         _kb(old)))
    for key, label, new_path, kb in (
            ("first_search_bytes", "first search, compressed", "search.cost.first_search_total_bytes", True),
            ("second_query_bytes", "second query, compressed", "search.cost.second_query_bytes", True),
            ("keystroke_ms", "last keystroke to results, ms", "search.cost.keystroke_to_results_ms", False)):
        new, old = get(r, new_path), base.get(key)
        # timings are noisy: 20 % or 10 ms, whichever is larger, counts as the same
        slack = 0.02 if kb else (max(0.2, 10 / old) if old else 0.2)
        rows.append(_row(label, "no worse", _kb(new) if kb else new, _no_worse(new, old, slack=slack),
                         _kb(old) if kb else old))
    recall = get(r, "search.quality.as_written.recall_at_5")
    rows.append(_row("recall@5, as written", "no worse", recall,
                     _no_worse(recall, base.get("recall_at_5"), higher_is_better=True), base.get("recall_at_5")))
    for page in ("home", "explainer"):
        new = [get(r, f"lighthouse.loa.{page}.{c}") for c in LH]
        old = base.get(f"lighthouse_{page}") or [None] * 4
        met = None if None in new or None in old else all(a >= b for a, b in zip(new, old))
        rows.append(_row(f"Lighthouse mobile, {page}", "no worse", None if None in new else " / ".join(map(str, new)),
                         met, None if None in old else " / ".join(map(str, old))))
    return rows


def issue9_table(r: dict) -> list[str]:
    base = r.get("baseline")
    if not base:
        return ["No baseline results.json was found: nothing to compare with."]
    out = [f"Compared with `{base['source']}` as it was before this run: {base['measured']}, {base['date']}, "
           f"{base['runs']} run(s) per figure. That run built into an empty folder only, so its figures "
           "stand in for both cases where it has no in-place figure." if get(base, "build.1000.ratio_in_place")
           is None else f"Compared with `{base['source']}`: {base['measured']}, {base['date']}.", "",
           "| figure | target | now | before | verdict | note |", "| --- | --- | --- | --- | --- | --- |"]
    for row in issue9_rows(r):
        before = "" if row["stock"] is None else _cell(row["stock"])
        out.append(f"| {row['figure']} | {row['target']} | {_cell(row['loa'])} | {before} | "
                   f"{_verdict(row) if row['target'] != 'reported' else 'reported'} | {row['note']} |")
    return out


def targets(r: dict) -> list[dict]:
    return _build_rows(r) + _page_rows(r) + _search_rows(r) + _lighthouse_rows(r)


def _cell(value: Any) -> str:
    if value is None:
        return "not available"
    return f"{value:g}" if isinstance(value, float) else str(value)


def _verdict(row: dict) -> str:
    return {True: "met", False: "**missed**", None: "not available"}[row["met"]]


def target_table(rows: list[dict]) -> list[str]:
    out = ["| figure | target | Loa | stock Material | floor | verdict | note |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for row in rows:
        floor = "" if row["floor"] is None else _cell(row["floor"])
        stock = "" if row["stock"] is None else _cell(row["stock"])
        out.append(f"| {row['figure']} | {row['target']} | {_cell(row['loa'])} | {stock} | {floor} | "
                   f"{_verdict(row)} | {row['note']} |")
    return out


def build_table(r: dict) -> list[str]:
    out = ["| N | case | Loa s (fastest) | Loa MB | stock s (fastest) | stock MB | floor s | floor MB | Loa / stock "
           "| Loa / floor | Loa ms per explainer | Loa first build s |", "| --- " * 12 + "|"]
    for n, b in r["build"].items():
        if "loa" not in b:
            out.append(f"| {int(n):,} | | not available: {b.get('reason')} |" + " |" * 9)
            continue
        cases = [("in place", "loa", "stock", b["ratio_loa_stock"])]
        if "loa_edited" in b:
            cases.append(("in place, one edited", "loa_edited", "stock", b.get("ratio_loa_edited_stock")))
        if "loa_empty" in b:
            cases.append(("empty folder", "loa_empty", "stock_empty", b.get("ratio_loa_stock_empty")))
        for label, loa, stock, ratio in cases:
            first = f"{_cell(b['loa'].get('first_run_seconds'))}" if loa == "loa" else ""
            out.append(f"| {int(n):,} | {label} | {b[loa]['seconds']} ({b[loa]['min_seconds']}) | "
                       f"{b[loa]['peak_mb']} | {b[stock]['seconds']} ({b[stock]['min_seconds']}) | "
                       f"{b[stock]['peak_mb']} | {b['floor']['seconds']} | {b['floor']['peak_mb']} | "
                       f"{ratio} | {round(b[loa]['seconds'] / b['floor']['seconds'], 3)} | "
                       f"{b[loa]['ms_per_explainer']} | {first} |")
    return out


def loop_failures(r: dict) -> list[str]:
    failures = get(r, "author_loop.failures") or []
    return [f"Tried first and failed: {f}" for f in failures] or ["`loa serve` worked as configured."]


def weight_table(r: dict) -> list[str]:
    out = ["| page | site | compressed | uncompressed | requests | third-party | search index |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for page in ("home", "explainer"):
        for label, key in (("Loa", "page_weight"), ("stock Material", "page_weight_stock")):
            p = get(r, f"{key}.{page}")
            if not p:
                out.append(f"| {page} | {label} | not available |  |  |  |  |")
                continue
            out.append(f"| {page} | {label} | {_kb(p['transfer_bytes'])} | {_kb(p['decoded_bytes'])} | "
                       f"{p['requests']} | {p['third_party_requests']} | "
                       f"{'fetched' if p['search_index_fetched'] else 'no'} |")
    return out


def search_lines(r: dict) -> list[str]:
    if not get(r, "search.available"):
        return [f"Loa's search: not available ({get(r, 'search.reason')})."]
    c, q = r["search"]["cost"], r["search"]["quality"]
    sc = get(r, "search_stock.cost") or {}
    return [
        "| | Loa | stock Material |", "| --- | --- | --- |",
        f"| search page load | {_kb(c['page_bytes'])} | {_kb(sc.get('page_bytes'))} |",
        f"| first query (\"hòa giải ở cơ sở\"), fetched | {_kb(c['first_query_bytes'])} "
        f"({c['first_query_files']} files) | {_kb(sc.get('first_query_bytes'))} |",
        f"| second query (\"dang ky ket hon\"), fetched | {_kb(c['second_query_bytes'])} | "
        f"{_kb(sc.get('second_query_bytes'))} (its whole index came with the page) |",
        f"| first query, last keystroke to results | {c['first_query_ms']} ms | {sc.get('first_query_ms')} ms |",
        f"| later queries, median | {c['warm_query_ms']} ms | {sc.get('warm_query_ms')} ms |",
        "",
        f"Quality over {q['as_written']['queries']} exam queries: as written recall@5 "
        f"{q['as_written']['recall_at_5']}, MRR@10 {q['as_written']['mrr_at_10']}; without diacritics "
        f"recall@5 {q['ascii']['recall_at_5']}, MRR@10 {q['ascii']['mrr_at_10']} "
        f"({q['timeouts']} queries showed no results within the time limit). "
        f"BM25 reference: recall@5 {get(r, 'bm25.as_written.recall_at_5')}, "
        f"MRR@10 {get(r, 'bm25.as_written.mrr_at_10')}.",
    ]


def lighthouse_lines(r: dict) -> list[str]:
    if not get(r, "lighthouse.loa"):
        return [f"Not available: {get(r, 'lighthouse.reason')}."]
    out = ["| site | page | performance | accessibility | best practices | SEO | LCP | failing audits |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for site in ("loa", "stock"):
        for page in ("home", "explainer"):
            s = get(r, f"lighthouse.{site}.{page}") or {}
            audits = "; ".join(f"`{a}`" for a in s.get("failed_audits", [])) or "none"
            out.append(f"| {site} | {page} | " + " | ".join(_cell(s.get(c)) for c in LH)
                       + f" | {s.get('lcp_ms')} ms | {audits} |")
    return out


def profile_lines(r: dict) -> list[str]:
    prof = r.get("profile") or {}
    if not prof.get("loa_cumulative"):
        return [f"Not available: {prof.get('reason')}."]
    out = [f"One `loa build` of {prof['explainers']:,} explainers under cProfile (warm image cache, rebuilt in place): "
           f"{prof['profiled_seconds']} s wall, {prof['profiled_cpu_seconds']} s profiled in the main process "
           "(work done in a worker process, such as posts and share images, is not in it). "
           "By cumulative time:", "", "| function | calls | cumulative s | self s |", "| --- | --- | --- | --- |"]
    out += [f"| `{x['function']}` | {x['calls']} | {x['cumulative_s']} | {x['self_s']} |"
            for x in prof.get("cumulative", prof["loa_cumulative"])]
    out += ["", "Everything by self time:", "", "| function | calls | self s |", "| --- | --- | --- |"]
    out += [f"| `{x['function']}` | {x['calls']} | {x['self_s']} |" for x in prof["self_time"]]
    return out


def machine_lines(m: dict) -> list[str]:
    return [f"- {k.replace('_', ' ')}: {v}" for k, v in m.items()]


def markdown(r: dict) -> str:
    m = r["machine"]
    mode = "`scripts/bench --quick`" if r["quick"] else "`scripts/bench`"
    parts = [
        "# Loa benchmark results", "",
        f"{mode}, {m['date']}, on {m['cpu']} ({m['cores']} cores, {m['ram_gb']} GB RAM). "
        f"Each figure is the median of {r['runs']} run(s); ratios are measured in the same run, "
        "with the tools' runs interleaved. Regenerate with `scripts/bench` (see README).", "",
        "## Targets (issue 6)", "", *target_table(r["targets"]), "",
        "## No slower (issue 9)", "", *issue9_table(r), "",
        "## Full build", "",
        "Wall time and peak resident memory of one process, after one warm-up (Loa's is shown as its "
        "first build: into a new folder, with no cache, it draws every share image). "
        "In place: `site/` exists from the previous build (Loa builds aside and exchanges it away, "
        "removing the old one in the background; MkDocs cleans and rewrites it). Empty folder: `site/` "
        "is removed first, outside the clock. Each run starts after any earlier background removal has "
        "finished. "
        "Loa: `loa build`. Stock: `mkdocs build` with mkdocs-material, its search plugin and a 6-page nav, "
        "on the same Markdown. Floor: the same bodies through Python-Markdown alone with mkdocs.yml's "
        "extensions, one HTML file each.", "",
        *build_table(r), "",
        "## Author's loop", "",
        f"`{get(r, 'author_loop.server')}` on the {r['sizes'][-1]:,}-explainer site; one explainer saved with "
        f"a new marker, its page polled every 50 ms until the marker appears: median "
        f"{get(r, 'author_loop.seconds')} s (runs {get(r, 'author_loop.runs')}; the server needed "
        f"{get(r, 'author_loop.startup_seconds')} s to start).", "", *loop_failures(r), "",
        "## Page weight", "",
        "Chromium's resource timing, fresh context each page, served gzipped from 127.0.0.1.", "",
        *weight_table(r), "",
        "## Search", "", *search_lines(r), "",
        "## Leaflets (`loa print`)", "",
        "One run of `loa print` over every explainer into a new folder (its own command, not part of "
        "`loa build`): the A5 leaflet and the A4 sheet of two of each explainer, fitted to one page.", "",
        *leaflets.lines(r), "",
        "## Bookcase (`loa bookcase`), feeds and precompression", "",
        "One run of `loa bookcase` over the built site into a new folder (its own command): its time and the "
        "sizes of the ZIP and the ZIM. Feeds and precompression are steps of every `loa build`, each timed "
        "apart on the same site.", "",
        *bookcase.lines(r), "",
        "## Lighthouse (mobile preset)", "", *lighthouse_lines(r), "",
        "## Where `loa build` spends its time", "", *profile_lines(r), "",
        "## Machine", "", *machine_lines(m), "",
        "## Corpora", "",
        "Real: the 4,242 articles of `../shared/corpus/articles.jsonl`, read in place, as explainers "
        "(titles cut at a word to 120 characters). Synthetic: seeded samples of 100 and 1,000 of them, "
        "so their length spread is the real one. Registries are generated; the bench laws registry uses a "
        "placeholder date for issue and effect. Everything is written to a temporary folder.", "",
    ]
    return "\n".join(parts)
