"""The catalogue: loaded from catalogue.csv, an edit makes a new version (a case keeps its own), retiring hides
an entry from new cases and from the suggester, staff proposals accepted by an admin, the hit-rate page."""

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from tests.factories import EmployeeFactory, MembershipFactory
from violations.models import CatalogueProposal, ProhibitedActivity
from violations.suggest import suggest_text

from .factories import make_case

pytestmark = pytest.mark.django_db


def test_the_catalogue_csv_is_loaded_with_its_counterparts_and_confidence():
    current = ProhibitedActivity.objects.current()
    assert current.count() == 24
    ntr04 = current.get(code="NTR-04")
    assert (ntr04.category, ntr04.stage, ntr04.counterpart_code) == ("kode_etik", "bakal_calon", "NTR-16")
    assert ntr04.sanctions_allowed == ["MORAL_TERTUTUP", "MORAL_TERBUKA"]
    assert current.get(code="NTR-18").confidence == "disputed_one_source_says_sedang"


@pytest.fixture
def admin(region_a):
    return MembershipFactory(region=region_a, role="admin").user


def test_an_edit_makes_a_new_version_and_a_case_keeps_the_old(client, region_a, unit_a, admin):
    old = ProhibitedActivity.objects.get(code="NTR-35", is_current=True)
    case = make_case(region_a, EmployeeFactory(region=region_a, work_unit=unit_a))
    case.activities.set([old])
    client.force_login(admin)
    data = {field: getattr(old, field) for field in ("title", "title_en", "description", "legal_basis", "stage",
                                                     "counterpart_code", "confidence")}  # fmt: skip
    data.update({"entry": "1", "code": "NTR-35", "category": "disiplin_sedang", "sanctions_text": "HD_S6|HD_S9",
                 "note": "Pendapat biro hukum"})  # fmt: skip
    response = client.post(reverse("catalogue_edit") + "?code=NTR-35", data)
    assert response.status_code == 302
    new = ProhibitedActivity.objects.get(code="NTR-35", is_current=True)
    assert (new.version, new.category, new.sanctions_allowed) == (2, "disiplin_sedang", ["HD_S6", "HD_S9"])
    assert list(case.activities.all()) == [old]
    assert ProhibitedActivity.objects.get(pk=old.pk).category == "disiplin_berat"
    assert AuditEvent.objects.filter(action="netralitas.catalogue.version_added").exists()


def test_a_retired_entry_is_neither_offered_nor_suggested(client, admin):
    client.force_login(admin)
    assert [s.code for s in suggest_text("membagikan amplop berisi uang serangan fajar")[0]] == ["NTR-35"]
    client.post(reverse("catalogue_retire"), {"code": "NTR-35"})
    assert not ProhibitedActivity.objects.current().filter(code="NTR-35").exists()
    assert suggest_text("membagikan amplop berisi uang serangan fajar")[0] == []


def test_bkd_may_not_edit_the_catalogue(client, region_a):
    bkd = MembershipFactory(region=region_a, role="bkd").user
    client.force_login(bkd)
    assert client.post(reverse("catalogue_retire"), {"code": "NTR-35"}).status_code == 403
    assert client.get(reverse("catalogue_edit")).status_code == 403


def test_staff_propose_and_an_admin_accepts_a_new_entry(client, region_a, admin):
    bkd = MembershipFactory(region=region_a, role="bkd").user
    client.force_login(bkd)
    client.post(reverse("proposal_add"), {"region": region_a.pk, "title": "Menjadi saksi paslon di TPS",
                                          "description": "Tidak ada di katalog.", "category": "disiplin_berat",
                                          "stage": "calon"})  # fmt: skip
    proposal = CatalogueProposal.objects.get()
    decide = reverse("proposal_decide", args=[proposal.pk])
    assert client.post(decide, {"accept": "1", "code": "NTR-40"}).status_code == 403
    client.force_login(admin)
    client.post(reverse("proposal_decide", args=[proposal.pk]), {"accept": "1", "code": "ntr-40"})
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.entry.code == "NTR-40"
    assert ProhibitedActivity.objects.current().filter(code="NTR-40", confidence="unconfirmed").exists()


def test_keyword_rules_are_checked_before_they_are_saved(client, admin):
    client.force_login(admin)
    response = client.post(reverse("catalogue_rules") + "?code=NTR-35", {"code": "NTR-35", "rules": "core:x = uang"})
    assert response.status_code == 200 and "not a number" in response.content.decode()
    rules = {"code": "NTR-35", "rules": "core:4 = kupon undian berhadiah"}
    client.post(reverse("catalogue_rules") + "?code=NTR-35", rules)
    assert [s.code for s in suggest_text("ASN menyebar kupon undian berhadiah kepada pemilih")[0]] == ["NTR-35"]


def test_the_hit_rate_page_compares_suggestions_with_choices(client, region_a, unit_a):
    from .factories import make_report

    bkd = MembershipFactory(region=region_a, role="bkd").user
    report = make_report(region_a, suggestions=[{"code": "NTR-11", "score": 0.8}, {"code": "NTR-17", "score": 0.6}])
    case = make_case(region_a, EmployeeFactory(region=region_a, work_unit=unit_a), report=report)
    case.activities.set(ProhibitedActivity.objects.current().filter(code__in=["NTR-11", "NTR-34"]))
    client.force_login(bkd)
    body = client.get(reverse("suggester_stats")).content.decode()
    assert region_a.name in body and "100%" in body and "50%" in body
