# ruff: noqa: F811 — the fixtures come from pakta_helpers, imported by name so pytest finds them
"""Signing: the personal link (parked in the session, a GET consumes nothing), the page's refusals that keep the
page's state, the stored evidence, one signature per person (a database constraint), and the PDF at once."""

import datetime as dt
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from documents.models import IssuedDocument
from pledges.models import Campaign, Invitation, Signature, SigningToken
from pledges.services.pakta import codes_print, invitation_resend, token_hash
from pledges.services.pakta_signing import (
    SigningRefused,
    Submission,
    decode_signature,
    name_matches,
    pakta_sign,
)

from .pakta_helpers import campaign, drawing, invitation_of, people, sent_link, stored_bodies  # noqa: F401

pytestmark = pytest.mark.django_db


# --- the rules ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    ["Siti Aminah", "  siti   AMINAH ", "Dra. Siti Aminah, M.Si.", "Hj. Siti Aminah S.Pd", "siti aminah, m.pd."],
)
def test_the_typed_name_matches_ignoring_case_spaces_and_titles(typed):
    assert name_matches(typed, name="Siti Aminah", front_title="Dra.", back_title="M.Si.")


@pytest.mark.parametrize("typed", ["Siti", "Siti Aminah Putri", "Aminah Siti", "", "Sity Aminah"])
def test_another_name_does_not_match(typed):
    assert not name_matches(typed, name="Siti Aminah")


def test_a_name_with_an_initial_keeps_it():
    assert name_matches("M. Yusuf", name="M. Yusuf") and name_matches("m yusuf", name="M. Yusuf")
    assert not name_matches("Yusuf", name="M. Yusuf")


def test_a_blank_or_tiny_drawing_is_refused():
    with pytest.raises(SigningRefused) as blank:
        decode_signature(drawing(points=[(5, 5), (5, 5)]))
    assert blank.value.code == "blank"
    with pytest.raises(SigningRefused) as tiny:
        decode_signature(drawing(points=[(10, 10), (30, 14), (12, 25), (30, 30)]))
    assert tiny.value.code in ("tiny", "blank")
    for junk in ("", "data:image/png;base64,%%%", "data:text/html;base64,PGI+", "data:image/png;base64,aGVsbG8="):
        with pytest.raises(SigningRefused):
            decode_signature(junk)
    assert decode_signature(drawing()).startswith(b"\x89PNG")


# --- the link -------------------------------------------------------------------------------------------------------


def test_the_invitation_mail_carries_a_link_that_is_never_stored(campaign, people):
    bob = people[0]
    link = sent_link(bob.email)
    token = link.rstrip("/").rsplit("/", 1)[1]
    assert token not in stored_bodies()
    assert SigningToken.objects.filter(token_hash=token_hash(token)).exists()
    assert not SigningToken.objects.filter(token_hash=token).exists()
    assert token not in str(list(AuditEvent.objects.values_list("after", "data")))


def test_opening_the_link_parks_it_and_a_get_consumes_nothing(campaign, people):
    bob = people[0]
    link = sent_link(bob.email)
    client = Client()
    response = client.get(link)
    assert response.status_code == 302 and response["Location"] == reverse("pakta_sign_link")
    assert "/pakta/buka/" not in response["Location"]
    page = client.get(reverse("pakta_sign_link"))
    assert page.status_code == 200 and bob.name in page.content.decode()
    assert "Menolak politik uang" in page.content.decode()
    # A scanner that opened it first: the link still works for the person.
    assert Client().get(link).status_code == 302 and Client().get(link).status_code == 302
    invitation = invitation_of(campaign, bob)
    assert invitation.opened_at is not None and invitation.signed_at is None


def _post(client, **fields):
    data = {"typed_name": "Bob Santoso", "signature": drawing(), "consent": "on", **fields}
    return client.post(reverse("pakta_sign_link"), data)


