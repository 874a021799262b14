"""Every code in the catalogue is reached through a command an author runs.

CASES holds, for each code of loa/core/problems.py, the smallest project
input that makes `loa check` (or `loa build`, or `loa doctor`) report it,
named after the case, and the `path:line` the report must point at. Each
case runs on its own throwaway project through click's CliRunner; the run
must show the code at that place and exit as its severity says (errors 1,
warnings alone 0). A code added to the catalogue without a case, or a case
left behind by a removed code, fails `test_every_code_has_exactly_one_case`.

Two cases stage the machine instead of the project: another build holding
the lock (LOA906), and the operating system refusing the swap (LOA908).
"""
from __future__ import annotations

import io
import os
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Callable

import pytest
from click.testing import CliRunner
from PIL import Image

from conftest import AUDIENCES, LAWS, MKDOCS_YML, REPO, TOPICS, cp1258, explainer
from loa.adapters.cli import main
from loa.build.lock import build_lock
from loa.build.target import write_marker
from loa.core.model import Severity
from loa.core.problems import CATALOGUE, texts

OK = explainer()


def body(text: str) -> str:
    """An explainer whose body has `text` on line 12."""
    return OK + "\n" + text + "\n"


def png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (10, 10), "red").save(buf, "PNG")
    return buf.getvalue()


def image(target: str, alt: str = "Sơ đồ các bước") -> str:
    """An explainer showing the image `target` on line 12."""
    return body(f"![{alt}]({target})")


def yml(old: str = "", new: str = "") -> str:
    """The test site's mkdocs.yml, with `old` replaced by `new`."""
    text = MKDOCS_YML.format(overrides=REPO / "overrides")
    assert old in text
    return text.replace(old, new) if old else text


def loa_option(line: str) -> str:
    """mkdocs.yml with one more line in the `loa:` block."""
    return yml("      organisation:", f"      {line}\n      organisation:")


# The posting log's header, an access log line, and the report command (issue 14).
LOG = "date,slug,channel,group,by\n"
ACCESS = '203.0.113.9 - - [03/Mar/2024:08:15:01 +0700] "GET /bai-viet/a/ HTTP/1.1" 200 512 "-" "Mozilla/5.0"\n'
REPORT = ("report", "--ky", "nam", "--nam", "2024", "--out", "{root}/out", "--config", "{config}")

@dataclass(frozen=True)
class Case:
    """The smallest input that makes a command report one code."""

    name: str  # what the author did
    where: str  # "path:line" the report points at; {root} is the project's folder
    files: dict[str, str | bytes] = field(default_factory=dict)  # written over the defaults
    prepare: Callable[[Path, SimpleNamespace], None] | None = None  # what files cannot say
    command: tuple[str, ...] = ("check",)  # {root} and {config} are filled in
    exit_code: int | None = None  # None: as the severity says


# What `prepare` may do beyond writing files --------------------------------------

def truncate(rel: str, size: int):
    def prepare(root: Path, env: SimpleNamespace) -> None:
        with open(root / rel, "r+b") as f:
            f.truncate(size)  # sparse: nothing is written, a reader sees the size
    return prepare


def symlink(rel: str, to: str, outside: str | None = None):
    def prepare(root: Path, env: SimpleNamespace) -> None:
        if outside is not None:
            (root / outside).write_text(OK, encoding="utf-8")
        os.symlink(to, root / rel)
    return prepare


def symlink_loop(root: Path, env: SimpleNamespace) -> None:
    os.symlink("b.md", root / "content/a.md")
    os.symlink("a.md", root / "content/b.md")


def remove(rel: str):
    def prepare(root: Path, env: SimpleNamespace) -> None:
        (root / rel).unlink()
    return prepare


def khmer_part_missing(name: str):
    """The Khmer catalogue without one of its part files, as if a key had
    been added in Vietnamese and not yet translated."""
    def prepare(root: Path, env: SimpleNamespace) -> None:
        import contextlib

        import loa.i18n as i18n

        real = i18n.files
        env.monkeypatch.setattr(i18n, "files", lambda lang, domain: [
            p for p in real(lang, domain) if not (lang == "km" and p.name == name)])

        @contextlib.contextmanager
        def fresh_cache():
            i18n._read.cache_clear()
            yield
            i18n._read.cache_clear()  # after the monkeypatch is undone too: see env's order

        env.hold(fresh_cache())
    return prepare


def another_build_holds_the_lock(root: Path, env: SimpleNamespace) -> None:
    env.hold(build_lock(root / "site"))


def swap_refused(root: Path, env: SimpleNamespace) -> None:
    (root / "site").mkdir()
    write_marker(root / "site")

    def refuse(a: Path, b: Path) -> bool:
        raise PermissionError(13, "Permission denied", str(a))  # as a folder in use would be

    env.monkeypatch.setattr("loa.build.swap.exchange", refuse)


def old_site_cannot_be_marked(root: Path, env: SimpleNamespace) -> None:
    # A site built before the marker existed, with a folder where the marker
    # file would go: it is accepted as Loa's, but cannot be marked once retired.
    site = root / "site"
    (site / "assets/loa").mkdir(parents=True)
    (site / "assets/loa/loa.css").write_text("body{}", encoding="utf-8")
    (site / "index.html").write_text("<p>trang cũ</p>", encoding="utf-8")
    (site / ".loa-site").mkdir()


def built_site(links: str = "", age: float = 3600):
    """A folder as `loa build` leaves it (its marker `age` seconds in the
    future, so newer than every source), with one page holding `links`."""
    def prepare(root: Path, env: SimpleNamespace) -> None:
        (root / "site").mkdir()
        (root / "site/index.html").write_text(f"<title>Loa</title>{links}", encoding="utf-8")
        write_marker(root / "site")
        when = time.time() + age
        os.utime(root / "site/.loa-site", (when, when))
    return prepare


