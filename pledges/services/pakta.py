"""Pakta integritas: template versions, campaigns, their targets (following the roster), invitations and the
personal signing credentials. Every change is audited.

Like every service these trust their arguments (README, "Authorisation"): the view checked that ``by`` may
act on the region. The rules here are the domain's:

- a published template version never changes; an edit makes the next version of its family;
- launching is a conditional update on the draft: launching twice invites nobody twice;
- the targets follow the roster (``campaign_sync``): a newcomer to a targeted unit is invited, a leaver no
  longer counts unless already signed;
- a signing link is a credential: it is made when its mail is sent (``pakta_link_for_email``), only its
  SHA-256 is stored, and it dies at the deadline, on a resend (staff) and once the pakta is signed;
- a printed code is made for that printing, streamed into the PDF and never stored in clear; reprinting a
  person's code revokes only that person's earlier printed code; the printing is audited.
"""

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record
from core.jobs import enqueue_after_commit
from mailer.services import email_queue, email_queue_many
from people.models import Employee, Region

from ..models import Campaign, Invitation, PactTemplate, SigningToken
from . import pakta_text
from .apel import unit_tree_ids

CREDENTIAL = "pledges.pakta"
INVITATION_KIND = "pakta_invitation"
INVITATION_TEMPLATE = "pakta_invitation"
BULK = 2000
MAX_QUESTIONS = 3


class PaktaError(Exception):
    """A change refused for a reason the user should read."""


# --- templates ---------------------------------------------------------------------------------------------


def template_snapshot(template: PactTemplate) -> dict:
    return {
        "title": template.title,
        "family": template.family,
        "version": template.version,
        "sha256": pakta_text.text_sha256(template.body),
        "place": template.place,
        "published": template.published_at.isoformat() if template.published_at else None,
    }


def _check_body(body: str) -> None:
    if not body.strip():
        raise PaktaError(_("Teks pakta tidak boleh kosong."))
    if len(body) > pakta_text.MAX_BODY:
        raise PaktaError(_("Teks pakta paling panjang %(max)s karakter.") % {"max": pakta_text.MAX_BODY})
    unknown = pakta_text.unknown_placeholders(body)
    if unknown:
        raise PaktaError(
            _("Tempat isian tidak dikenal: %(names)s. Yang dikenal: %(known)s.")
            % {
                "names": ", ".join("{{ %s }}" % n for n in unknown),
                "known": ", ".join("{{ %s }}" % n for n in pakta_text.PLACEHOLDERS),
            }
        )


def template_create(*, region: Region, title: str, body: str, place: str = "", by, request=None) -> PactTemplate:
    _check_body(body)
    with transaction.atomic():
        template = PactTemplate.objects.create(region=region, title=title, body=body, place=place, created_by=by)
        template.family = template.pk
        template.save(update_fields=["family"])
        audit_record(
            action="netralitas.pakta.template_created",
            actor=by,
            obj=template,
            region_id=region.pk,
            after=template_snapshot(template),
            request=request,
        )
    return template


def template_edit(*, template: PactTemplate, title: str, body: str, place: str = "", by, request=None) -> PactTemplate:
    """Change a draft in place; an edit of a published version makes the next version (a draft)."""
    _check_body(body)
    with transaction.atomic():
        if template.is_published:
            latest = PactTemplate.objects.filter(region_id=template.region_id, family=template.family).order_by(
                "-version"
            )[:1]
            version = latest[0].version + 1
            new = PactTemplate.objects.create(
                region_id=template.region_id,
                family=template.family,
                version=version,
                title=title,
                body=body,
                place=place,
                created_by=by,
            )
            audit_record(
                action="netralitas.pakta.template_versioned",
                actor=by,
                obj=new,
                region_id=template.region_id,
                before=template_snapshot(template),
                after=template_snapshot(new),
                request=request,
            )
            return new
        locked = PactTemplate.objects.select_for_update().get(pk=template.pk)
        if locked.is_published:
            raise PaktaError(_("Versi ini baru saja diterbitkan; muat ulang halaman lalu ubah lagi."))
        before = template_snapshot(locked)
        locked.title, locked.body, locked.place = title, body, place
        locked.save(update_fields=["title", "body", "place"])
        audit_record(
            action="netralitas.pakta.template_edited",
            actor=by,
            obj=locked,
            region_id=locked.region_id,
            before=before,
            after=template_snapshot(locked),
            request=request,
        )
        return locked


