"""The Django admin shows the whole outbox, region-less rows included, to superusers only, read-only."""

from django.urls import reverse

from tests.factories import UserFactory

from .conftest import make_email


def test_a_superuser_sees_rows_without_a_region(client, db):
    make_email(None, recipient="reset.tanpa.region@example.go.id")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:mailer_outgoingemail_changelist"))
    assert response.status_code == 200
    assert "reset.tanpa.region@example.go.id" in response.content.decode()


def test_the_admin_is_read_only(client, db):
    email = make_email(None)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.post(reverse("admin:mailer_outgoingemail_change", args=[email.pk]), {"recipient": "x@y.id"})
    assert response.status_code == 403
    assert client.get(reverse("admin:mailer_outgoingemail_add")).status_code == 403


def test_staff_who_are_not_superusers_see_nothing(client, db):
    make_email(None)
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("admin:mailer_outgoingemail_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
