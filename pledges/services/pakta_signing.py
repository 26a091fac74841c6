"""Signing a pakta: the rules a submit must pass, and the one transaction that records it.

The server refuses, with a message the page shows beside the kept drawing: a blank or tiny drawing, a name that
does not match the roster, an expired or used link, a closed campaign, a wrong answer to an understanding
question, missing consent, and a second signature (the database constraint: of two simultaneous submits exactly
one is stored).

Everything slow happens before the transaction (the text is personalised and hashed, the image checked); inside
it: the signature row, the invitation's progress column, then the audit event as the last statement (the audit
chain serialises writers on its head row). The PDF is issued by a task after the commit; the confirmation page
makes it on the spot if the task has not run.
"""

import base64
import binascii
import io
import re
import unicodedata
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from audit.services import audit_record
from core.client import client_ip
from documents.services import document_issue_after_commit

from ..models import Campaign, Invitation, Signature
from . import pakta_text

PNG_PREFIX = "data:image/png;base64,"
MAX_IMAGE_BYTES = 300 * 1024
MAX_IMAGE_SIDE = 2000
# A real signature covers at least this much of a phone's canvas: fewer inked pixels or a smaller box is a dot.
MIN_INK_PIXELS = 150
MIN_BOX = (60, 20)
DOCUMENT_KIND = "pledges.pakta"

# Academic and religious titles an ASN may type around their name (the roster keeps them apart).
TITLES = {
    "dr",
    "drs",
    "dra",
    "ir",
    "h",
    "hj",
    "prof",
    "st",
    "se",
    "sh",
    "spd",
    "ssos",
    "sip",
    "skm",
    "skep",
    "sked",
    "sfarm",
    "sag",
    "spdi",
    "sth",
    "ssi",
    "skom",
    "sstp",
    "ap",
    "mm",
    "msi",
    "mpd",
    "mh",
    "mkes",
    "mt",
    "mkom",
    "mae",
    "mba",
    "ma",
    "mhum",
    "mag",
    "mpdi",
    "amd",
    "amdkeb",
    "amdkep",
    "amk",
    "ners",
    "bsc",
    "msc",
    "phd",
    "spog",
    "spa",
    "sppd",
    "mars",
    "ak",
    "ca",
    "ns",
    "kh",
    "tb",
}


