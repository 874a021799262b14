"""Law status on built pages (issue 10 items 2-3): each cited text's status
with "đã đối chiếu ngày …", each notice above the text, the review line,
and a law page's history, on a real `loa build`; then read in Chromium.

The laws here are made up for the test (a real text's status belongs in
content/laws.yml with its source); their dates are fixed in the past or
far in the future, so the expected words do not move with the clock.
"""
from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from conftest import AUDIENCES, LAWS, MKDOCS_YML, REPO, TOPICS, Site, explainer
from loa.adapters.cli import main
from loa.content.currency import add_months
from loa.core import dates

LAW = """\
{id}:
  title: {title}
  number: {number}
  issued: {issued}
  effective: {effective}
"""
STATUSED = LAWS + """\
  status: Hết hiệu lực một phần
  checked: 2024-02-01
  changes:
    - {kind: amended, by: luat-sua-doi, articles: [5], date: 2024-01-01}
    - {kind: repealed, by: luat-sua-doi, articles: [7], date: 2024-01-01}
    - {kind: suspended, by: nq-ngung, articles: [8], date: 2024-01-01}
""" + LAW.format(id="luat-sua-doi", title="Luật sửa đổi Luật Hòa giải", number="9/2023/QH15",
                 issued="2023-06-01", effective="2024-01-01") \
    + LAW.format(id="nq-ngung", title="Nghị quyết tạm ngưng", number="8/2023/QH15",
                 issued="2023-06-01", effective="2024-01-01") \
    + LAW.format(id="luat-cu", title="Luật cũ", number="1/2010/QH12", issued="2010-01-01",
                 effective="2010-07-01") + "  superseded_by: luat-moi\n" \
    + LAW.format(id="luat-moi", title="Luật mới", number="2/2023/QH15", issued="2023-01-01",
                 effective="2023-07-01") \
    + LAW.format(id="luat-tuong-lai", title="Luật tương lai", number="3/2998/QH99", issued="2998-01-01",
                 effective="2999-01-01")
CITES = ("[{id: luat-hoa-giai-2013, articles: [4, 5, 7, 8]}, luat-cu, luat-tuong-lai, "
         "{id: luat-moi, note: \"Bài so sánh với luật cũ.\"}]")
PAGE = "bai-viet/a/index.html"


