"""Demo pakta (called from pledges/demo.py): each demo kabupaten gets the default neutrality pakta (published)
and a running campaign for Pilkada 2024 of every active ASN, with part of them signed; ``asn.<region>`` has
it still to sign. Nothing is mailed (the demo's people and addresses are made up) and no PDF is issued ahead:
a signed PDF is made when someone downloads it. Through the services, so the demo is audited like real work.

Idempotent: the campaign is found by its title; people who signed are not signed again.
"""

import base64
import datetime as dt
import io
import math
import zoneinfo

from django.utils import timezone
from PIL import Image, ImageDraw

from core.demodata import DemoContext

from .apel_demo import _election
from .models import Campaign, Invitation
from .services.pakta import campaign_create, campaign_launch, template_default
from .services.pakta_signing import Submission, pakta_sign

TITLE = "Penandatanganan Pakta Integritas Netralitas ASN Pilkada 2024"
SIGNED_SHARE = 0.4
QUESTIONS = [
    {
        "question": "Bolehkah ASN memberi tanda suka (like) pada unggahan akun pemenangan calon?",
        "choices": ["Boleh, asal di luar jam kerja", "Tidak boleh"],
        "answer": 1,
    }
]


def signature_png(seed: int) -> str:
    """A hand-like squiggle as a data URL (the demo's drawn signatures)."""
    image = Image.new("RGBA", (360, 140), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    points = [(20 + x, 70 + 35 * math.sin(x / (14 + seed % 7)) * math.cos(x / 41)) for x in range(0, 320, 4)]
    draw.line(points, fill=(11, 37, 69, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def seed(ctx: DemoContext) -> None:
    for code in ("muba", "oki"):
        region = ctx.regions.get(code)
        officer = ctx.users.get(f"bkd.{code}")
        if region is None or officer is None:
            continue
        campaign = _campaign(region, officer)
        signed = _sign_some(ctx, campaign, exclude=ctx.users.get(f"asn.{code}"))
        ctx.say(f"Pakta {region.name}: {campaign.title} (berjalan), {signed} ASN sudah menandatangani")


def _campaign(region, officer) -> Campaign:
    existing = Campaign.objects.filter(region=region, title=TITLE).select_related("region", "template").first()
    if existing is not None:
        return existing
    template = template_default(region=region, by=officer)
    today = timezone.localdate(timezone=region_zone(region))
    opens = dt.datetime.combine(today - dt.timedelta(days=3), dt.time(0, 0), tzinfo=region_zone(region))
    deadline = dt.datetime.combine(today + dt.timedelta(days=14), dt.time(23, 59, 59), tzinfo=region_zone(region))
    campaign = campaign_create(
        region=region,
        by=officer,
        election=_election("pilkada-2024"),
        template=template,
        title=TITLE,
        all_units=True,
        opens_at=opens,
        deadline=deadline,
        questions=QUESTIONS,
        # The demo's addresses are made up: no reminders either (staff set the cadence on a real campaign).
        first_reminder_days=0,
        reminder_every_days=0,
        remind_day_before=False,
    )
    campaign_launch(campaign=campaign, by=officer, now=opens + dt.timedelta(hours=8), invite=False)
    campaign.refresh_from_db()
    return campaign


def region_zone(region):
    return zoneinfo.ZoneInfo(region.timezone)


def _sign_some(ctx: DemoContext, campaign: Campaign, exclude) -> int:
    rows = list(
        Invitation.objects.filter(campaign=campaign, targeted=True)
        .select_related("campaign__region", "campaign__template", "employee__work_unit")
        .order_by("pk")
    )
    already = sum(1 for i in rows if i.signed_at is not None)
    wanted = int(len(rows) * SIGNED_SHARE)
    if already >= wanted:
        return already
    rng = ctx.rng(f"pakta-{campaign.region.code}")
    candidates = [i for i in rows if i.signed_at is None and (exclude is None or i.employee.user_id != exclude.pk)]
    rng.shuffle(candidates)
    now = timezone.now()
    for n, invitation in enumerate(candidates[: wanted - already]):
        employee = invitation.employee
        pakta_sign(
            invitation=invitation,
            submission=Submission(typed_name=employee.name, signature_data=signature_png(n), consent=True, answers=[1]),
            method="link",
            now=now - dt.timedelta(minutes=7 * (n + 1)),
            issue_document=False,
        )
    return wanted
