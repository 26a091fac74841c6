# ruff: noqa: F811 — the fixtures come from pakta_helpers, imported by name so pytest finds them
"""Reminders: the cadence staff set, claimed by a due column, never twice a day to the same person, none after
signing or after the deadline."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail

from mailer.models import OutgoingEmail
from people.models import Region
from pledges.models import Campaign, Invitation
from pledges.services.pakta import campaign_remind, campaigns_remind_due, next_reminder_at, reminder_days
from pledges.services.pakta_signing import Submission, pakta_sign

from .pakta_helpers import drawing, invitation_of, launch, people  # noqa: F401

pytestmark = pytest.mark.django_db
WIB = zoneinfo.ZoneInfo("Asia/Jakarta")


def _campaign(launched, deadline, **fields):
    return Campaign(launched_at=launched, deadline=deadline, region=Region(timezone="Asia/Jakarta"), **fields)


def test_the_cadence_three_days_after_then_every_two_and_the_day_before():
    launched = dt.datetime(2026, 12, 1, 9, 0, tzinfo=WIB)
    deadline = dt.datetime(2026, 12, 12, 23, 59, tzinfo=WIB)
    campaign = _campaign(launched, deadline, first_reminder_days=3, reminder_every_days=2, remind_day_before=True)
    days = [d.day for d in reminder_days(campaign)]
    assert days == [4, 6, 8, 10, 11]
    assert next_reminder_at(campaign, after=launched) == dt.datetime(2026, 12, 4, 8, 0, tzinfo=WIB)
    assert next_reminder_at(campaign, after=dt.datetime(2026, 12, 11, 8, 0, tzinfo=WIB)) is None
    none = _campaign(launched, deadline, first_reminder_days=0, reminder_every_days=0, remind_day_before=False)
    assert reminder_days(none) == []


def _reminders():
    return OutgoingEmail.objects.filter(kind="pakta_reminder")


def test_a_reminder_run_mails_each_unsigned_asn_once_even_when_run_twice(
    region_a, bkd_a, people, django_capture_on_commit_callbacks
):
    launched = dt.datetime.now(tz=WIB) - dt.timedelta(days=3, hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = launch(region_a, by=bkd_a, now=launched)
    Invitation.objects.filter(invited_at__isnull=False).update(invited_at=launched)  # sent three days ago
    bob = people[0]
    pakta_sign(invitation=invitation_of(campaign, bob), submission=Submission("Bob Santoso", drawing(), True, []),
               method="login")  # fmt: skip
    campaign.refresh_from_db()
    due = campaign.reminder_due_at
    assert due is not None and due <= dt.datetime.now(tz=WIB)
    assert campaigns_remind_due() == [campaign.pk]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert campaign_remind(campaign_id=campaign.pk) == 2  # Citra and Dedi; Bob signed, Eka has no email
        assert campaign_remind(campaign_id=campaign.pk) == 0
    assert sorted(m.to[0] for m in mail.outbox) == ["citra@muba.go.id", "dedi@muba.go.id"]
    assert "/pakta/buka/" in mail.outbox[0].body
    # As if beat fired twice with the old due value (the claim was lost): still nothing twice today.
    Campaign.objects.filter(pk=campaign.pk).update(reminder_due_at=due, reminded_on=None)
    with django_capture_on_commit_callbacks(execute=True):
        assert campaign_remind(campaign_id=campaign.pk) == 0
    assert len(mail.outbox) == 2 and _reminders().count() == 2


def test_a_reminder_queued_before_a_signature_is_not_sent_after_it(
    region_a, bkd_a, people, django_capture_on_commit_callbacks
):
    launched = dt.datetime.now(tz=WIB) - dt.timedelta(days=3, hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        campaign = launch(region_a, by=bkd_a, now=launched)
    Invitation.objects.filter(invited_at__isnull=False).update(invited_at=launched)
    mail.outbox.clear()
    campaign_remind(campaign_id=campaign.pk)  # queued; the send happens on commit, which has not come yet
    pakta_sign(invitation=invitation_of(campaign, people[1]),
               submission=Submission("Citra Lestari", drawing(), True, []), method="login")  # fmt: skip
    from mailer.services import email_send

    for row in _reminders():
        email_send(email_id=row.pk)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people[0].email, "dedi@muba.go.id"])
    assert _reminders().get(recipient="citra@muba.go.id").status == OutgoingEmail.Status.CANCELLED


def test_no_reminder_after_the_deadline(region_a, bkd_a, people):
    launched = dt.datetime.now(tz=WIB) - dt.timedelta(days=5)
    campaign = launch(region_a, by=bkd_a, now=launched, days=6)
    Campaign.objects.filter(pk=campaign.pk).update(deadline=dt.datetime.now(tz=WIB) - dt.timedelta(minutes=1))
    assert campaign_remind(campaign_id=campaign.pk) == 0
    assert not _reminders().exists()
    assert Campaign.objects.get(pk=campaign.pk).reminder_due_at is None
