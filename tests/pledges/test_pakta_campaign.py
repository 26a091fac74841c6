# ruff: noqa: F811 — the fixtures come from pakta_helpers, imported by name so pytest finds them
"""Campaigns: launched once (nobody invited twice), targets that follow the roster, the progress per unit in a
bounded number of queries, and what other apps read (pakta_signed, pakta_unit_progress)."""

import datetime as dt

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import AuditEvent
from core.tenancy import forget_region_roles
from mailer.models import OutgoingEmail
from pledges.models import Campaign, Invitation
from pledges.selectors import pakta_signed, pakta_unit_progress
from pledges.services.pakta import PaktaError, campaign_close, campaign_invite, campaign_launch
from pledges.services.pakta_signing import Submission, pakta_sign
from tests.factories import EmployeeFactory, WorkUnitFactory

from .apel_helpers import election
from .pakta_helpers import campaign, drawing, invitation_of, launch, people  # noqa: F401

pytestmark = pytest.mark.django_db


def test_launching_invites_every_target_with_an_email_once(campaign, people, bkd_a, django_capture_on_commit_callbacks):
    assert Invitation.objects.filter(campaign=campaign).count() == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people if p.email)
    with django_capture_on_commit_callbacks(execute=True):
        assert campaign_launch(campaign=campaign, by=bkd_a) is False
        assert campaign_invite(campaign_id=campaign.pk) == 0
    assert len(mail.outbox) == 3 and OutgoingEmail.objects.filter(kind="pakta_invitation").count() == 3
    assert AuditEvent.objects.filter(action="netralitas.pakta.campaign_launched").count() == 1
    eka = invitation_of(campaign, people[3])
    assert eka.invited_at is None  # no email: unreachable until a code is printed


def test_the_targets_follow_the_roster(campaign, people, region_a, unit_a, bkd_a, django_capture_on_commit_callbacks):
    bob, citra = people[0], people[1]
    pakta_sign(invitation=invitation_of(campaign, bob), submission=Submission("Bob Santoso", drawing(), True, []),
               method="login")  # fmt: skip
    newcomer = EmployeeFactory(region=region_a, work_unit=unit_a, name="Gina Baru", email="gina@muba.go.id")
    bob.is_active = False
    bob.save()
    citra.is_active = False
    citra.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert campaign_invite(campaign_id=campaign.pk) == 1
    assert [m.to[0] for m in mail.outbox[-1:]] == ["gina@muba.go.id"]
    progress = pakta_unit_progress(user=bkd_a, capability="pakta.view", region_ids=[region_a.pk])
    # Citra left (not counted); Bob left but had signed (counted); Gina joined.
    assert progress[unit_a.pk] == {"targeted": 4, "invited": 3, "opened": 0, "signed": 1}
    assert invitation_of(campaign, citra).targeted is False and invitation_of(campaign, newcomer).targeted


def test_a_chosen_unit_includes_its_sub_units_only(region_a, bkd_a, unit_a, people):
    child = WorkUnitFactory(region=region_a, parent=unit_a, name="UPTD SD 1")
    other = WorkUnitFactory(region=region_a, name="Dinas Kesehatan")
    EmployeeFactory(region=region_a, work_unit=child, name="Anak Unit")
    EmployeeFactory(region=region_a, work_unit=other, name="Orang Lain")
    campaign = launch(region_a, by=bkd_a, units=[unit_a])
    names = set(Invitation.objects.filter(campaign=campaign).values_list("employee__name", flat=True))
    assert "Anak Unit" in names and "Orang Lain" not in names


def test_a_campaign_needs_a_published_template_and_a_future_deadline(region_a, bkd_a, people):
    from pledges.services.pakta import campaign_create, template_create

    draft = template_create(region=region_a, title="Draf", body="Saya {{ nama }}", by=bkd_a)
    now = timezone.now()
    common = {"region": region_a, "by": bkd_a, "election": election(), "title": "X", "opens_at": now}
    with pytest.raises(PaktaError, match="Terbitkan"):
        campaign_create(template=draft, deadline=now + dt.timedelta(days=1), **common)
    with pytest.raises(PaktaError):
        campaign_create(template=draft, deadline=now - dt.timedelta(days=1), **common)
    assert not Campaign.objects.exists()


def test_closing_kills_the_links(campaign, people, bkd_a):
    from django.test import Client

    from .pakta_helpers import sent_link

    campaign_close(campaign=campaign, by=bkd_a)
    assert Client().get(sent_link(people[1].email)).status_code == 410
    with pytest.raises(PaktaError):
        campaign_close(campaign=campaign, by=bkd_a)


def test_pakta_signed_reads_as_the_viewer_may_see(campaign, people, bkd_a, bkd_b):
    bob, citra = people[0], people[1]
    pakta_sign(invitation=invitation_of(campaign, bob), submission=Submission("Bob Santoso", drawing(), True, []),
               method="login")  # fmt: skip
    assert pakta_signed(user=bkd_a, employee=bob, election=election()) is True
    assert pakta_signed(user=bkd_a, employee=citra, election=election()) is False
    assert pakta_signed(user=bkd_b, employee=bob, election=election()) is None
    other = EmployeeFactory(region=bkd_b.memberships.first().region)
    assert pakta_signed(user=bkd_b, employee=other, election=election()) is None


def test_unit_progress_takes_the_same_queries_for_ten_units_or_one(region_a, bkd_a, people):
    launch(region_a, by=bkd_a)
    forget_region_roles(bkd_a)
    with CaptureQueriesContext(connection) as small:
        pakta_unit_progress(user=bkd_a, capability="pakta.view", region_ids=[region_a.pk])
    for n in range(10):
        unit = WorkUnitFactory(region=region_a, name=f"Unit {n}")
        for _ in range(3):
            EmployeeFactory(region=region_a, work_unit=unit)
    campaign_invite(campaign_id=Campaign.objects.get().pk)
    forget_region_roles(bkd_a)
    with CaptureQueriesContext(connection) as big:
        progress = pakta_unit_progress(user=bkd_a, capability="pakta.view", region_ids=[region_a.pk])
    assert len(progress) == 11 and len(big) == len(small)
    assert pakta_unit_progress(user=bkd_a, capability="pakta.view", region_ids=[region_a.pk], election_id=0) == {}
