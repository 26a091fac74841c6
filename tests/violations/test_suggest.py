"""The suggester: the seed phrases, the stage from the date, silence when nothing fits, the command line,
and its precision/recall on the hand-made evaluation set (tests/violations/suggest_cases.py)."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from pledges.models import Election
from violations.suggest import date_in_text, suggest_text

from .suggest_cases import CASES, HOLDOUT

pytestmark = pytest.mark.django_db


def codes(text, day=None, election=None):
    found, _ctx = suggest_text(text, day=day, election=Election.objects.filter(slug=election).first())
    return [s.code for s in found]


@pytest.mark.parametrize(
    ("text", "after", "before"),
    [
        ("memasang spanduk, baliho", "NTR-11", "NTR-01"),
        ("like, share, dan komentar mendukung", "NTR-16", "NTR-04"),
        ("bergabung di tim sukses", "NTR-20", "NTR-19"),
        ("foto bersama dengan peserta pemilihan", "NTR-17", "NTR-05"),
        ("menolak politik uang", "NTR-35", "NTR-35"),
    ],
)
def test_the_seed_phrases_give_their_entry_at_each_stage(text, after, before):
    assert codes(text, dt.date(2024, 10, 15), "pilkada-2024")[0] == after
    assert codes(text, dt.date(2024, 8, 15), "pilkada-2024")[0] == before


def test_the_same_date_means_another_stage_for_another_election():
    """January 2024: Pemilu candidates were fixed (Nov 2023), Pilkada candidates were not (Sep 2024)."""
    text = "ASN memberikan like dan share postingan calon di Facebook"
    assert codes(text, dt.date(2024, 1, 10), "pemilu-2024") == ["NTR-16"]
    assert codes(text, dt.date(2024, 1, 10), "pilkada-2024") == ["NTR-04"]


def test_nothing_fits_says_nothing():
    assert codes("ASN harus netral dan bijak bermedia sosial") == []
    assert codes("") == []


def test_a_negated_act_does_not_count():
    assert codes("ASN tersebut tidak memasang baliho") == []


def test_a_date_in_the_story_stands_in_for_the_incident_date():
    assert date_in_text("Sekayu, Senin (14/10/2024) — ASN memasang baliho") == dt.date(2024, 10, 14)
    assert date_in_text("pada 5 Agustus 2024 seorang guru") == dt.date(2024, 8, 5)
    assert codes("Pada 5 Agustus 2024 seorang guru pilkada memasang baliho di sekolah") == ["NTR-01"]


def run(*args, stdin=None):
    out = io.StringIO()
    if stdin is not None:
        import sys

        old, sys.stdin = sys.stdin, io.StringIO(stdin)
        try:
            call_command("suggest_catalogue", *args, stdout=out)
        finally:
            sys.stdin = old
    else:
        call_command("suggest_catalogue", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_code_tab_score_tab_title():
    lines = run("like, share, dan komentar mendukung", "--date", "2024-10-15", "--election", "pilkada-2024")
    code, score, title = lines.splitlines()[0].split("\t")
    assert code == "NTR-16" and 0 < float(score) <= 1 and title.startswith("Membuat postingan")
    assert len(lines.splitlines()) <= 5


def test_the_command_reads_standard_input_and_prints_nothing_when_nothing_fits():
    assert run(stdin="bergabung di tim sukses bakal calon").startswith("NTR-19\t")
    assert run("ASN wajib netral") == ""


def test_the_command_refuses_a_bad_date_or_election():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        run("baliho", "--date", "15-10-2024")
    with pytest.raises(CommandError, match="unknown election"):
        run("baliho", "--election", "pemilu-2029")


def evaluate(cases=CASES):
    tp = fp = fn = exact = 0
    misses = []
    for text, day, election, expected in cases:
        found = set(codes(text, day, election))
        tp += len(found & expected)
        fp += len(found - expected)
        fn += len(expected - found)
        exact += found == expected
        if found != expected:
            misses.append((text[:60], sorted(found), sorted(expected)))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, exact / len(cases), misses


def test_precision_and_recall_on_the_evaluation_set(capsys):
    precision, recall, exact, misses = evaluate()
    with capsys.disabled():
        print(f"\nsuggester: precision={precision:.2f} recall={recall:.2f} exact={exact:.2f} n={len(CASES)}")
        for miss in misses:
            print("  miss:", miss)
    assert precision >= 0.8 and recall >= 0.8, misses


def test_precision_and_recall_on_the_holdout_set(capsys):
    """Cases written after the rules were tuned, never used to tune them."""
    precision, recall, exact, misses = evaluate(HOLDOUT)
    with capsys.disabled():
        print(f"\nsuggester holdout: precision={precision:.2f} recall={recall:.2f} exact={exact:.2f} n={len(HOLDOUT)}")
        for miss in misses:
            print("  miss:", miss)
    assert precision >= 0.6 and recall >= 0.6, misses
