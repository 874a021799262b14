"""deploy/nginx/ serves a site built by `loa build`: Debian's nginx, started on
127.0.0.1 as a foreground process with its own prefix and temp folders,
serves a throwaway site; the test fetches through it with http.client and
checks the headers, the precompressed files, the caching, the 404 page and
the redirects."""
from __future__ import annotations

import contextlib
import gzip
import http.client
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import brotli
import pytest
from click.testing import CliRunner

from conftest import REPO, explainer, free_port, wait_until_listening
from loa.adapters.cli import main
from loa.outputs import csp

NGINX = Path("/usr/sbin/nginx")
DEPLOY = REPO / "deploy" / "nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")

WRAPPER = """\
daemon off;
master_process off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
load_module {module};
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {prefix}/tmp/body;
    proxy_temp_path {prefix}/tmp/proxy;
    fastcgi_temp_path {prefix}/tmp/fastcgi;
    uwsgi_temp_path {prefix}/tmp/uwsgi;
    scgi_temp_path {prefix}/tmp/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        include snippets/loa-site.conf;
    }}
}}
"""


@contextlib.contextmanager
def nginx(root: Path, prefix: Path):
    """Debian's nginx serving `root` with the repository's configuration; yields its port."""
    if not NGINX.exists() or not BROTLI_MODULE.exists():
        pytest.fail("Debian's nginx (with libnginx-mod-http-brotli-static) is missing: run scripts/setup-system")
    (prefix / "tmp").mkdir(parents=True)
    shutil.copytree(DEPLOY, prefix / "snippets")
    port = free_port()
    conf = prefix / "nginx.conf"
    conf.write_text(WRAPPER.format(prefix=prefix, port=port, root=root, module=BROTLI_MODULE))
    proc = subprocess.Popen([str(NGINX), "-p", str(prefix), "-c", str(conf)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        error_log = prefix / "error.log"
        wait_until_listening(proc, port, "nginx", lambda: error_log.read_text() if error_log.exists() else "")
        yield port
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def fetch(port: int, path: str, encoding: str | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Accept-Encoding": encoding} if encoding else {})
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("nginx-project")
    from conftest import AUDIENCES, LAWS, MKDOCS_YML, TOPICS

    files = {"mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides"), "docs/index.md": "# Trang chủ\n\nChào.\n",
             "content/audiences.yml": AUDIENCES, "content/topics.yml": TOPICS, "content/laws.yml": LAWS,
             "content/a.md": explainer(aliases="[ten-cu]")}
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--config", str(root / "mkdocs.yml")])
    assert result.exit_code == 0, result.stderr
    with nginx(root / "site", tmp_path_factory.mktemp("nginx")) as port:
        yield root / "site", port


def test_the_configuration_sends_the_policy_of_csp_py() -> None:
    """The header in deploy/nginx/ and the policy of the pages cannot drift."""
    text = (DEPLOY / "loa-headers.conf").read_text()
    sent = re.findall(r'add_header Content-Security-Policy "([^"]*)" always;', text)
    assert sent == [csp.HEADER]
    assert csp.HEADER.startswith(csp.POLICY + "; ") and "frame-ancestors 'none'" in csp.HEADER


def test_the_documented_server_blocks_pass_nginx_t(tmp_path: Path) -> None:
    """deploy/nginx/loa.conf as an administrator installs it, with a
    throwaway certificate in place of Let's Encrypt's: `nginx -t` accepts it."""
    if not NGINX.exists():
        pytest.fail("Debian's nginx is missing: run scripts/setup-system")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=loa.test",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    live = "/etc/letsencrypt/live/loa.phunu-soctrang.example/"
    server = (DEPLOY / "loa.conf").read_text().replace(live + "fullchain.pem", str(cert))
    server = server.replace(live + "privkey.pem", str(key)).replace("/srv/loa/site", str(tmp_path / "site"))
    assert str(cert) in server and str(key) in server
    shutil.copytree(DEPLOY, tmp_path / "snippets")
    (tmp_path / "tmp").mkdir()
    (tmp_path / "loa.conf").write_text(server)
    http = WRAPPER.split("    server {{")[0].format(prefix=tmp_path, module=BROTLI_MODULE)
    (tmp_path / "nginx.conf").write_text(http + f"    include {tmp_path}/loa.conf;\n}}\n")
    done = subprocess.run([str(NGINX), "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert "test is successful" in done.stderr


def test_build_writes_gzip_and_brotli_beside_text_files(served) -> None:
    site, _ = served
    page = site / "bai-viet" / "a" / "index.html"
    assert gzip.decompress((site / "bai-viet/a/index.html.gz").read_bytes()) == page.read_bytes()
    assert brotli.decompress((site / "bai-viet/a/index.html.br").read_bytes()) == page.read_bytes()
    assert not list(site.rglob("*.png.gz")), "images are not compressed again"


def test_pages_come_precompressed_with_security_headers_and_no_caching(served) -> None:
    site, port = served
    status, headers, body = fetch(port, "/bai-viet/a/", "gzip")
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["vary"] == "Accept-Encoding"
    assert body == (site / "bai-viet/a/index.html.gz").read_bytes()  # the file itself, not nginx's own gzip
    assert headers["content-security-policy"] == csp.HEADER
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"
    assert headers["cache-control"] == "no-cache"
    assert headers["content-type"] == "text/html; charset=utf-8"
    status, headers, body = fetch(port, "/bai-viet/a/", "br, gzip")
    assert headers["content-encoding"] == "br" and body == (site / "bai-viet/a/index.html.br").read_bytes()
    status, headers, body = fetch(port, "/bai-viet/a/")
    assert "content-encoding" not in headers and body == (site / "bai-viet/a/index.html").read_bytes()


def test_fingerprinted_assets_and_search_parts_are_kept_a_year(served) -> None:
    site, port = served
    bundle = next((site / "assets" / "stylesheets").glob("main.*.min.css"))
    part = next(p for p in (site / "assets/loa/search/w").iterdir() if p.suffix == ".js")
    for path in (f"/assets/stylesheets/{bundle.name}", f"/assets/loa/search/w/{part.name}?v=1"):
        status, headers, _ = fetch(port, path, "gzip")
        assert status == 200, path
        assert headers["cache-control"] == "public, max-age=31536000, immutable", path
        assert headers["content-security-policy"] == csp.HEADER, path  # add_header in a location drops none
    for path in ("/assets/loa/search/core.js", "/assets/loa/loa.css", "/index.html"):
        assert fetch(port, path)[1]["cache-control"] == "no-cache", path


def test_missing_page_gets_the_404_page(served) -> None:
    site, port = served
    status, headers, body = fetch(port, "/bai-viet/khong-co/")
    assert status == 404
    assert body == (site / "404.html").read_bytes()
    assert headers["content-security-policy"] == csp.HEADER
    assert fetch(port, "/.loa-site")[0] == 404


def test_redirects_folder_addresses_and_aliases(served) -> None:
    _, port = served
    status, headers, _ = fetch(port, "/bai-viet/a")
    assert status == 301 and headers["location"] == "/bai-viet/a/"
    status, headers, body = fetch(port, "/bai-viet/ten-cu/")
    assert status == 200 and headers["cache-control"] == "no-cache"
    target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', body.decode()).group(1)
    followed = urllib.parse.urljoin("/bai-viet/ten-cu/", target)
    assert followed == "/bai-viet/a/"
    status, _, body = fetch(port, followed)
    assert status == 200 and "<h1" in body.decode()
