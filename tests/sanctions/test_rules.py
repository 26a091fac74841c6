"""The rules table, case by case: every catalogue category × employment type × prior offence, each row naming
the article it rests on (shared/domain/sanctions.csv, reference.md §1.2–1.6). Pure: no database."""

import csv
import datetime as dt
from pathlib import Path

import pytest

from core.money import format_rupiah
from sanctions import rules

CATALOGUE_CSV = Path(__file__).resolve().parents[2] / "violations" / "data" / "catalogue.csv"


def load_catalogue() -> dict[str, rules.Item]:
    with CATALOGUE_CSV.open(encoding="utf-8") as f:
        return {
            row["code"]: rules.Item(row["code"], row["category"], row["stage"], row["counterpart"],
                                    row["legal_basis"], row["confidence"], row["title_id"])
            for row in csv.DictReader(f)
        }  # fmt: skip


CATALOGUE = load_catalogue()
# One entry per category, judged at its own stage.
SAMPLE = {"kode_etik": ("NTR-04", "bakal_calon"), "disiplin_sedang": ("NTR-32", "calon"),
          "disiplin_berat": ("NTR-11", "calon"), "ptdh": ("NTR-15", "calon")}  # fmt: skip

B_PNS, B_CPNS, B_PPPK = ["HD_B3", "HD_B2", "HD_B1"], ["HD_B3"], ["PPPK_B"]
SEDANG = ["HD_S12", "HD_S9", "HD_S6"]
MORAL = ["MORAL_TERBUKA", "MORAL_TERTUTUP"]
RINGAN = ["HD_R3", "HD_R2", "HD_R1"]
TOP = {"PNS": ["PTDH"], "CPNS": ["PTDH"], "PPPK": ["PPPK_PTDH"]}
BERAT = {"PNS": B_PNS, "CPNS": B_CPNS, "PPPK": B_PPPK}
BERAT_RULE = {"PNS": ("DB-PNS", "PP 94/2021 Ps 5 huruf n, Ps 8 ayat 4, Ps 14 huruf i"),
              "CPNS": ("DB-CPNS", "PP 11/2017 Ps 44"), "PPPK": ("DB-PPPK", "PP 49/2018 Ps 52, Ps 53")}  # fmt: skip
PTDH_RULE = {"PNS": ("PTDH-PNS", "UU 20/2023 Ps 52"), "CPNS": ("PTDH-PNS", "UU 20/2023 Ps 52"),
             "PPPK": ("PTDH-PPPK", "PP 49/2018 Ps 53; UU 20/2023 Ps 52")}  # fmt: skip
REPEAT = ("ULANG", "PP 94/2021; praktik PP 53/2010")

# (category, employment, prior measure or None) -> (level, measures heaviest first, rule id, article cited)
EXPECTED = {}
for emp in ("PNS", "CPNS", "PPPK"):
    EXPECTED |= {
        # Kode etik: sanksi moral, PP 42/2004 Ps 15; a repeat climbs the ladder.
        ("kode_etik", emp, None): ("kode_etik", MORAL, "KE-1", "PP 42/2004 Ps 11 huruf c, Ps 15"),
        ("kode_etik", emp, "MORAL_TERTUTUP"): ("kode_etik", ["MORAL_TERBUKA"], *REPEAT),
        ("kode_etik", emp, "MORAL_TERBUKA"): ("ringan", RINGAN, *REPEAT),
        ("kode_etik", emp, "HD_S6"): ("sedang", ["HD_S12", "HD_S9"], *REPEAT),
        # Disiplin sedang: TPP 25% 6/9/12 months, PP 94/2021 Ps 8 ayat 3 (PPPK by PP 49/2018 Ps 52).
        ("disiplin_sedang", emp, None): ("sedang", SEDANG, "DS-1", "PP 94/2021 Ps 5 huruf n, Ps 8 ayat 3, Ps 13"),
        ("disiplin_sedang", emp, "HD_R2"): ("sedang", SEDANG, "DS-1", "PP 94/2021 Ps 5 huruf n, Ps 8 ayat 3, Ps 13"),
        ("disiplin_sedang", emp, "HD_S6"): ("sedang", ["HD_S12", "HD_S9"], *REPEAT),
        ("disiplin_sedang", emp, "HD_S12"): ("berat", BERAT[emp], *REPEAT),
        # Disiplin berat: PP 94/2021 Ps 8 ayat 4 for a PNS; a CPNS is dismissed; a PPPK's contract ends.
        ("disiplin_berat", emp, None): ("berat", BERAT[emp], *BERAT_RULE[emp]),
        ("disiplin_berat", emp, "HD_S12"): ("berat", BERAT[emp], *BERAT_RULE[emp]),
        # HD_B1 is a PNS's first heavy rung; a CPNS's or PPPK's heavy measure is above it already.
        ("disiplin_berat", emp, "HD_B1"): ("berat", ["HD_B3", "HD_B2"], *REPEAT)
        if emp == "PNS"
        else ("berat", BERAT[emp], *BERAT_RULE[emp]),
        ("disiplin_berat", emp, BERAT[emp][0]): ("uu_asn", TOP[emp], *REPEAT),
        # Party membership: PTDH, UU 20/2023 Ps 52 (PPPK: PP 49/2018 Ps 53).
        ("ptdh", emp, None): ("uu_asn", TOP[emp], *PTDH_RULE[emp]),
        ("ptdh", emp, "HD_R1"): ("uu_asn", TOP[emp], *PTDH_RULE[emp]),
        ("ptdh", emp, "HD_S9"): ("uu_asn", TOP[emp], *PTDH_RULE[emp]),
        ("ptdh", emp, TOP[emp][0]): ("uu_asn", TOP[emp], *REPEAT),
    }