def test_signing_through_the_link_stores_the_evidence_and_offers_the_pdf(campaign, people, settings):
    bob = people[0]
    client = Client(HTTP_USER_AGENT="Mozilla/5.0 (Linux; Android 10) Uji")
    client.get(sent_link(bob.email))
    response = _post(client)
    assert response.status_code == 302
    signature = Signature.objects.get(employee=bob, campaign=campaign)
    assert response["Location"] == reverse("pakta_done", args=[signature.pk])
    assert signature.method == Signature.Method.LINK and signature.printed_by is None
    assert signature.text_sha256 == __import__("hashlib").sha256(signature.text.encode()).hexdigest()
    assert "Bob Santoso" in signature.text and bob.nip in signature.text
    assert bytes(signature.image_png).startswith(b"\x89PNG")
    assert signature.user_agent.endswith("Uji") and signature.ip == "127.0.0.1"
    assert AuditEvent.objects.filter(action="netralitas.pakta.signed", object_id=str(signature.pk)).exists()
    done = client.get(response["Location"])
    assert done.status_code == 200 and signature.text_sha256 in done.content.decode()
    # The PDF now, made on the spot (the task only runs after a commit, which this test never makes).
    pdf = client.get(reverse("signature_pdf", args=[signature.pk]))
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert IssuedDocument.objects.filter(kind="pledges.pakta", object_id=str(signature.pk)).count() == 1
    # The link is dead now, and another browser cannot fetch the PDF.
    assert client.get(sent_link(bob.email)).status_code == 410
    assert Client().get(reverse("signature_pdf", args=[signature.pk])).status_code == 404


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"signature": ""}, "Tanda tangan belum digambar"),
        ({"typed_name": "Budi Santoso"}, "tidak sama dengan nama Anda"),
        ({"consent": ""}, "Centang pernyataan"),
    ],
)
def test_a_refused_submit_keeps_the_page_state(campaign, people, fields, message):
    client = Client()
    client.get(sent_link(people[0].email))
    response = _post(client, **fields)
    body = response.content.decode()
    assert response.status_code == 400 and message in body
    assert not Signature.objects.exists()
    typed = fields.get("typed_name", "Bob Santoso")
    assert f'value="{typed}"' in body
    if "signature" not in fields:
        assert drawing()[:60] in body  # the drawing comes back to the canvas


def test_an_expired_used_or_closed_link_is_refused(campaign, people, bkd_a):
    bob, citra = people[0], people[1]
    client = Client()
    client.get(sent_link(bob.email))
    Campaign.objects.filter(pk=campaign.pk).update(deadline=timezone.now() - dt.timedelta(minutes=1))
    assert client.get(sent_link(bob.email)).status_code == 410
    response = _post(client)
    assert response.status_code == 410 and "Batas waktu" in response.content.decode()
    Campaign.objects.filter(pk=campaign.pk).update(
        deadline=timezone.now() + dt.timedelta(days=1), status=Campaign.Status.CLOSED
    )
    assert "ditutup" in Client().get(sent_link(citra.email)).content.decode()
    assert Client().get("/pakta/buka/tidak-ada-token/").status_code == 404
    assert not Signature.objects.exists()


def test_a_resend_kills_the_old_link(campaign, people, bkd_a, django_capture_on_commit_callbacks):
    citra = people[1]
    old = sent_link(citra.email)
    with django_capture_on_commit_callbacks(execute=True):
        invitation_resend(invitation=invitation_of(campaign, citra), by=bkd_a)
    new = sent_link(citra.email)
    assert new != old
    assert Client().get(old).status_code == 410 and Client().get(new).status_code == 302
    assert AuditEvent.objects.filter(action="netralitas.pakta.link_resent").count() == 1


