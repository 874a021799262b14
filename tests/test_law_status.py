"""Law status and review dates (issue 10 items 1-3): the currency API of
loa/content/currency.py on hand-made laws and explainers, and laws.yml's
status fields read through `loa check`."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from click.testing import CliRunner

from conftest import LAWS, MKDOCS_YML, REPO, explainer
from loa.adapters.cli import main
from loa.content import currency
from loa.content.currency import LawConcern
from loa.core.model import Explainer, Law, LawChange, LawRef, Settings

D = dt.date
SETTINGS = Settings(site_url="https://loa.example/", site_name="Loa", organisation="Hội", hotline="1",
                    contacts=(), content_dir="content", channels=(), theme_color="#8e2463")


def law(law_id: str = "luat-a", **fields) -> Law:
    base = dict(id=law_id, title="Luật A", number="1/2014/QH13", issued=D(2014, 6, 1), effective=D(2015, 1, 1))
    return Law(**{**base, **fields})


def article(law_id: str = "luat-a", *articles: int, note: str = "", **fields) -> Explainer:
    base = dict(slug="a", path="content/a.md", title="A", summary="S", audiences=(), topics=(),
                date=D(2024, 3, 15), body="", body_line=1, laws=(LawRef(law_id, tuple(articles), note),))
    return Explainer(**{**base, **fields})


# Review dates ---------------------------------------------------------------

def test_review_is_due_a_period_after_the_review_or_the_publication() -> None:
    assert currency.review_due(article(), SETTINGS) == D(2025, 3, 15)
    assert currency.review_due(article(reviewed=D(2026, 1, 31)), SETTINGS) == D(2027, 1, 31)
    six = Settings(**{**SETTINGS.__dict__, "review_months": 6})
    assert currency.review_due(article(reviewed=D(2026, 8, 31)), six) == D(2027, 2, 28)  # no 31 February


def test_an_explainer_may_shorten_the_period_never_lengthen_it() -> None:
    assert currency.review_due(article(review_months=3), SETTINGS) == D(2024, 6, 15)
    assert currency.review_due(article(review_months=24), SETTINGS) == D(2025, 3, 15)


def test_overdue_only_after_the_due_day() -> None:
    e = article(reviewed=D(2025, 12, 1))
    assert not currency.overdue(e, SETTINGS, D(2026, 12, 1))
    assert currency.overdue(e, SETTINGS, D(2026, 12, 2))


def test_unchecked_laws_are_those_never_checked_or_checked_too_long_ago() -> None:
    laws = {"a": law("a", checked=D(2026, 11, 1)), "b": law("b", checked=D(2025, 1, 1)), "c": law("c")}
    assert currency.unchecked_laws(laws, D(2026, 12, 1), 180) == ["b", "c"]
    assert currency.unchecked_laws(laws.values(), D(2026, 12, 1), 1000) == ["c"]


# Status on a day ----------------------------------------------------------------

def test_each_status_on_its_day() -> None:
    checked = dict(status=currency.IN_FORCE, checked=D(2026, 1, 1))
    assert currency.status_on(law(**checked), D(2014, 12, 31)) == currency.NOT_YET_IN_FORCE
    assert currency.status_on(law(**checked), D(2026, 6, 1)) == currency.IN_FORCE
    assert currency.status_on(law(status=currency.PARTLY_EXPIRED, checked=D(2026, 1, 1)), D(2026, 6, 1)) \
        == currency.PARTLY_EXPIRED
    replaced = law(**checked, changes=(LawChange("replaced", D(2026, 7, 1), "luat-b"),))
    assert currency.status_on(replaced, D(2026, 6, 30)) == currency.IN_FORCE
    assert currency.status_on(replaced, D(2026, 7, 1)) == currency.EXPIRED
    suspended = law(changes=(LawChange("suspended", D(2026, 1, 1), "nq-c", until=D(2026, 6, 1)),))
    assert currency.status_on(suspended, D(2026, 3, 1)) == currency.SUSPENDED
    assert currency.status_on(suspended, D(2026, 6, 1)) == currency.IN_FORCE
    partly = law(changes=(LawChange("repealed", D(2025, 7, 1), "luat-b", (9,)),))
    assert currency.status_on(partly, D(2025, 7, 1)) == currency.PARTLY_EXPIRED


def test_a_recorded_status_holds_from_its_check_and_later_changes_move_it_on() -> None:
    # The database said "partly" on the check: no recorded change explains it, and it stays.
    recorded = law(status=currency.PARTLY_EXPIRED, checked=D(2026, 1, 1),
                   changes=(LawChange("amended", D(2020, 1, 1), "luat-b", (3,)),))
    assert currency.status_on(recorded, D(2026, 12, 1)) == currency.PARTLY_EXPIRED
    # A repeal before the check is already in the recorded status; one after it applies on its day.
    later = law(status=currency.IN_FORCE, checked=D(2026, 1, 1),
                changes=(LawChange("repealed", D(2026, 9, 1), "luat-b"),))
    assert currency.status_on(later, D(2026, 12, 1)) == currency.EXPIRED


# What an explainer should know ---------------------------------------------------

def test_a_text_repealed_in_full_blocks_unless_the_page_has_a_note() -> None:
    laws = {"luat-a": law(changes=(LawChange("replaced", D(2023, 7, 1), "luat-b"),)),
            "luat-b": law("luat-b", effective=D(2023, 7, 1))}
    concern = LawConcern("repealed", "luat-a", None, D(2023, 7, 1), "luat-b", blocking=True)
    assert currency.law_concerns(article(), laws, D(2026, 12, 1)) == [concern]
    noted = currency.law_concerns(article(note="So sánh với luật cũ."), laws, D(2026, 12, 1))
    assert [c.blocking for c in noted] == [False]


def test_a_cited_article_amended_after_the_review_is_a_concern_others_are_not() -> None:
    amended = law(changes=(LawChange("amended", D(2025, 7, 1), "luat-b", (7, 9)),))
    laws = {"luat-a": amended}
    found = currency.law_concerns(article("luat-a", 7, 8, reviewed=D(2025, 1, 1)), laws, D(2026, 12, 1))
    assert found == [LawConcern("amended_after_review", "luat-a", 7, D(2025, 7, 1), "luat-b")]
    assert currency.law_concerns(article("luat-a", 7, reviewed=D(2025, 8, 1)), laws, D(2026, 12, 1)) == []
    assert currency.law_concerns(article("luat-a", 8, reviewed=D(2025, 1, 1)), laws, D(2026, 12, 1)) == []


def test_repealed_and_suspended_articles_and_texts_not_yet_in_force() -> None:
    laws = {"luat-a": law(changes=(LawChange("repealed", D(2025, 7, 1), "luat-b", (5,)),
                                   LawChange("suspended", D(2026, 1, 1), "nq-c", (6,)))),
            "luat-moi": law("luat-moi", effective=D(2027, 1, 1))}
    e = article("luat-a", 5, 6, laws=(LawRef("luat-a", (5, 6)), LawRef("luat-moi")))
    kinds = [(c.kind, c.law_id, c.article) for c in currency.law_concerns(e, laws, D(2026, 12, 1))]
    assert kinds == [("partly_repealed", "luat-a", 5), ("suspended", "luat-a", 6),
                     ("not_yet_in_force", "luat-moi", None)]
    assert currency.law_concerns(e, laws, D(2025, 6, 30))[-1].since == D(2027, 1, 1)


def test_a_law_in_force_and_unchanged_raises_no_concern() -> None:
    laws = {"luat-a": law(status=currency.IN_FORCE, checked=D(2026, 11, 1))}
    assert currency.law_concerns(article("luat-a", 3), laws, D(2026, 12, 1)) == []


# laws.yml through loa check -------------------------------------------------------

def check(make_site, laws: str, page: str | None = None) -> tuple[int, list[dict]]:
    site = make_site({"content/laws.yml": laws, "content/a.md": page or explainer(reviewed="2026-11-01")})
    result = CliRunner().invoke(main, ["check", "--config", str(site.config), "--format", "json"])
    return result.exit_code, json.loads(result.output or "[]")


STATUSED = LAWS + "  status: con hieu luc\n  checked: 2026-11-01\n"


def test_status_words_are_read_without_diacritics_or_case(make_site) -> None:
    code, problems = check(make_site, STATUSED)
    assert code == 0 and not [p for p in problems if p["code"].startswith("LOA3")]


def test_the_old_superseded_by_is_read_as_a_replacement(make_site) -> None:
    laws = LAWS + ("luat-moi:\n  title: Luật mới\n  number: 2/2025/QH15\n  issued: 2025-06-01\n"
                   "  effective: 2026-01-01\n")
    code, problems = check(make_site, laws.replace("  effective: 2014-01-01\n",
                                                   "  effective: 2014-01-01\n  superseded_by: luat-moi\n"))
    assert code == 0
    assert [p["code"] for p in problems if p["code"].startswith("LOA3")] == ["LOA312"]
    assert "từ ngày 1/1/2026, thay bằng Luật mới số 2/2025/QH15" in problems[0]["message"]


@pytest.mark.parametrize(("extra", "code"), [
    ("  status: Hết hiệu lực\n", "LOA300"),
    ("  changes:\n    - {kind: amended, by: luat-khong-co, date: 2020-01-01}\n", "LOA301"),
    ("  changes:\n    - {kind: amended, date: 2010-01-01}\n", "LOA302"),
    ("  checked: 2099-01-01\n", "LOA303"),
    ("  status: Chưa có hiệu lực\n  checked: 2020-01-01\n", "LOA304"),
    ("  changes:\n    - {kind: sua, date: 2020-01-01}\n", "LOA305"),
    ("  status: Còn hiệu lực\n  checked: 2020-01-01\n  changes:\n    - {kind: repealed, articles: [5], date: 2019-01-01}\n",
     "LOA304"),
    ("  changes:\n    - {kind: amended, date: 2020-01-01, until: 2021-01-01}\n", "LOA305"),
    ("  changes:\n    - {kind: suspended, date: 2020-01-01, until: 2019-01-01}\n", "LOA302"),
])
def test_each_mistake_in_an_entry_is_an_error_with_a_hint(make_site, extra: str, code: str) -> None:
    exit_code, problems = check(make_site, LAWS + extra)
    found = [p for p in problems if p["code"] == code]
    assert exit_code == 1 and found and found[0]["hint"] and found[0]["path"] == "content/laws.yml"


def test_every_status_word_of_the_database_is_read(make_site) -> None:
    for word in ("Còn hiệu lực", "Hết hiệu lực một phần", "Hết hiệu lực toàn bộ", "Ngưng hiệu lực", "CHUA CO HIEU LUC"):
        checked = "2013-07-01" if word == "CHUA CO HIEU LUC" else "2026-11-01"
        code, problems = check(make_site, LAWS + f"  status: {word}\n  checked: {checked}\n")
        assert code == 0 and not [p for p in problems if p["code"] in ("LOA300", "LOA304")], (word, problems)


def test_the_sites_review_period_comes_from_mkdocs_yml(make_site) -> None:
    def loa_option(line: str) -> str:
        return MKDOCS_YML.format(overrides=REPO / "overrides").replace(
            "      organisation:", f"      {line}\n      organisation:")

    site = make_site({"mkdocs.yml": loa_option("review_months: 0"), "content/a.md": explainer()})
    result = CliRunner().invoke(main, ["check", "--config", str(site.config), "--format", "json"])
    refused = [p for p in json.loads(result.output) if p["code"] == "LOA900"]
    assert result.exit_code == 1 and "review_months" in refused[0]["message"]
    recent = (dt.date.today() - dt.timedelta(days=40)).isoformat()
    site = make_site({"mkdocs.yml": loa_option("review_months: 1"), "content/a.md": explainer(reviewed=recent)})
    result = CliRunner().invoke(main, ["check", "--config", str(site.config), "--format", "json"])
    assert [p["severity"] for p in json.loads(result.output) if p["code"] == "LOA310"] == ["warning"]


def test_drafts_and_withdrawn_explainers_are_not_due_for_review(make_site) -> None:
    for extra in ({"draft": "true"}, {"withdrawn": "{date: 2024-01-01, reason: Đã có bài mới.}"}):
        code, problems = check(make_site, LAWS, explainer(**extra))
        assert "LOA310" not in [p["code"] for p in problems], (extra, problems)
    code, problems = check(make_site, LAWS, explainer())
    assert "LOA310" in [p["code"] for p in problems]  # the same explainer, live: overdue since 2024


def test_a_text_that_ends_later_says_so_and_names_a_replacement_only_when_there_is_one(make_site) -> None:
    """A decree with a closing date (Nghị định 120/2025/NĐ-CP ends on 1/3/2027)
    ends with nothing in its place: its line must not say "thay bằng"."""
    laws = (LAWS + "  changes:\n    - {kind: repealed, date: 2999-01-01}\n"
            "luat-cu:\n  title: Luật cũ\n  number: 1/2010/QH12\n  issued: 2010-01-01\n  effective: 2010-07-01\n"
            "  changes:\n    - {kind: replaced, by: luat-moi, date: 2999-01-01}\n"
            "luat-moi:\n  title: Luật mới\n  number: 2/2998/QH99\n  issued: 2998-01-01\n  effective: 2999-01-01\n")
    site = make_site({"content/laws.yml": laws,
                      "content/a.md": explainer(laws="[luat-hoa-giai-2013, luat-cu]", reviewed="2026-11-01")})
    result = CliRunner().invoke(main, ["build", "--config", str(site.config)])
    assert result.exit_code == 0, result.output + result.stderr
    html = (site.root / "site/bai-viet/a/index.html").read_text("utf-8")
    lines = [" ".join(re.sub(r"<[^>]+>", "", m).split())
             for m in re.findall(r'<span class="loa-law-status[ "].*?</p>', html, re.S)]
    alone = [line for line in lines if "sẽ hết hiệu lực từ ngày 1/1/2999" in line and "thay bằng" not in line]
    replaced = [line for line in lines if "sẽ hết hiệu lực từ ngày 1/1/2999, thay bằng Luật mới số 2/2998/QH99" in line]
    assert len(alone) == 1 and len(replaced) == 1, lines
