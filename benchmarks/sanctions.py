#!/usr/bin/env python
"""The finance office's TPP schedule and the dashboard's per-unit summary at a kabupaten's scale, against the
bare SQL aggregate over the same rows; and the rules engine's throughput.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/sanctions.py [--sanctions 5000] [--units 200] [--smoke]

In a throwaway database of its own (``<name>_sanctionsbench_<pid>``, dropped at the end) it seeds one kabupaten
with U work units and N ASN, each with an approved and delivered decision — a 25% TPP cut for 6, 9 or 12
months (about 9·N cut rows) — and a finance account (role ``keuangan``). Then it measures, best of five:

  1. baseline: the bare SQL ``GROUP BY work_unit, month`` over the cut rows of twelve months;
  2. ``sanctions.selectors.cut_schedule`` for the finance account (the page's data): scoped by ``visible_to``,
     the same aggregate, the work units' names, rows per unit — and its query count;
  3. ``sanctions.selectors.sanctions_unit_summary`` (the dashboard's interface) — and its query count (a test,
     tests/sanctions/test_schedule.py, checks that it does not grow with the data);
  4. ``sanctions.rules.recommend`` on random catalogue entries, employment types and prior sanctions.

Last line: ``schedule_ms=<n> baseline_ms=<n> ratio=<r> summary_ms=<n> queries=<n> rules_per_s=<n>``
(ratio = schedule ÷ baseline; target ≤ 3, queries constant).
"""

import argparse
import datetime as dt
import os
import random
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from checkin import drop_database, throwaway_database  # noqa: E402 — the checkin benchmark's helpers


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sanctions", type=int, default=5000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--smoke", action="store_true", help="a quick run for CI: 500 sanctions, 40 units")
    args = parser.parse_args()
    if args.smoke:
        args.sanctions, args.units = 500, 40
    return args


def best_of(fn, runs=5):
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times) * 1000, result


def seed(n: int, units: int):
    from django.utils import timezone

    from people.models import Employee, Membership, Region, User, WorkUnit
    from pledges.models import Election
    from sanctions import rules
    from sanctions.models import AllowanceCut, SanctionRecommendation
    from violations.models import Case, Report

    province = Region.objects.create(code="bench-prov", kind="provinsi", name="Provinsi Bench", head_title="Gub")
    region = Region.objects.create(code="bench", kind="kabupaten", name="Kabupaten Bench", parent=province,
                                   head_title="Bupati Bench")  # fmt: skip
    work_units = WorkUnit.objects.bulk_create(
        WorkUnit(region=region, code=f"U{i:04d}", name=f"Dinas Bench {i:04d}", kind="dinas") for i in range(units)
    )
    rng = random.Random(2026)
    employees = Employee.objects.bulk_create(
        Employee(region=region, work_unit=work_units[i % units], name=f"ASN Bench {i}", employment_type="PNS",
                 nip=f"19410101{2000 + i // 12000:04d}{1 + (i // 1000) % 12:02d}1{i % 1000:03d}",
                 tukin_monthly=rng.randrange(2, 15) * 500_001)
        for i in range(n)
    )  # fmt: skip
    election = Election.objects.get(slug="pilkada-2024")
    now = timezone.now()
    reports = Report.objects.bulk_create(
        Report(region=region, source="bawaslu", receipt_hash=f"{i:064d}", incident_date=dt.date(2024, 10, 1),
               chronology="bench", status="closed", reference=f"L-B-{i}", election=election)
        for i in range(n)
    )  # fmt: skip
    cases = Case.objects.bulk_create(
        Case(region=region, report=r, employee=e, election=election, state="in_force", state_entered_at=now,
             reference=f"K-B-{i}", finding_proven=True, finding_at=now)
        for i, (r, e) in enumerate(zip(reports, employees, strict=True))
    )  # fmt: skip
    today = timezone.localdate()
    first = rules.add_months(today.replace(day=1), -3)
    measures = ["HD_S6", "HD_S9", "HD_S12"]
    recs = SanctionRecommendation.objects.bulk_create(
        SanctionRecommendation(
            region=region, case=c, status="approved", rule_level="sedang", rule_measures=measures,
            employment_type="PNS", measure=measures[i % 3], tpp_cut=True, tukin_monthly=e.tukin_monthly,
            year=today.year, seq=i + 1, number=f"800/{i + 1}/SK-HD/{today.year}", decided_on=first,
            delivered_on=first, starts_on=first, ends_on=rules.add_months(first, 12), decided_at=now,
        )
        for i, (c, e) in enumerate(zip(cases, employees, strict=True))
    )  # fmt: skip
    cuts = [
        AllowanceCut(region=region, recommendation=rec, employee=e, work_unit_id=e.work_unit_id, month=m, amount=a)
        for rec, e in zip(recs, employees, strict=True)
        for m, a in rules.cut_schedule(e.tukin_monthly, rules.MEASURES[rec.measure].duration_months, first)
    ]
    AllowanceCut.objects.bulk_create(cuts, batch_size=5000)
    finance = User.objects.create(username="bench.keuangan")
    Membership.objects.create(user=finance, region=region, role="keuangan")
    head = User.objects.create(username="bench.bupati")
    Membership.objects.create(user=head, region=region, role="head")
    return region, finance, head, first, len(cuts)


