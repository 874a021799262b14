"""Listening (issue 15 item 2): recordings next to explainers, transcoded
with Debian's ffmpeg and played by a player that loads nothing before
play; the "Nghe bài này" button that reads a page with the browser's voice;
recordings in the bookcase.

Recordings are made here with Debian's espeak-ng (its Vietnamese voice) and
sox, as a phone would leave them: 44.1 kHz stereo WAV and Ogg Vorbis.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import explainer
from loa.adapters.cli import main
from loa.outputs import recordings as out

pytestmark = pytest.mark.skipif(not all(shutil.which(t) for t in ("ffmpeg", "ffprobe", "espeak-ng", "sox")),
                                reason="needs Debian's ffmpeg, espeak-ng and sox: run scripts/setup-system")

SPEECH = ("Hòa giải ở cơ sở là việc hòa giải viên hướng dẫn, giúp đỡ các bên đạt được thỏa thuận, "
          "tự nguyện giải quyết với nhau các mâu thuẫn, tranh chấp nhỏ trong thôn, ấp. ")
FIVE_MINUTES = 300


def record(target: Path, seconds: float | None = None, text: str = SPEECH) -> Path:
    """Vietnamese speech from espeak-ng, made by sox into what a phone saves:
    44.1 kHz stereo, repeated and cut to `seconds` when given."""
    voice = target.with_suffix(".espeak.wav")
    subprocess.run(["espeak-ng", "-v", "vi", "-w", str(voice), text], check=True, timeout=60)
    effects = ["repeat", str(int(seconds // 5) + 1), "trim", "0", str(seconds)] if seconds else []
    subprocess.run(["sox", "-V1", str(voice), "-r", "44100", "-c", "2", str(target), "vol", "0.8", *effects],
                   check=True, timeout=120)
    voice.unlink()
    return target


def probe(path: Path) -> dict:
    done = subprocess.run(["ffprobe", "-v", "error", "-show_entries",
                           "format=format_name,duration:stream=codec_name,channels,sample_rate",
                           "-of", "json", str(path)], capture_output=True, check=True, timeout=60)
    return json.loads(done.stdout)


def check(site) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--config", str(site.config)])
    return result.exit_code, result.stderr


def build(site) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    return result.exit_code, result.stderr


@pytest.fixture(scope="module")
def listened(tmp_path_factory: pytest.TempPathFactory):
    """A site with a 5-minute WAV recording, a short Ogg one, and one explainer
    without any; built once."""
    from conftest import AUDIENCES, LAWS, MKDOCS_YML, REPO, TOPICS, Site

    root = tmp_path_factory.mktemp("listen") / "project"
    site = Site(root).write({
        "mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides"),
        "docs/index.md": "# Trang chủ\n\nChào mừng.\n",
        "content/audiences.yml": AUDIENCES, "content/topics.yml": TOPICS, "content/laws.yml": LAWS,
        "content/hoa-giai/dai.md": explainer("Bài đọc dài năm phút"),
        "content/hoa-giai/ngan.md": explainer("Bài đọc ngắn"),
        "content/hoa-giai/khong-ghi-am.md": explainer("Bài không có ghi âm"),
    })
    record(root / "content/hoa-giai/dai.wav", FIVE_MINUTES)
    record(root / "content/hoa-giai/ngan.ogg")
    code, said = build(site)
    assert code == 0, said
    return site


def test_each_format_is_small_enough_for_speech(listened) -> None:
    """At most 1 MB per 5 minutes, computed from each file's own length."""
    sizes = {}
    for kind, codec, container in (("webm", "opus", "webm"), ("mp3", "mp3", "mp3")):
        made = listened.root / f"site/nghe/dai.{kind}"
        found = probe(made)
        seconds = float(found["format"]["duration"])
        assert abs(seconds - FIVE_MINUTES) < 1, seconds
        assert container in found["format"]["format_name"]
        (stream,) = found["streams"]
        assert stream["codec_name"] == codec and stream["channels"] == 1
        sizes[kind] = made.stat().st_size
        assert sizes[kind] <= seconds * out.BYTES_PER_SECOND, (kind, sizes[kind], seconds)
    print("5-minute recording:", sizes)
    source = (listened.root / "content/hoa-giai/dai.wav").stat().st_size
    assert max(sizes.values()) < source / 40  # a phone's WAV is 53 MB: transcoding is the point