def test_a_printed_code_names_the_officer_and_reprinting_revokes_only_that_persons_code(campaign, people, bkd_a):
    eka, dedi = people[3], people[2]
    first = dict(
        (i.employee_id, t)
        for i, t in codes_print(
            campaign=campaign, invitations=[invitation_of(campaign, eka), invitation_of(campaign, dedi)], by=bkd_a
        )
    )  # noqa: E501
    again = dict(
        (i.employee_id, t)
        for i, t in codes_print(campaign=campaign, invitations=[invitation_of(campaign, eka)], by=bkd_a)
    )  # noqa: E501
    assert Client().get(f"/pakta/buka/{first[eka.pk]}/").status_code == 410  # Eka's earlier code died
    assert Client().get(f"/pakta/buka/{first[dedi.pk]}/").status_code == 302  # Dedi's still works
    assert Client().get(sent_link(dedi.email)).status_code == 302  # and so does Dedi's emailed link
    for token in (*first.values(), *again.values()):
        assert not SigningToken.objects.filter(token_hash=token).exists()
    event = AuditEvent.objects.filter(action="netralitas.pakta.codes_printed").order_by("seq").last()
    assert event.actor_id == bkd_a.pk and event.data["for"] == [eka.nip]
    client = Client()
    client.get(f"/pakta/buka/{again[eka.pk]}/")
    assert "kode QR cetak dari petugas" in client.get(reverse("pakta_sign_link")).content.decode()
    assert _post(client, typed_name="Eka Tanpa Email").status_code == 302
    signature = Signature.objects.get(employee=eka)
    assert signature.method == Signature.Method.PRINTED and signature.printed_by == bkd_a


def test_the_logged_in_asn_signs_their_own_and_nobody_elses(campaign, people, asn_a, bkd_a):
    bob, citra = people[0], people[1]
    client = Client()
    client.force_login(asn_a)
    own = reverse("pakta_sign_login", args=[invitation_of(campaign, bob).pk])
    assert client.get(own).status_code == 200
    assert client.get(reverse("pakta_sign_login", args=[invitation_of(campaign, citra).pk])).status_code == 404
    staff = Client()
    staff.force_login(bkd_a)
    assert staff.get(own).status_code == 403  # staff read progress, never sign for someone
    response = client.post(own, {"typed_name": "bob santoso", "signature": drawing(), "consent": "on"})
    assert response.status_code == 302
    assert Signature.objects.get(employee=bob).method == Signature.Method.LOGIN
    assert "sudah ditandatangani" in client.get(reverse("my_pakta")).content.decode().lower()


def test_a_second_signature_is_refused(campaign, people):
    invitation = invitation_of(campaign, people[0])
    submission = Submission("Bob Santoso", drawing(), True, [])
    pakta_sign(invitation=invitation, submission=submission, method="login")
    stale = Invitation.objects.select_related("campaign__region", "campaign__template", "employee__work_unit").get(
        pk=invitation.pk
    )
    stale.signed_at = None  # as a second request read it before the first committed
    with pytest.raises(SigningRefused, match="sudah Anda tandatangani"):
        pakta_sign(invitation=stale, submission=submission, method="login")
    assert Signature.objects.count() == 1


def test_the_understanding_questions_must_be_answered_right(campaign, people):
    Campaign.objects.filter(pk=campaign.pk).update(
        questions=[{"question": "Bolehkah ASN ikut kampanye?", "choices": ["Boleh", "Tidak boleh"], "answer": 1}]
    )
    client = Client()
    client.get(sent_link(people[0].email))
    assert "Jawab setiap pertanyaan" in _post(client).content.decode()
    assert "belum tepat" in _post(client, q0="0").content.decode()
    assert _post(client, q0="1").status_code == 302
    assert Signature.objects.get().answers == [{"question": "Bolehkah ASN ikut kampanye?", "answer": "Tidak boleh"}]


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_submits_give_exactly_one_signature(region_a, bkd_a, people):
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent connections (PostgreSQL)")
    from .pakta_helpers import launch

    campaign = launch(region_a, by=bkd_a)
    invitation_id = invitation_of(campaign, people[0]).pk
    barrier = threading.Barrier(2)
    results = []

    def submit():
        try:
            invitation = Invitation.objects.select_related(
                "campaign__region", "campaign__template", "employee__work_unit"
            ).get(pk=invitation_id)
            barrier.wait()
            pakta_sign(invitation=invitation, submission=Submission("Bob Santoso", drawing(), True, []), method="login")
            results.append("signed")
        except SigningRefused:
            results.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["refused", "signed"]
    assert Signature.objects.filter(invitation_id=invitation_id).count() == 1
