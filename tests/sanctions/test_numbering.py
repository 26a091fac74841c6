"""Decision numbers: per region and year, in the region's format, with no gap and no duplicate — even when two
heads approve at the same moment (two threads on PostgreSQL), and a rolled-back approval gives its number back."""

import threading
from unittest import mock

import pytest
from django.db import connection, connections

from sanctions import services
from sanctions.models import SanctionRecommendation, SanctionSettings
from tests.factories import EmployeeFactory, MembershipFactory

from .conftest import proven_case


def _pending(region, unit, n):
    from violations.demo import _reference_data

    _reference_data()  # a transactional test before this one may have flushed the catalogue and elections
    bkd = MembershipFactory(region=region, role="bkd").user
    recs = []
    for _ in range(n):
        case = proven_case(region, EmployeeFactory(region=region, work_unit=unit), "NTR-32")
        recs.append(services.recommendation_propose(case=case, measure="HD_S6", by=bkd))
    return recs


@pytest.mark.django_db(transaction=True)
def test_two_approvals_at_the_same_moment_get_consecutive_numbers(region_a, unit_a, monkeypatch):
    # Commits happen for real here: keep the letters and mails out of the shared broker.
    monkeypatch.setattr(services, "document_issue_after_commit", lambda *a, **k: None)
    monkeypatch.setattr(services, "email_queue", lambda **k: None)
    if connection.vendor != "postgresql":
        pytest.fail("the concurrency test needs PostgreSQL (row locks)")
    SanctionSettings.objects.create(region=region_a, number_format="800.1.6.4/{nomor}/{kode}/{tahun}")
    head = MembershipFactory(region=region_a, role="head").user
    recs = _pending(region_a, unit_a, 4)
    barrier = threading.Barrier(2)
    errors = []

    def approve(batch):
        try:
            for rec in batch:
                barrier.wait(timeout=30)
                services.recommendation_approve(recommendation=rec, by=head)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(recs[i::2],)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    rows = list(SanctionRecommendation.objects.filter(region=region_a).values_list("seq", "number", "year"))
    seqs = sorted(seq for seq, _n, _y in rows)
    assert seqs == [1, 2, 3, 4], "no gap, no duplicate"
    year = rows[0][2]
    assert sorted(n for _s, n, _y in rows) == sorted(f"800.1.6.4/{i}/muba/{year}" for i in range(1, 5))


@pytest.mark.django_db
def test_a_rolled_back_approval_leaves_no_gap(region_a, unit_a):
    head = MembershipFactory(region=region_a, role="head").user
    first, second = _pending(region_a, unit_a, 2)
    with mock.patch.object(services, "case_transition", side_effect=RuntimeError("broker down")):
        with pytest.raises(RuntimeError):
            services.recommendation_approve(recommendation=first, by=head)
    first.refresh_from_db()
    assert first.status == "pending" and first.seq is None
    assert services.recommendation_approve(recommendation=second, by=head).seq == 1
    assert services.recommendation_approve(recommendation=first, by=head).seq == 2


@pytest.mark.django_db
def test_numbers_are_per_region(region_a, region_b, unit_a):
    from tests.factories import WorkUnitFactory

    head_a = MembershipFactory(region=region_a, role="head").user
    head_b = MembershipFactory(region=region_b, role="head").user
    (a,) = _pending(region_a, unit_a, 1)
    (b,) = _pending(region_b, WorkUnitFactory(region=region_b), 1)
    assert services.recommendation_approve(recommendation=a, by=head_a).seq == 1
    assert services.recommendation_approve(recommendation=b, by=head_b).seq == 1
