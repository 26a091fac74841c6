"""Fixtures for account and staff tests: admins of region A and B, and an ASN without an account."""

import re

import pytest

from mailer.models import OutgoingEmail
from tests.factories import EmployeeFactory, MembershipFactory

PASSWORD = "rahasia-uji-123"
NEW_PASSWORD = "Kopi-Tubruk-Pagi-2024"


@pytest.fixture
def admin_a(region_a):
    return MembershipFactory(region=region_a, role="admin", user__username="adina").user


@pytest.fixture
def admin_b(region_b):
    return MembershipFactory(region=region_b, role="admin", user__username="bima").user


@pytest.fixture
def new_asn(region_a, unit_a):
    """An ASN in the roster who has never had an account."""
    return EmployeeFactory(region=region_a, work_unit=unit_a, name="Siti Aminah", email="siti.aminah@example.go.id")


def outbox(kind):
    return list(OutgoingEmail.objects.filter(kind=kind).order_by("pk"))


def deliver(email: OutgoingEmail):
    """Send an outbox row as the task would, and return the message as the recipient gets it."""
    from django.core import mail

    from mailer.services import email_send

    before = len(mail.outbox)
    outcome = email_send(email_id=email.pk)
    assert outcome.status == "sent", outcome
    assert len(mail.outbox) == before + 1
    return mail.outbox[-1]


def link_path(email: OutgoingEmail) -> str:
    """The path of the one link in the delivered mail's text (what the recipient would click).

    The row itself never holds the link: it is made when the mail is sent."""
    assert "/akun/" not in email.body_text + email.body_html, "a credential link was stored in the outbox"
    message = deliver(email)
    links = re.findall(r"https?://[^\s]+", message.body)
    paths = {re.sub(r"^https?://[^/]+", "", link) for link in links if "/akun/" in link}
    assert len(paths) == 1, message.body
    return paths.pop()


def open_link(client, path):
    """Open an emailed link as a browser would: the token moves into the session and the page
    redirects to a token-free URL. Returns (final response, that URL)."""
    response = client.get(path, follow=True)
    assert response.redirect_chain, "the link page kept the token in its URL"
    url = response.redirect_chain[-1][0]
    assert path.rstrip("/").rsplit("/", 1)[-1] not in url, "the token is still in the URL"
    return response, url
