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


def link_path(email: OutgoingEmail) -> str:
    """The path of the one link in a mail's text body (what the recipient would click)."""
    links = re.findall(r"https?://[^\s]+", email.body_text)
    paths = {re.sub(r"^https?://[^/]+", "", link) for link in links if "/akun/" in link}
    assert len(paths) == 1, email.body_text
    return paths.pop()