class _Text(HTMLParser):
    """The visible text of the elements whose class starts with a prefix."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix, self.depth, self.found = prefix, 0, []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        opens = any(c == self.prefix for c in classes)
        if self.depth or opens:
            self.depth += 1
            if opens and self.depth == 1:
                self.found.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


def texts(html: str, cls: str) -> list[str]:
    parser = _Text(cls)
    parser.feed(html)
    return [" ".join(t.split()) for t in parser.found]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("law-pages") / "project"
    s = Site(root).write({
        "mkdocs.yml": MKDOCS_YML.format(overrides=REPO / "overrides"),
        "docs/index.md": "# Trang chủ\n",
        "content/audiences.yml": AUDIENCES, "content/topics.yml": TOPICS, "content/laws.yml": STATUSED,
        "content/a.md": explainer(laws=CITES, reviewed="2023-06-01"),
        "content/b.md": explainer("Bài đã rà soát", laws="[luat-moi]", reviewed=dt.date.today().isoformat()),
    })
    result = CliRunner().invoke(main, ["build", "--config", str(s.config)])
    assert result.exit_code == 0, result.output + result.stderr
    return root / "site"


def test_each_cited_text_shows_its_status_today_and_when_it_was_checked(site) -> None:
    today = dates.vietnamese(dt.date.today())
    lines = texts((site / PAGE).read_text("utf-8"), "loa-law-status")
    assert lines == [
        f"Tình trạng đến ngày {today}: Hết hiệu lực một phần (đã đối chiếu ngày 1/2/2024)",
        f"Tình trạng đến ngày {today}: Hết hiệu lực toàn bộ từ ngày 1/7/2023, thay bằng Luật mới số 2/2023/QH15 "
        "(chưa đối chiếu với Cơ sở dữ liệu quốc gia về văn bản pháp luật)",
        f"Tình trạng đến ngày {today}: Chưa có hiệu lực, áp dụng từ ngày 1/1/2999 "
        "(chưa đối chiếu với Cơ sở dữ liệu quốc gia về văn bản pháp luật)",
        # Never compared with the database: not called "in force".
        f"Tình trạng đến ngày {today}: chưa đối chiếu với Cơ sở dữ liệu quốc gia về văn bản pháp luật; "
        "áp dụng từ ngày 1/7/2023",
    ]


def test_each_cited_article_shows_what_changed_it(site) -> None:
    html = (site / PAGE).read_text("utf-8")
    articles = [" ".join(re.sub(r"<[^>]+>", "", li).split())
                for li in re.findall(r"<li>(Điều \d+:.*?)</li>", html)]
    assert articles == [
        "Điều 4: còn hiệu lực",
        "Điều 5: được sửa đổi, bổ sung từ ngày 1/1/2024 theo Luật sửa đổi Luật Hòa giải số 9/2023/QH15",
        "Điều 7: hết hiệu lực (bị bãi bỏ) từ ngày 1/1/2024 theo Luật sửa đổi Luật Hòa giải số 9/2023/QH15",
        "Điều 8: ngưng hiệu lực từ ngày 1/1/2024 theo Nghị quyết tạm ngưng số 8/2023/QH15",
    ]
    assert texts(html, "loa-law-note") == ["Ghi chú của người viết: Bài so sánh với luật cũ."]


def test_every_kind_of_notice_is_above_the_text(site) -> None:
    html = (site / PAGE).read_text("utf-8")
    assert html.index('class="loa-notice"') < html.index("<strong>thương lượng</strong>")  # the body
    hoa_giai = "Luật Hòa giải ở cơ sở số 35/2013/QH13"
    assert texts(html, "loa-notice__item") == [
        "Luật cũ số 1/2010/QH12 đã hết hiệu lực toàn bộ từ ngày 1/7/2023. Văn bản thay thế: Luật mới số "
        "2/2023/QH15. Một số nội dung của bài có thể không còn đúng.",
        f"Điều 7 của {hoa_giai} đã hết hiệu lực từ ngày 1/1/2024.",
        f"Điều 8 của {hoa_giai} đang ngưng hiệu lực từ ngày 1/1/2024.",
        "Luật tương lai số 3/2998/QH99 chưa có hiệu lực; văn bản áp dụng từ ngày 1/1/2999.",
        f"Điều 5 của {hoa_giai} đã được sửa đổi, bổ sung từ ngày 1/1/2024, sau lần rà soát bài này (ngày "
        "1/6/2023). Nội dung bài có thể chưa theo quy định mới. Văn bản sửa đổi: Luật sửa đổi Luật Hòa giải "
        "số 9/2023/QH15.",
    ]
    assert 'role="note"' in html


def test_a_page_with_nothing_to_note_has_no_notice(site) -> None:
    html = (site / "bai-viet/b/index.html").read_text("utf-8")
    assert 'class="loa-notice"' not in html and 'class="loa-review-dates"' in html


def test_review_dates_under_the_title(site) -> None:
    today = dt.date.today()
    assert texts((site / PAGE).read_text("utf-8"), "loa-review-dates") == [
        "Rà soát lần cuối 1/6/2023 · lần tới 1/6/2024 (đã quá hạn)"]
    fresh = texts((site / "bai-viet/b/index.html").read_text("utf-8"), "loa-review-dates")
    assert fresh == [f"Rà soát lần cuối {dates.vietnamese(today)} · lần tới {dates.vietnamese(add_months(today, 12))}"]


def test_a_law_page_shows_its_status_history_and_explainers(site) -> None:
    html = (site / "van-ban/luat-hoa-giai-2013/index.html").read_text("utf-8")
    history = [" ".join(re.sub(r"<[^>]+>", "", li).split())
               for li in re.findall(r'<ul class="loa-law-history">(.*?)</ul>', html, re.S)[0].split("</li>") if
               li.strip()]
    assert history == [
        "1/1/2024: sửa đổi, bổ sung Điều 5, theo Luật sửa đổi Luật Hòa giải số 9/2023/QH15",
        "1/1/2024: bãi bỏ Điều 7, theo Luật sửa đổi Luật Hòa giải số 9/2023/QH15",
        "1/1/2024: ngưng hiệu lực Điều 8, theo Nghị quyết tạm ngưng số 8/2023/QH15",
    ]
    assert texts(html, "loa-law-status") == ["Hết hiệu lực một phần (đã đối chiếu ngày 1/2/2024)"]
    assert "bai-viet/a/" in html  # the explainers concerned
    old = (site / "van-ban/luat-cu/index.html").read_text("utf-8")
    assert "1/7/2023: thay thế toàn bộ văn bản, theo Luật mới số 2/2023/QH15" in " ".join(
        re.sub(r"<[^>]+>", "", old).split())


@pytest.mark.browser
def test_chromium_reads_the_status_and_review_lines(site, browser, tmp_path) -> None:
    page = browser.new_page()
    page.goto((site / PAGE).as_uri())
    review = page.inner_text(".loa-review-dates")
    statuses = page.locator(".loa-law-status").all_inner_texts()
    notices = page.locator(".loa-notice li").all_inner_texts()
    box = page.locator(".loa-notice").bounding_box()
    page.screenshot(path=str(tmp_path / "notices.png"), full_page=True)
    page.close()
    assert review == "Rà soát lần cuối 1/6/2023 · lần tới 1/6/2024 (đã quá hạn)"
    assert statuses[0].startswith("Tình trạng đến ngày ") and statuses[0].endswith(
        "Hết hiệu lực một phần (đã đối chiếu ngày 1/2/2024)")
    assert len(notices) == 5 and box is not None and box["height"] > 50  # shown, not hidden
