"""Site configuration: the `loa` plugin block of mkdocs.yml -> Settings.

The MkDocs plugin hands its config here; the CLI reads mkdocs.yml itself
(without importing MkDocs) and hands the same block here. Either way this is
the one place the configuration is checked.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

import yaml

from loa.core.problems import problem
from loa.core.model import Channel, Contact, Problem, Settings

DEFAULT_CHANNELS = {
    # A phone shows ~125 characters before "Xem thêm"; Zalo messages are read
    # in chat bubbles, so they are kept shorter and plainer.
    "facebook": {"max_length": 1500, "key_points": 4, "emoji": True, "hashtags": 3},
    "zalo": {"max_length": 900, "key_points": 3, "emoji": False, "hashtags": 2},
}


def from_mapping(raw: Mapping[str, Any], site_url: str, site_name: str,
                 path: str = "mkdocs.yml") -> tuple[Settings | None, list[Problem]]:
    problems: list[Problem] = []

    def bad(detail: str, hint: str) -> None:
        problems.append(problem("LOA900", path, 0, detail=detail, hint=hint))

    if not site_url or not site_url.startswith(("http://", "https://")):
        bad("thiếu site_url hoặc site_url không phải địa chỉ tuyệt đối",
            "thêm dòng site_url: https://ten-mien-cua-hoi/ vào mkdocs.yml")
    for key in ("organisation", "hotline"):
        if not str(raw.get(key) or "").strip():
            bad(f"thiếu \"{key}\" trong phần plugins: - loa:", f"thêm {key}: ... dưới - loa:")
    channels = _channels(raw.get("channels") or {}, bad)
    contacts = _contacts(raw.get("contacts") or [], bad)
    if problems:
        return None, problems
    return Settings(
        site_url=site_url.rstrip("/") + "/",
        site_name=site_name,
        organisation=" ".join(str(raw["organisation"]).split()),
        hotline=str(raw["hotline"]).strip(),
        contacts=contacts,
        content_dir=str(raw.get("content_dir") or "content"),
        channels=channels,
        theme_color=str(raw.get("theme_color") or "#8e2463"),
    ), []


def _channels(raw: Any, bad) -> tuple[Channel, ...]:
    if not isinstance(raw, dict):
        bad("\"channels\" phải gồm facebook và zalo", "xem mẫu trong README")
        return ()
    out = []
    for name, defaults in DEFAULT_CHANNELS.items():
        given = raw.get(name) or {}
        values = {**defaults, **(given if isinstance(given, dict) else {})}
        ints_ok = all(isinstance(values[k], int) and values[k] >= 0
                      for k in ("max_length", "key_points", "hashtags"))
        if not ints_ok or values["max_length"] < 200 or not isinstance(values["emoji"], bool):
            bad(f"cấu hình kênh {name} không hợp lệ",
                "max_length là số ≥ 200, key_points và hashtags là số, emoji là true hoặc false")
            continue
        out.append(Channel(name, values["max_length"], values["key_points"], values["emoji"], values["hashtags"]))
    return tuple(out)


def _contacts(raw: Any, bad) -> tuple[Contact, ...]:
    if not isinstance(raw, list) or not all(isinstance(c, dict) and c.get("name") for c in raw):
        bad("\"contacts\" phải là danh sách, mỗi mục có name", "ví dụ: - name: Ban Tuyên giáo\n    phone: ...")
        return ()
    return tuple(Contact(str(c["name"]), str(c.get("phone") or ""), str(c.get("email") or ""),
                         str(c.get("address") or "")) for c in raw)


class _TolerantLoader(yaml.SafeLoader):
    """mkdocs.yml may use !!python/name or !ENV tags; the CLI only needs plain values."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_mkdocs_yml(path: Path) -> tuple[Settings | None, list[Problem]]:
    """The CLI's way in: read the loa block of mkdocs.yml without MkDocs."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, yaml.YAMLError) as exc:
        return None, [problem("LOA900", path.name, 0, detail=f"không đọc được tệp ({exc.__class__.__name__})",
                              hint="kiểm tra tệp mkdocs.yml có tồn tại và đúng cú pháp YAML")]
    block: Mapping[str, Any] = {}
    for plugin in data.get("plugins") or []:
        if isinstance(plugin, dict) and "loa" in plugin:
            block = plugin["loa"] or {}
    return from_mapping(block, str(data.get("site_url") or ""), str(data.get("site_name") or ""), path.name)
