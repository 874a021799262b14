"""Bench corpora: Loa projects, stock Material projects and the floor's input.

Everything is written under a temporary folder; the shared corpus is read in
place and never copied into the repository.
"""
from __future__ import annotations

import json
import os
import random
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO.parent / "shared" / "corpus"
# The tree whose mkdocs.yml, docs/, overrides/ (and loa/, via PYTHONPATH) are
# measured: the working tree unless --tree names a snapshot.
SOURCE = REPO
ARTICLES = CORPUS / "articles.jsonl"
QUERIES = CORPUS / "queries-exam.jsonl"
# Real readers' questions from public legal Q&A pages, paired with corpus articles.
REAL_QUERIES = REPO / "tests" / "data" / "real-questions.jsonl"
TITLE_MAX, SUMMARY_MAX = 120, 300
SEED = 20240601

AUDIENCES = {
    "phu-nu-nong-thon": "Phụ nữ nông thôn",
    "phu-nu-khmer": "Phụ nữ Khmer",
    "nu-cong-nhan": "Nữ công nhân",
    "can-bo-hoi": "Cán bộ Hội",
}
# Test data only: the real issue and effective dates of these laws are not in
# the corpus, so every law in the *bench* registry gets this placeholder.
PLACEHOLDER_DAY = "2000-01-01"


class CorpusMissing(RuntimeError):
    """The shared corpus is not where the bench expects it."""


@dataclass(frozen=True)
class Project:
    """One generated corpus: a Loa project and the same pages for stock Material."""
    name: str
    size: int
    loa: Path  # folder holding mkdocs.yml and content/
    stock: Path  # folder holding mkdocs.yml and docs/
    articles: tuple[dict, ...]

    @property
    def loa_config(self) -> Path:
        return self.loa / "mkdocs.yml"

    @property
    def stock_config(self) -> Path:
        return self.stock / "mkdocs.yml"

    def explainer_file(self, article_id: str) -> Path:
        return next(self.loa.glob(f"content/*/{article_id}.md"))


def load_articles() -> list[dict]:
    if not ARTICLES.exists():
        raise CorpusMissing(f"bench: the shared corpus is absent: {ARTICLES} not found.\n"
                            "It exists only in the workplace checkout; the bench cannot run without it.")
    with ARTICLES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_queries() -> list[dict]:
    with QUERIES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_real_queries() -> list[dict]:
    with REAL_QUERIES.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def sample(articles: list[dict], n: int) -> list[dict]:
    """A seeded sample, so the synthetic corpora have the real size spread."""
    if n >= len(articles):
        return list(articles)
    picked = random.Random(SEED + n).sample(range(len(articles)), n)
    return [articles[i] for i in sorted(picked)]


def slug(text: str) -> str:
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in ascii_text).split()
    return "-".join(words)


def clip(text: str, limit: int) -> str:
    """Shorten to `limit` characters at a word boundary, marking the cut with …"""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def explainer_text(article: dict, index: int) -> str:
    audience_ids = list(AUDIENCES)
    audiences = [audience_ids[index % 4]] + ([audience_ids[(index + 1) % 4]] if index % 3 == 0 else [])
    head = {
        "title": clip(article["title"], TITLE_MAX),
        "summary": clip(article["summary"] or article["title"], SUMMARY_MAX),
        "audiences": audiences,
        "topics": [slug(article["topic"])],
        "laws": [{"id": article["law_key"], "articles": [int(article["article"])]}],
        "date": f"2024-{1 + index % 12:02d}-{1 + index % 28:02d}",
    }
    front = yaml.safe_dump(head, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{front}---\n\n{article['body'].strip()}\n"


def registries(articles: list[dict]) -> dict[str, str]:
    topics = {slug(a["topic"]): {"name": a["topic"], "description": f"Chủ đề {a['topic']} (dữ liệu thử)."}
              for a in articles}
    laws = {a["law_key"]: {"title": a["law"], "number": a["law_number"],
                           "issued": PLACEHOLDER_DAY, "effective": PLACEHOLDER_DAY} for a in articles}
    audiences = {k: {"name": v, "description": f"{v} (dữ liệu thử)."} for k, v in AUDIENCES.items()}
    dump = lambda data: yaml.safe_dump(data, allow_unicode=True, sort_keys=True, width=1000)  # noqa: E731
    laws_text = "# Bench test data: issued/effective are placeholder dates, not the real ones.\n" + dump(laws)
    return {"audiences.yml": dump(audiences), "topics.yml": dump(topics), "laws.yml": laws_text}


def use_tree(tree: Path) -> None:
    """Measure the Loa in `tree` (e.g. `git archive HEAD | tar -x -C tree`)
    instead of the working tree, which other people may be editing."""
    global SOURCE
    SOURCE = tree.resolve()
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SOURCE), os.environ.get("PYTHONPATH")]))


