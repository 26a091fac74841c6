import pytest
from django.urls import reverse

from audit.models import AuditEvent

from .conftest import NEW_PASSWORD, deliver, link_path, outbox

pytestmark = pytest.mark.django_db


def _ask(client, email):
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")


def test_a_password_reset_goes_through_the_outbox_and_works_once(client, bkd_a, region_a):
    _ask(client, "Alice@Example.go.id")
    [email] = outbox("password_reset")
    assert email.recipient == "alice@example.go.id"
    assert email.region == region_a
    path = link_path(email)
    assert path.startswith("/akun/reset/")
    set_password_page = client.get(path, follow=True)
    form_url = set_password_page.redirect_chain[-1][0]
    assert "new_password1" in set_password_page.content.decode()
    done = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse("password_reset_complete")
    bkd_a.refresh_from_db()
    assert bkd_a.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="netralitas.auth.password_reset")
    assert (event.actor_id, event.region_id) == (bkd_a.pk, region_a.pk)

    dead = client.get(path, follow=True)
    assert "Tautan tidak berlaku lagi" in dead.content.decode()
    assert reverse("password_reset") in dead.content.decode()


def test_an_unknown_email_gets_the_same_answer_and_no_mail(client, bkd_a):
    _ask(client, "tidak.ada@example.go.id")
    assert outbox("password_reset") == []


def test_an_account_never_activated_gets_no_reset_mail(client, new_asn):
    client.post(reverse("activation_request"), {"nip": new_asn.nip, "email": new_asn.email})
    _ask(client, new_asn.email)
    assert outbox("password_reset") == []


def test_the_link_is_made_from_site_url_never_from_the_host_header(client, bkd_a, settings):
    settings.ALLOWED_HOSTS = ["*"]
    client.post(reverse("password_reset"), {"email": "alice@example.go.id"}, HTTP_HOST="evil.example")
    message = deliver(outbox("password_reset")[0])
    assert f"{settings.SITE_URL.rstrip('/')}/akun/reset/" in message.body
    assert "evil.example" not in message.body


def test_a_repeat_request_the_same_day_does_not_mail_again(client, bkd_a):
    _ask(client, "alice@example.go.id")
    _ask(client, "alice@example.go.id")
    assert len(outbox("password_reset")) == 1
