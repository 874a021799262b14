"""The floor: the same explainer bodies through Python-Markdown alone.

Run as a script so it is measured like the builds (its own process, its own
peak memory): python floor.py CONTENT_DIR OUT_DIR EXTENSIONS_JSON
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import markdown


def split_extensions(spec: list) -> tuple[list[str], dict]:
    """mkdocs.yml's markdown_extensions -> Markdown(extensions, extension_configs)."""
    names, configs = [], {}
    for item in spec:
        if isinstance(item, dict):
            for name, options in item.items():
                names.append(name)
                configs[name] = options or {}
        else:
            names.append(item)
    return names, configs


def body_of(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end != -1:
            return text[end + 5:]
    return text


def main(content: Path, out: Path, spec: list) -> int:
    names, configs = split_extensions(spec)
    md = markdown.Markdown(extensions=names, extension_configs=configs)
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(content.rglob("*.md")):
        html = md.reset().convert(body_of(path.read_text(encoding="utf-8")))
        (out / f"{path.stem}.html").write_text(html, encoding="utf-8")
        count += 1
    return 0 if count else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])))
