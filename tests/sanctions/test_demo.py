"""The demo: each kabupaten has a decision in force with its letter, and one waiting for bupati.<region>."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from documents.models import IssuedDocument
from people.models import User
from sanctions.letters import DECISION
from sanctions.models import AllowanceCut, SanctionRecommendation

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.DOCUMENT_KEYS_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", asn_per_region=20, force=True, stdout=io.StringIO())


def test_each_region_has_one_in_force_and_one_waiting(seeded, client):
    for code in ("muba", "oki"):
        recs = SanctionRecommendation.objects.filter(region__code=code)
        approved = recs.get(status="approved")
        assert approved.starts_on and approved.ends_on and approved.originals.exists()
        assert IssuedDocument.objects.filter(kind=DECISION, object_id=str(approved.pk), number=approved.number).exists()
        assert AllowanceCut.objects.filter(recommendation=approved).count() == 6
        pending = recs.get(status="pending")
        client.force_login(User.objects.get(username=f"bupati.{code}"))
        page = client.get(reverse("sanction_case", args=[pending.case_id])).content.decode()
        assert 'id="approve-form"' in page
        keuangan = User.objects.get(username=f"keuangan.{code}")
        assert keuangan.check_password("netralitas-demo")
        client.force_login(keuangan)
        assert client.get(reverse("cut_schedule")).status_code == 200
        assert client.get(reverse("sanction_list")).status_code == 403


def test_seeding_twice_changes_nothing(seeded):
    before = SanctionRecommendation.objects.count()
    call_command("seed_demo", asn_per_region=20, force=True, stdout=io.StringIO())
    assert SanctionRecommendation.objects.count() == before == 4
