"""The walk's view of the pledges app: elections (national, not scoped), and the apel (issue 7)."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from documents.models import IssuedDocument
from pledges.models import (
    ApelSettings,
    Attendance,
    Campaign,
    Ceremony,
    Election,
    Invitation,
    PactTemplate,
    Signature,
    SigningToken,
)
from tests.world import ASN, world

# --- apel (issue 7) ---------------------------------------------------------------------------------------------


@world.obj("ceremony_id", Ceremony, markers=lambda c: [c.title, c.place])
def ceremony(env):
    """A scheduled apel of region A, starting in 10 minutes (its check-in window is open)."""
    return Ceremony.objects.create(
        region=env.region_a,
        election=Election.objects.get(slug="pilkada-2024"),
        title="Apel Marker Muba",
        starts_at=timezone.now() + dt.timedelta(minutes=10),
        place="Halaman Marker Kantor Bupati",
        officiant_title="Pj Bupati Musi Banyuasin",
    )


@world.obj("attendance_id", Attendance, markers=lambda a: [a.note], owner="employee.user")
def attendance(env):
    """Siti's participation in that apel: she owns the row (she may read it, never mark it)."""
    return Attendance.objects.create(
        ceremony=env.ceremony, employee=env.siti, work_unit=env.unit_a, note="Catatan marker kehadiran"
    )


world.not_walked(ApelSettings, "kept on the region settings page (people's walk covers it); no page names it by id")

world.route("ceremony_list", "apel.view")
world.route("ceremony_calendar", "apel.view")
world.route("ceremony_create", "apel.manage")
world.route("election_list", "apel.view")
world.route("apel_card_sheet", "apel.mark")
world.route("my_apel", ASN)
world.route("apel_checkin", ASN)
world.route("apel_checkin_done", ASN)
world.public(
    "apel_checkin_open",
    "the URL inside the presenter's QR: judged before any login (a forged or stale token is refused, "
    "a good one only parks the apel id in the session); nothing is shown or recorded",
    {"token": "1.1:1:forged"},
)
world.route("ceremony_detail", "apel.view")
world.route("ceremony_edit", "apel.manage")
world.route("ceremony_cancel", "apel.manage")
world.route("ceremony_mark_held", "apel.manage")
world.route("ceremony_presenter", "apel.mark")
world.route("ceremony_presenter_qr", "apel.mark")
world.route("ceremony_scanner", "apel.mark")
world.route("attendance_list", "apel.view")
world.route("attendance_mark_unit", "apel.mark")
world.route("attendance_mark", "apel.mark")
world.route("participant_add", "apel.manage")
world.route("participant_remove", "apel.manage")
world.route("ceremony_report", "apel.view")
world.route("ceremony_report_issue", "apel.manage")
world.route("ceremony_report_download", "apel.view")


# --- pakta integritas (issue 8) -----------------------------------------------------------------------------