def template_publish(*, template: PactTemplate, by, request=None, now=None) -> PactTemplate:
    with transaction.atomic():
        changed = PactTemplate.objects.filter(pk=template.pk, published_at__isnull=True).update(
            published_at=now or timezone.now()
        )
        if not changed:
            raise PaktaError(_("Versi ini sudah diterbitkan."))
        template.refresh_from_db()
        audit_record(
            action="netralitas.pakta.template_published",
            actor=by,
            obj=template,
            region_id=template.region_id,
            after=template_snapshot(template),
            request=request,
        )
    return template


def template_default(*, region: Region, by=None, request=None) -> PactTemplate:
    """The region's default neutrality pakta (published), made once from shared/domain."""
    existing = PactTemplate.objects.filter(region=region, title=pakta_text.DEFAULT_TITLE).order_by("family", "version")
    found = existing.first()
    if found is not None:
        return existing.filter(published_at__isnull=False).last() or found
    template = template_create(
        region=region, title=pakta_text.DEFAULT_TITLE, body=pakta_text.DEFAULT_BODY, by=by, request=request
    )
    return template_publish(template=template, by=by, request=request)


# --- campaigns ---------------------------------------------------------------------------------------------


def campaign_snapshot(campaign: Campaign) -> dict:
    return {
        "title": campaign.title,
        "election": campaign.election.slug,
        "template": f"{campaign.template.title} v{campaign.template.version}",
        "template_id": campaign.template_id,
        "all_units": campaign.all_units,
        "units": sorted(campaign.work_units.values_list("name", flat=True)) if campaign.pk else [],
        "opens_at": campaign.opens_at.isoformat(),
        "deadline": campaign.deadline.isoformat(),
        "ceremony": campaign.ceremony_id,
        "questions": len(campaign.questions or []),
        "reminders": [campaign.first_reminder_days, campaign.reminder_every_days, campaign.remind_day_before],
        "status": campaign.status,
    }


def check_questions(questions) -> list[dict]:
    """At most three questions, each with 2–5 choices and the index of the right one."""
    clean = []
    for item in questions or []:
        question = " ".join(str(item.get("question", "")).split())
        choices = [" ".join(str(c).split()) for c in item.get("choices", []) if str(c).strip()]
        if not question:
            continue
        if not 2 <= len(choices) <= 5:
            raise PaktaError(_("Setiap pertanyaan perlu 2 sampai 5 pilihan jawaban."))
        answer = item.get("answer")
        if not isinstance(answer, int) or not 0 <= answer < len(choices):
            raise PaktaError(_("Tandai jawaban yang benar untuk setiap pertanyaan."))
        clean.append({"question": question[:300], "choices": [c[:200] for c in choices], "answer": answer})
    if len(clean) > MAX_QUESTIONS:
        raise PaktaError(_("Paling banyak tiga pertanyaan pemahaman."))
    return clean


def _check_campaign(*, template: PactTemplate, opens_at, deadline, all_units, work_units, ceremony, region) -> None:
    if template.region_id != region.pk:
        raise PaktaError(_("Templat pakta milik Pemda lain."))
    if not template.is_published:
        raise PaktaError(_("Terbitkan dulu versi templat ini; kampanye memakai versi yang sudah terbit."))
    if deadline <= opens_at:
        raise PaktaError(_("Batas waktu harus sesudah waktu dibuka."))
    if not all_units and not work_units:
        raise PaktaError(_("Pilih setidaknya satu unit kerja, atau “semua ASN aktif Pemda”."))
    if ceremony is not None and ceremony.region_id != region.pk:
        raise PaktaError(_("Apel itu milik Pemda lain."))


def campaign_create(*, region: Region, by, request=None, work_units=(), questions=(), **fields) -> Campaign:
    _check_campaign(
        template=fields["template"],
        opens_at=fields["opens_at"],
        deadline=fields["deadline"],
        all_units=fields.get("all_units", True),
        work_units=work_units,
        ceremony=fields.get("ceremony"),
        region=region,
    )
    if fields["deadline"] <= timezone.now():
        raise PaktaError(_("Batas waktu sudah lewat."))
    with transaction.atomic():
        campaign = Campaign.objects.create(region=region, created_by=by, questions=check_questions(questions), **fields)
        campaign.work_units.set([] if campaign.all_units else work_units)
        audit_record(
            action="netralitas.pakta.campaign_created",
            actor=by,
            obj=campaign,
            region_id=region.pk,
            after=campaign_snapshot(campaign),
            request=request,
        )
    return campaign