def test_a_rebuild_runs_no_ffmpeg(listened, monkeypatch: pytest.MonkeyPatch) -> None:
    before = {p.name: p.read_bytes() for p in (listened.root / "site/nghe").iterdir()}
    real = subprocess.run

    def refuse(*args, **kwargs):
        if args and args[0][0] == "ffmpeg":
            raise AssertionError("transcoded again")
        return real(*args, **kwargs)

    monkeypatch.setattr(out.subprocess, "run", refuse)
    code, said = build(listened)
    assert code == 0, said
    assert {p.name: p.read_bytes() for p in (listened.root / "site/nghe").iterdir()} == before
    assert sorted(before) == ["dai.mp3", "dai.webm", "ngan.mp3", "ngan.webm"]


def test_the_player_has_both_sources_a_label_and_the_length(listened) -> None:
    html = (listened.root / "site/bai-viet/dai/index.html").read_text(encoding="utf-8")
    assert '<audio controls preload="none" aria-labelledby="loa-listen-label">' in html
    assert '<source src="../../nghe/dai.webm" type="audio/webm; codecs=opus">' in html
    assert '<source src="../../nghe/dai.mp3" type="audio/mpeg">' in html
    assert '<span class="loa-listen__title">Nghe bài này</span> <span class="loa-listen__length">(5 phút)</span>' in html
    assert "listen.js" not in html  # a recording needs no script, and no reading button
    other = (listened.root / "site/bai-viet/khong-ghi-am/index.html").read_text(encoding="utf-8")
    assert "<audio" not in other and '<p class="loa-speak" hidden>' in other and "assets/loa/listen.js" in other


def test_no_audio_byte_loads_before_play(listened, browser, serve) -> None:
    base = serve(listened.root / "site")
    page = browser.new_page()
    audio_requests: list[str] = []
    page.on("request", lambda r: audio_requests.append(r.url) if "/nghe/" in r.url else None)
    page.goto(base + "bai-viet/ngan/")
    page.wait_for_load_state("networkidle")
    assert audio_requests == []
    player = page.locator("audio")
    # preload="none": a source is chosen, but nothing is fetched (HAVE_NOTHING, not NETWORK_LOADING).
    assert player.evaluate("a => [a.readyState, a.networkState]") == [0, 1]
    box = player.bounding_box()
    with page.expect_request("**/nghe/ngan.webm", timeout=20_000):
        page.mouse.click(box["x"] + 16, box["y"] + box["height"] / 2)  # the play button of the controls
    played = player.evaluate("""a => new Promise((done) => {
        if (a.currentTime > 0) { done(a.currentTime); return; }
        a.addEventListener('timeupdate', () => done(a.currentTime), {once: true});
    })""")
    assert played > 0 and not player.evaluate("a => a.paused")
    assert audio_requests and all(u.endswith("/nghe/ngan.webm") for u in audio_requests), audio_requests
    page.close()


VOICES = """
(function () {
  var spoken = window.__spoken = [];
  var voices = %s;
  var fake = {
    getVoices: function () { return voices; },
    speak: function (u) { spoken.push({text: u.text, lang: u.lang, voice: u.voice && u.voice.name}); },
    cancel: function () {}, addEventListener: function () {}
  };
  Object.defineProperty(window, "speechSynthesis", {value: fake, configurable: true});
  // The real one refuses a voice that is not the browser's own object.
  window.SpeechSynthesisUtterance = function (text) { this.text = text; };
})();
"""