def _repo_config() -> dict:
    return yaml.safe_load((SOURCE / "mkdocs.yml").read_text(encoding="utf-8"))


def markdown_extensions() -> list:
    return _repo_config().get("markdown_extensions", [])


def _docs_pages(dest: Path, nav: list) -> None:
    """Copy the repo's docs/ and stub any nav page that is missing, so the
    bench does not fail while another engineer is still writing docs."""
    shutil.copytree(SOURCE / "docs", dest, dirs_exist_ok=True)
    generated = {"tim-kiem.md", "doi-tuong.md", "chu-de.md", "van-ban.md"}
    for entry in nav:
        for title, page in entry.items():
            if isinstance(page, str) and page not in generated and not (dest / page).exists():
                (dest / page).write_text(f"# {title}\n\nTrang thử.\n", encoding="utf-8")


def write_loa(root: Path, articles: list[dict]) -> None:
    config = (SOURCE / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", f"custom_dir: {SOURCE / 'overrides'}", 1)
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(config, encoding="utf-8")
    _docs_pages(root / "docs", _repo_config().get("nav", []))
    content = root / "content"
    for name, text in registries(articles).items():
        (content / name).parent.mkdir(parents=True, exist_ok=True)
        (content / name).write_text(text, encoding="utf-8")
    # The authors' thesaurus is part of the site readers search.
    if (SOURCE / "content" / "thesaurus.yml").is_file():
        shutil.copyfile(SOURCE / "content" / "thesaurus.yml", content / "thesaurus.yml")
    for index, article in enumerate(articles):
        path = content / slug(article["topic"]) / f"{article['id']}.md"
        path.parent.mkdir(exist_ok=True)
        path.write_text(explainer_text(article, index), encoding="utf-8")


def stock_page(article: dict) -> str:
    return f"# {clip(article['title'], TITLE_MAX)}\n\n{article['summary']}\n\n{article['body'].strip()}\n"


def write_stock(root: Path, articles: list[dict]) -> None:
    """Stock Material with its built-in search and a small nav."""
    docs = root / "docs"
    (docs / "bai-viet").mkdir(parents=True, exist_ok=True)
    home = SOURCE / "docs" / "index.md"
    (docs / "index.md").write_text(home.read_text(encoding="utf-8") if home.exists() else "# Trang chủ\n",
                                   encoding="utf-8")
    for article in articles:
        (docs / "bai-viet" / f"{article['id']}.md").write_text(stock_page(article), encoding="utf-8")
    nav = [{"Trang chủ": "index.md"}] + [
        {clip(a["title"], 60): f"bai-viet/{a['id']}.md"} for a in articles[:5]]
    config = {
        "site_name": "Stock Material (bench)",
        "site_url": "https://stock.example.test/",
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "vi"},
        "plugins": ["search"],
        "markdown_extensions": markdown_extensions(),
        "nav": nav,
    }
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def make_project(work: Path, name: str, articles: list[dict]) -> Project:
    loa_root, stock_root = work / name / "loa", work / name / "stock"
    write_loa(loa_root, articles)
    write_stock(stock_root, articles)
    return Project(name, len(articles), loa_root, stock_root, tuple(articles))
