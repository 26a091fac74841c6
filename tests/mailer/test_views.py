"""Staff pages of the outbox: list, detail, retry — tenancy, roles, time zones."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.models import AuditEvent
from mailer.models import OutgoingEmail

from .conftest import make_email

Status = OutgoingEmail.Status


@pytest.fixture
def email_a(region_a):
    return make_email(
        region_a, recipient="asn.a@example.go.id", subject="Aktivasi akun A", body_text="Isi pesan A", attempts=1
    )


@pytest.fixture
def failed_a(region_a):
    return make_email(
        region_a, recipient="gagal.a@example.go.id", status=Status.FAILED, attempts=6, last_error="SMTPError: 451"
    )


@pytest.fixture
def email_b(region_b):
    return make_email(region_b, recipient="asn.b@example.go.id", subject="Aktivasi akun B")


def test_the_list_shows_the_users_region_only(client, bkd_a, email_a, failed_a, email_b):
    make_email(None, recipient="tanpa.region@example.go.id")
    client.force_login(bkd_a)
    response = client.get(reverse("outbox_list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "asn.a@example.go.id" in body and "gagal.a@example.go.id" in body
    assert "SMTPError: 451" in body
    assert "asn.b@example.go.id" not in body
    assert "tanpa.region@example.go.id" not in body


def test_the_list_filters_by_status(client, bkd_a, email_a, failed_a):
    client.force_login(bkd_a)
    body = client.get(reverse("outbox_list"), {"status": "failed"}).content.decode()
    assert "gagal.a@example.go.id" in body
    assert "asn.a@example.go.id" not in body


def test_an_unknown_status_shows_everything(client, bkd_a, email_a, failed_a):
    client.force_login(bkd_a)
    response = client.get(reverse("outbox_list"), {"status": "<script>", "page": "x"})
    assert response.status_code == 200
    assert "gagal.a@example.go.id" in response.content.decode()
    assert "asn.a@example.go.id" in response.content.decode()


def test_the_list_searches_by_recipient(client, bkd_a, email_a, failed_a):
    client.force_login(bkd_a)
    body = client.get(reverse("outbox_list"), {"q": "GAGAL"}).content.decode()
    assert "gagal.a@example.go.id" in body
    assert "asn.a@example.go.id" not in body


def test_the_list_is_paginated(client, bkd_a, region_a):
    for n in range(55):
        make_email(region_a, recipient=f"p{n:02d}@example.go.id")
    client.force_login(bkd_a)
    first = client.get(reverse("outbox_list"))
    second = client.get(reverse("outbox_list"), {"page": 2})
    assert len(first.context["page"].object_list) == 50
    assert len(second.context["page"].object_list) == 5


def test_the_pager_keeps_the_search(client, bkd_a, region_a):
    for n in range(55):
        make_email(region_a, recipient=f"p{n:02d}@example.go.id")
    client.force_login(bkd_a)
    body = client.get(reverse("outbox_list"), {"q": "example"}).content.decode()
    assert 'href="?q=example&amp;page=2"' in body


def test_times_are_shown_in_the_regions_time_zone(client, bkd_a, region_a, email_a):
    region_a.timezone = "Asia/Jayapura"
    region_a.save()
    at = dt.datetime(2024, 1, 15, 3, 0, tzinfo=dt.UTC)
    OutgoingEmail.objects.filter(pk=email_a.pk).update(created_at=at, sent_at=at + dt.timedelta(minutes=1))
    client.force_login(bkd_a)
    body = client.get(reverse("outbox_list")).content.decode()
    assert "15-01-2024 12:00 WIT" in body
    assert "15-01-2024 12:01 WIT" in body


def test_the_detail_shows_the_body_and_the_error(client, bkd_a, failed_a):
    OutgoingEmail.objects.filter(pk=failed_a.pk).update(body_text="Yth. Bapak/Ibu & rekan")
    client.force_login(bkd_a)
    response = client.get(reverse("outbox_detail", kwargs={"email_id": failed_a.pk}))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Yth. Bapak/Ibu &amp; rekan" in body
    assert "SMTPError: 451" in body
    assert reverse("outbox_retry", kwargs={"email_id": failed_a.pk}) in body


def test_an_inspector_sees_the_detail_without_the_retry_button(client, inspector_a, failed_a):
    client.force_login(inspector_a)
    response = client.get(reverse("outbox_detail", kwargs={"email_id": failed_a.pk}))
    assert response.status_code == 200
    assert reverse("outbox_retry", kwargs={"email_id": failed_a.pk}) not in response.content.decode()


def test_it_rejects_foreign_pemda(client, bkd_b, email_a, failed_a):
    client.force_login(bkd_b)
    assert client.get(reverse("outbox_detail", kwargs={"email_id": email_a.pk})).status_code == 404
    assert client.post(reverse("outbox_retry", kwargs={"email_id": failed_a.pk})).status_code == 404
    failed_a.refresh_from_db()
    assert failed_a.status == Status.FAILED


def test_a_province_admin_sees_its_kabupaten(client, province_admin, email_a):
    client.force_login(province_admin)
    assert client.get(reverse("outbox_detail", kwargs={"email_id": email_a.pk})).status_code == 200


@pytest.mark.parametrize("name", ["outbox_list", "outbox_detail", "outbox_retry"])
def test_it_forbids_an_asn(client, asn_a, failed_a, name):
    client.force_login(asn_a)
    url = reverse(name) if name == "outbox_list" else reverse(name, kwargs={"email_id": failed_a.pk})
    response = client.post(url) if name == "outbox_retry" else client.get(url)
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["outbox_list", "outbox_detail", "outbox_retry"])
def test_it_sends_anonymous_users_to_login(client, failed_a, name):
    url = reverse(name) if name == "outbox_list" else reverse(name, kwargs={"email_id": failed_a.pk})
    response = client.post(url) if name == "outbox_retry" else client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_head_without_outbox_access_is_forbidden(client, head_a, email_a):
    client.force_login(head_a)
    assert client.get(reverse("outbox_list")).status_code == 403
    assert client.get(reverse("outbox_detail", kwargs={"email_id": email_a.pk})).status_code == 403


def test_an_inspector_may_not_retry(client, inspector_a, failed_a):
    client.force_login(inspector_a)
    assert client.post(reverse("outbox_retry", kwargs={"email_id": failed_a.pk})).status_code == 403
    failed_a.refresh_from_db()
    assert failed_a.status == Status.FAILED


def test_retry_requeues_a_failed_row_and_audits_it(client, bkd_a, failed_a, django_capture_on_commit_callbacks):
    client.force_login(bkd_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("outbox_retry", kwargs={"email_id": failed_a.pk}))
    assert response.status_code == 302
    assert response["Location"] == reverse("outbox_detail", kwargs={"email_id": failed_a.pk})
    failed_a.refresh_from_db()
    assert failed_a.status == Status.SENT  # re-queued, then sent by the (eager) task on commit
    assert failed_a.attempts == 1
    event = AuditEvent.objects.get(action="netralitas.outbox.requeued")
    assert (event.actor_id, event.region_id, event.object_id) == (bkd_a.pk, failed_a.region_id, str(failed_a.pk))
    assert event.before["status"] == Status.FAILED


def test_retry_leaves_a_row_that_did_not_fail(client, bkd_a, email_a):
    client.force_login(bkd_a)
    response = client.post(reverse("outbox_retry", kwargs={"email_id": email_a.pk}), follow=True)
    assert "Hanya email yang gagal" in response.content.decode()
    email_a.refresh_from_db()
    assert (email_a.status, email_a.attempts) == (Status.QUEUED, 1)
    assert not AuditEvent.objects.filter(action="netralitas.outbox.requeued").exists()


def test_retry_needs_post(client, bkd_a, failed_a):
    client.force_login(bkd_a)
    assert client.get(reverse("outbox_retry", kwargs={"email_id": failed_a.pk})).status_code == 405


def test_the_list_runs_in_a_bounded_number_of_queries(client, bkd_a, region_a):
    client.force_login(bkd_a)

    def queries_for_list(rows):
        for n in range(rows):
            make_email(region_a, recipient=f"q{rows}-{n:02d}@example.go.id", status=Status.FAILED, last_error="x")
        client.get(reverse("outbox_list"))  # warm up: the first request refreshes the staff session
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("outbox_list")).status_code == 200
        return len(captured)

    assert queries_for_list(2) == queries_for_list(30)