class SigningRefused(Exception):
    """A submit refused; ``field`` names the part of the form the message belongs to (or "")."""

    def __init__(self, message: str, field: str = "", code: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code


# --- the rules (pure) ------------------------------------------------------------------------------------------


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    return [t for t in re.split(r"[\s,]+", text) if t]


def _bare(token: str) -> str:
    return re.sub(r"[^\w]", "", token)


def name_matches(typed: str, *, name: str, front_title: str = "", back_title: str = "") -> bool:
    """The typed name is the roster name, ignoring case, extra spaces, punctuation and academic titles."""
    roster = [_bare(t) for t in _tokens(name)]
    roster = [t for t in roster if t]
    own_titles = {_bare(t) for t in _tokens(f"{front_title} {back_title}")} | TITLES
    kept = []
    for token in _tokens(typed):
        bare = _bare(token)
        if not bare:
            continue
        if bare in own_titles and bare not in roster:
            continue
        kept.append(bare)
    return bool(roster) and kept == roster


def decode_signature(data_url: str) -> bytes:
    """The PNG bytes of the canvas's data URL, or SigningRefused (not a PNG, too big, blank, a dot)."""
    message = _("Tanda tangan belum digambar. Gambarlah tanda tangan Anda di kotak yang tersedia.")
    if not data_url or not data_url.startswith(PNG_PREFIX):
        raise SigningRefused(message, "signature", "blank")
    try:
        raw = base64.b64decode(data_url[len(PNG_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise SigningRefused(message, "signature", "blank") from None
    if len(raw) > MAX_IMAGE_BYTES:
        raise SigningRefused(_("Gambar tanda tangan terlalu besar. Hapus lalu gambar ulang."), "signature", "large")
    try:
        image = Image.open(io.BytesIO(raw))
        if image.format != "PNG" or max(image.size) > MAX_IMAGE_SIDE:
            raise SigningRefused(message, "signature", "blank")
        alpha = image.convert("RGBA").getchannel("A")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        raise SigningRefused(message, "signature", "blank") from None
    ink = alpha.point(lambda a: 255 if a > 32 else 0)
    box = ink.getbbox()
    inked = ink.histogram()[255]
    if box is None or inked < MIN_INK_PIXELS:
        raise SigningRefused(message, "signature", "blank")
    width, height = box[2] - box[0], box[3] - box[1]
    if max(width, height) < MIN_BOX[0] or width + height < MIN_BOX[0] + MIN_BOX[1]:
        raise SigningRefused(
            _("Tanda tangan terlalu kecil. Gambarlah tanda tangan Anda selebar kotak."), "signature", "tiny"
        )
    return raw


def check_answers(questions: list[dict], answers: list) -> list[dict]:
    """The answers kept with the signature; SigningRefused when one is missing or wrong."""
    kept = []
    for index, question in enumerate(questions or []):
        given = answers[index] if index < len(answers) else None
        try:
            given = int(given)
        except (TypeError, ValueError):
            raise SigningRefused(_("Jawab setiap pertanyaan pemahaman."), f"q{index}", "unanswered") from None
        if given != question["answer"]:
            raise SigningRefused(
                _("Jawaban pertanyaan %(n)s belum tepat. Baca kembali teks pakta, lalu jawab lagi.") % {"n": index + 1},
                f"q{index}",
                "wrong",
            )
        kept.append({"question": question["question"], "answer": question["choices"][given]})
    return kept


def personal_text(invitation: Invitation, *, now) -> str:
    """The exact text this person signs now: the campaign's template version, filled with their roster data."""
    campaign = invitation.campaign
    employee = invitation.employee
    day = timezone.localtime(now, campaign.zone).date()
    personal = pakta_text.personal_for(
        employee=employee, region=campaign.region, place=campaign.template.place, day=day
    )
    return pakta_text.personalise(campaign.template.body, personal)


# --- recording ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submission:
    typed_name: str
    signature_data: str
    consent: bool
    answers: list


def refusal_for_state(invitation: Invitation, now) -> SigningRefused | None:
    campaign: Campaign = invitation.campaign
    if invitation.signed_at is not None:
        return SigningRefused(_("Pakta ini sudah Anda tandatangani."), "", "used")
    if campaign.status == Campaign.Status.CLOSED:
        return SigningRefused(_("Kampanye pakta ini sudah ditutup."), "", "closed")
    if now >= campaign.deadline:
        return SigningRefused(_("Batas waktu penandatanganan sudah lewat."), "", "expired")
    if campaign.status != Campaign.Status.LAUNCHED or now < campaign.opens_at:
        return SigningRefused(_("Penandatanganan belum dibuka."), "", "not_open")
    if not invitation.targeted:
        return SigningRefused(_("Anda bukan lagi sasaran kampanye ini. Hubungi BKD."), "", "not_targeted")
    return None


def pakta_sign(
    *,
    invitation: Invitation,
    submission: Submission,
    method: str,
    printed_by=None,
    request=None,
    now=None,
    issue_document: bool = True,
) -> Signature:
    """Record the signature (one transaction, audited last), or raise SigningRefused."""
    now = now or timezone.now()
    refusal = refusal_for_state(invitation, now)
    if refusal is not None:
        raise refusal
    employee = invitation.employee
    campaign = invitation.campaign
    if not name_matches(
        submission.typed_name, name=employee.name, front_title=employee.front_title, back_title=employee.back_title
    ):
        raise SigningRefused(
            _("Nama yang diketik tidak sama dengan nama Anda di data kepegawaian (%(name)s).")
            % {"name": employee.name},
            "typed_name",
            "name",
        )
    answers = check_answers(campaign.questions, submission.answers)
    image = decode_signature(submission.signature_data)
    if not submission.consent:
        raise SigningRefused(_("Centang pernyataan persetujuan untuk menandatangani."), "consent", "consent")
    text = personal_text(invitation, now=now)
    digest = pakta_text.text_sha256(text)
    signature = Signature(
        campaign=campaign,
        employee=employee,
        invitation=invitation,
        work_unit_id=employee.work_unit_id or invitation.work_unit_id,
        typed_name=" ".join(submission.typed_name.split())[:200],
        signer_name=employee.display_name[:250],
        signer_nip=employee.nip,
        text=text,
        text_sha256=digest,
        image_png=image,
        signed_at=now,
        ip=client_ip(request) if request is not None else None,
        user_agent=(request.META.get("HTTP_USER_AGENT", "")[:300] if request is not None else ""),
        method=method,
        printed_by=printed_by if method == Signature.Method.PRINTED else None,
        answers=answers,
    )
    try:
        with transaction.atomic():
            signature.save()
            Invitation.objects.filter(pk=invitation.pk).update(signed_at=now)
            if issue_document:
                document_issue_after_commit(DOCUMENT_KIND, signature)
            audit_record(
                action="netralitas.pakta.signed",
                actor=request.user if request is not None and request.user.is_authenticated else None,
                obj=signature,
                region_id=campaign.region_id,
                after={
                    "campaign": campaign.pk,
                    "employee": employee.nip,
                    "text_sha256": digest,
                    "method": method,
                    "printed_by": printed_by.get_username() if signature.printed_by_id else None,
                    "answers": len(answers),
                },
                request=request,
            )
    except IntegrityError:
        raise SigningRefused(_("Pakta ini sudah Anda tandatangani."), "", "used") from None
    invitation.signed_at = now
    return signature
