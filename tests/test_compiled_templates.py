"""Templates, Loa's and the theme's, are kept compiled in the build cache
(loa/outputs/templating.py CompiledTemplates); a damaged or unwritable
cache only means compiling again."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main
from loa.i18n import messages
from loa.outputs.templating import CompiledTemplates, Renderer


def _build(site) -> None:
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 0, result.output + result.stderr


def _pages(site_dir: Path) -> dict[str, str]:
    return {p.relative_to(site_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site_dir.rglob("*.html"))}


@pytest.mark.timeout(240)
def test_a_build_keeps_its_templates_compiled_and_a_damaged_cache_changes_nothing(make_site) -> None:
    site = make_site({"content/hoa-giai.md": explainer()})
    _build(site)
    kept = sorted((site.root / ".loa-cache" / "templates").iterdir())
    # Loa's own fragments and the theme's pages both: dozens of templates.
    assert len(kept) > 20
    first = _pages(site.root / "site")
    for path in kept:
        path.write_bytes(b"not a compiled template")
    _build(site)
    assert _pages(site.root / "site") == first
    assert all(path.read_bytes() != b"not a compiled template" for path in kept)  # compiled again


def test_a_cache_that_cannot_be_written_only_means_compiling(tmp_path: Path) -> None:
    (tmp_path / "templates").write_text("a file where the folder should be", encoding="utf-8")
    renderer = Renderer(messages("vi"), CompiledTemplates(tmp_path, keep=True))
    html = renderer.render("preview-error.html", lines=["a.md:1: lỗi"], detail="")
    assert "a.md:1: lỗi" in html


def test_the_check_reads_compiled_templates_but_keeps_none(tmp_path: Path) -> None:
    Renderer(messages("vi"), CompiledTemplates(tmp_path, keep=False)).render(
        "preview-error.html", lines=["a.md:1: lỗi"], detail="")
    assert not (tmp_path / "templates").exists()
    Renderer(messages("vi"), CompiledTemplates(tmp_path, keep=True))
    assert any((tmp_path / "templates").iterdir())


def test_environments_with_other_options_never_share_a_compiled_template(tmp_path: Path) -> None:
    from jinja2 import DictLoader, Environment

    def render(**options) -> str:
        env = Environment(loader=DictLoader({"t.html": "{% if true %}\n  <b>{{ x }}</b>\n{% endif %}"}),
                          bytecode_cache=CompiledTemplates(tmp_path, keep=True), **options)
        return env.get_template("t.html").render(x="<i>")

    plain, trimmed = render(), render(trim_blocks=True, lstrip_blocks=True, autoescape=True)
    assert plain == "\n  <b><i></b>\n" and trimmed == "  <b>&lt;i&gt;</b>\n"
    assert len(list((tmp_path / "templates").iterdir())) == 2
    assert render() == plain  # each from its own compiled copy
