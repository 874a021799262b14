"""The bench: build the corpora, measure every figure, write the results.

Figures that cannot be measured (no search page yet, no npm) are reported as
not available with the reason, never as a crash: one missing tool must not
hide the other figures.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Callable

import authorloop
import bm25
import search_exact
import bookcase
import browser
import builds
import corpus
import gzserver
import leaflets
import lighthouse
import machine
import profile_build
import report
import search
from measure import ratio

SIZES = (100, 1000, 4242)
QUICK_QUERIES = 5


def parse(argv: list[str]) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="scripts/bench", description=__doc__)
    ap.add_argument("--quick", action="store_true",
                    help="N = 100 only, one run, a few queries, no Lighthouse (under a minute)")
    ap.add_argument("--out", type=Path, default=corpus.REPO / "bench",
                    help="folder for RESULTS.md and results.json (default: bench/)")
    ap.add_argument("--runs", type=int, default=None, help="runs per figure (default 3; 1 with --quick)")
    ap.add_argument("--keep", action="store_true", help="keep the temporary corpora and logs")
    ap.add_argument("--rev", default=None,
                    help="measure this git revision (e.g. HEAD), exported to the temporary folder, instead "
                         "of the working tree, which others may be editing")
    ap.add_argument("--profile-at", type=int, default=1000, choices=SIZES,
                    help="explainers in the profiled build (default 1,000)")
    ap.add_argument("--baseline", type=Path, default=corpus.REPO / "bench" / "results.json",
                    help="earlier results.json to compare with (default: bench/results.json as it is "
                         "before this run)")
    ap.add_argument("--report-only", type=Path, default=None, metavar="RESULTS_JSON",
                    help="measure nothing: rewrite RESULTS.md (and results.json) in --out from this "
                         "results.json")
    return ap.parse_args(argv)


def attempt(name: str, call: Callable[[], dict]) -> dict:
    """Run one figure; a failure becomes a 'not available' entry with its reason."""
    started = time.perf_counter()
    print(f"bench: {name}…", file=sys.stderr, flush=True)
    try:
        result = call()
    except Exception as exc:  # noqa: BLE001 - reported in the results, bench goes on
        traceback.print_exc()
        result = {"available": False, "reason": f"{exc.__class__.__name__}: {exc}"}
    print(f"bench: {name} done in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return result


def pick_queries(queries: list[dict], articles: tuple[dict, ...], quick: bool) -> list[dict]:
    present = {a["id"] for a in articles}
    usable = [q for q in queries if all(i in present for i in q["relevant_ids"])]
    return usable[:QUICK_QUERIES] if quick else usable


def build_figures(projects: dict[int, corpus.Project], runs: int, logs: Path) -> dict:
    out: dict = {}
    for n, project in projects.items():
        figures = attempt(f"full build at N = {n}", lambda: builds.full_build(project, runs, logs))
        if "loa" in figures:
            loa, stock = figures["loa"], figures["stock"]
            figures["ratio_loa_stock"] = ratio(loa["seconds"], stock["seconds"])  # in place
            if "loa_edited" in figures:  # in place, after one explainer's body was edited
                figures["ratio_loa_edited_stock"] = ratio(figures["loa_edited"]["seconds"], stock["seconds"])
            figures["ratio_loa_stock_empty"] = ratio(figures["loa_empty"]["seconds"],
                                                     figures["stock_empty"]["seconds"])
            figures["ratio_loa_floor"] = ratio(loa["seconds"], figures["floor"]["seconds"])
            figures["ratio_first_warm"] = ratio(loa.get("first_run_seconds"), figures["loa_empty"]["seconds"])
            figures["ratio_first_warm_in_place"] = ratio(loa.get("first_run_seconds"), loa["seconds"])
            figures["ratio_peak_loa_stock"] = ratio(loa["peak_mb"], stock["peak_mb"])
            figures["ratio_peak_loa_stock_empty"] = ratio(figures["loa_empty"]["peak_mb"],
                                                          figures["stock_empty"]["peak_mb"])
        out[str(n)] = figures
    return out


def build_summary(build: dict) -> dict:
    def per(n: str) -> float | None:
        return build.get(n, {}).get("loa", {}).get("ms_per_explainer")

    mid = "1000" if "1000" in build else min(build, key=int)
    return {
        "ratio_loa_stock_at": int(mid),
        "ratio_loa_stock": build.get(mid, {}).get("ratio_loa_stock"),
        "per_explainer_growth_4242_over_1000": ratio(per("4242"), per("1000")),
    }


def browser_figures(project: corpus.Project, queries: list[dict], runs: int, real: list[dict] = ()) -> dict:
    explainer = f"bai-viet/{project.articles[0]['id']}/"
    out: dict = {}
    with browser.chromium() as chrome:
        with gzserver.serving(builds.loa_site(project)) as base:
            out["page_weight"] = attempt("page weight", lambda: {
                "home": browser.page_weight(chrome, base), "explainer": browser.page_weight(chrome, base + explainer),
                "explainer_url": explainer})
            out["search"] = attempt("search cost and quality", lambda: search.measure(chrome, base, queries, runs, real))
        with gzserver.serving(project.stock / "site") as base:
            out["page_weight_stock"] = attempt("stock page weight", lambda: {
                "home": browser.page_weight(chrome, base), "explainer": browser.page_weight(chrome, base + explainer)})
            out["search_stock"] = attempt("stock search cost", lambda: search.stock_cost(chrome, base, queries, runs))
    return out


def lighthouse_figures(project: corpus.Project, runs: int, logs: Path) -> dict:
    error = lighthouse.install(logs / "npm.log")
    if error:
        return {"available": False, "reason": error}
    explainer = f"bai-viet/{project.articles[0]['id']}/"
    out = {}
    for label, site in (("loa", builds.loa_site(project)), ("stock", project.stock / "site")):
        with gzserver.serving(site) as base:
            out[label] = {"home": lighthouse.median_scores(base, runs, logs / "lighthouse.log"),
                          "explainer": lighthouse.median_scores(base + explainer, runs, logs / "lighthouse.log")}
    return out


def measure_all(args: argparse.Namespace, work: Path, measured: str) -> dict:
    runs = args.runs or (1 if args.quick else 3)
    articles, queries = corpus.load_articles(), corpus.load_queries()
    logs = work / "logs"
    logs.mkdir(parents=True)
    sizes = (100,) if args.quick else SIZES
    projects = {n: corpus.make_project(work, f"n{n}", corpus.sample(articles, n)) for n in sizes}
    big = projects[max(sizes)]
    chosen = pick_queries(queries, big.articles, args.quick)
    results: dict = {"quick": args.quick, "runs": runs, "sizes": list(sizes), "queries": len(chosen)}
    results["build"] = build_figures(projects, runs, logs)
    results["build_summary"] = build_summary(results["build"])
    # Leaflets are their own command (`loa print`): issue 12 asks for them at 1,000 and 4,242.
    results["leaflets"] = {str(n): attempt(f"loa print at N = {n}", lambda p=project: leaflets.measure(p, logs))
                           for n, project in projects.items() if args.quick or n >= 1000}
    # The bookcase is its own command (`loa bookcase`); feeds and precompression are part of the build.
    results["bookcase"] = {str(n): attempt(f"loa bookcase at N = {n}", lambda p=project: bookcase.measure(p, logs))
                           for n, project in projects.items() if args.quick or n >= 1000}
    results["author_loop"] = attempt("author's loop", lambda: authorloop.author_loop(
        big, big.articles[len(big.articles) // 2]["id"], runs if args.quick else max(runs, 5), logs))
    real = pick_queries(corpus.load_real_queries(), big.articles, args.quick)
    results.update(browser_figures(big, chosen, runs, real))
    results["bm25"] = attempt("BM25 reference", lambda: bm25.reference(list(big.articles), chosen))
    results["exact_bm25"] = attempt("exact BM25 over Loa's features", lambda: search_exact.reference(
        list(big.articles), {"exam": chosen, "real": real}))
    skipped = {"available": False, "reason": "skipped by --quick"}
    results["lighthouse"] = skipped if args.quick else attempt(
        "lighthouse", lambda: lighthouse_figures(big, runs, logs))
    results["profile"] = skipped if args.quick else attempt(
        "profile of loa build", lambda: profile_build.profile(
            projects.get(args.profile_at, big), logs))
    results["machine"] = {**machine.describe(lighthouse.BINARY),
                          "measured": measured}
    return results


def baseline(path: Path) -> dict | None:
    """The figures issue 9 compares with, from an earlier results.json."""
    try:
        old = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return report.baseline_of(old, str(path.name))


def write(results: dict, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    results["targets"] = report.targets(results)
    (out / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "RESULTS.md").write_text(report.markdown(results), encoding="utf-8")
    print(f"bench: wrote {out / 'RESULTS.md'} and results.json", file=sys.stderr)


def main(argv: list[str]) -> int:
    args = parse(argv)
    if args.report_only:
        results = json.loads(args.report_only.read_text(encoding="utf-8"))
        if "baseline" not in results:
            results["baseline"] = baseline(args.baseline)
        write(results, args.out)
        return 0
    old = baseline(args.baseline)
    try:
        corpus.load_articles()
    except corpus.CorpusMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="loa-bench-"))
    try:
        measured = machine.export(args.rev, work / "tree") if args.rev else machine.working_tree()
        if args.rev:
            corpus.use_tree(work / "tree")
        results = measure_all(args, work, measured)
    finally:
        if args.keep:
            print(f"bench: corpora and logs kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    results["baseline"] = old
    write(results, args.out)
    return 0
