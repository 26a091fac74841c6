"""The region's own sanction settings (TPP cut, number format, follow-up days) on the settings page, audited;
and what the public verification page says of a decision (nothing once the sanction has ended)."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from documents.services import document_issue, document_verify_code
from sanctions import services
from sanctions.letters import DECISION
from sanctions.models import SanctionSettings
from tests.factories import MembershipFactory

from .conftest import proven_case

pytestmark = pytest.mark.django_db


def post(client, region, **data):
    return client.post(
        reverse("region_settings"), {"region": region.pk, "section": "sanctions.settings", **data}, follow=True
    )


def test_the_admin_sets_the_number_format_and_the_tpp_cut(client, region_a, people):
    admin = MembershipFactory(region=region_a, role="admin").user
    client.force_login(admin)
    page = client.get(reverse("region_settings")).content.decode()
    assert "Sanksi: pemotongan TPP, nomor keputusan, tindak lanjut PPK" in page
    bad = post(client, region_a, tpp_cut="on", number_format="SK/{tahun}", followup_working_days="10")
    assert "{nomor}" in bad.content.decode()
    assert not SanctionSettings.objects.filter(region=region_a, tpp_cut=True).exists()
    post(client, region_a, tpp_cut="on", number_format="188.45/{nomor}/KPTS/{tahun}", followup_working_days="10")
    settings = SanctionSettings.objects.get(region=region_a)
    assert settings.tpp_cut and settings.followup_working_days == 10
    assert AuditEvent.objects.filter(region_id=region_a.pk).exists()
    case = proven_case(region_a, people["rudi"], "NTR-32")
    rec = services.recommendation_propose(case=case, measure="HD_S6", by=people["bkd"])
    rec = services.recommendation_approve(recommendation=rec, by=people["head"])
    assert rec.number == f"188.45/1/KPTS/{rec.year}"
    assert rec.cuts.count() == 6


def test_the_public_reads_the_decision_number_until_the_sanction_ends(settings, tmp_path, region_a, people):
    settings.DOCUMENT_KEYS_DIR = tmp_path / "keys"
    settings.MEDIA_ROOT = tmp_path / "media"
    case = proven_case(region_a, people["rudi"], "NTR-32")
    rec = services.recommendation_propose(case=case, measure="HD_S6", by=people["bkd"])
    rec = services.recommendation_approve(recommendation=rec, by=people["head"])
    document = document_issue(kind=DECISION, obj=rec)
    answer = document_verify_code(document.code)
    facts = dict(answer.facts)
    assert answer.status == "genuine" and facts["Nomor"] == rec.number
    assert "Rudi" not in " ".join(facts.values())
    from django.utils import timezone

    type(rec).objects.filter(pk=rec.pk).update(end_notified_at=timezone.now())
    answer = document_verify_code(document.code)
    assert answer.status == "genuine" and not answer.facts_public
