"""Site configuration: the `loa` block of mkdocs.yml, as MkDocs read it -> Settings.

The options, their types and defaults are declared once, in the MkDocs
adapter (`LoaConfig`, with MkDocs' own config options), so `mkdocs build`
and every `loa` command read mkdocs.yml the same way, `!ENV` included. This
module checks the values the engine cannot: that they make sense.
"""
from __future__ import annotations

import re
from typing import Any, Mapping

from loa.core.problems import problem
from loa.core.model import Channel, Contact, Problem, Settings

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


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
    colour = str(raw.get("theme_color") or "")
    if not _COLOUR.fullmatch(colour):
        bad(f"màu theme_color \"{colour}\" không đúng dạng", "ghi mã màu dạng #8e2463 (dấu # và sáu chữ số hệ 16)")
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
        content_dir=str(raw["content_dir"]),
        channels=channels,
        theme_color=colour,
    ), []


def _channels(raw: Any, bad) -> tuple[Channel, ...]:
    if not isinstance(raw, dict):
        bad("\"channels\" phải gồm facebook và zalo", "xem mẫu trong README")
        return ()
    out = []
    for name in ("facebook", "zalo"):
        values = raw.get(name)
        if not isinstance(values, dict):
            bad(f"thiếu cấu hình kênh {name}", "xem mẫu trong README")
            continue
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