@pytest.mark.parametrize("key", sorted(EXPECTED, key=str), ids=lambda k: "-".join(str(p) for p in k))
def test_the_table_row_by_row(key):
    category, employment, prior = key
    level, measures, rule_id, article = EXPECTED[key]
    code, stage = SAMPLE[category]
    result = rules.recommend(
        [CATALOGUE[code]], employment=employment, stage=stage, prior=[prior] if prior else [], catalogue=CATALOGUE
    )
    assert result.level == level
    assert [m.code for m in result.measures] == measures
    assert result.rule.id == rule_id
    assert any(article in b for b in result.basis), f"{article!r} must be cited, got {result.basis}"
    assert all(employment in rules.LADDER and m.code in rules.LADDER[employment] for m in result.measures)


def test_every_category_and_employment_type_has_exactly_one_rule():
    for category in ("kode_etik", "disiplin_sedang", "disiplin_berat", "ptdh"):
        for employment in rules.EMPLOYMENT_TYPES:
            matching = [r for r in rules.RULES if r.category == category and employment in r.employment]
            assert len(matching) == 1, (category, employment)
            assert matching[0].basis, "each row cites its article"


def test_the_table_matches_sanctions_csv():
    """The ladder in the module is the one in shared/domain/sanctions.csv, kept beside it in sanctions/data/."""
    path = CATALOGUE_CSV.parents[2] / "sanctions" / "data" / "sanctions.csv"
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            m = rules.MEASURES[row["code"]]
            assert (m.rank, m.level, m.text, m.basis, m.applies_to) == (
                int(row["rank"]), row["level"], row["measure_id"], row["basis"], row["applies_to"]
            )  # fmt: skip
            assert m.duration_months == (int(row["duration_months"]) if row["duration_months"] else None)
            assert m.interim == row["interim_measure_id"]


def test_an_act_before_candidate_fixing_filed_as_disciplinary_is_judged_as_kode_etik():
    """NTR-16 (a calon's account, disiplin berat) liked before the KPU fixed the candidates: NTR-04 (SKB A.4)."""
    result = rules.recommend([CATALOGUE["NTR-16"]], employment="PNS", stage="bakal_calon", catalogue=CATALOGUE)
    assert result.level == "kode_etik"
    assert [i.code for i in result.judged] == ["NTR-04"]
    assert result.steps[0].rule_id == "TAHAP"
    assert "NTR-16" in result.steps[0].text and "NTR-04" in result.steps[0].text


def test_the_same_act_after_candidate_fixing_is_disciplinary():
    """NTR-04 filed, done after candidate fixing: NTR-16, PP 94/2021 Ps 5 huruf n (SKB B.6), disiplin berat."""
    result = rules.recommend([CATALOGUE["NTR-04"]], employment="PNS", stage="calon", catalogue=CATALOGUE)
    assert result.level == "berat"
    assert [i.code for i in result.judged] == ["NTR-16"]
    assert "PP 94/2021 Ps 5 huruf n; SKB 2022 B.6" in result.basis


