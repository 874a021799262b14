"""Every built page is valid HTML by the Nu Html Checker (npm's vnu-jar, run
with Debian's Java), apart from errors in Material's own templates, listed
below by name.

One JVM start checks every page of a real build of the repository's site,
plus a deliberately broken page that proves the checker reports errors.
`make test` installs vnu-jar into .venv/vnu (see the Makefile).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO

VNU_JAR = REPO / ".venv" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
BROKEN = '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title></head>' \
         '<body><p title="a"b">lỗi</p></body></html>'

# (Material template, message pattern, pattern of the offending markup). The
# markup pattern pins each entry to Material's element, so the same message
# caused by Loa's own markup is still an error.
MATERIAL = [
    # base.html: the drawer and search toggles are checkboxes with
    # autocomplete="off" (a Firefox workaround), which HTML allows only on text-like inputs.
    ("base.html", r"Attribute “autocomplete” is only allowed when the input type is .*",
     r'<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox" id="__(drawer|search)" '
     r'autocomplete="off">'),
    # partials/toc.html: the table of contents' title is a label for "__toc",
    # an input that partials/nav-item.html renders only for pages in the
    # navigation; explainers are not in it.
    ("partials/toc.html", r"The value of the “for” attribute of the “label” element must be the ID of a "
                          r"non-hidden form control\.",
     r'<label class="md-nav__title" for="__toc">'),
]


def java() -> str:
    found = shutil.which("java")
    if found and VNU_JAR.is_file():
        return found
    message = f"the Nu Html Checker needs Java and {VNU_JAR}: run make test, which installs both"
    if os.environ.get("CI"):
        pytest.fail(message)  # in CI a missing checker is a broken setup, not a skip
    pytest.skip(message)


@pytest.fixture(scope="module")
def messages(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    control = tmp_path_factory.mktemp("vnu-control")
    (control / "broken.html").write_text(BROKEN, encoding="utf-8")
    done = subprocess.run([java(), "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--skip-non-html",
                           str(built_site), str(control)], capture_output=True, text=True, timeout=240)
    # vnu exits 1 when it finds errors; the report is on stderr either way.
    report = json.loads(done.stderr)["messages"]
    for m in report:
        m["page"] = Path(m.get("url", "").removeprefix("file:")).as_posix()
    return report


def material_template(message: dict) -> str | None:
    for template, text, markup in MATERIAL:
        if re.fullmatch(text, message["message"]) and re.search(markup, message.get("extract", "")):
            return template
    return None


def describe(m: dict, site: Path) -> str:
    page = m["page"].removeprefix(site.as_posix() + "/")
    return f"{page}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()[:160]}"


def test_the_checker_finds_an_error_in_a_broken_page(messages: list[dict]) -> None:
    """Control: the checker ran and reports errors, so a clean result means something."""
    assert any(m["page"].endswith("/broken.html") and m["type"] == "error" for m in messages)


def test_every_built_page_is_valid_html(messages: list[dict], built_site: Path) -> None:
    site = built_site.as_posix()
    checked = [m for m in messages if not m["page"].endswith("/broken.html")]
    errors = [describe(m, built_site) for m in checked if material_template(m) is None]
    assert all(m["page"].startswith(site) for m in checked)
    assert not errors, f"{len(errors)} errors outside Material's templates:\n" + "\n".join(errors)


def test_every_material_exception_is_still_needed(messages: list[dict]) -> None:
    """An entry that no longer matches (Material fixed it, or Loa overrides the
    template now) is removed, so the list never hides a future error."""
    used = {material_template(m) for m in messages}
    assert {template for template, _, _ in MATERIAL} <= used
