"""`loa serve`: a live preview that shows an edited explainer within moments."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import explainer, free_port

LOA = Path(sys.executable).with_name("loa")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, needle: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if needle in fetch(url):
            return True
        time.sleep(0.2)
    return False


def test_preview_updates_after_an_edit_even_in_strict_projects(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    site.config.write_text(site.config.read_text(encoding="utf-8") + "strict: true\n", encoding="utf-8")
    port = free_port()
    server = subprocess.Popen([str(LOA), "serve", "--config", str(site.config), "--addr", f"127.0.0.1:{port}"],
                              cwd=site.root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    url = f"http://127.0.0.1:{port}/bai-viet/a/"
    try:
        assert wait_for(url, "Hòa giải viên giúp hai bên", 60)
        (site.root / "content/a.md").write_text(explainer() + "\nĐoạn mới thêm vào.\n", encoding="utf-8")
        assert wait_for(url, "Đoạn mới thêm vào.", 30)
        assert server.poll() is None  # still serving after the rebuild
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    assert b"Traceback" not in out


def start(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def status_and_text(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:  # the error page comes with a 500
        return err.code, err.read().decode("utf-8")
    except OSError:
        return 0, ""


def wait_status(url: str, needle: str, seconds: float) -> tuple[int, str]:
    deadline = time.monotonic() + seconds
    code, text = 0, ""
    while time.monotonic() < deadline:
        code, text = status_and_text(url)
        if needle in text:
            return code, text
        time.sleep(0.2)
    return code, text


def stop(server: subprocess.Popen) -> str:
    server.terminate()
    out, _ = server.communicate(timeout=10)
    return out.decode("utf-8", "replace")


@contextlib.contextmanager
def previewing(site, engine: str = "loa"):
    """A preview of `site` (loa serve, or plain mkdocs serve) serving its
    explainer a; yields (url, output so far); the output is checked for a
    traceback once it stops."""
    port = free_port()
    if engine == "loa":
        args = [str(LOA), "serve", "--config", str(site.config), "--addr", f"127.0.0.1:{port}"]
    else:
        args = [str(Path(sys.executable).with_name("mkdocs")), "serve", "-f", str(site.config), "-a", f"127.0.0.1:{port}"]
    server = start(args, site.root)
    url = f"http://127.0.0.1:{port}/bai-viet/a/"
    result = {"port": port, "out": ""}
    try:
        assert wait_for(url, "Hòa giải viên", 60)
        yield url, result
        assert server.poll() is None  # still serving after every rebuild
    finally:
        result["out"] = stop(server)
    assert "Traceback" not in result["out"]


def save(site, text: str) -> None:
    (site.root / "content/a.md").write_text(text, encoding="utf-8")


def test_preview_prints_its_address_in_vietnamese(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    with previewing(site) as (_url, result):
        pass
    assert f"Đang xem trước tại http://127.0.0.1:{result['port']}/" in result["out"]
    assert "Serving on" not in result["out"]


def test_a_content_error_is_a_vietnamese_page_that_recovers_by_itself(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    with previewing(site) as (url, _result):
        save(site, explainer(audiences="[khong-co]"))
        code, text = wait_status(url, "LOA130", 30)
        assert code == 500 and "Nội dung đang có lỗi" in text and "content/a.md:4: lỗi LOA130" in text
        assert '<script src="/.loa-livereload.js' in text  # it reloads once fixed
        save(site, explainer() + "\nĐã sửa xong.\n")
        code, text = wait_status(url, "Đã sửa xong.", 30)
        assert code == 200


def test_every_save_shows_even_saves_close_together(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    with previewing(site) as (url, _result):
        for attempt in range(5):
            # Same length each time: only the content can tell the saves apart,
            # and the second save lands while the first one's rebuild runs.
            for word in ("AAAA", "BBBB"):
                save(site, explainer() + f"\nLần {attempt} {word}.\n")
                time.sleep(0.15)
            assert wait_for(url, f"Lần {attempt} BBBB.", 30), attempt


def test_plain_mkdocs_serve_rebuilds_too(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    with previewing(site, engine="mkdocs") as (url, _result):
        for n in range(2):  # the first rebuild used to die with FileNotFoundError
            save(site, explainer() + f"\nBản sửa {n}.\n")
            assert wait_for(url, f"Bản sửa {n}.", 30)


def test_a_missing_page_asked_for_does_not_fail_a_strict_preview(make_site) -> None:
    """The server logs a 404 as a warning, on its own thread; strict mode
    must only count the build's warnings (this once made every rebuild fail)."""
    site = make_site({"content/a.md": explainer()})
    site.config.write_text(site.config.read_text(encoding="utf-8") + "strict: true\n", encoding="utf-8")
    with previewing(site) as (url, _result):
        save(site, explainer() + "\nSau trang thiếu.\n")
        deadline = time.monotonic() + 3  # ask for a missing page while the rebuild runs
        while time.monotonic() < deadline:
            status_and_text(url.replace("/bai-viet/a/", "/khong-co-trang-nay/"))
            time.sleep(0.02)
        code, text = wait_status(url, "Sau trang thiếu.", 30)
        assert code == 200, text


def test_an_engine_warning_in_a_strict_preview_is_shown_not_published(make_site) -> None:
    site = make_site({"content/a.md": explainer()})
    site.config.write_text(site.config.read_text(encoding="utf-8") + "strict: true\n", encoding="utf-8")
    with previewing(site) as (url, _result):
        site.write({"docs/hong.md": "[liên kết hỏng](khong-co-trang-nay.md)\n"})
        code, text = wait_status(url, "khong-co-trang-nay.md", 30)
        assert code == 500 and "Nội dung đang có lỗi" in text


def test_audience_and_topic_pages_are_written_again_only_when_what_they_show_changes(make_site) -> None:
    # A preview skips an audience or topic page whose cards and registries
    # are as they were; a title edit, or a renamed topic, must still show.
    site = make_site({"content/a.md": explainer()})
    with previewing(site) as (url, _):
        topic = url.replace("/bai-viet/a/", "/chu-de/hoa-giai-co-so/")
        audience = url.replace("/bai-viet/a/", "/doi-tuong/phu-nu-nong-thon/")
        assert wait_for(topic, "Hòa giải ở cơ sở là gì?", 30) and wait_for(audience, "Hòa giải ở cơ sở là gì?", 30)
        save(site, explainer() + "\nĐoạn mới thêm vào.\n")
        assert wait_for(url, "Đoạn mới thêm vào.", 30)
        assert "Hòa giải ở cơ sở là gì?" in fetch(topic)
        save(site, explainer("Tiêu đề mới của bài") + "\nĐoạn mới thêm vào.\n")
        assert wait_for(topic, "Tiêu đề mới của bài", 30) and wait_for(audience, "Tiêu đề mới của bài", 30)
        topics = site.root / "content/topics.yml"
        topics.write_text(topics.read_text(encoding="utf-8").replace("name: Hòa giải ở cơ sở", "name: Hòa giải tại ấp"),
                          encoding="utf-8")
        assert wait_for(topic, "Hòa giải tại ấp", 30)