def campaign_units(campaign: Campaign) -> set[int] | None:
    """The targeted units with every unit below them (None: the whole region)."""
    if campaign.all_units:
        return None
    return unit_tree_ids(region_id=campaign.region_id, unit_ids=campaign.work_units.values_list("pk", flat=True))


def campaign_launch(*, campaign: Campaign, by, request=None, now=None, invite: bool = True) -> bool:
    """Open the campaign and invite its targets (after commit, in a task). False when it was launched already.
    ``invite=False`` (the demo, whose people and addresses are made up) opens it without mailing anyone."""
    now = now or timezone.now()
    if campaign.deadline <= now:
        raise PaktaError(_("Batas waktu kampanye sudah lewat; ubah dulu batas waktunya."))
    with transaction.atomic():
        launched = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.DRAFT).update(
            status=Campaign.Status.LAUNCHED,
            launched_at=now,
            launched_by=by,
            reminder_due_at=None,
            updated_at=now,
        )
        if not launched:
            return False
        campaign.refresh_from_db()
        campaign.reminder_due_at = next_reminder_at(campaign, after=now)
        Campaign.objects.filter(pk=campaign.pk).update(reminder_due_at=campaign.reminder_due_at)
        targets = _sync_targets(campaign)
        audit_record(
            action="netralitas.pakta.campaign_launched",
            actor=by,
            obj=campaign,
            region_id=campaign.region_id,
            after=campaign_snapshot(campaign),
            data={"targets": targets},
            request=request,
        )
    if invite:
        from ..tasks import campaign_invite_task

        enqueue_after_commit(campaign_invite_task, campaign.pk)
    return True


def campaign_close(*, campaign: Campaign, by, request=None, now=None) -> None:
    with transaction.atomic():
        closed = Campaign.objects.filter(pk=campaign.pk, status=Campaign.Status.LAUNCHED).update(
            status=Campaign.Status.CLOSED, closed_at=now or timezone.now(), reminder_due_at=None
        )
        if not closed:
            raise PaktaError(_("Hanya kampanye yang berjalan yang dapat ditutup."))
        campaign.refresh_from_db()
        audit_record(
            action="netralitas.pakta.campaign_closed",
            actor=by,
            obj=campaign,
            region_id=campaign.region_id,
            after=campaign_snapshot(campaign),
            request=request,
        )


# --- targets follow the roster --------------------------------------------------------------------------------


def _target_employees(campaign: Campaign):
    employees = Employee.objects.filter(region_id=campaign.region_id, is_active=True, work_unit__isnull=False)
    units = campaign_units(campaign)
    if units is not None:
        employees = employees.filter(work_unit_id__in=units)
    return employees


def _sync_targets(campaign: Campaign) -> int:
    """Make the invitations match the roster now: new targets get a row, leavers stop counting (unless signed),
    movers count in their new unit. Returns how many people the campaign targets. Call with the campaign locked
    or inside the launch's transaction."""
    wanted = dict(_target_employees(campaign).values_list("pk", "work_unit_id"))
    have = {
        employee_id: (pk, targeted, unit_id, signed)
        for pk, employee_id, targeted, unit_id, signed in Invitation.objects.filter(campaign=campaign).values_list(
            "pk", "employee_id", "targeted", "work_unit_id", "signed_at"
        )
    }
    new = [
        Invitation(campaign=campaign, employee_id=employee_id, work_unit_id=unit_id)
        for employee_id, unit_id in wanted.items()
        if employee_id not in have
    ]
    Invitation.objects.bulk_create(new, batch_size=BULK, ignore_conflicts=True)
    gone = [
        pk
        for employee_id, (pk, targeted, _u, signed) in have.items()
        if employee_id not in wanted and targeted and not signed
    ]
    back = [pk for employee_id, (pk, targeted, _u, _s) in have.items() if employee_id in wanted and not targeted]
    if gone:
        Invitation.objects.filter(pk__in=gone).update(targeted=False)
    if back:
        Invitation.objects.filter(pk__in=back).update(targeted=True)
    moved: dict[int, list[int]] = {}
    for employee_id, (pk, _t, unit_id, signed) in have.items():
        if employee_id in wanted and wanted[employee_id] != unit_id and not signed:
            moved.setdefault(wanted[employee_id], []).append(pk)
    for unit_id, pks in moved.items():
        Invitation.objects.filter(pk__in=pks).update(work_unit_id=unit_id)
    return len(wanted)


