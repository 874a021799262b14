"""scripts/bench --quick runs end to end and writes every figure.

No test here asserts a time: machines are noisy. They assert that each
figure was measured and is sane, so the bench cannot rot unnoticed.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CHROMIUM, REPO

# The bench builds three sites and drives Chromium: minutes, not seconds.
pytestmark = [pytest.mark.browser, pytest.mark.timeout(900)]


@pytest.fixture(scope="module")
def results(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed: run make test, which installs it")
    out = tmp_path_factory.mktemp("bench")
    done = subprocess.run([sys.executable, str(REPO / "scripts" / "bench"), "--quick", "--out", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads((out / "results.json").read_text(encoding="utf-8")), out


def positive(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0


def test_quick_mode_is_small(results):
    data, _ = results
    assert data["quick"] is True and data["sizes"] == [100] and data["runs"] == 1
    assert 1 <= data["queries"] <= 10


def test_builds_measured_for_each_tool(results):
    build = results[0]["build"]["100"]
    for tool in ("loa", "loa_edited", "stock", "floor"):
        assert positive(build[tool]["seconds"]), tool
        assert positive(build[tool]["peak_mb"]), tool
        assert positive(build[tool]["ms_per_explainer"]), tool
    assert positive(build["ratio_loa_stock"]) and positive(build["ratio_loa_floor"])
    assert positive(build["ratio_loa_edited_stock"])
    assert positive(results[0]["build_summary"]["ratio_loa_stock"])


def test_bookcase_feeds_and_precompression_measured(results):
    case = results[0]["bookcase"]["100"]
    for figure in ("seconds", "zip_bytes", "zim_bytes", "feeds_seconds", "precompress_seconds"):
        assert positive(case[figure]), (figure, case)
    assert case["gzip_bytes"] < case["text_bytes"] and case["brotli_bytes"] < case["text_bytes"]
    assert "| 100 |" in (results[1] / "RESULTS.md").read_text(encoding="utf-8").split("## Bookcase")[1]


def test_author_loop_measured(results):
    loop = results[0]["author_loop"]
    assert positive(loop["seconds"]), loop
    assert loop["timeouts"] == 0 and loop["server"] in ("loa serve", "loa serve, strict: false", "mkdocs serve")


@pytest.mark.parametrize("site", ["page_weight", "page_weight_stock"])
@pytest.mark.parametrize("page", ["home", "explainer"])
def test_page_weight_measured(results, site, page):
    weight = results[0][site][page]
    assert positive(weight["transfer_bytes"]) and weight["decoded_bytes"] >= weight["transfer_bytes"] // 2
    assert weight["requests"] >= 1 and weight["third_party_requests"] >= 0
    assert isinstance(weight["search_index_fetched"], bool)


def test_bm25_reference(results):
    for key in ("as_written", "ascii"):
        figures = results[0]["bm25"][key]
        assert 0 <= figures["recall_at_5"] <= 1 and 0 <= figures["mrr_at_10"] <= 1
        assert figures["queries"] == results[0]["queries"]


def test_search_measured(results):
    search = results[0]["search"]
    assert search["available"] is True, search
    cost = search["cost"]
    for key in ("page_bytes", "first_query_bytes", "first_search_total_bytes", "first_query_ms",
                "keystroke_to_results_ms"):
        assert cost[key] is not None and cost[key] >= 0, key
    for key in ("as_written", "ascii"):
        assert 0 <= search["quality"][key]["recall_at_5"] <= 1
    assert positive(results[0]["search_stock"]["cost"]["page_bytes"])


def test_lighthouse_skipped_in_quick_mode(results):
    assert results[0]["lighthouse"]["available"] is False


def test_targets_and_report_written(results):
    data, out = results
    figures = {row["figure"] for row in data["targets"]}
    assert any("full build" in f for f in figures) and any("recall@5" in f for f in figures)
    assert all(row["met"] in (True, False, None) for row in data["targets"])
    for key in ("date", "cpu", "cores", "ram_gb", "python", "chromium"):
        assert data["machine"][key], key
    text = (out / "RESULTS.md").read_text(encoding="utf-8")
    assert "## Targets" in text and "| figure | target | Loa |" in text


def test_leaflets_measured(results):
    found = results[0]["leaflets"]["100"]
    assert found["leaflets"] > 0 and positive(found["ms_per_leaflet"]), found
    for paper in ("a5", "a4"):
        assert found[paper]["count"] == found["leaflets"] and positive(found[paper]["median_bytes"]), found
    assert "## Leaflets" in (results[1] / "RESULTS.md").read_text(encoding="utf-8")
