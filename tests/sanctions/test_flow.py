"""A proven case through the sanctions pages: the explained recommendation, the override, the head's decision
(only the head of the same region), rejection, the signed original, delivery, and the audit of each step."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from mailer.models import OutgoingEmail
from sanctions.models import AllowanceCut, PriorSanction, SanctionRecommendation, SanctionSettings
from sanctions.services import region_today
from violations.demo import minimal_pdf

from .conftest import proven_case

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(region_a, people):
    return proven_case(region_a, people["rudi"], "NTR-32")


def propose(client, people, case, measure="HD_S9", justification=""):
    client.force_login(people["bkd"])
    return client.post(
        reverse("sanction_propose", args=[case.pk]), {"measure": measure, "justification": justification}
    )


def test_the_case_page_explains_the_rule_and_shows_the_options(client, people, case):
    client.force_login(people["bkd"])
    page = client.get(reverse("sanction_case", args=[case.pk])).content.decode()
    assert "Hukuman disiplin sedang" in page
    assert "DS-1" in page and "PP 94/2021 Ps 5 huruf n, Ps 8 ayat 3" in page
    for code in ("HD_S6", "HD_S9", "HD_S12"):
        assert code in page
    assert 'id="propose-form"' in page
    # The case page links to it through the panel violations exposes.
    detail = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert reverse("sanction_case", args=[case.pk]) in detail


def test_a_disputed_row_is_shown_as_such(client, region_a, people):
    disputed = proven_case(region_a, people["rudi"], "NTR-18")
    client.force_login(people["bkd"])
    page = client.get(reverse("sanction_case", args=[disputed.pk])).content.decode()
    assert 'id="rule-disputed"' in page and "disputed_one_source_says_sedang" in page


def test_propose_within_the_rule_then_the_head_approves(client, people, case, region_a):
    response = propose(client, people, case, "HD_S9")
    assert response.status_code == 302
    rec = SanctionRecommendation.objects.get(case=case)
    assert (rec.status, rec.measure, rec.is_override, rec.rule_measures) == ("pending", "HD_S9", False,
                                                                             ["HD_S12", "HD_S9", "HD_S6"])  # fmt: skip
    assert rec.rule_result["rule"] == "DS-1"
    assert OutgoingEmail.objects.filter(recipient="bupati@muba.go.id", kind="sanctions_awaiting").exists()
    SanctionSettings.objects.update_or_create(region=region_a, defaults={"tpp_cut": True})

    client.force_login(people["head"])
    page = client.get(reverse("sanction_case", args=[case.pk])).content.decode()
    assert 'id="approve-form"' in page
    response = client.post(reverse("sanction_approve", args=[rec.pk]), {"decision-reason": "Setuju."})
    assert response.status_code == 302
    rec.refresh_from_db()
    case.refresh_from_db()
    year = region_today(region_a).year
    assert rec.status == "approved" and rec.seq == 1 and rec.number == f"800.1.6.4/1/SK-HD/{year}"
    assert case.state == "decided"
    cuts = list(AllowanceCut.objects.filter(recommendation=rec).order_by("month"))
    assert len(cuts) == 9 and {c.amount for c in cuts} == {1_234_500}
    assert cuts[0].month.day == 1 and cuts[0].month > region_today(region_a).replace(day=1)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"netralitas.sanction.proposed", "netralitas.sanction.approved", "netralitas.case.transition"} <= actions


def test_an_override_needs_a_written_justification_and_keeps_both(client, people, case):
    response = propose(client, people, case, "HD_R2", "")
    assert response.status_code == 400
    assert "alasan tertulis" in response.content.decode()
    assert not SanctionRecommendation.objects.exists()
    reason = "ASN baru pertama kali, mengakui dan meminta maaf secara terbuka; praktik PPK di provinsi ini."
    assert propose(client, people, case, "HD_R2", reason).status_code == 302
    rec = SanctionRecommendation.objects.get()
    assert rec.is_override and rec.justification == reason
    assert rec.measure == "HD_R2" and rec.rule_measures == ["HD_S12", "HD_S9", "HD_S6"]
    client.force_login(people["head"])
    page = client.get(reverse("sanction_case", args=[case.pk])).content.decode()
    assert "HD_S12, HD_S9, HD_S6" in page and reason in page and "berbeda dari aturan" in page


def test_a_double_submit_makes_one_recommendation(client, people, case):
    assert propose(client, people, case).status_code == 302
    second = propose(client, people, case)
    assert second.status_code in (302, 400)
    assert SanctionRecommendation.objects.count() == 1


def test_only_the_head_of_the_same_region_approves(client, people, case, other_region):
    propose(client, people, case)
    rec = SanctionRecommendation.objects.get()
    url = reverse("sanction_approve", args=[rec.pk])
    for who, expected in ((people["governor"], 403), (people["inspector"], 403), (people["bkd"], 403),
                          (people["keuangan"], 403), (other_region["head"], 404), (people["asn"], 403)):  # fmt: skip
        client.force_login(who)
        assert client.post(url, {}).status_code == expected, who.username
    rec.refresh_from_db()
    assert rec.status == "pending"
    # The province's head reads it, without the decision forms.
    client.force_login(people["governor"])
    page = client.get(reverse("sanction_case", args=[case.pk])).content.decode()
    assert 'id="approve-form"' not in page and "HD_S9" in page


def test_the_head_rejects_with_a_reason_and_bkd_proposes_again(client, people, case):
    propose(client, people, case)
    rec = SanctionRecommendation.objects.get()
    client.force_login(people["head"])
    assert client.post(reverse("sanction_reject", args=[rec.pk]), {"reject-reason": ""}).status_code == 400
    assert client.post(reverse("sanction_reject", args=[rec.pk]), {"reject-reason": "Kurang bukti."}).status_code == 302
    rec.refresh_from_db()
    assert rec.status == "rejected" and rec.decision_reason == "Kurang bukti." and rec.number == ""
    assert client.post(reverse("sanction_approve", args=[rec.pk]), {}).status_code == 302
    rec.refresh_from_db()
    assert rec.status == "rejected"  # a decided recommendation is not decided again
    assert propose(client, people, case, "HD_S6").status_code == 302
    assert SanctionRecommendation.objects.filter(case=case).count() == 2
    assert AuditEvent.objects.filter(action="netralitas.sanction.rejected").count() == 1


def test_a_prior_sanction_makes_a_repeat_offence_climb(client, people, region_a):
    rudi = people["rudi"]
    client.force_login(people["bkd"])
    url = reverse("prior_sanctions", args=[rudi.pk])
    data = {"measure": "HD_S12", "decided_on": "2021-03-01", "sk_number": "800/12/BKPSDM/2021", "note": ""}
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 400  # the same SK twice
    assert client.post(url, {**data, "sk_number": "X", "decided_on": "2999-01-01"}).status_code == 400
    assert PriorSanction.objects.count() == 1
    case = proven_case(region_a, rudi, "NTR-32")
    page = client.get(reverse("sanction_case", args=[case.pk])).content.decode()
    assert "ULANG" in page and "Hukuman disiplin berat" in page and "800/12/BKPSDM/2021" in page
    assert AuditEvent.objects.filter(action="netralitas.sanction.prior_added").exists()


def test_signed_original_and_delivery_put_the_sanction_in_force(client, people, case, region_a):
    propose(client, people, case, "HD_S6")
    rec = SanctionRecommendation.objects.get()
    client.force_login(people["head"])
    client.post(reverse("sanction_approve", args=[rec.pk]), {})
    rec.refresh_from_db()
    client.force_login(people["bkd"])
    today = region_today(region_a)
    deliver = reverse("sanction_deliver", args=[rec.pk])
    response = client.post(deliver, {"deliver-delivered_on": today.isoformat()})
    assert response.status_code == 400 and "ditandatangani" in response.content.decode()
    signed = SimpleUploadedFile("sk-ttd.pdf", minimal_pdf("SK bertanda tangan"), content_type="application/pdf")
    assert client.post(reverse("sanction_original", args=[rec.pk]), {"original-file": signed}).status_code == 302
    original = rec.originals.get()
    assert len(original.sha256) == 64
    assert client.post(deliver, {"deliver-delivered_on": (today + dt.timedelta(days=3)).isoformat()}).status_code == 400
    assert (
        client.post(deliver, {"deliver-delivered_on": today.isoformat(), "deliver-note": "Langsung"}).status_code == 302
    )
    rec.refresh_from_db()
    case.refresh_from_db()
    assert rec.starts_on == today and case.state == "in_force"
    assert rec.ends_on > today  # 12 months of the interim measure (the region does not cut its TPP)
    assert rec.executed_text == "Penundaan kenaikan gaji berkala 1 tahun"
    listing = client.get(reverse("sanction_list")).content.decode()
    assert rec.number in listing and "Penundaan kenaikan gaji berkala 1 tahun" in listing
    assert AuditEvent.objects.filter(action="netralitas.sanction.delivered").exists()
    assert AuditEvent.objects.filter(
        action="netralitas.sanction.signed_uploaded", after__sha256=original.sha256
    ).exists()


def test_a_missing_allowance_blocks_a_tpp_cut_with_a_message(client, people, case, region_a):
    SanctionSettings.objects.update_or_create(region=region_a, defaults={"tpp_cut": True})
    people["rudi"].tukin_monthly = None
    people["rudi"].save()
    propose(client, people, case, "HD_S6")
    rec = SanctionRecommendation.objects.get()
    client.force_login(people["head"])
    response = client.post(reverse("sanction_approve", args=[rec.pk]), {}, follow=True)
    assert "TPP per bulan" in response.content.decode()
    rec.refresh_from_db()
    assert rec.status == "pending" and rec.seq is None


def test_keuangan_sees_the_schedule_and_nothing_else(client, people, case):
    client.force_login(people["keuangan"])
    assert client.get(reverse("cut_schedule")).status_code == 200
    assert client.get(reverse("sanction_list")).status_code == 403
    assert client.get(reverse("sanction_case", args=[case.pk])).status_code == 403
    assert client.get(reverse("case_list")).status_code == 403
    assert client.get(reverse("employee_list")).status_code == 403


def test_the_decision_moves_cannot_be_taken_through_the_generic_case_actions(client, people, case):
    """ "decide" and "deliver" are registered in the violations workflow but only the sanctions pages take them."""
    for who, action in ((people["head"], "decide"), (people["bkd"], "deliver"), (people["bkd"], "decide")):
        client.force_login(who)
        response = client.post(reverse("case_transition", args=[case.pk]), {"action": action, "note": "x"})
        assert response.status_code in (302, 403)
        case.refresh_from_db()
        assert case.state == "recommendation"
    client.force_login(people["head"])
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert 'data-action="decide"' not in page and 'id="finding-form"' not in page
