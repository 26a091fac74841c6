"""Shared pieces of the pakta tests (imported by tests/pledges/test_pakta_*.py): a published template, a running
campaign of region A launched through the services, a drawn signature, and the signing link of a sent mail."""

import base64
import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.utils import timezone
from PIL import Image, ImageDraw

from mailer.models import OutgoingEmail
from pledges.models import Invitation
from pledges.services.pakta import campaign_create, campaign_launch, template_default
from tests.factories import EmployeeFactory

from .apel_helpers import election


def drawing(width=300, height=120, *, points=None) -> str:
    """A canvas's data URL with a stroke across it (or the given points)."""
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.line(points or [(10, 60), (80, 20), (150, 100), (220, 30), (290, 70)], fill=(0, 0, 0, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def launch(region, *, by, units=None, days=10, now=None, **fields):
    """A campaign of ``region`` (every ASN, or ``units``), launched through the services."""
    now = now or timezone.now()
    values = {
        "election": election(),
        "template": template_default(region=region, by=by),
        "title": "Pakta Uji",
        "opens_at": now - dt.timedelta(hours=1),
        "deadline": now + dt.timedelta(days=days),
        "all_units": units is None,
        **fields,
    }
    campaign = campaign_create(region=region, by=by, work_units=units or [], **values)
    campaign_launch(campaign=campaign, by=by, now=now)
    campaign.refresh_from_db()
    return campaign


def invitation_of(campaign, employee) -> Invitation:
    return Invitation.objects.select_related(
        "campaign__region", "campaign__template", "employee__work_unit", "employee__user"
    ).get(campaign=campaign, employee=employee)


LINK = re.compile(r"https?://[^\s\"<>]+/pakta/buka/[A-Za-z0-9_\-]+/")


def sent_link(to: str) -> str:
    """The signing link in the last mail sent to ``to`` (made when it was sent; never stored)."""
    for message in reversed(mail.outbox):
        if to in message.to:
            found = LINK.search(message.body)
            assert found, message.body
            return found.group(0)
    raise AssertionError(f"no mail to {to}")


def stored_bodies() -> str:
    return "".join(e.body_text + e.body_html for e in OutgoingEmail.objects.all())


@pytest.fixture
def people(region_a, unit_a, asn_a):
    """Region A's ASN: Bob (asn_a, with an account), two more with email, one without."""
    return [
        asn_a.employee,
        EmployeeFactory(region=region_a, work_unit=unit_a, name="Citra Lestari", email="citra@muba.go.id"),
        EmployeeFactory(region=region_a, work_unit=unit_a, name="Dedi Kurniawan", email="dedi@muba.go.id"),
        EmployeeFactory(region=region_a, work_unit=unit_a, name="Eka Tanpa Email", email=""),
    ]


@pytest.fixture
def campaign(region_a, bkd_a, people, django_capture_on_commit_callbacks):
    """A running campaign of every ASN of region A; its invitations sent (links made at send time)."""
    with django_capture_on_commit_callbacks(execute=True):
        return launch(region_a, by=bkd_a)