def _invitation_message(invitation: Invitation, campaign: Campaign) -> dict:
    employee = invitation.employee
    return {
        "to": employee.email,
        "context": {"campaign": campaign, "employee": employee, "deadline": campaign.deadline},
        "subject_key": f"pledges.invitation:{invitation.pk}",
        "language": employee.user.language if employee.user_id else "id",
        "credential": (CREDENTIAL, invitation.pk),
    }


def _launch_day(campaign: Campaign) -> dt.date:
    """One outbox day for every invitation of a campaign, so a retry after midnight still finds its row."""
    return timezone.localtime(campaign.launched_at or campaign.created_at, campaign.zone).date()


def campaign_invite(*, campaign_id: int, now=None) -> int:
    """Follow the roster and invite, by email, every target not invited yet (idempotent: the outbox key is
    the invitation, and ``invited_at`` is set in the same transaction). Returns how many were queued."""
    now = now or timezone.now()
    with transaction.atomic():
        campaign = (
            Campaign.objects.select_for_update(of=("self",))
            .select_related("region", "election")
            .filter(pk=campaign_id)
            .first()
        )
        if campaign is None or campaign.status != Campaign.Status.LAUNCHED or campaign.deadline <= now:
            return 0
        _sync_targets(campaign)
        pending = (
            Invitation.objects.filter(campaign=campaign, targeted=True, invited_at__isnull=True, signed_at__isnull=True)
            .exclude(employee__email="")
            .select_related("employee", "employee__user")
            .order_by("pk")
        )
        queued = 0
        last = 0
        while batch := list(pending.filter(pk__gt=last)[:BULK]):
            last = batch[-1].pk
            result = email_queue_many(
                kind=INVITATION_KIND,
                template=INVITATION_TEMPLATE,
                region=campaign.region,
                day=_launch_day(campaign),
                messages=(_invitation_message(i, campaign) for i in batch),
            )
            queued += result.queued
            Invitation.objects.filter(pk__in=[i.pk for i in batch]).update(invited_at=now)
    return queued


def campaigns_sync_due(*, now=None) -> list[int]:
    """The running campaigns (the periodic sync queues one invite task per campaign)."""
    now = now or timezone.now()
    return list(Campaign.objects.filter(status=Campaign.Status.LAUNCHED, deadline__gt=now).values_list("pk", flat=True))


# --- credentials -------------------------------------------------------------------------------------------------


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _new_token() -> str:
    return secrets.token_urlsafe(32)