def page_with_voices(browser, url: str, voices: list[dict]):
    context = browser.new_context()
    context.add_init_script(VOICES % json.dumps(voices))
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return context, page


@pytest.mark.parametrize("voices", [
    [],
    [{"lang": "en-US", "name": "English", "localService": True}],
    [{"lang": "vi-VN", "name": "Google tiếng Việt", "localService": False}],  # sends the text to a server
], ids=["no-voice", "no-vietnamese-voice", "only-a-network-voice"])
def test_without_a_vietnamese_voice_the_button_stays_hidden(listened, browser, serve, voices) -> None:
    context, page = page_with_voices(browser, serve(listened.root / "site") + "bai-viet/khong-ghi-am/", voices)
    button = page.locator(".loa-speak button")
    assert button.count() == 1 and not button.is_visible()
    context.close()


def test_with_a_vietnamese_voice_the_button_reads_the_page(listened, browser, serve) -> None:
    voices = [{"lang": "en-US", "name": "English", "localService": True},
              {"lang": "vi-VN", "name": "Linh", "localService": True}]
    context, page = page_with_voices(browser, serve(listened.root / "site") + "bai-viet/khong-ghi-am/", voices)
    button = page.get_by_role("button", name="Nghe bài này")
    assert button.is_visible()
    button.click()
    spoken = page.evaluate("window.__spoken")
    text = " ".join(s["text"] for s in spoken)
    assert "Bài không có ghi âm" in text and "Hòa giải viên giúp hai bên thương lượng." in text
    assert "Sao chép" not in text  # the share box is not read
    assert {s["lang"] for s in spoken} == {"vi-VN"} and {s["voice"] for s in spoken} == {"Linh"}
    assert all(len(s["text"]) <= 400 for s in spoken)
    assert page.get_by_role("button", name="Dừng đọc").get_attribute("aria-pressed") == "true"
    context.close()


def test_a_page_with_a_recording_offers_no_speech(listened, browser, serve) -> None:
    voices = [{"lang": "vi-VN", "name": "Linh", "localService": True}]
    context, page = page_with_voices(browser, serve(listened.root / "site") + "bai-viet/ngan/", voices)
    assert page.locator(".loa-speak").count() == 0 and page.locator("audio").is_visible()
    context.close()