def measure(region, finance, head, first):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sanctions import selectors

    months = selectors.schedule_months(first, 12)
    on = first + dt.timedelta(days=40)

    def baseline():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT work_unit_id, month, SUM(amount), COUNT(DISTINCT employee_id) FROM sanctions_allowancecut "
                "WHERE region_id = %s AND month = ANY(%s) GROUP BY work_unit_id, month",
                [region.pk, months],
            )
            return cursor.fetchall()

    def schedule():
        return selectors.cut_schedule(user=finance, months=months)

    def summary():
        return selectors.sanctions_unit_summary(user=head, capability="sanction.view", region_ids=[region.pk], on=on)

    schedule()  # warm the user's role cache, as a page's first query does
    summary()
    baseline_ms, rows = best_of(baseline)
    schedule_ms, table = best_of(schedule)
    summary_ms, per_unit = best_of(summary)
    with CaptureQueriesContext(connection) as queries:
        schedule()
        summary()
    assert sum(r.total for r in table) == sum(int(r[2]) for r in rows), "the schedule and the SQL disagree"
    return baseline_ms, schedule_ms, summary_ms, len(queries.captured_queries), len(table), len(per_unit)


def rules_throughput(count=20000) -> float:
    import csv

    from sanctions import rules

    with (ROOT / "violations" / "data" / "catalogue.csv").open(encoding="utf-8") as f:
        catalogue = {
            r["code"]: rules.Item(r["code"], r["category"], r["stage"], r["counterpart"], r["legal_basis"],
                                  r["confidence"], r["title_id"])
            for r in csv.DictReader(f)
        }  # fmt: skip
    rng = random.Random(7)
    codes, priors = list(catalogue), [None, *rules.MEASURES]
    cases = [
        ([catalogue[c] for c in rng.sample(codes, rng.randint(1, 3))], rng.choice(rules.EMPLOYMENT_TYPES),
         rng.choice(["bakal_calon", "calon"]), [p] if (p := rng.choice(priors)) else [])
        for _ in range(count)
    ]  # fmt: skip
    start = time.perf_counter()
    for items, employment, stage, prior in cases:
        rules.recommend(items, employment=employment, stage=stage, prior=prior, catalogue=catalogue)
    return count / (time.perf_counter() - start)


def main() -> None:
    args = parse_args()
    original = os.environ.get("DATABASE_URL", "")
    url, name = throwaway_database(original, "sanctionsbench")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_") and k != "REDIS_URL"}
    env.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="netralitas.settings", NETRALITAS_ENV_FILE="", DEBUG="0",
               SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="127.0.0.1", LOG_LEVEL="WARNING")  # fmt: skip
    os.environ.clear()
    os.environ.update(env)
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        call_command("migrate", interactive=False, verbosity=0)
        start = time.perf_counter()
        region, finance, head, first, cut_rows = seed(args.sanctions, args.units)
        print(f"database: postgresql {name} (throwaway); seeded {args.sanctions} sanctions, {cut_rows} cut rows, "
              f"{args.units} work units in {time.perf_counter() - start:.1f} s")  # fmt: skip
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        baseline_ms, schedule_ms, summary_ms, queries, units, summary_units = measure(region, finance, head, first)
        print(f"baseline SQL aggregate: {baseline_ms:.1f} ms")
        print(f"cut_schedule (12 months, {units} units): {schedule_ms:.1f} ms")
        print(f"sanctions_unit_summary ({summary_units} units): {summary_ms:.1f} ms")
        print(f"queries for both: {queries}")
        per_s = rules_throughput()
        print(f"rules engine: {per_s:,.0f} recommendations/s")
        connections.close_all()
        print(
            f"schedule_ms={schedule_ms:.1f} baseline_ms={baseline_ms:.1f} ratio={schedule_ms / baseline_ms:.2f} "
            f"summary_ms={summary_ms:.1f} queries={queries} rules_per_s={per_s:.0f}"
        )
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(original, name)


if __name__ == "__main__":
    main()