def _pakta_png() -> bytes:
    import io

    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 120), (0, 0, 0, 0))
    ImageDraw.Draw(image).line([(10, 60), (290, 70)], fill=(0, 0, 0, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


@world.obj("template_id", PactTemplate, markers=lambda t: [t.title])
def pact_template(env):
    """A published pakta text of region A."""
    return PactTemplate.objects.create(
        region=env.region_a,
        family=None,
        title="Pakta Marker Muba",
        body="Saya, {{ nama }}, menyatakan netral.",
        published_at=timezone.now(),
    )


@world.obj("campaign_id", Campaign, markers=lambda c: [c.title])
def campaign(env):
    """A running campaign of region A targeting every ASN."""
    now = timezone.now()
    return Campaign.objects.create(
        region=env.region_a,
        election=Election.objects.get(slug="pilkada-2024"),
        template=env.pact_template,
        title="Kampanye Pakta Marker",
        opens_at=now - dt.timedelta(days=1),
        deadline=now + dt.timedelta(days=10),
        status=Campaign.Status.LAUNCHED,
        launched_at=now - dt.timedelta(days=1),
    )


@world.obj("invitation_id", Invitation, owner="employee.user")
def invitation(env):
    """Siti's invitation to that campaign, unsigned: she may open her own signing page, nobody else."""
    return Invitation.objects.create(campaign=env.campaign, employee=env.siti, work_unit=env.unit_a)


@world.obj("signature_id", Signature, markers=lambda s: [s.typed_name], owner="employee.user")
def signature(env):
    """Siti's signature of an earlier (closed) campaign of region A."""
    now = timezone.now()
    earlier = Campaign.objects.create(
        region=env.region_a,
        election=Election.objects.get(slug="pemilu-2024"),
        template=env.pact_template,
        title="Kampanye Pakta Marker Lama",
        opens_at=now - dt.timedelta(days=30),
        deadline=now - dt.timedelta(days=20),
        status=Campaign.Status.CLOSED,
        launched_at=now - dt.timedelta(days=30),
    )
    signed = Invitation.objects.create(campaign=earlier, employee=env.siti, work_unit=env.unit_a, signed_at=now)
    signature = Signature.objects.create(
        campaign=earlier,
        employee=env.siti,
        invitation=signed,
        work_unit=env.unit_a,
        typed_name="Siti Tanda Marker",
        signer_name=env.siti.name,
        signer_nip=env.siti.nip,
        text="Saya, Siti, menyatakan netral.",
        text_sha256="0" * 64,
        image_png=_pakta_png(),
        signed_at=now,
        method=Signature.Method.LOGIN,
    )
    # Its signed PDF as already issued (the walk's certificate is a stand-in that cannot sign a new one).
    name = default_storage.save(f"documents/walk/pakta-{signature.pk}.pdf", ContentFile(b"%PDF-1.4 walk marker"))
    IssuedDocument.objects.create(
        kind="pledges.pakta",
        region=env.region_a,
        content_type=ContentType.objects.get_for_model(signature),
        object_id=str(signature.pk),
        title="Pakta Siti Marker",
        file=name,
        sha256="7a" * 32,
        size=20,
        code="PAKTAWALK0000000000000000000000A",
        certificate=env.issued_document.certificate,
        issued_at=now,
    )
    return signature


world.not_walked(SigningToken, "a credential's hash; no page names it by id (the token itself is the URL)")

world.route("campaign_list", "pakta.view")
world.route("pact_template_list", "pakta.view")
world.route("pact_template_create", "pakta.manage")
world.route("pact_template_detail", "pakta.view")
world.route("pact_template_edit", "pakta.manage")
world.route("pact_template_publish", "pakta.manage")
world.route("campaign_create", "pakta.manage")
world.route("campaign_detail", "pakta.view")
world.route("campaign_launch", "pakta.manage")
world.route("campaign_close", "pakta.manage")
world.route("campaign_unsigned", "pakta.view")
world.route("invitation_resend", "pakta.manage")
world.route("campaign_export_csv", "pakta.view")
world.route("campaign_export_xlsx", "pakta.view")
world.route("campaign_whatsapp", "pakta.view")
world.route("campaign_codes", "pakta.print_codes")
world.route("campaign_zip", "pakta.view")
world.route("campaign_zip_download", "pakta.view")
world.route("signature_detail", "pakta.view")
world.route("signature_pdf", "pakta.view")
world.route("pakta_done", "pakta.view")
world.route("my_pakta", ASN)
world.route("pakta_sign_login", ASN)
world.public(
    "pakta_open",
    "the personal signing link or printed code: judged before any login (an unknown token is refused); a good "
    "one only parks the token in the session and redirects; nothing is signed by a GET",
    {"token": "forged-token"},
)
world.public(
    "pakta_sign_link",
    "the token-free signing page: it serves only the pakta of a link parked in this session (none here: 404)",
)
world.public(
    "pakta_correction",
    "the 'my data is wrong' request: only for a link parked in this session or the logged-in owner (else 404)",
)
