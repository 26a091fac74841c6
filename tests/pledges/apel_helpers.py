"""Shared pieces of the apel tests (imported by tests/pledges/test_apel_*.py): an apel of region A with its
participants, scheduled through the service as staff would."""

import datetime as dt
from importlib import import_module

import pytest
from django.utils import timezone

from pledges.models import Ceremony, Election
from pledges.services.apel import ceremony_schedule
from tests.factories import EmployeeFactory, WorkUnitFactory


def election():
    """Pilkada 2024, as the data migration seeds it (made again after a transactional test flushed it)."""
    seeded = import_module("pledges.migrations.0002_elections_2024").ELECTIONS
    values = next(e for e in seeded if e["slug"] == "pilkada-2024")
    return Election.objects.get_or_create(slug=values["slug"], defaults=values)[0]


def schedule(region, *, by, starts_in=dt.timedelta(minutes=10), units=None, now=None, **fields) -> Ceremony:
    """An apel of ``region`` starting ``starts_in`` from now (or at ``starts_at``), through the service."""
    values = {
        "election": election(),
        "title": "Apel Uji",
        "place": "Halaman Kantor Bupati",
        "officiant_name": "Drs. Uji Coba",
        "officiant_title": region.head_title,
        "ikrar_text": "Kami berikrar.",
        "starts_at": timezone.now() + starts_in,
        **fields,
    }
    return ceremony_schedule(region=region, all_units=units is None, work_units=units or [], by=by, now=now, **values)


@pytest.fixture
def participants(region_a, unit_a, asn_a):
    """Region A's ASN: Bob (asn_a, with an account) and three more in the same unit, one without email."""
    others = [
        EmployeeFactory(region=region_a, work_unit=unit_a, name="Citra Lestari"),
        EmployeeFactory(region=region_a, work_unit=unit_a, name="Dedi Kurniawan"),
        EmployeeFactory(region=region_a, work_unit=unit_a, name="Eka Tanpa Email", email=""),
    ]
    return [asn_a.employee, *others]


@pytest.fixture
def apel(region_a, bkd_a, participants):
    """A scheduled apel of region A starting in ten minutes: its check-in window is open."""
    return schedule(region_a, by=bkd_a)


@pytest.fixture
def other_unit(region_a):
    unit = WorkUnitFactory(region=region_a, code="DINKES", name="Dinas Kesehatan")
    EmployeeFactory(region=region_a, work_unit=unit, name="Fajar Kesehatan")
    return unit
