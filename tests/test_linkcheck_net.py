"""The link check after every build is the last net: if something slips past
`loa check`, the build stops before the swap and says which links, in Vietnamese."""
from __future__ import annotations

from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main
from loa.outputs import pages


def test_a_broken_link_in_generated_html_stops_the_build_before_the_swap(make_site, monkeypatch) -> None:
    site = make_site({"content/a.md": explainer()})
    assert CliRunner().invoke(main, ["build", "--config", str(site.config)]).exit_code == 0
    before = (site.root / "site/bai-viet/a/index.html").read_bytes()
    # A template bug that links to a page nobody made: only the link check can see it.
    original = pages.Pages.decorate

    def broken(self, page, fragments):
        original(self, page, fragments)
        if page.kind == "explainer":
            from markupsafe import Markup
            fragments.after.append(Markup('<a href="../khong-co-trang-nay/">x</a>'))

    monkeypatch.setattr(pages.Pages, "decorate", broken)
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 1
    assert "trang dựng ra có 1 liên kết hỏng" in result.stderr
    assert "bai-viet/a/index.html: liên kết hỏng tới ../khong-co-trang-nay/" in result.stderr
    assert "MkDocs" not in result.stderr
    assert (site.root / "site/bai-viet/a/index.html").read_bytes() == before