def test_recordings_are_in_the_bookcase_and_play_from_a_folder(listened, browser, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bookcase", "--config", str(listened.config), "--out", str(tmp_path / "tu")])
    assert result.exit_code == 0, result.stderr
    (archive,) = (tmp_path / "tu").glob("*.zip")
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
        assert {"nghe/ngan.webm", "nghe/ngan.mp3", "nghe/dai.webm", "nghe/dai.mp3"} <= names
        z.extractall(tmp_path / "usb")
    page = browser.new_page()
    page.goto((tmp_path / "usb/bai-viet/ngan/index.html").as_uri())
    played = page.evaluate("""() => new Promise((done) => {
        const a = document.querySelector('audio');
        a.addEventListener('loadedmetadata', () => done({src: a.currentSrc, seconds: a.duration}));
        a.addEventListener('error', () => done({error: String(a.error && a.error.code)}));
        a.load();
    })""")
    page.close()
    assert played.get("src", "").endswith("/usb/nghe/ngan.webm"), played
    assert 3 < played["seconds"] < 30, played


def test_check_reports_every_recording_problem_at_once(make_site, tmp_path: Path, monkeypatch) -> None:
    site = make_site({"content/a.md": explainer(), "content/b.md": explainer("Bài hai"),
                      "content/c.md": explainer("Bài ba"),
                      "content/d.md": explainer("Bài bốn", audiences="[phu-nu-khome]"),  # another mistake
                      "content/a.m4a": b"not sound at all",
                      "content/ban-ghi.mp3": b"x"})
    record(site.root / "content/b.wav").rename(site.root / "content/b.WAV")  # as some phones name it
    record(site.root / "content/c.wav")
    record(site.root / "content/c.ogg")
    code, said = check(site)
    assert code == 1
    assert "content/a.m4a:1: lỗi LOA471: không đọc được tệp ghi âm" in said
    assert "content/c.md:1: lỗi LOA474: bài có nhiều tệp ghi âm cùng tên: c.ogg, c.wav" in said
    assert "content/ban-ghi.mp3:1: cảnh báo LOA475:" in said
    assert "content/b.WAV" not in said  # a good recording is not a problem, whatever its suffix's case
    assert "content/d.md:4: lỗi LOA130" in said  # recordings are said with the rest, all at once
    monkeypatch.setattr("loa.content.recordings.MAX_SECONDS", 3)
    code, said = check(site)
    assert "content/b.WAV:1: lỗi LOA472: tệp ghi âm dài 9 giây, quá 3 giây" in said


def test_a_missing_ffmpeg_is_said_by_check_not_by_the_build(make_site, monkeypatch) -> None:
    site = make_site({"content/a.md": explainer()})
    record(site.root / "content/a.ogg")
    monkeypatch.setattr("loa.content.recordings.shutil.which", lambda name: None)
    code, said = check(site)
    assert code == 1 and "content/a.ogg:1: lỗi LOA470:" in said and "scripts/setup-system" in said
    code, said = build(site)
    assert code == 1 and "LOA470" in said and not (site.root / "site").exists()


def test_a_failed_transcode_leaves_no_site(make_site, monkeypatch) -> None:
    site = make_site({"content/a.md": explainer()})
    record(site.root / "content/a.ogg")
    monkeypatch.setitem(out.FORMATS, "mp3", ["-c:a", "khong-co-bo-ma-nay", "-f", "mp3"])
    code, said = build(site)
    assert code == 1 and "content/a.ogg:1: lỗi LOA476: không chuyển được tệp ghi âm sang dạng mp3" in said
    assert not (site.root / "site").exists()
    assert not list((site.root / ".loa-cache/audio").glob("*.tmp"))  # no half file in the cache


def test_spoken_lengths_in_vietnamese_and_khmer() -> None:
    from loa.content.recordings import spoken_length
    from loa.i18n import Messages

    vi, km = Messages("vi"), Messages("km")
    assert [spoken_length(s, vi) for s in (7.4, 60, 252)] == ["7 giây", "1 phút", "4 phút 12 giây"]
    assert spoken_length(252, km) == "4 នាទី 12 វិនាទី"
    assert {k for k in Messages("vi").missing() if k.startswith("audio.")} == set()
    assert [k for k in km.missing() if k.startswith("audio.")] == []


@pytest.mark.parametrize("voices, shown", [
    ([{"lang": "vi-VN", "name": "Linh", "localService": True}], False),  # only a voice of another language
    ([{"lang": "vi-VN", "name": "Linh", "localService": True}, {"lang": "km-KH", "name": "Sreymom", "localService": True}],
     True),
], ids=["vietnamese-voice-only", "khmer-voice"])
def test_a_khmer_page_offers_only_a_khmer_voice(built_site, browser, serve, voices, shown: bool) -> None:
    context, page = page_with_voices(browser, serve(built_site) + "km/hoa-giai-o-co-so-la-gi/", voices)
    button = page.locator(".loa-speak button")
    assert button.get_attribute("data-loa-lang") == "km"
    assert button.is_visible() is shown
    if shown:
        assert button.inner_text() == "ស្តាប់អត្ថបទនេះ"
        button.click()
        spoken = page.evaluate("window.__spoken")
        assert spoken and {s["lang"] for s in spoken} == {"km-KH"} and {s["voice"] for s in spoken} == {"Sreymom"}
        assert any("\u1780" <= ch <= "\u17ff" for s in spoken for ch in s["text"])  # Khmer text is read
    context.close()