def signing_url(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("pakta_open", kwargs={"token": token})


def invitation_usable(invitation: Invitation, now=None) -> bool:
    campaign = invitation.campaign
    return invitation.signed_at is None and invitation.targeted and campaign.is_open(now)


def pakta_link_for_email(email) -> str | None:
    """mailer.credentials maker: a fresh personal link for the invitation named by the mail, stored only as a
    hash — or None (the mail is cancelled) once it was signed, the person left or the campaign is over."""
    invitation = (
        Invitation.objects.select_related("campaign", "campaign__region")
        .filter(pk=email.credential_ref or None)
        .first()
    )
    if invitation is None or not invitation_usable(invitation):
        return None
    token = _new_token()
    SigningToken.objects.create(invitation=invitation, token_hash=token_hash(token), via=SigningToken.Via.EMAIL)
    return signing_url(token)


@dataclass(frozen=True)
class TokenCheck:
    token: SigningToken | None
    problem: str = ""  # unknown, revoked, used, closed, expired, not_open, not_targeted

    @property
    def ok(self) -> bool:
        return self.token is not None and not self.problem


def token_check(token: str, now=None) -> TokenCheck:
    """What a presented link or printed code is worth now (reads only)."""
    now = now or timezone.now()
    if not token or len(token) > 100:
        return TokenCheck(None, "unknown")
    found = (
        SigningToken.objects.select_related(
            "invitation__campaign__region",
            "invitation__campaign__template",
            "invitation__campaign__election",
            "invitation__employee__work_unit",
            "invitation__employee__user",
            "printed_by",
        )
        .filter(token_hash=token_hash(token))
        .first()
    )
    if found is None:
        return TokenCheck(None, "unknown")
    invitation, campaign = found.invitation, found.invitation.campaign
    if invitation.signed_at is not None:
        return TokenCheck(found, "used")
    if found.revoked_at is not None:
        return TokenCheck(found, "revoked")
    if campaign.status == Campaign.Status.CLOSED:
        return TokenCheck(found, "closed")
    if now >= campaign.deadline:
        return TokenCheck(found, "expired")
    if campaign.status != Campaign.Status.LAUNCHED or now < campaign.opens_at:
        return TokenCheck(found, "not_open")
    if not invitation.targeted:
        return TokenCheck(found, "not_targeted")
    return TokenCheck(found)


def invitation_opened(*, invitation: Invitation, now=None) -> None:
    """Mark the first opening (a link or a printed code): progress only, it consumes nothing."""
    if invitation.opened_at is None:
        Invitation.objects.filter(pk=invitation.pk, opened_at__isnull=True).update(opened_at=now or timezone.now())


def invitation_resend(*, invitation: Invitation, by, request=None, now=None) -> None:
    """A new link for one person: their earlier emailed links die now, the new one is made when sent."""
    now = now or timezone.now()
    campaign = invitation.campaign
    if not invitation_usable(invitation, now):
        raise PaktaError(
            _(
                "Tautan tidak dapat dikirim: pakta sudah ditandatangani, orangnya bukan sasaran lagi, "
                "atau kampanye tidak berjalan."
            )
        )
    employee = invitation.employee
    if not employee.email:
        raise PaktaError(_("Pegawai ini tidak punya alamat email; cetak kode QR untuknya."))
    with transaction.atomic():
        revoked = SigningToken.objects.filter(
            invitation=invitation, via=SigningToken.Via.EMAIL, revoked_at__isnull=True
        ).update(revoked_at=now)
        message = _invitation_message(invitation, campaign)
        email_queue(
            to=message.pop("to"),
            kind=INVITATION_KIND,
            template=INVITATION_TEMPLATE,
            region=campaign.region,
            new_version=True,
            **message,
        )
        Invitation.objects.filter(pk=invitation.pk).update(invited_at=now)
        audit_record(
            action="netralitas.pakta.link_resent",
            actor=by,
            obj=invitation,
            region_id=campaign.region_id,
            data={"employee": employee.nip, "revoked_links": revoked},
            request=request,
        )


def codes_print(*, campaign: Campaign, invitations: list[Invitation], by, request=None, now=None) -> list[tuple]:
    """New printed codes for these people: [(invitation, token)], the tokens to stream into the sheet and
    forget. Each person's earlier printed code dies; their emailed links stay. Audited: who, when, for whom."""
    now = now or timezone.now()
    usable = [i for i in invitations if invitation_usable(i, now)]
    if not usable:
        raise PaktaError(_("Tidak ada ASN yang perlu kode: semua sudah menandatangani, atau kampanye tidak berjalan."))
    pairs = [(invitation, _new_token()) for invitation in usable]
    with transaction.atomic():
        ids = [i.pk for i in usable]
        SigningToken.objects.filter(
            invitation_id__in=ids, via=SigningToken.Via.PRINTED, revoked_at__isnull=True
        ).update(revoked_at=now)
        SigningToken.objects.bulk_create(
            [
                SigningToken(invitation=i, token_hash=token_hash(t), via=SigningToken.Via.PRINTED, printed_by=by)
                for i, t in pairs
            ],
            batch_size=BULK,
        )
        Invitation.objects.filter(pk__in=ids, invited_at__isnull=True).update(invited_at=now)
        audit_record(
            action="netralitas.pakta.codes_printed",
            actor=by,
            obj=campaign,
            region_id=campaign.region_id,
            data={"count": len(pairs), "for": sorted(i.employee.nip for i in usable)},
            request=request,
        )
    return pairs


# --- reminders ----------------------------------------------------------------------------------------------------

REMINDER_KIND = "pakta_reminder"
REMINDER_TEMPLATE = "pakta_reminder"
REMINDER_HOUR = 8  # local time of the region


def reminder_days(campaign: Campaign) -> list[dt.date]:
    """The local days a reminder goes (pure): ``first_reminder_days`` after the launch, then every
    ``reminder_every_days``, and the day before the deadline; never on or after the deadline's day."""
    if campaign.launched_at is None:
        return []
    zone = campaign.zone
    start = timezone.localtime(campaign.launched_at, zone).date()
    last_day = timezone.localtime(campaign.deadline, zone).date()
    days: set[dt.date] = set()
    if campaign.first_reminder_days:
        day = start + dt.timedelta(days=campaign.first_reminder_days)
        while day < last_day:
            days.add(day)
            if not campaign.reminder_every_days:
                break
            day += dt.timedelta(days=campaign.reminder_every_days)
    if campaign.remind_day_before:
        before = last_day - dt.timedelta(days=1)
        if before > start:
            days.add(before)
    return sorted(days)


def reminder_time(campaign: Campaign, day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(REMINDER_HOUR), tzinfo=campaign.zone)


def next_reminder_at(campaign: Campaign, *, after: dt.datetime) -> dt.datetime | None:
    """The first reminder time strictly after ``after`` and before the deadline (None: no more)."""
    for day in reminder_days(campaign):
        at = reminder_time(campaign, day)
        if at > after and at < campaign.deadline:
            return at
    return None


def _reminder_message(invitation: Invitation, campaign: Campaign) -> dict:
    message = _invitation_message(invitation, campaign)
    message["subject_key"] = f"pledges.invitation:{invitation.pk}:reminder"
    return message


def campaign_remind(*, campaign_id: int, now=None) -> int:
    """Queue today's reminder for every targeted ASN who has not signed, if the time has come and this call
    wins the claim (a conditional update on the due column, in the same transaction as the queued rows: a
    worker that dies half-way rolls both back, and the next beat does the whole batch again). The outbox key
    (recipient, kind, invitation, day) and ``last_reminded_on`` make a second run the same day queue nothing.
    Returns how many were queued."""
    now = now or timezone.now()
    campaign = Campaign.objects.select_related("region", "election").filter(pk=campaign_id).first()
    if campaign is None or campaign.reminder_due_at is None or campaign.reminder_due_at > now:
        return 0
    today = timezone.localtime(now, campaign.zone).date()
    running = campaign.status == Campaign.Status.LAUNCHED and now < campaign.deadline
    next_at = next_reminder_at(campaign, after=now) if running else None
    with transaction.atomic():
        claimed = (
            Campaign.objects.filter(pk=campaign.pk, reminder_due_at=campaign.reminder_due_at)
            .exclude(reminded_on=today)
            .update(reminder_due_at=next_at, reminded_on=today if running else campaign.reminded_on)
        )
        if claimed != 1 or not running:
            return 0
        due = (
            Invitation.objects.filter(campaign=campaign, targeted=True, signed_at__isnull=True, invited_at__lt=now)
            .exclude(employee__email="")
            .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
            .select_related("employee", "employee__user")
            .order_by("pk")
        )
        queued = 0
        last = 0
        while batch := list(due.filter(pk__gt=last)[:BULK]):
            last = batch[-1].pk
            # Invited today (a newcomer): their invitation is enough for today.
            batch = [i for i in batch if timezone.localtime(i.invited_at, campaign.zone).date() < today]
            if not batch:
                continue
            result = email_queue_many(
                kind=REMINDER_KIND,
                template=REMINDER_TEMPLATE,
                region=campaign.region,
                day=today,
                messages=(_reminder_message(i, campaign) for i in batch),
            )
            queued += result.queued
            Invitation.objects.filter(pk__in=[i.pk for i in batch]).update(last_reminded_on=today)
    return queued


def campaigns_remind_due(*, now=None, limit: int = 200) -> list[int]:
    now = now or timezone.now()
    due = Campaign.objects.filter(reminder_due_at__lte=now).order_by("reminder_due_at")
    return list(due.values_list("pk", flat=True)[:limit])
