"""The pledges app's pages for the accessibility check (tests/e2e/test_a11y.py).

Apel (issue 7): every staff page of an apel, the presenter with its QR showing, the scanner, the card
sheet, the berita acara, and the ASN's side (my apel, the confirm page reached through the QR's link)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from people.models import User, WorkUnit
from pledges.models import Ceremony, Election
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


PAGES = [
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
