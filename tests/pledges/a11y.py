"""The pledges app's pages for the accessibility check (tests/e2e/test_a11y.py).

Apel (issue 7): every staff page of an apel, the presenter with its QR showing, the scanner, the card
sheet, the berita acara, and the ASN's side (my apel, the confirm page reached through the QR's link)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from people.models import User, WorkUnit
from pledges.models import Campaign, Ceremony, Election, Invitation, PactTemplate, Signature
from pledges.services.apel import ceremony_schedule
from pledges.services.apel_checkin import checkin_token
from tests.e2e.axe import A11yPage


def _held(env) -> Ceremony:
    return Ceremony.objects.filter(region=env.region, status=Ceremony.Status.HELD).first()


def _soon(env) -> Ceremony:
    """An apel of the actor's region starting in ten minutes: its check-in window is open."""
    return ceremony_schedule(
        region=env.region,
        election=Election.objects.get(slug="pilkada-2024"),  # seeded by seed_demo
        title="Apel Pagi Uji Aksesibilitas",
        starts_at=timezone.now() + dt.timedelta(minutes=10),
        place="Halaman Kantor Bupati",
        officiant_name="",
        officiant_title=env.region.head_title,
        ikrar_text="Kami berikrar.",
        by=User.objects.get(username=f"bkd.{env.region.code}"),
    )


def _submit(page):
    with page.expect_navigation():
        page.locator("#ceremony-form button[type=submit]").click()


def _open_details(page):
    for summary in page.locator("details > summary").all():
        summary.click()
    page.wait_for_timeout(200)


def _campaign(env) -> Campaign:
    return Campaign.objects.filter(region=env.region).first()  # seeded by seed_demo, running


def _own_invitation(env) -> Invitation:
    return Invitation.objects.get(campaign=_campaign(env), employee__user__username=f"asn.{env.region.code}")


def _campaign_submit(page):
    with page.expect_navigation():
        page.locator("#campaign-form button[type=submit]").click()


def _sign_submit(page):
    """Submit empty: the page is replaced by the server's answer (fetch, for a flaky network) with its errors."""
    page.locator("#sign-submit").click()
    page.locator(".invalid-feedback").first.wait_for()


PAKTA_PAGES = [
    A11yPage("pakta-campaigns", "bkd.muba", "campaign_list"),
    A11yPage("pakta-campaign", "bupati.muba", lambda env: reverse("campaign_detail", args=[_campaign(env).pk])),
    A11yPage("pakta-unsigned", "bkd.muba", lambda env: reverse("campaign_unsigned", args=[_campaign(env).pk])),
    A11yPage("pakta-whatsapp", "bkd.muba", lambda env: reverse("campaign_whatsapp", args=[_campaign(env).pk])),
    A11yPage("pakta-codes", "bkd.muba", lambda env: reverse("campaign_codes", args=[_campaign(env).pk])),
    A11yPage("pakta-zip", "bkd.muba", lambda env: reverse("campaign_zip", args=[_campaign(env).pk])),
    A11yPage("pakta-campaign-create", "bkd.muba", "campaign_create"),
    A11yPage("pakta-campaign-create-errors", "bkd.muba", "campaign_create", then=_campaign_submit),
    A11yPage("pakta-templates", "bkd.muba", "pact_template_list"),
    A11yPage(
        "pakta-template",
        "bkd.muba",
        lambda env: reverse("pact_template_detail", args=[PactTemplate.objects.filter(region=env.region).first().pk]),
    ),
    A11yPage("pakta-template-create", "bkd.muba", "pact_template_create"),
    A11yPage(
        "pakta-signature",
        "inspektur.muba",
        lambda env: reverse("signature_detail", args=[Signature.objects.filter(campaign=_campaign(env)).first().pk]),
    ),
    A11yPage("pakta-my", "asn.muba", "my_pakta"),
    A11yPage("pakta-sign", "asn.muba", lambda env: reverse("pakta_sign_login", args=[_own_invitation(env).pk])),
    A11yPage(
        "pakta-sign-errors",
        "asn.muba",
        lambda env: reverse("pakta_sign_login", args=[_own_invitation(env).pk]),
        then=_sign_submit,
    ),
    A11yPage("pakta-link-unknown", None, lambda env: reverse("pakta_open", args=["tidak-dikenal"]), status=404),
]

PAGES = PAKTA_PAGES + [
    A11yPage("apel-list", "bkd.muba", "ceremony_list"),
    A11yPage("apel-calendar", "bkd.muba", "ceremony_calendar"),
    A11yPage("apel-create", "bkd.muba", "ceremony_create"),
    A11yPage("apel-create-errors", "bkd.muba", "ceremony_create", then=_submit),
    A11yPage("apel-elections", "bkd.muba", "election_list"),
    A11yPage("apel-detail-held", "bupati.muba", lambda env: reverse("ceremony_detail", args=[_held(env).pk])),
    A11yPage("apel-detail-soon", "bkd.muba", lambda env: reverse("ceremony_detail", args=[_soon(env).pk])),
    A11yPage(
        "apel-attendance", "bkd.muba", lambda env: reverse("attendance_list", args=[_held(env).pk]), then=_open_details
    ),
    A11yPage("apel-edit", "bkd.muba", lambda env: reverse("ceremony_edit", args=[_soon(env).pk])),
    A11yPage("apel-cancel", "bkd.muba", lambda env: reverse("ceremony_cancel", args=[_soon(env).pk])),
    A11yPage("apel-presenter", "bkd.muba", lambda env: reverse("ceremony_presenter", args=[_soon(env).pk])),
    A11yPage("apel-scanner", "bkd.muba", lambda env: reverse("ceremony_scanner", args=[_soon(env).pk])),
    A11yPage(
        "apel-card-sheet",
        "bkd.muba",
        lambda env: reverse("apel_card_sheet") + f"?unit={WorkUnit.objects.filter(region=env.region).first().pk}",
    ),
    A11yPage("apel-report", "inspektur.muba", lambda env: reverse("ceremony_report", args=[_held(env).pk])),
    A11yPage("apel-my", "asn.muba", "my_apel"),
    A11yPage(
        "apel-checkin-confirm",
        "asn.muba",
        lambda env: reverse("apel_checkin_open", args=[checkin_token(ceremony_id=_soon(env).pk)]),
    ),
    A11yPage("apel-checkin-expired", None, lambda env: reverse("apel_checkin_open", args=["1.1:1:kedaluwarsa"])),
]