def edited_after_the_build(root: Path, env: SimpleNamespace) -> None:
    built_site(age=-3600)(root, env)
    when = time.time() + 3600  # later than any file of the project, the shared overrides too
    os.utime(root / "content/a.md", (when, when))


def bookcase(*args: str) -> tuple[str, ...]:
    return ("bookcase", "--config", "{config}", "--out", "{root}/tu-sach", *args)


def build(site_dir: str = "site") -> tuple[str, ...]:
    return ("build", "--config", "{config}", "--site-dir", "{root}/" + site_dir)


def print_to(folder: str) -> tuple[str, ...]:
    """`loa print` into a folder of the project (leaflets, issue 12)."""
    return ("print", "--config", "{config}", "--out", "{root}/" + folder)


# Twelve texts cited, with long titles: with the longest title and summary, no A5 page holds them.
MANY_LAWS = LAWS + "".join(f"luat-{i}:\n  title: Luật số {i} về một việc rất dài dòng và nhiều chữ\n"
                           f"  number: {i}/2020/QH14\n  issued: 2020-01-01\n  effective: 2020-07-01\n"
                           for i in range(12))
MANY_CITED = "[" + ", ".join(f"luat-{i}" for i in range(12)) + "]"

LONG_NAME = "s" * 240  # its build lock fits in a file name; the aside folder's lock does not

