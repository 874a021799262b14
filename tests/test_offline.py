"""The build never touches the network: with every socket refused, `loa build`
still produces pages, posts, share images and redirects."""
from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main


def test_build_succeeds_with_the_network_cut(make_site, monkeypatch: pytest.MonkeyPatch) -> None:
    attempts: list[object] = []

    def refuse(self, address, *args, **kwargs):
        attempts.append(address)
        raise OSError("network is off in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: attempts.append(a) or (_ for _ in ()).throw(OSError("off")))
    site = make_site({"content/a.md": explainer(aliases="[cu]")})
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 0, result.stderr
    out = site.root / "site"
    for path in ("bai-viet/a/index.html", "bai-viet/cu/index.html", "social/a/facebook.txt",
                 "social/a/zalo.txt", "social/a/og.png", "social/index.json"):
        assert (out / path).is_file(), path
    assert attempts == []
