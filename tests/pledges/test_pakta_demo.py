"""seed_demo's pakta: each demo region has a running campaign with part of its ASN signed, asn.<region> has one
pakta to sign, nothing is mailed to the made-up people, and a second run changes nothing."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from mailer.models import OutgoingEmail
from people.models import User
from pledges.models import Campaign, Invitation, Signature

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", asn_per_region=12, force=True, stdout=io.StringIO())


def test_each_demo_region_has_a_running_campaign_partly_signed(client):
    seed()
    for code in ("muba", "oki"):
        campaign = Campaign.objects.get(region__code=code)
        assert campaign.is_open() and campaign.template.is_published
        signed = Signature.objects.filter(campaign=campaign).count()
        assert 0 < signed < Invitation.objects.filter(campaign=campaign).count()
        asn = User.objects.get(username=f"asn.{code}")
        pending = Invitation.objects.get(campaign=campaign, employee__user=asn)
        assert pending.signed_at is None
        client.force_login(asn)
        assert reverse("pakta_sign_login", args=[pending.pk]) in client.get(reverse("my_pakta")).content.decode()
        client.force_login(User.objects.get(username=f"bkd.{code}"))
        assert campaign.title in client.get(reverse("campaign_list")).content.decode()
    assert not OutgoingEmail.objects.filter(kind__startswith="pakta_").exists()
    before = (Campaign.objects.count(), Signature.objects.count())
    seed()
    assert (Campaign.objects.count(), Signature.objects.count()) == before
