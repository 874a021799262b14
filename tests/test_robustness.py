"""Robustness under pressure: arbitrary bytes, huge files, symlinks, two
builds at once."""
from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import explainer
from loa.content import frontmatter
from loa.content import schema
from loa.build.swap import exclusive
from loa.adapters.cli import main
from loa.core.model import Audience, Law, Problem, Topic
import datetime as dt

REG = schema.Registries(
    {"phu-nu-nong-thon": Audience("phu-nu-nong-thon", "Phụ nữ nông thôn", "")},
    {"hoa-giai-co-so": Topic("hoa-giai-co-so", "Hòa giải ở cơ sở", "")},
    {"luat-hoa-giai-2013": Law("luat-hoa-giai-2013", "Luật Hòa giải ở cơ sở", "35/2013/QH13",
                               dt.date(2013, 6, 20), dt.date(2014, 1, 1))},
)

FRONT_MATTER_PIECES = st.sampled_from([
    "---\n", "title: ", "summary: ", "audiences: ", "[phu-nu-nong-thon]", "date: ", "15/3/2023", "30/2/2023",
    "\t", "  ", "- ", "&a ", "*a ", "!!python/object:os.system ", "{", "}", "[", "]", ": ", "\n", "\"", "'",
    "Hòa giải", "laws:\n  - id: luat-hoa-giai-2013\n    articles: [7, -1, x]\n", "draft: maybe\n", "\ufeff", "\r\n",
])


def parse_everything(raw: bytes) -> list[Problem]:
    text, problems = frontmatter.decode(raw, "content/x.md")
    if text is None:
        return problems
    doc, more = frontmatter.parse(text, "content/x.md")
    if doc is not None:
        _, more2 = schema.explainer(doc, "content/x.md", "x", REG)
        more += more2
    return problems + more


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=400))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    for p in parse_everything(raw):
        assert p.code.startswith("LOA") and p.message and p.line >= 0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRONT_MATTER_PIECES, max_size=40))
def test_yaml_shaped_garbage_never_raises(pieces: list[str]) -> None:
    raw = "".join(pieces).encode("utf-8")
    for p in parse_everything(raw):
        assert p.code.startswith("LOA") and p.message


def test_explainer_over_one_megabyte_is_refused(make_site) -> None:
    site = make_site({"content/to.md": explainer() + "Chữ. " * 250_000})
    result = CliRunner().invoke(main, ["check", "--config", str(site.config)])
    assert result.exit_code == 1 and "content/to.md:1: lỗi LOA104: tệp quá lớn" in result.stderr


def test_symlink_out_of_the_project_is_refused(make_site, tmp_path: Path) -> None:
    outside = tmp_path / "ngoai.md"
    outside.write_text(explainer("Bài ở ngoài"), encoding="utf-8")
    site = make_site({"content/a.md": explainer()})
    os.symlink(outside, site.root / "content/ngoai.md")
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 1 and "content/ngoai.md:1: lỗi LOA105" in result.stderr
    assert not (site.root / "site").exists()


def test_second_build_refuses_clearly_while_one_runs(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    with exclusive((site.root / "site").resolve()):
        result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 2
    assert "LOA906" in result.stderr and "--wait" in result.stderr
    assert not (site.root / "site").exists()
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 0  # the lock is released with the first build