ALIAS_BOMB = "\n".join(
    ["---", 'a0: &a0 ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    + [f"a{i}: &a{i} [{', '.join(['*a' + str(i - 1)] * 9)}]" for i in range(1, 10)]
    + ["---", "Nội dung"])

# Listening and writing from Word (issue 15 items 2 and 4) --------------------

def wav(seconds: float = 2.0) -> bytes:
    """A recording as a phone's WAV holds it: 16-bit mono, a plain tone."""
    import math
    import struct
    import wave

    rate, buf = 8000, io.BytesIO()
    with wave.open(buf, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(b"".join(struct.pack("<h", int(8000 * math.sin(i / 10))) for i in range(int(rate * seconds))))
    return buf.getvalue()


def docx(*paragraphs: str, heading: str = "Hòa giải ở cơ sở", picture: str = "", font: str = "") -> bytes:
    """A Word file: a heading, paragraphs (the last typed in `font` if given), a picture."""
    from docx import Document

    d = Document()
    if heading:
        d.add_heading(heading, level=1)
    for i, text in enumerate(paragraphs):
        run = d.add_paragraph().add_run(text)
        if font and i == len(paragraphs) - 1:
            run.font.name = font
    if picture:
        pic = io.BytesIO()
        Image.new("RGB", (10, 10), "red").save(pic, picture)
        pic.seek(0)
        d.add_picture(pic)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def patch(target: str, value: object):
    def prepare(root: Path, env: SimpleNamespace) -> None:
        env.monkeypatch.setattr(target, value)
    return prepare


def import_word(*args: str) -> tuple[str, ...]:
    return ("import", "{root}/bai.docx", "--config", "{config}", *args)


def new(*args: str) -> tuple[str, ...]:
    return ("new", "--config", "{config}", "--summary", "Tóm tắt.", "--topic", "hoa-giai-co-so", *args)


CASES: dict[str, Case] = {
    # Files
    "LOA100": Case("saved_as_windows_1258", "content/a.md:2", {"content/a.md": cp1258(explainer("Hòa giải"))}),
    "LOA101": Case("empty_file", "content/a.md:1", {"content/a.md": ""}),
    "LOA102": Case("no_front_matter", "content/a.md:1", {"content/a.md": "Chỉ có nội dung.\n"}),
    "LOA103": Case("front_matter_never_closed", "content/a.md:1",
                   {"content/a.md": "---\ntitle: Bài\nsummary: Tóm tắt\n\nNội dung\n"}),
    "LOA104": Case("file_over_a_megabyte", "content/a.md:1", {"content/a.md": OK},
                   truncate("content/a.md", 1_100_000)),
    "LOA105": Case("symlink_out_of_content", "content/a.md:1",
                   prepare=symlink("content/a.md", "../ngoai.md", outside="ngoai.md")),
    "LOA106": Case("content_dir_outside_the_project", "mkdocs.yml:1",
                   {"mkdocs.yml": loa_option("content_dir: ../ngoai")}),
    "LOA107": Case("dangling_symlink", "content/a.md:1", prepare=symlink("content/a.md", "khong-co.md")),
    "LOA108": Case("symlink_loop", "content/a.md:1", prepare=symlink_loop),
    "LOA109": Case("explainer_named_index", "content/index.md:1", {"content/index.md": OK}),
    # YAML
    "LOA110": Case("yaml_syntax", "content/a.md:4",
                   {"content/a.md": "---\ntitle: Bài\nsummary: [chưa đóng\naudiences: x\n---\n"}),
    "LOA111": Case("tab_indent", "content/a.md:4",
                   {"content/a.md": "---\ntitle: Bài\nlaws:\n\t- luat-hoa-giai-2013\n---\n"}),
    "LOA112": Case("duplicate_key", "content/a.md:8",
                   {"content/a.md": OK.replace("date: 2023-03-15", "date: 2023-03-15\ntitle: Tiêu đề thứ hai")}),
    "LOA113": Case("python_tag", "content/a.md:2",
                   {"content/a.md": '---\ntitle: !!python/object/apply:os.system ["echo pwned"]\n---\n'}),
    "LOA114": Case("alias_bomb", "content/a.md:2", {"content/a.md": ALIAS_BOMB}),
    "LOA115": Case("front_matter_is_a_list", "content/a.md:2", {"content/a.md": "---\n- một\n- hai\n---\nNội dung\n"}),
    "LOA116": Case("registry_of_too_many_values", "content/laws.yml:1",
                   {"content/laws.yml": "luat-x: [" + "1," * 200_010 + "1]\n"}),
    "LOA117": Case("front_matter_too_long", "content/a.md:1", {"content/a.md": explainer(summary="x" * 33_000)}),
    # Fields
    "LOA120": Case("missing_summary", "content/a.md:1", {"content/a.md": explainer(summary=None)}),
    "LOA121": Case("title_too_long", "content/a.md:2", {"content/a.md": explainer("Dài " * 50)}),
    "LOA122": Case("draft_not_true_or_false", "content/a.md:8", {"content/a.md": explainer(draft='"có"')}),
    "LOA123": Case("unknown_field", "content/a.md:8", {"content/a.md": explainer(tac_gia="Chị Lan")}),
    "LOA124": Case("empty_audiences", "content/a.md:4", {"content/a.md": explainer(audiences="[]")}),
    "LOA125": Case("too_many_hashtags", "content/a.md:8",
                   {"content/a.md": explainer(hashtags="[" + ", ".join(f"Tag{i}" for i in range(31)) + "]")}),
    "LOA126": Case("hashtag_too_long", "content/a.md:8", {"content/a.md": explainer(hashtags="[Ngan, " + "D" * 61 + "]")}),
    # References
    "LOA130": Case("unknown_audience", "content/a.md:4", {"content/a.md": explainer(audiences="[phu-nu-khome]")}),
    "LOA131": Case("unknown_topic", "content/a.md:5", {"content/a.md": explainer(topics="[hoa-giai]")}),
    "LOA132": Case("unknown_law", "content/a.md:6", {"content/a.md": explainer(laws="[luat-hoa-giai]")}),
    "LOA133": Case("article_zero", "content/a.md:6",
                   {"content/a.md": explainer(laws="[{id: luat-hoa-giai-2013, articles: [0]}]")}),
    # Dates
    "LOA140": Case("date_in_words", "content/a.md:7", {"content/a.md": explainer(date="tháng ba")}),
    "LOA141": Case("impossible_date", "content/a.md:7", {"content/a.md": explainer(date="30/2/2023")}),
    "LOA142": Case("reviewed_before_published", "content/a.md:8", {"content/a.md": explainer(reviewed="2023-01-01")}),
    # Slugs and aliases
    "LOA150": Case("same_slug_in_two_folders", "content/mot/hoa-giai.md:1",
                   {"content/mot/hoa-giai.md": OK, "content/hai/Hòa giải.md": OK}),
    "LOA151": Case("alias_is_another_slug", "content/a.md:8", {"content/a.md": explainer(aliases="[b]"), "content/b.md": OK}),
    "LOA152": Case("alias_not_a_slug", "content/a.md:8", {"content/a.md": explainer(aliases='["Hòa giải"]')}),
    "LOA153": Case("file_name_without_letters", "content/!!!.md:1", {"content/!!!.md": OK}),
    # Links
    "LOA160": Case("broken_link", "content/a.md:12", {"content/a.md": body("Xem [bài khác](../khac/khong-co.md).")}),
    "LOA161": Case("link_target_the_scan_cannot_isolate", "content/a.md:12",
                   {"content/a.md": body("Xem [bài khác](<b.md>x)."), "content/b.md": explainer("Bài B")}),
    "LOA162": Case("link_to_a_draft", "content/a.md:12",
                   {"content/a.md": body("Xem [bài sau](nhap.md)."), "content/nhap.md": explainer("Nháp", draft="true")}),
    # The two bounds of a body point at its first line.
    "LOA163": Case("too_many_links", "content/a.md:9", {"content/a.md": OK + "[x](a.md) " * 1001}),
    "LOA164": Case("too_many_backticks", "content/a.md:9", {"content/a.md": body("[x](a.md) " + "`" * 20_001)}),
    # Images in the text
    "LOA180": Case("image_from_another_site", "content/a.md:12", {"content/a.md": image("https://example.com/a.png")}),
    "LOA181": Case("image_missing", "content/a.md:12", {"content/a.md": image("anh/khong-co.png")}),
    "LOA182": Case("image_outside_content", "content/a.md:12", {"content/a.md": image("../anh.png"), "anh.png": png()}),
    "LOA183": Case("image_as_bmp", "content/a.md:12", {"content/a.md": image("a.bmp"), "content/a.bmp": b"BM"}),
    "LOA184": Case("image_as_svg", "content/a.md:12", {"content/a.md": image("a.svg"), "content/a.svg": "<svg/>"}),
    "LOA185": Case("image_over_ten_megabytes", "content/a.md:12", {"content/a.md": image("to.png"), "content/to.png": png()},
                   truncate("content/to.png", 11_000_000)),
    "LOA186": Case("image_not_an_image", "content/a.md:12", {"content/a.md": image("hong.png"), "content/hong.png": b"not a png"}),
    "LOA187": Case("image_without_description", "content/a.md:12",
                   {"content/a.md": image("so-do.png", alt=""), "content/so-do.png": png()}),
    # Registries
    "LOA170": Case("missing_registry", "content/topics.yml:1", prepare=remove("content/topics.yml")),
    "LOA171": Case("registry_entry_without_name", "content/audiences.yml:7",
                   {"content/audiences.yml": AUDIENCES + "phu-nu-tre:\n  description: Chưa có tên.\n"}),
    "LOA172": Case("registry_id_not_a_slug", "content/topics.yml:7",
                   {"content/topics.yml": TOPICS + "Hôn nhân:\n  name: Hôn nhân\n"}),
    "LOA173": Case("registry_over_five_megabytes", "content/laws.yml:1", prepare=truncate("content/laws.yml", 6_000_000)),
    "LOA174": Case("law_link_runs_script", "content/laws.yml:6",
                   {"content/laws.yml": LAWS + "luat-khac:\n  title: Luật khác\n  number: 1/2020/QH14\n"
                                               "  issued: 2020-01-01\n  effective: 2020-07-01\n"
                                               "  url: javascript:alert(1)\n"}),
    "LOA175": Case("registry_name_too_long", "content/audiences.yml:7",
                   {"content/audiences.yml": AUDIENCES + "phu-nu-tre:\n  name: " + "Dài " * 60 + "\n"}),
    # Safety
    "LOA200": Case("script_tag", "content/a.md:12", {"content/a.md": body("<script>alert(1)</script>")}),
    "LOA201": Case("onclick_attribute", "content/a.md:12", {"content/a.md": body('<a href="#" onclick="x">bấm</a>')}),
    "LOA202": Case("javascript_link", "content/a.md:12", {"content/a.md": body("[bấm](javascript:alert(1))")}),
    "LOA203": Case("form", "content/a.md:12", {"content/a.md": body("<form>Ý kiến</form>")}),
    "LOA204": Case("bidi_override", "content/a.md:12", {"content/a.md": body("Chữ \u202e ngược")}),
    "LOA205": Case("quotes_nested_nine_deep", "content/a.md:12", {"content/a.md": body(">" * 9 + " trích")}),
    # Legacy encodings
    "LOA210": Case("tcvn3_text", "content/a.md:12", {"content/a.md": body("Hßa gi¶i ë c¬ së")}),
    "LOA211": Case("vni_text", "content/a.md:12", {"content/a.md": body("Hoøa giaûi ôû cô sôû")}),
    # `loa check` reads a Windows-1258 file as LOA100 (an error): only the
    # doctor, which can repair it, calls it LOA212. The doctor exits 1 when
    # it finds anything to fix, warnings included.
    "LOA212": Case("doctor_finds_windows_1258", "content/a.md:1", {"content/a.md": cp1258(explainer("Hòa giải"))},
                   command=("doctor", "content/a.md"), exit_code=1),
    # URL ledger
    "LOA220": Case("published_url_gone", "content/published-urls.txt:2",
                   {"content/a.md": OK, "content/published-urls.txt": "# sổ\n/bai-viet/bai-cu/\n/bai-viet/a/\n"}),
    # Law status and review dates (issue 10 items 1-3)
    "LOA300": Case("law_status_not_in_the_databases_words", "content/laws.yml:1",
                   {"content/laws.yml": LAWS + "  status: Hết hiệu lực\n"}),
    "LOA301": Case("amending_text_not_registered", "content/laws.yml:1",
                   {"content/laws.yml": LAWS + "  changes:\n    - {kind: amended, by: luat-khong-co, date: 2020-01-01}\n"}),
    "LOA302": Case("change_before_the_law_was_issued", "content/laws.yml:1",
                   {"content/laws.yml": LAWS + "  changes:\n    - {kind: amended, date: 2010-01-01}\n"}),
    "LOA303": Case("law_checked_in_the_future", "content/laws.yml:1",
                   {"content/laws.yml": LAWS + "  checked: 2999-01-01\n"}),
    "LOA304": Case("not_yet_in_force_after_its_effective_date", "content/laws.yml:1",
                   {"content/laws.yml": LAWS + "  status: Chưa có hiệu lực\n  checked: 2020-01-01\n"}),
    "LOA305": Case("change_of_an_unknown_kind", "content/laws.yml:1",
                   {"content/laws.yml": LAWS + "  changes:\n    - {kind: sua, date: 2020-01-01}\n"}),
    "LOA310": Case("review_overdue", "content/a.md:7", {"content/a.md": OK}),
    "LOA311": Case("review_period_longer_than_the_sites", "content/a.md:8",
                   {"mkdocs.yml": loa_option("review_months: 6"), "content/a.md": explainer(review_months="12")}),
    "LOA312": Case("relies_on_a_repealed_law", "content/a.md:6",
                   {"content/laws.yml": LAWS.replace("2014-01-01\n", "2014-01-01\n  superseded_by: luat-moi\n")
                    + "luat-moi:\n  title: Luật mới\n  number: 2/2024/QH15\n  issued: 2024-01-01\n"
                      "  effective: 2024-07-01\n", "content/a.md": OK}),
    "LOA313": Case("cited_article_amended_after_review", "content/a.md:6",
                   {"content/laws.yml": LAWS + "  changes:\n    - {kind: amended, articles: [5], date: 2024-01-01}\n",
                    "content/a.md": explainer(laws="[{id: luat-hoa-giai-2013, articles: [5]}]")}),
    "LOA314": Case("cited_article_repealed", "content/a.md:6",
                   {"content/laws.yml": LAWS + "  changes:\n    - {kind: repealed, articles: [5], date: 2024-01-01}\n",
                    "content/a.md": explainer(laws="[{id: luat-hoa-giai-2013, articles: [5]}]")}),
    # Withdrawn explainers, outdated words, the review list (issue 10 items 4-6)
    "LOA330": Case("withdrawn_without_a_reason", "content/a.md:8",
                   {"content/a.md": explainer(withdrawn="{date: 2024-01-01}")}),
    "LOA331": Case("replacement_not_in_content", "content/a.md:8",
                   {"content/a.md": explainer(withdrawn="{date: 2024-01-01, reason: Cũ, replaced_by: khong-co}")}),
    "LOA332": Case("replacement_is_a_draft", "content/a.md:8",
                   {"content/a.md": explainer(withdrawn="{date: 2024-01-01, reason: Cũ, replaced_by: b}"),
                    "content/b.md": explainer(draft="true")}),
    "LOA333": Case("withdrawn_before_published", "content/a.md:8",
                   {"content/a.md": explainer(withdrawn="{date: 2020-01-01, reason: Cũ}")}),
    "LOA334": Case("link_to_a_withdrawn_explainer", "content/a.md:12",
                   {"content/a.md": body("Xem [bài cũ](b.md)."),
                    "content/b.md": explainer(withdrawn="{date: 2024-01-01, reason: Cũ}")}),
    "LOA340": Case("outdated_word_without_what_to_write", "content/outdated-words.yml:1",
                   {"content/outdated-words.yml": "cap-huyen:\n  words: [UBND huyện]\n  since: 2025-07-01\n"
                                                  "  number: 72/2025/QH15\n  reason: hai cấp\n"}),
    "LOA341": Case("outdated_word_in_the_text", "content/a.md:12",
                   {"content/a.md": body("Nộp đơn ở Uỷ ban nhân dân huyện."),
                    "content/outdated-words.yml": "cap-huyen:\n  words: [Ủy ban nhân dân huyện]\n  since: 2025-07-01\n"
                                                  "  number: 72/2025/QH15\n  reason: hai cấp\n  instead: UBND xã\n"}),
    "LOA342": Case("historical_mark_of_a_word_not_used", "content/a.md:8",
                   {"content/a.md": explainer(historical="[UBND huyện]"),
                    "content/outdated-words.yml": "cap-huyen:\n  words: [UBND huyện]\n  since: 2025-07-01\n"
                                                  "  number: 72/2025/QH15\n  reason: hai cấp\n  instead: UBND xã\n"}),
    "LOA353": Case("law_entry_never_checked", "content/laws.yml:1", {"content/a.md": OK},
                   command=("review", "--config", "{config}")),
    # Glossary and loudspeaker scripts (issue 15 items 1 and 3)
    "LOA440": Case("glossary_entry_with_an_unknown_field", "content/glossary.yml:1",
                   {"content/glossary.yml": "giam-ho:\n  term: giám hộ\n  definition: Có.\n  nghia: x\n"}),
    "LOA441": Case("glossary_term_twice_with_other_tone_placement", "content/glossary.yml:4",
                   {"content/glossary.yml": "hoa-giai:\n  term: hòa giải\n  definition: Có.\n"
                                            "hoa-giai-2:\n  term: HOÀ GIẢI\n  definition: Có.\n"}),
    "LOA442": Case("glossary_definition_too_long", "content/glossary.yml:1",
                   {"content/glossary.yml": "giam-ho:\n  term: giám hộ\n  definition: " + "chữ " * 60 + "\n"}),
    "LOA443": Case("glossary_law_not_in_the_registry", "content/glossary.yml:1",
                   {"content/glossary.yml": "giam-ho:\n  term: giám hộ\n  definition: Có.\n  law: blds\n"}),
    "LOA444": Case("glossary_article_without_a_law", "content/glossary.yml:1",
                   {"content/glossary.yml": "giam-ho:\n  term: giám hộ\n  definition: Có.\n  article: 46\n"}),
    "LOA450": Case("spoken_words_unknown_section", "content/spoken-words.yml:1",
                   {"content/spoken-words.yml": "chu-viet-tat:\n  UBND: Ủy ban nhân dân\n"}),
    "LOA451": Case("spoken_word_written_twice", "content/spoken-words.yml:3",
                   {"content/spoken-words.yml": "words:\n  UBND: Ủy ban nhân dân\n  ubnd: Ủy ban\n"}),
    "LOA452": Case("spoken_words_reading_speed_out_of_range", "content/spoken-words.yml:1",
                   {"content/spoken-words.yml": "per_minute: 5\n"}),
    # Social posts
    "LOA500": Case("own_post_too_long", "content/a.md:8",
                   {"content/a.md": explainer(social='{zalo: "' + "Bài viết tay rất dài. " * 50 + '"}')}),
    "LOA501": Case("post_too_long_even_bare", "content/a.md:2",
                   {"mkdocs.yml": loa_option("channels: {zalo: {max_length: 200}}"),
                    "content/a.md": explainer("Tiêu đề " * 14)}),
    "LOA502": Case("own_post_with_untracked_link", "content/a.md:8",
                   {"content/a.md": explainer(social='{zalo: "Nộp đơn: https://loa.example.test/bai-viet/a/?x=1"}')}),
    "LOA503": Case("own_post_with_markdown", "content/a.md:8",
                   {"content/a.md": explainer(social='{zalo: "**Ly hôn** nộp đơn chung."}')}),
    "LOA504": Case("own_post_with_many_hashtags", "content/a.md:8",
                   {"content/a.md": explainer(social='{zalo: "Nộp đơn chung. #A #B #C"}')}),
    "LOA505": Case("gist_past_the_phone_preview", "content/a.md:3",
                   {"content/a.md": explainer(summary="Khi " + "có mâu thuẫn " * 12 + "thì nhờ tổ hòa giải.")}),
    # Staff and readers polish (issue 16): the header's short name, a placeholder site_url
    "LOA600": Case("short_name_too_long_for_a_phone", "mkdocs.yml:1",
                   {"mkdocs.yml": loa_option("short_name: Loa · Pháp luật cho phụ nữ Sóc Trăng")}),
    "LOA601": Case("site_url_still_the_example", "mkdocs.yml:2",
                   {"mkdocs.yml": yml("site_url: https://loa.example.test/",
                                      "site_url: https://loa.phunu-soctrang.example/")}, command=build()),
    "LOA602": Case("link_to_a_missing_section", "content/b.md:12",
                   {"content/a.md": OK + "\n## Đăng ký ở đâu\n\nTại xã.\n",
                    "content/b.md": body("Xem [nơi đăng ký](a.md#dang-ky-o-dau-nhe).")}),
    # Reports (issue 14): the posting log content/posted.csv through loa check,
    # and loa report's period, access logs and output folder
    "LOA400": Case("posting_log_without_its_header", "content/posted.csv:1",
                   {"content/a.md": OK, "content/posted.csv": "ngay,bai\n2024-01-02,a,zalo,Chi hội ấp 3\n"}),
    "LOA401": Case("posting_line_with_three_fields", "content/posted.csv:2",
                   {"content/a.md": OK, "content/posted.csv": LOG + "2024-01-02,a,zalo\n"}),
    "LOA402": Case("posting_date_no_such_month", "content/posted.csv:2",
                   {"content/a.md": OK, "content/posted.csv": LOG + "2024-13-02,a,zalo,Chi hội ấp 3\n"}),
    "LOA403": Case("posting_date_in_the_future", "content/posted.csv:2",
                   {"content/a.md": OK, "content/posted.csv": LOG + "2999-01-02,a,zalo,Chi hội ấp 3\n"}),
    "LOA404": Case("posting_of_an_unknown_explainer", "content/posted.csv:2",
                   {"content/a.md": OK, "content/posted.csv": LOG + "2024-01-02,khong-co,zalo,Chi hội ấp 3\n"}),
    "LOA405": Case("posting_of_a_draft", "content/posted.csv:2",
                   {"content/a.md": OK, "content/b.md": explainer("Bản nháp", draft="true"),
                    "content/posted.csv": LOG + "2024-01-02,b,zalo,Chi hội ấp 3\n"}),
    "LOA406": Case("posted_before_the_explainer_was_written", "content/posted.csv:2",
                   {"content/a.md": OK, "content/posted.csv": LOG + "2020-01-02,a,zalo,Chi hội ấp 3\n"}),
    "LOA407": Case("posting_to_an_unknown_channel", "content/posted.csv:2",
                   {"content/a.md": OK, "content/posted.csv": LOG + "2024-01-02,a,viber,Chi hội ấp 3\n"}),
    "LOA408": Case("posting_without_a_group", "content/posted.csv:2",
                   {"content/a.md": OK, "content/posted.csv": LOG + "2024-01-02,a,zalo, \n"}),
    "LOA409": Case("posting_logged_twice", "content/posted.csv:3",
                   {"content/a.md": OK,
                    "content/posted.csv": LOG + "2024-01-02,a,zalo,Chi hội ấp 3\n2/1/2024,a,Zalo,chi hội  ấp 3\n"}),
    "LOA410": Case("posting_group_with_a_control_character", "content/posted.csv:2",
                   {"content/a.md": OK, "content/posted.csv": LOG + "2024-01-02,a,zalo,Chi hội\x07 ấp 3\n"}),
    "LOA411": Case("posting_log_over_5_mb", "content/posted.csv:1",
                   {"content/a.md": OK, "content/posted.csv": LOG + "2024-01-02,a,zalo,Chi hội ấp 3\n" * 150_000}),
    "LOA420": Case("report_with_a_missing_access_log", "{root}/khong-co.log:1", {"content/a.md": OK},
                   command=REPORT + ("--log", "{root}/khong-co.log")),
    "LOA421": Case("report_with_a_line_not_in_combined_format", "{root}/access.log:2",
                   {"content/a.md": OK, "access.log": ACCESS + "not a log line\n"},
                   command=REPORT + ("--log", "{root}/access.log")),
    "LOA422": Case("report_period_ending_before_it_starts", "mkdocs.yml:1", {"content/a.md": OK},
                   command=("report", "--from", "2/1/2024", "--to", "1/1/2024", "--out", "{root}/out",
                            "--config", "{config}")),
    "LOA423": Case("report_into_a_folder_that_is_a_file", "{root}/content/a.md/out:1", {"content/a.md": OK},
                   command=("report", "--ky", "nam", "--nam", "2024", "--out", "{root}/content/a.md/out",
                            "--config", "{config}")),
    # Reports end
    # Leaflets (issue 12: `loa print`, loa/outputs/leaflets/)
    "LOA700": Case("leaflet_longer_than_a5", "content/a.md:3",
                   {"content/laws.yml": MANY_LAWS, "content/a.md": explainer(laws=MANY_CITED)}, command=print_to("to-roi")),
    "LOA701": Case("leaflets_into_content", "{root}/content/to-roi:1", {"content/a.md": OK},
                   command=print_to("content/to-roi")),
    "LOA702": Case("leaflets_into_a_file", "{root}/ghi-chu.txt:1", {"content/a.md": OK, "ghi-chu.txt": "in 50 bản\n"},
                   command=print_to("ghi-chu.txt")),
    "LOA703": Case("leaflets_into_the_authors_folder", "{root}/tai-lieu:1",
                   {"content/a.md": OK, "tai-lieu/bao-cao.txt": "của tôi\n"}, command=print_to("tai-lieu")),
    # Khmer explainers (issue 11): lang and translates, the Khmer words, Khmer text
    # The search thesaurus (issue 13: content/thesaurus.yml)
    "LOA620": Case("thesaurus_same_as_names_no_entry", "content/thesaurus.yml:4",
                   {"content/thesaurus.yml": "ly-hon:\n  words: [ly hôn]\n  readers: [bỏ chồng]\n"
                                             "chia-tay:\n  same_as: ly-hn\n  readers: [chia tay]\n"}),
    "LOA621": Case("thesaurus_same_as_loop", "content/thesaurus.yml:1",
                   {"content/thesaurus.yml": "a:\n  same_as: b\n  readers: [bỏ nhau]\n"
                                             "b:\n  same_as: a\n  readers: [chia tay]\n"}),
    "LOA622": Case("thesaurus_reader_phrase_twice", "content/thesaurus.yml:4",
                   {"content/thesaurus.yml": "ly-hon:\n  words: [ly hôn]\n  readers: [bỏ chồng]\n"
                                             "bo-chong:\n  words: [ly thân]\n  readers: [Bỏ  chồng]\n"}),
    "LOA623": Case("thesaurus_entry_without_words", "content/thesaurus.yml:1",
                   {"content/thesaurus.yml": "ly-hon:\n  readers: [bỏ chồng]\n"}),
    "LOA624": Case("thesaurus_phrase_a_whole_sentence", "content/thesaurus.yml:1",
                   {"content/thesaurus.yml": "ly-hon:\n  words: [ly hôn]\n"
                                             "  readers: [tôi muốn bỏ chồng thì phải làm những gì đây ạ]\n"}),
    "LOA625": Case("thesaurus_too_many_entries", "content/thesaurus.yml:3001",
                   {"content/thesaurus.yml": "".join(f"e{i}:\n  words: [x{i}]\n  readers: [y{i}]\n"
                                                     for i in range(1001))}),
    "LOA800": Case("unknown_language", "content/a.md:8", {"content/a.md": explainer(lang="fr")}),
    "LOA801": Case("translates_an_unknown_page", "content/a.km.md:9",
                   {"content/a.km.md": explainer(lang="km", translates="khong-co")}),
    "LOA802": Case("khmer_translates_khmer", "content/c.km.md:9",
                   {"content/a.md": OK, "content/b.km.md": explainer(lang="km", translates="a"),
                    "content/c.km.md": explainer(lang="km", translates="b-km")}),
    "LOA803": Case("two_translations_of_one_page", "content/c.km.md:9",
                   {"content/a.md": OK, "content/b.km.md": explainer(lang="km", translates="a"),
                    "content/c.km.md": explainer(lang="km", translates="a")}),
    "LOA804": Case("vietnamese_page_says_it_translates", "content/a.md:8",
                   {"content/a.md": explainer(translates="b"), "content/b.md": OK}),
    "LOA805": Case("khmer_words_missing", "loa/i18n/km/site.po:1",
                   {"content/a.km.md": explainer(lang="km")}, prepare=khmer_part_missing("site-khmer.po")),
    "LOA806": Case("khmer_file_name_without_translates", "content/ខ្មែរ.md:1",
                   {"content/ខ្មែរ.md": explainer(lang="km")}),
    "LOA807": Case("khmer_font_not_installed", "mkdocs.yml:1", {"content/a.km.md": explainer(lang="km")},
                   prepare=lambda root, env: env.monkeypatch.setattr(
                       "loa.outputs.khmer_font.FONT", root / "khong-co-phong.ttf")),
    "LOA808": Case("pillow_without_raqm", "mkdocs.yml:1", {"content/a.km.md": explainer(lang="km")},
                   prepare=lambda root, env: env.monkeypatch.setattr(
                       "loa.outputs.khmer_images.features.check", lambda name: name != "raqm")),
    "LOA810": Case("khmer_vowel_before_coeng", "content/a.md:12", {"content/a.md": body("ស\u17b6\u17d2ម")}),
    "LOA811": Case("khmer_vowel_in_two_parts", "content/a.md:12", {"content/a.md": body("ក\u17c1\u17b6ក")}),
    "LOA812": Case("khmer_stray_coeng", "content/a.md:12", {"content/a.md": body("ក\u17d2 ខ")}),
    "LOA813": Case("limon_font_text", "content/a.km.md:13",
                   {"content/a.km.md": explainer(lang="km") + "\néf¶ExqñaMkMeNIt rbs´Gñk\n"}),
    "LOA814": Case("khmer_sign_after_zwsp", "content/a.md:12", {"content/a.md": body("ក\u200b\u17b6")}),
    "LOA815": Case("khmer_translation_older_than_its_reviewed_original", "content/a.km.md:9",
                   {"content/a.md": explainer(reviewed="2024-01-10"),
                    "content/a.km.md": explainer(lang="km", translates="a", date="2023-06-01")}),
    # Khmer end
    # Listening and writing from Word (issue 15 items 2 and 4): recordings, `loa import`, `loa new`
    "LOA470": Case("recording_without_ffmpeg", "content/a.wav:1", {"content/a.md": OK, "content/a.wav": wav()},
                   patch("loa.content.recordings.shutil.which", lambda name: None)),
    "LOA471": Case("recording_that_is_not_sound", "content/a.m4a:1", {"content/a.md": OK, "content/a.m4a": b"ghi chu"}),
    "LOA472": Case("recording_too_long", "content/a.wav:1", {"content/a.md": OK, "content/a.wav": wav(2.0)},
                   patch("loa.content.recordings.MAX_SECONDS", 1)),
    "LOA473": Case("recording_too_big", "content/a.wav:1", {"content/a.md": OK, "content/a.wav": wav()},
                   truncate("content/a.wav", 260_000_000)),
    "LOA474": Case("two_recordings_for_one_explainer", "content/a.md:1",
                   {"content/a.md": OK, "content/a.wav": wav(), "content/a.mp3": b"x"}),
    "LOA475": Case("recording_named_like_no_explainer", "content/a-ghi-am.mp3:1",
                   {"content/a.md": OK, "content/a-ghi-am.mp3": b"x"}),
    "LOA476": Case("recording_ffmpeg_cannot_transcode", "content/a.wav:1", {"content/a.wav": wav()},
                   patch("loa.outputs.recordings.FORMATS", {"mp3": ["-c:a", "khong-co", "-f", "mp3"]}),
                   command=build()),
    "LOA480": Case("word_file_without_a_heading", "content/bai.md:2",
                   {"bai.docx": docx("Hòa giải viên giúp hai bên.", heading="")}, command=import_word()),
    "LOA481": Case("imported_without_a_summary", "content/hoa-giai-co-so/hoa-giai-o-co-so.md:3",
                   {"bai.docx": docx("Hòa giải viên giúp hai bên.")}, command=import_word("--topic", "hoa-giai-co-so")),
    "LOA482": Case("imported_without_audiences", "content/hoa-giai-co-so/hoa-giai-o-co-so.md:4",
                   {"bai.docx": docx("Hòa giải viên giúp hai bên.")}, command=import_word("--topic", "hoa-giai-co-so")),
    "LOA483": Case("imported_without_topics", "content/hoa-giai-o-co-so.md:5",
                   {"bai.docx": docx("Hòa giải viên giúp hai bên.")}, command=import_word()),
    "LOA484": Case("imported_law_suggested_from_a_citation", "content/hoa-giai-o-co-so.md:6",
                   {"bai.docx": docx("Theo Điều 8 Luật Hòa giải ở cơ sở.")}, command=import_word()),
    "LOA485": Case("imported_citation_of_a_law_not_in_the_registry", "content/hoa-giai-o-co-so.md:10",
                   {"bai.docx": docx("Xem Điều 12 Luật Trẻ em.")}, command=import_word()),
    "LOA486": Case("imported_image_without_a_description", "content/hoa-giai-o-co-so.md:10",
                   {"bai.docx": docx(picture="PNG")}, command=import_word()),
    "LOA487": Case("imported_image_a_page_cannot_show", "{root}/bai.docx:1",
                   {"bai.docx": docx("Ảnh dưới đây.", picture="TIFF")}, command=import_word()),
    "LOA488": Case("imported_text_typed_in_a_tcvn3_font", "content/hoa-giai-o-co-so.md:10",
                   {"bai.docx": docx("Hßa gi¶i viªn", font=".VnTime")}, command=import_word()),
    "LOA490": Case("import_of_a_file_that_is_not_word", "{root}/bai.docx:1", {"bai.docx": b"khong phai word"},
                   command=import_word()),
    "LOA491": Case("import_over_an_existing_explainer", "content/a.md:1",
                   {"content/a.md": OK, "bai.docx": docx("Nội dung.", heading="A")}, command=import_word()),
    "LOA492": Case("new_with_an_audience_not_in_the_registry", "content/audiences.yml:1",
                   command=new("--title", "Bài mới", "--audience", "phu-nu-khome")),
    "LOA493": Case("new_with_a_title_without_letters", "content:1",
                   command=new("--title", "???", "--audience", "phu-nu-khmer")),
    # The law bookcase (issue 12 item 2: `loa bookcase`, loa/bookcase/)
    "LOA720": Case("bookcase_before_any_build", "site/:1", {"content/a.md": OK}, command=bookcase()),
    "LOA721": Case("bookcase_of_a_site_older_than_its_content", "content/a.md:1", {"content/a.md": OK},
                   prepare=edited_after_the_build, command=bookcase()),
    "LOA722": Case("bookcase_link_opens_no_file", "{root}/site/index.html:1", {"content/a.md": OK},
                   prepare=built_site('<a href="khong-co/">x</a>'), command=bookcase()),
    "LOA723": Case("bookcase_into_a_file", "{root}/ghi-chu.txt:1", {"content/a.md": OK, "ghi-chu.txt": "USB\n"},
                   prepare=built_site(), command=("bookcase", "--config", "{config}", "--out", "{root}/ghi-chu.txt")),
    # Site configuration
    "LOA900": Case("theme_color_not_a_colour", "mkdocs.yml:1", {"mkdocs.yml": loa_option('theme_color: "tím"')}),
    # Where a build writes
    "LOA901": Case("site_dir_is_the_project", "mkdocs.yml:1", command=build(".")),
    "LOA902": Case("site_dir_is_content", "{root}/content:1", command=build("content")),
    "LOA903": Case("site_dir_inside_content", "{root}/content/site:1", command=build("content/site")),
    "LOA904": Case("site_dir_is_a_file", "{root}/ghi-chu.txt:1", {"ghi-chu.txt": "gọi chị Lan\n"},
                   command=build("ghi-chu.txt")),
    "LOA905": Case("site_dir_is_the_authors_folder", "{root}/tai-lieu:1", {"tai-lieu/bao-cao.txt": "của tôi\n"},
                   command=build("tai-lieu")),
    # A second build refused while one runs exits 2, so scripts can tell "try later" apart.
    "LOA906": Case("another_build_running", "{root}/site:1", prepare=another_build_holds_the_lock,
                   command=build(), exit_code=2),
    "LOA907": Case("no_room_for_the_aside_folder", "{root}/" + LONG_NAME + ":1", command=build(LONG_NAME)),
    "LOA908": Case("swap_refused_by_the_system", "{root}/site:1", prepare=swap_refused, command=build()),
    "LOA909": Case("old_site_left_behind", "{root}/site:1", prepare=old_site_cannot_be_marked, command=build()),
}


def severity(code: str) -> Severity:
    return texts(code)[0]


def test_every_code_has_exactly_one_case() -> None:
    missing, leftover = sorted(set(CATALOGUE) - set(CASES)), sorted(set(CASES) - set(CATALOGUE))
    assert not missing and not leftover, f"codes without a case: {missing}; cases of no code: {leftover}"


def test_case_names_are_distinct() -> None:
    names = [case.name for case in CASES.values()]
    assert len(names) == len(set(names))


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch):
    with ExitStack() as stack:
        yield SimpleNamespace(monkeypatch=monkeypatch, hold=stack.enter_context)


@pytest.mark.parametrize("code", sorted(CASES), ids=lambda code: f"{code}-{CASES[code].name}")
def test_the_code_is_reported_at_its_place(make_site, env, code: str) -> None:
    case = CASES[code]
    site = make_site(({"content/a.md": OK} if case.command[0] == "build" else {}) | case.files)
    root = site.root.resolve()
    if case.prepare is not None:
        case.prepare(root, env)
    env.monkeypatch.chdir(root)
    fill = {"root": str(root), "config": str(site.config)}
    result = CliRunner().invoke(main, [part.format(**fill) for part in case.command]
                                + (["--config", str(site.config)] if case.command == ("check",) else []))
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.exception is None or isinstance(result.exception, SystemExit), output
    kind = "lỗi" if severity(code) is Severity.ERROR else "cảnh báo"
    assert f"{case.where.format(**fill)}: {kind} {code}:" in result.stderr, result.stderr
    expected = case.exit_code if case.exit_code is not None else int(severity(code) is Severity.ERROR)
    assert result.exit_code == expected, result.stderr
