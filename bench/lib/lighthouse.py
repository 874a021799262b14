"""Figure 6: Lighthouse, mobile preset (its default), against the local gzip
server. The npm package lives in bench/.node (gitignored); Chromium is
Debian's, through CHROME_PATH."""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from pathlib import Path

from browser import CHROMIUM

NODE_DIR = Path(__file__).resolve().parents[1] / ".node"
BINARY = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


def install(log: Path) -> str | None:
    """Install lighthouse once; returns an error text instead of raising."""
    if BINARY.exists():
        return None
    with open(log, "ab") as out:
        status = subprocess.run(["npm", "install", "--prefix", str(NODE_DIR), "lighthouse",
                                 "--no-audit", "--no-fund", "--loglevel=error"],
                                stdout=out, stderr=out, timeout=600).returncode
    return None if status == 0 and BINARY.exists() else f"npm install lighthouse failed (status {status}); see {log}"


def score(url: str, log: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        env = {**os.environ, "CHROME_PATH": str(CHROMIUM)}
        with open(log, "ab") as out:
            subprocess.run([str(BINARY), url, "--quiet", "--output=json", f"--output-path={report}",
                            f"--only-categories={','.join(CATEGORIES)}",
                            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                           env=env, stdout=out, stderr=out, timeout=300, check=False)
        if not report.exists():
            raise RuntimeError(f"lighthouse wrote no report for {url}; see {log}")
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {c: round(100 * data["categories"][c]["score"]) if data["categories"][c]["score"] is not None
              else None for c in CATEGORIES}
    failed = [_failure(a) for a in data["audits"].values()
              if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") == "binary"]
    return {**scores, "failed_audits": failed,
            "lcp_ms": round(data["audits"]["largest-contentful-paint"]["numericValue"])}


def _failure(audit: dict) -> str:
    """An audit id with its first offending element, for the report."""
    items = (audit.get("details") or {}).get("items") or [{}]
    node = items[0].get("node") or {}
    snippet = node.get("snippet", "")
    return f"{audit['id']}: {snippet[:100]}" if snippet else audit["id"]


def median_scores(url: str, repeat: int, log: Path) -> dict:
    runs = [score(url, log) for _ in range(repeat)]
    out = {c: statistics.median(r[c] for r in runs) if all(r[c] is not None for r in runs) else None
           for c in CATEGORIES}
    return {**out, "failed_audits": runs[-1]["failed_audits"], "lcp_ms": statistics.median(r["lcp_ms"] for r in runs),
            "runs": [[r[c] for c in CATEGORIES] for r in runs]}
