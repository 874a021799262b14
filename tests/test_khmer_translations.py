"""A Khmer translation carries its original's legal facts (issue 11 item 7),
and `loa check` says when the original changed after it (LOA815,
loa/content/translations.py)."""
from __future__ import annotations

import re
from dataclasses import replace

import pytest
from click.testing import CliRunner

from conftest import REPO, explainer
from loa.adapters.cli import main
from loa.content import catalog, translations
from loa.i18n import messages

KHMER = explainer("តើការផ្សះផ្សាជាអ្វី?", lang="km", translates="hoa-giai",
                  summary="ការផ្សះផ្សាជួយប្រជាជនដោះស្រាយជម្លោះតូចតាច។", date="2026-11-20")
# What a Khmer text must copy exactly: numbers of laws and articles, dates,
# percentages, amounts and phone numbers ("282/2025/NĐ-CP", "1/7/2023", "0377.672.444").
FACT = re.compile(r"\d(?:[\d./%]*[\d%])?(?:/[A-ZĐ][A-ZĐ\d-]*)?")
# "(Hội đang xác nhận)" and its Khmer: a fact the Union has not confirmed stays marked in both.
UNCONFIRMED = {"vi": "Hội đang xác nhận", "km": "សហភាពនារីកំពុងផ្ទៀងផ្ទាត់"}


def check(make_site, files: dict[str, str]):
    site = make_site(files)
    return CliRunner().invoke(main, ["check", "--config", str(site.config)])


def test_a_translation_older_than_its_reviewed_original_is_a_warning_at_translates(make_site) -> None:
    result = check(make_site, {"content/hoa-giai.md": explainer(reviewed="2026-12-02"),
                               "content/hoa-giai.km.md": KHMER})
    assert result.exit_code == 0, result.stderr  # a warning: the site still builds
    line = next(l for l in result.stderr.splitlines() if "LOA815" in l)
    assert line.startswith("content/hoa-giai.km.md:9: cảnh báo LOA815:")
    assert "content/hoa-giai.md" in line and "2/12/2026" in line and "20/11/2026" in line
    assert "date (từ 2026-12-02 trở đi)" in result.stderr


@pytest.mark.parametrize("khmer_fields", [
    {"date": "2026-12-02"},  # dated the day it was compared again
    {"date": "2026-11-20", "reviewed": "2026-12-03"},  # or reviewed by a Khmer speaker since
], ids=["dated", "reviewed"])
def test_a_translation_dated_or_reviewed_since_is_not(make_site, khmer_fields) -> None:
    km = explainer("តើការផ្សះផ្សាជាអ្វី?", lang="km", translates="hoa-giai",
                   summary="ការផ្សះផ្សាជួយប្រជាជនដោះស្រាយជម្លោះតូចតាច។", **khmer_fields)
    result = check(make_site, {"content/hoa-giai.md": explainer(reviewed="2026-12-02"),
                               "content/hoa-giai.km.md": km})
    assert "LOA815" not in result.stderr, result.stderr


def test_a_vietnamese_page_dated_later_counts_as_changed() -> None:
    found = catalog.load(REPO)
    km = next(e for e in found.explainers if e.lang == "km")
    vi = next(e for e in found.explainers if e.slug == km.translates)
    later = replace(vi, date=translations.as_of(km).replace(year=translations.as_of(km).year + 1), reviewed=None)
    assert [p.code for p in translations.stale(km, later, messages())] == ["LOA815"]
    assert translations.stale(km, replace(later, date=translations.as_of(km)), messages()) == []


# The samples ----------------------------------------------------------------------

def pairs() -> list[tuple]:
    found = catalog.load(REPO)
    by_slug = {e.slug: e for e in found.explainers}
    return [(e, by_slug[e.translates]) for e in found.explainers if e.lang == "km"]


def facts(e) -> set[str]:
    return set(FACT.findall("\n".join((e.title, e.summary, e.body))))


def test_there_are_four_khmer_samples_none_reviewed() -> None:
    samples = pairs()
    assert len(samples) >= 4
    assert all(km.reviewed is None for km, _ in samples)


@pytest.mark.parametrize("km, vi", pairs(), ids=lambda e: e.slug)
def test_a_sample_cites_the_laws_and_articles_of_its_original(km, vi) -> None:
    assert km.laws == vi.laws


@pytest.mark.parametrize("km, vi", pairs(), ids=lambda e: e.slug)
def test_a_sample_copies_every_number_date_and_phone_of_its_original(km, vi) -> None:
    assert facts(km) == facts(vi)


@pytest.mark.parametrize("km, vi", pairs(), ids=lambda e: e.slug)
def test_a_sample_marks_what_the_union_is_confirming_as_often_as_its_original(km, vi) -> None:
    text = {e.lang: "\n".join((e.summary, e.body)) for e in (km, vi)}
    assert text["km"].count(UNCONFIRMED["km"]) == text["vi"].count(UNCONFIRMED["vi"]) > 0


@pytest.mark.parametrize("km, vi", pairs(), ids=lambda e: e.slug)
def test_a_sample_is_not_older_than_its_original(km, vi) -> None:
    assert translations.stale(km, vi, messages()) == []


def test_the_fact_comparison_sees_a_decree_left_out() -> None:
    km, vi = next((km, vi) for km, vi in pairs() if "282/2025/NĐ-CP" in vi.body)
    dropped = replace(km, body=km.body.replace("282/2025/NĐ-CP", ""))
    assert facts(vi) - facts(dropped) == {"282/2025/NĐ-CP"}
