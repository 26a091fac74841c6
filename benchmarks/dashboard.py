#!/usr/bin/env python
"""The head's region dashboard at 100,000 ASN, against the live GROUP BY queries that produce its figures.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/dashboard.py [--asn 100000] [--units 100]
                                                                        [--attendance 20000] [--cases 10000]
                                                                        [--runs 9] [--smoke]

In a throwaway database of its own (``<name>_dashbench_<pid>``, dropped at the end) it seeds, with bulk inserts
(not the services: this measures reading), one kabupaten with N ASN in U work units, the held apel with A
attendance rows and C violation cases (each with its report, spread over four months, half with a catalogue
entry). It seeds a tenth of everything first and counts the dashboard's queries there, then the rest.

At full size it measures, in the same run and alternating so that a shared machine's load weighs on both alike:
  - the dashboard: ``GET /dasbor/`` as the region's head, through Django's test client (middleware, session,
    the figures' selectors, the template), no response cache — its median server time and its query count;
  - baseline: the live GROUP BY queries over the base tables that produce the same figures (ASN per unit, apel
    attendance per unit, cases by category, by state and by unit with the open and overdue counts, reports per
    week), as raw SQL on the same connection — their median total time.
The figures of both are compared (they must agree). The last line reads
``dashboard_ms=<n> baseline_ms=<n> ratio=<r> queries=<n>`` (target: ratio ≤ 3; the query count is the same at
both sizes, printed before as ``queries_small=<n>``).
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from checkin import drop_database, throwaway_database  # noqa: E402 — the checkin benchmark's helpers

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netralitas.settings")

BATCH = 5000


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--asn", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=100)
    parser.add_argument("--attendance", type=int, default=20_000)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--signatures", type=int, default=70_000, help="pakta signed, of a campaign targeting all")
    parser.add_argument("--runs", type=int, default=9, help="measured requests (and baseline rounds)")
    parser.add_argument("--smoke", action="store_true", help="a quick run for CI: 5,000 ASN, 20 units, 3 runs")
    args = parser.parse_args()
    if args.smoke:
        args.asn, args.units, args.attendance, args.cases, args.signatures, args.runs = 5000, 20, 1000, 500, 3500, 3
    return args


# --- seeding (bulk inserts) ----------------------------------------------------------------------------------------


class Seeder:
    def __init__(self, units: int):
        from django.utils import timezone

        from people.models import Membership, Region, User, WorkUnit
        from pledges.models import Election

        province = Region.objects.create(code="benchprov", kind="provinsi", name="Provinsi Bench", head_title="Gub")
        self.region = Region.objects.create(
            code="benchkab", kind="kabupaten", name="Kabupaten Bench", parent=province, head_title="Pj Bupati Bench"
        )
        self.head = User.objects.create_user("bench.head", "head@example.go.id", "x")
        Membership.objects.create(user=self.head, region=self.region, role="head")
        self.units = WorkUnit.objects.bulk_create(
            WorkUnit(region=self.region, code=f"U{i:03d}", name=f"Dinas Bench {i:03d}") for i in range(units)
        )
        self.election = Election.objects.order_by("-voting_day").first()
        self.now = timezone.now()
        self.employees: list[int] = []
        self.ceremony = None
        self.attendance = 0
        self.cases = 0

    def add_employees(self, n: int) -> None:
        from people.models import Employee

        start = len(self.employees)
        for first in range(start, start + n, BATCH):
            rows = [
                Employee(
                    region=self.region,
                    work_unit=self.units[i % len(self.units)],
                    nip=f"19{i:016d}",
                    name=f"Pegawai Bench {i}",
                    employment_type="PNS",
                    is_active=i % 50 != 0,
                )  # fmt: skip
                for i in range(first, min(first + BATCH, start + n))
            ]
            self.employees.extend(e.pk for e in Employee.objects.bulk_create(rows))

    def add_attendance(self, n: int) -> None:
        """Rows of held apel, 2,000 participants each (a new apel when one is full)."""
        from pledges.models import Attendance, Ceremony

        statuses = ["hadir"] * 7 + ["izin", "sakit", "tanpa_keterangan"]
        units = len(self.units)
        done = 0
        while done < n:
            if self.ceremony is None or self.attendance % 2000 == 0:
                self.ceremony = Ceremony.objects.create(
                    region=self.region, election=self.election, title=f"Apel Bench {self.attendance}",
                    starts_at=self.now - dt.timedelta(days=30 - self.attendance // 2000), place="Halaman",
                    officiant_title="Pj Bupati", status=Ceremony.Status.HELD,
                )  # fmt: skip
            take = min(n - done, 2000 - self.attendance % 2000)
            offset = self.attendance % 2000
            Attendance.objects.bulk_create(
                Attendance(ceremony=self.ceremony, employee_id=self.employees[j], work_unit=self.units[j % units],
                           status=statuses[j % len(statuses)])
                for j in range(offset, offset + take)
            )  # fmt: skip
            self.attendance += take
            done += take

    def add_pakta(self, signatures: int) -> None:
        """One launched campaign targeting every ASN seeded so far (one invitation each, all invited),
        ``signatures`` of them signed: what the dashboard counts (``Invitation.signed_at``)."""
        from pledges.models import Campaign, Invitation
        from pledges.services.pakta import template_default

        if getattr(self, "campaign", None) is None:
            self.campaign = Campaign.objects.create(
                region=self.region, election=self.election, template=template_default(region=self.region),
                title="Pakta Bench", status=Campaign.Status.LAUNCHED, opens_at=self.now - dt.timedelta(days=5),
                deadline=self.now + dt.timedelta(days=3),
            )  # fmt: skip
            self.invited = 0
        units = len(self.units)
        start, total = self.invited, len(self.employees)
        for first in range(start, total, BATCH):
            Invitation.objects.bulk_create(
                Invitation(campaign=self.campaign, employee_id=self.employees[j], work_unit=self.units[j % units],
                           invited_at=self.now, opened_at=self.now if j % 10 < 8 else None,
                           signed_at=self.now if j < signatures else None)
                for j in range(first, min(first + BATCH, total))
            )  # fmt: skip
        self.invited = total

    def add_cases(self, n: int) -> None:
        from django.db import connection

        from violations.models import Case, ProhibitedActivity, Report

        states = ["received", "clarification", "examination", "recommendation", "stopped", "rejected"]
        activities = list(ProhibitedActivity.objects.filter(is_current=True).values_list("pk", flat=True)[:20])
        today = self.now.date()
        start = self.cases
        for first in range(start, start + n, BATCH):
            chunk = range(first, min(first + BATCH, start + n))
            reports = Report.objects.bulk_create(
                Report(region=self.region, source="bawaslu", receipt_hash=f"{i:064d}", incident_date=today,
                       chronology="Kronologi bench", election=self.election)
                for i in chunk
            )  # fmt: skip
            cases = Case.objects.bulk_create(
                Case(region=self.region, report=report, employee_id=self.employees[(i * 7) % len(self.employees)],
                     election=self.election, state=states[i % len(states)], state_entered_at=self.now,
                     deadline=today + dt.timedelta(days=i % 21 - 10),
                     finding_category="disiplin_sedang" if i % 6 == 3 else "")
                for i, report in zip(chunk, reports, strict=True)
            )  # fmt: skip
            through = Case.activities.through
            if activities:
                through.objects.bulk_create(
                    through(case_id=case.pk, prohibitedactivity_id=activities[case.pk % len(activities)])
                    for case in cases
                    if case.pk % 2 == 0
                )
        with connection.cursor() as cursor:  # spread over four months, newest last
            cursor.execute("UPDATE violations_report SET created_at = now() - (id % 120) * interval '1 day'")
            cursor.execute("UPDATE violations_case c SET created_at = r.created_at FROM violations_report r "
                           "WHERE c.report_id = r.id")  # fmt: skip
        self.cases += n


# --- measuring --------------------------------------------------------------------------------------------------


BASELINE = {
    "pakta": """SELECT i.work_unit_id, count(*), count(*) FILTER (WHERE i.invited_at IS NOT NULL),
                      count(*) FILTER (WHERE i.opened_at IS NOT NULL), count(*) FILTER (WHERE i.signed_at IS NOT NULL)
               FROM pledges_invitation i JOIN pledges_campaign c ON c.id = i.campaign_id
               WHERE c.region_id = %(region)s AND c.status IN ('launched', 'closed')
                     AND (i.targeted OR i.signed_at IS NOT NULL)
               GROUP BY i.work_unit_id""",
    "units": """SELECT work_unit_id, count(*) FROM people_employee WHERE region_id = %(region)s AND is_active
                GROUP BY work_unit_id""",
    "apel": """SELECT a.work_unit_id, count(*), count(*) FILTER (WHERE a.status = 'hadir'),
                      count(*) FILTER (WHERE a.status IN ('izin', 'sakit', 'dinas_luar')),
                      count(*) FILTER (WHERE a.status = 'tanpa_keterangan'), count(*) FILTER (WHERE a.status = 'belum')
               FROM pledges_attendance a JOIN pledges_ceremony c ON c.id = a.ceremony_id
               WHERE c.region_id = %(region)s AND c.status = 'held' GROUP BY a.work_unit_id""",
    "categories": """SELECT cat.category, count(DISTINCT c.id) FROM violations_case c
               JOIN LATERAL (SELECT c.finding_category AS category WHERE c.finding_category <> ''
                             UNION SELECT p.category FROM violations_case_activities ca
                             JOIN violations_prohibitedactivity p ON p.id = ca.prohibitedactivity_id
                             WHERE ca.case_id = c.id) cat ON true
               WHERE c.region_id = %(region)s GROUP BY cat.category""",
    "states": "SELECT state, count(*) FROM violations_case WHERE region_id = %(region)s GROUP BY state",
    "case_units": """SELECT e.work_unit_id, count(*), count(*) FILTER (WHERE c.state = ANY(%(open)s)),
                      count(*) FILTER (WHERE c.state = ANY(%(open)s) AND c.deadline < %(today)s)
               FROM violations_case c JOIN people_employee e ON e.id = c.employee_id
               WHERE c.region_id = %(region)s GROUP BY e.work_unit_id""",
    "weeks": """SELECT date_trunc('week', created_at AT TIME ZONE %(zone)s), count(*) FROM violations_report
               WHERE region_id = %(region)s AND created_at >= %(since)s GROUP BY 1""",
}


def baseline(params: dict) -> tuple[float, dict]:
    from django.db import connection

    results = {}
    start = time.perf_counter()
    with connection.cursor() as cursor:
        for key, sql in BASELINE.items():
            cursor.execute(sql, params)
            results[key] = cursor.fetchall()
    return time.perf_counter() - start, results


def dashboard(client) -> tuple[float, int, object]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        response = client.get(reverse("dashboard_region"))
        seconds = time.perf_counter() - start
    assert response.status_code == 200, response.status_code
    return seconds, len(captured), response


def agree(response, results: dict) -> None:
    """The page's figures are the baseline's: pakta signed, apel participants, cases by state and category."""
    tables = {t.key: t for t in response.context["tables"]}
    signed = sum(row[4] for row in results["pakta"])
    assert tables["pakta"].footer[4].value == signed, (tables["pakta"].footer[4].value, signed)
    apel_total = sum(row[1] for row in results["apel"])
    assert tables["apel"].footer[1].value == apel_total, (tables["apel"].footer[1].value, apel_total)
    states = dict(results["states"])
    assert tables["status"].footer[1].value == sum(states.values())
    categories = dict(results["categories"])
    shown = {row[0].value: row[1].value for row in tables["kategori"].rows}
    from violations.models import Category

    for code, label in Category.choices:
        assert shown[str(label)] == categories.get(code, 0), (code, shown[str(label)], categories.get(code, 0))


def main() -> None:
    args = parse_args()
    original = os.environ.get("DATABASE_URL", "")
    url, name = throwaway_database(original, "dashbench")
    os.environ["DATABASE_URL"] = url
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection
        from django.test import Client
        from django.test.utils import setup_test_environment
        from django.utils import timezone

        from violations import workflow

        setup_test_environment()  # the test client's host; mail kept in memory
        call_command("migrate", interactive=False, verbosity=0)
        print(
            f"database: postgresql {name} (throwaway); {args.asn:,} ASN, {args.units} units, "
            f"{args.attendance:,} attendance rows, {args.cases:,} cases, a pakta campaign for all with "
            f"{args.signatures:,} signatures"
        )
        start = time.perf_counter()
        seeder = Seeder(args.units)
        small = 10
        seeder.add_employees(args.asn // small)
        seeder.add_attendance(args.attendance // small)
        seeder.add_cases(args.cases // small)
        seeder.add_pakta(args.signatures // small)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        client = Client()
        client.force_login(seeder.head)
        dashboard(client)  # warm
        _s, queries_small, _r = dashboard(client)
        print(f"at {args.asn // small:,} ASN: {queries_small} queries")

        seeder.add_employees(args.asn - args.asn // small)
        seeder.add_attendance(args.attendance - args.attendance // small)
        seeder.add_cases(args.cases - args.cases // small)
        seeder.add_pakta(args.signatures)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"seeded in {time.perf_counter() - start:.1f} s")

        params = {
            "region": seeder.region.pk,
            "open": workflow.open_states(),
            "today": timezone.localdate(),
            "zone": str(timezone.get_current_timezone()),
            "since": timezone.now() - dt.timedelta(weeks=13),
        }
        dashboard(client)
        baseline(params)  # warm both
        page_times, base_times, queries = [], [], set()
        for _ in range(args.runs):
            seconds, count, response = dashboard(client)
            page_times.append(seconds)
            queries.add(count)
            seconds, results = baseline(params)
            base_times.append(seconds)
        agree(response, results)
        dashboard_ms = 1000 * statistics.median(page_times)
        baseline_ms = 1000 * statistics.median(base_times)
        assert len(queries) == 1, f"the query count varies between requests: {queries}"
        count = queries.pop()
        print(f"dashboard: median {dashboard_ms:.0f} ms over {args.runs} requests (min {1000 * min(page_times):.0f})")
        print(f"baseline (live GROUP BY queries): median {baseline_ms:.0f} ms (min {1000 * min(base_times):.0f})")
        print(f"queries_small={queries_small} queries={count} same={queries_small == count}")
        ratio = dashboard_ms / baseline_ms
        last = f"dashboard_ms={dashboard_ms:.0f} baseline_ms={baseline_ms:.0f} ratio={ratio:.2f} queries={count}"
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(original, name)
    print(last)


if __name__ == "__main__":
    main()