def test_an_act_without_a_counterpart_keeps_its_category_and_is_flagged():
    """NTR-13 (courting a party as one's own bakal calon) has no counterpart: PP 94/2021 Ps 10, flagged."""
    result = rules.recommend([CATALOGUE["NTR-13"]], employment="PNS", stage="calon", catalogue=CATALOGUE)
    assert result.level == "sedang"
    assert result.is_disputed
    assert "padanan" in result.steps[0].text


def test_several_breaches_give_one_sanction_the_heaviest():
    """NTR-01 (kode etik) + NTR-32 (sedang) + NTR-34 (berat) in one examination: one, berat (PP 94/2021 Ps 14 i)."""
    items = [CATALOGUE[c] for c in ("NTR-01", "NTR-32", "NTR-34")]
    result = rules.recommend(items, employment="PNS", stage=None, catalogue=CATALOGUE)
    assert result.level == "berat"
    assert result.judged[0].code == "NTR-34"
    assert any(s.rule_id == "TERBERAT" for s in result.steps)


def test_disputed_catalogue_rows_are_shown_as_such():
    """NTR-18: berat in two sources, sedang in one (reference.md §1.4)."""
    result = rules.recommend([CATALOGUE["NTR-18"]], employment="PNS", stage="calon", catalogue=CATALOGUE)
    assert result.is_disputed
    assert any("NTR-18: disputed_one_source_says_sedang" == d for d in result.disputed)
    confirmed = rules.recommend([CATALOGUE["NTR-11"]], employment="PNS", stage="calon", catalogue=CATALOGUE)
    assert not confirmed.is_disputed


def test_the_explanation_cites_every_step():
    result = rules.recommend([CATALOGUE["NTR-32"]], employment="PNS", stage="calon", prior=["HD_S6"],
                             catalogue=CATALOGUE)  # fmt: skip
    assert [s.rule_id for s in result.steps] == ["DS-1", "ULANG"]
    assert all(s.basis for s in result.steps)
    snapshot = result.snapshot()
    assert snapshot["rule"] == "ULANG" and snapshot["measures"] == ["HD_S12", "HD_S9"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"employment": "HONORER"},
        {"employment": "PNS", "stage": "kampanye"},
        {"employment": "PNS", "prior": ["HD_X"]},
    ],
)
def test_unknown_facts_are_refused_with_a_message(kwargs):
    with pytest.raises(rules.UnknownFact):
        rules.recommend([CATALOGUE["NTR-04"]], catalogue=CATALOGUE, **kwargs)


def test_no_items_is_refused():
    with pytest.raises(rules.UnknownFact):
        rules.recommend([], employment="PNS")


# --- money: integer rupiah, Indonesian style -----------------------------------------------------------


@pytest.mark.parametrize(
    "tukin, cut, shown",
    [(4_938_000, 1_234_500, "Rp 1.234.500"), (4_123_457, 1_030_864, "Rp 1.030.864"), (3, 0, "Rp 0"),
     (9_007_199_254_740_993, 2_251_799_813_685_248, "Rp 2.251.799.813.685.248")],
)  # fmt: skip
def test_the_monthly_cut_is_25_percent_in_whole_rupiah(tukin, cut, shown):
    """PP 94/2021 Ps 8 ayat 3: 25%; integer arithmetic (the last case is beyond a float's exact integers)."""
    assert rules.monthly_cut(tukin) == cut
    assert isinstance(rules.monthly_cut(tukin), int)
    assert format_rupiah(rules.monthly_cut(tukin)) == shown


def test_the_schedule_runs_month_by_month_across_the_year():
    schedule = rules.cut_schedule(4_938_000, 9, dt.date(2024, 11, 15))
    assert [m for m, _a in schedule][0] == dt.date(2024, 11, 1)
    assert [m for m, _a in schedule][-1] == dt.date(2025, 7, 1)
    assert len(schedule) == 9 and {a for _m, a in schedule} == {1_234_500}
    assert sum(a for _m, a in schedule) == 11_110_500


def test_same_day_after_clamps_to_the_month_end():
    assert rules.same_day_after(dt.date(2024, 8, 31), 6) == dt.date(2025, 2, 28)
    assert rules.same_day_after(dt.date(2024, 1, 15), 12) == dt.date(2025, 1, 15)
