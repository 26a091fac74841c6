"""The finance schedule (per work unit and month, XLSX), the dashboard's selectors (bounded), precedent, the
end-of-sanction notice (once) and the PPK follow-up watch (once a day at most)."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEvent
from mailer.models import OutgoingEmail
from sanctions import rules, selectors, services
from sanctions.models import AllowanceCut, SanctionSettings
from tests.factories import EmployeeFactory, WorkUnitFactory

from .conftest import proven_case

pytestmark = pytest.mark.django_db


def decide(region, people, employee, measure="HD_S6", codes=("NTR-32",), deliver=True):
    from violations.demo import checked, minimal_pdf

    case = proven_case(region, employee, *codes)
    rec = services.recommendation_propose(case=case, measure=measure, by=people["bkd"])
    rec = services.recommendation_approve(recommendation=rec, by=people["head"])
    if deliver:
        services.signed_original_add(recommendation=rec, checked=checked(minimal_pdf(), "sk.pdf"), by=people["bkd"])
        rec = services.decision_deliver(recommendation=rec, delivered_on=rec.decided_on, by=people["bkd"])
    return rec


@pytest.fixture
def cutting(region_a):
    return SanctionSettings.objects.create(region=region_a, tpp_cut=True)


def test_the_schedule_per_work_unit_and_month_and_its_xlsx(client, region_a, people, cutting, unit_a):
    other_unit = WorkUnitFactory(region=region_a, name="Dinas Kesehatan")
    a = decide(region_a, people, people["rudi"])  # 4.938.000 -> 1.234.500 for 6 months
    b = decide(region_a, people, EmployeeFactory(region=region_a, work_unit=other_unit, tukin_monthly=3_000_001),
               measure="HD_S9")  # fmt: skip
    first = a.cuts.order_by("month").first().month
    client.force_login(people["keuangan"])
    page = client.get(reverse("cut_schedule"), {"start": first.strftime("%Y-%m")}).content.decode()
    assert "Dinas Pendidikan" in page and "Dinas Kesehatan" in page
    assert "Rp 1.234.500" in page and "Rp 750.000" in page
    total = 6 * 1_234_500 + 9 * 750_000
    assert f'id="schedule-total">Rp {total:,}'.replace(",", ".") in page
    response = client.get(reverse("cut_schedule_xlsx"), {"start": first.strftime("%Y-%m")})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content))
    summary, detail = book.worksheets
    rows = {r[0]: r for r in summary.iter_rows(min_row=2, values_only=True)}
    assert rows["Dinas Pendidikan"][1] == 1_234_500 and rows["Dinas Pendidikan"][-1] == 6 * 1_234_500
    assert rows["Dinas Kesehatan"][-1] == 9 * 750_000
    numbers = {r[5] for r in detail.iter_rows(min_row=2, values_only=True)}
    assert numbers == {a.number, b.number}
    assert detail.max_row == 1 + 6 + 9


def test_the_unit_summary_counts_and_sums_in_bounded_queries(region_a, people, cutting):
    units = [WorkUnitFactory(region=region_a) for _ in range(3)]
    first = None
    for unit in units:
        rec = decide(region_a, people, EmployeeFactory(region=region_a, work_unit=unit, tukin_monthly=4_000_000))
        first = rec.cuts.order_by("month").first().month
    on = first + dt.timedelta(days=3)
    selectors.sanctions_unit_summary(user=people["head"], capability="sanction.view", region_ids=[region_a.pk])
    with CaptureQueriesContext(connection) as three:
        summary = selectors.sanctions_unit_summary(
            user=people["head"], capability="sanction.view", region_ids=[region_a.pk], on=on
        )
    assert summary == {u.pk: {"in_force": 1, "withheld_rupiah": 1_000_000} for u in units}
    for _ in range(4):
        decide(region_a, people, EmployeeFactory(region=region_a, work_unit=units[0], tukin_monthly=4_000_000))
    with CaptureQueriesContext(connection) as seven:
        summary = selectors.sanctions_unit_summary(
            user=people["head"], capability="sanction.view", region_ids=[region_a.pk], on=on
        )
    assert len(seven.captured_queries) == len(three.captured_queries)
    assert summary[units[0].pk]["in_force"] == 5
    # A role without the capability gets nothing.
    assert selectors.sanctions_unit_summary(user=people["keuangan"], capability="sanction.view",
                                            region_ids=[region_a.pk], on=on) == {}  # fmt: skip


def test_awaiting_approval_and_followup_late(region_a, people):
    waiting = proven_case(region_a, people["rudi"], "NTR-32", finding_at=timezone.now() - dt.timedelta(days=60))
    fresh = proven_case(region_a, EmployeeFactory(region=region_a), "NTR-32")
    rec = services.recommendation_propose(case=fresh, measure="HD_S6", by=people["bkd"])
    pending = selectors.awaiting_approval(user=people["head"], capability="sanction.view", region_ids=[region_a.pk])
    assert list(pending) == [rec]
    late = selectors.followup_late(user=people["head"], capability="case.view", region_ids=[region_a.pk])
    assert list(late) == [waiting]
    SanctionSettings.objects.create(region=region_a, followup_working_days=120)
    assert not selectors.followup_late(user=people["head"], capability="case.view", region_ids=[region_a.pk])


def test_the_followup_warning_goes_to_head_and_bkd_once_a_day(region_a, people):
    case = proven_case(region_a, people["rudi"], "NTR-32", finding_at=timezone.now() - dt.timedelta(days=60))
    assert services.followup_sweep() == 2
    assert services.followup_sweep() == 0
    mails = OutgoingEmail.objects.filter(kind="sanctions_followup")
    assert set(mails.values_list("recipient", flat=True)) == {"bupati@muba.go.id", "bkd@muba.go.id"}
    assert AuditEvent.objects.filter(action="netralitas.sanction.followup_warned", object_id=str(case.pk)).count() == 1
    tomorrow = services.region_today(region_a) + dt.timedelta(days=1)
    assert services.followup_warn(case_id=case.pk, today=tomorrow) == 2


def test_the_end_of_a_sanction_is_told_to_bkd_once(region_a, people):
    rec = decide(region_a, people, people["rudi"])
    assert services.sanctions_end_sweep() == 0  # still running
    type(rec).objects.filter(pk=rec.pk).update(ends_on=services.region_today(region_a) - dt.timedelta(days=1))
    assert services.sanctions_end_sweep() == 1
    assert services.sanctions_end_sweep() == 0
    assert OutgoingEmail.objects.filter(kind="sanctions_ended", recipient="bkd@muba.go.id").count() == 1


def test_precedent_shows_the_region_in_full_and_the_province_as_counts(region_a, people, other_region):
    decide(region_a, people, people["rudi"], deliver=False)
    sister = other_region["region"]
    for measure in ("HD_S6", "HD_S6", "HD_S12"):
        case = proven_case(sister, EmployeeFactory(region=sister), "NTR-32")
        rec = services.recommendation_propose(case=case, measure=measure, by=other_region["bkd"])
        services.recommendation_approve(recommendation=rec, by=other_region["head"])
    new = proven_case(region_a, EmployeeFactory(region=region_a, name="Tono Baru"), "NTR-32")
    result = selectors.precedent(user=people["bkd"], case=new)
    assert [r.case.employee.name for r in result.own] == ["Rudi Hartono"]
    assert [(m.code, n) for m, n in result.province] == [("HD_S6", 2), ("HD_S12", 1)]


def test_the_allowance_is_never_computed_with_floats(region_a, people, cutting):
    people["rudi"].tukin_monthly = 7_777_777
    people["rudi"].save()
    rec = decide(region_a, people, people["rudi"], measure="HD_S12")
    amounts = set(AllowanceCut.objects.filter(recommendation=rec).values_list("amount", flat=True))
    assert amounts == {1_944_444} == {7_777_777 * 25 // 100}
    assert rules.monthly_cut(7_777_777) == 1_944_444
