"""Writing reports: staff intake, the public form, triage into cases, evidence, the reporter channel.

The reporter's identity is written to its own row (Reporter) and never copied anywhere else: audit
payloads name the report's reference and counts, never a name or a contact. A public report is audited
without the request, so the trail holds no reporter's IP address either.
"""

import hashlib
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import audit_record

from ..models import Evidence, Report, Reporter, ReportMessage, Source
from ..suggest import suggest_text
from .cases import case_open
from .files import stored_file_save

RECEIPT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud over the phone
RECEIPT_LENGTH = 12  # 60 bits
MAX_MESSAGE_FILES = 5


def receipt_new() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(RECEIPT_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, RECEIPT_LENGTH, 4))


def receipt_normalise(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


def receipt_hash(code: str) -> str:
    """Only the hash of a receipt code is kept: the code is the reporter's key to the report."""
    return hashlib.sha256(f"netralitas-receipt:{receipt_normalise(code)}".encode()).hexdigest()


@dataclass
class ReporterData:
    anonymous: bool = True
    name: str = ""
    organisation: str = ""
    contact: str = ""
    address: str = ""


def _suggestions(report: Report) -> None:
    found, ctx = suggest_text(report.chronology, day=report.incident_date, election=report.election)
    report.suggestions = [{"code": s.code, "score": s.score, "activity_id": s.activity_id} for s in found]
    report.suggested_stage = ctx.stage


def _add_evidence(report, *, files, links, by, from_public, message=None) -> list[Evidence]:
    added = []
    for checked in files:
        evidence = Evidence(
            region=report.region, report=report, message=message, kind=Evidence.Kind.FILE, uploaded_by=by,
            from_public=from_public,
        )  # fmt: skip
        stored_file_save(evidence, checked, redact=True)
        evidence.save()
        added.append(evidence)
    for url in links:
        added.append(
            Evidence.objects.create(
                region=report.region,
                report=report,
                message=message,
                kind=Evidence.Kind.LINK,
                url=url,
                uploaded_by=by,
                from_public=from_public,
            )  # fmt: skip
        )
    return added


@transaction.atomic
def report_create(
    *,
    region,
    source: str,
    channel: str,
    incident_date,
    chronology: str,
    reporter: ReporterData,
    employees=(),
    election=None,
    incident_place: str = "",
    reported_text: str = "",
    source_reference: str = "",
    activities=(),
    not_in_catalogue: bool = False,
    files=(),
    links=(),
    by=None,
    request=None,
) -> tuple[Report, str, list]:
    """A report entered by staff (or the public form): one case per reported ASN. Returns (report, receipt code
    — shown once, never stored —, cases)."""
    code = receipt_new()
    public = by is None
    report = Report(
        region=region, source=source, channel=channel, source_reference=source_reference.strip(),
        receipt_hash=receipt_hash(code), election=election, incident_date=incident_date,
        incident_place=incident_place.strip(), chronology=chronology.strip(), reported_text=reported_text.strip(),
        not_in_catalogue=not_in_catalogue, via_public_form=public, created_by=by,
    )  # fmt: skip
    _suggestions(report)
    report.save()
    report.reference = f"L-{timezone.now():%Y}-{report.pk:05d}"
    report.save(update_fields=["reference"])
    report.activities.set(list(activities))
    Reporter.objects.create(
        report=report,
        anonymous=reporter.anonymous or not (reporter.name or reporter.contact),
        name=reporter.name.strip(),
        organisation=reporter.organisation.strip(),
        contact=reporter.contact.strip(),
        address=reporter.address.strip(),
    )
    evidence = _add_evidence(report, files=files, links=links, by=by, from_public=public)
    cases = [
        case_open(report=report, employee=e, by=by, election=election, activities=activities,
                  not_in_catalogue=not_in_catalogue, request=request)
        for e in employees
    ]  # fmt: skip
    if cases:
        report.status = Report.Status.OPEN
        report.save(update_fields=["status"])
    audit_record(
        action="netralitas.report.created",
        actor=by,
        obj=report,
        after={"source": source, "channel": channel, "status": report.status},
        data={
            "cases": [c.reference for c in cases],
            "evidence": len(evidence),
            "public_form": public,
            "suggested": [s["code"] for s in report.suggestions],
        },
        request=None if public else request,  # a public reporter's address is not kept
    )
    return report, code, cases


def report_create_public(*, region, incident_date, chronology, reported_text, incident_place="", election=None,
                         reporter: ReporterData, files=(), links=()) -> tuple[Report, str]:  # fmt: skip
    report, code, _cases = report_create(
        region=region, source=Source.PUBLIC, channel=Report.Channel.WEB, incident_date=incident_date,
        chronology=chronology, reporter=reporter, election=election, incident_place=incident_place,
        reported_text=reported_text, files=files, links=links,
    )  # fmt: skip
    return report, code


@transaction.atomic
def report_open_cases(*, report: Report, employees, by, activities=(), not_in_catalogue=False, request=None):
    """Triage: the reported people found in the roster, one case each (a person already on a case of this
    report is skipped)."""
    if report.status in (Report.Status.REJECTED, Report.Status.CLOSED):
        raise ValidationError(_("Laporan ini sudah ditutup."))
    existing = set(report.cases.values_list("employee_id", flat=True))
    fresh = [e for e in employees if e.pk not in existing]
    if not fresh:
        raise ValidationError(_("Setiap pegawai yang dipilih sudah punya kasus dari laporan ini."))
    activities = list(activities) or list(report.activities.all())
    cases = [
        case_open(report=report, employee=e, by=by, activities=activities, not_in_catalogue=not_in_catalogue,
                  request=request)
        for e in fresh
    ]  # fmt: skip
    Report.objects.filter(pk=report.pk).update(status=Report.Status.OPEN)
    report.status = Report.Status.OPEN
    return cases


@transaction.atomic
def report_reject(*, report: Report, reason: str, note: str, by, request=None) -> Report:
    if report.status != Report.Status.NEW:
        raise ValidationError(_("Hanya laporan baru (belum ada kasus) yang dapat dinyatakan tidak ditindaklanjuti."))
    report.status, report.reject_reason = Report.Status.REJECTED, reason
    report.save(update_fields=["status", "reject_reason"])
    audit_record(
        action="netralitas.report.rejected",
        actor=by,
        obj=report,
        after={"status": report.status, "reason": reason},
        data={"note": note.strip()},
        request=request,
    )
    return report


def reporter_reveal(*, report: Report, by, request=None) -> Reporter:
    """The reporter's identity for one who may see it; the opening is audited, the identity is not."""
    audit_record(action="netralitas.report.reporter_viewed", actor=by, obj=report, request=request)
    return report.reporter


@transaction.atomic
def report_message_add(*, report: Report, body: str, by=None, files=(), links=(), request=None) -> ReportMessage:
    """One message in the reporter channel: from staff (``by``) or from the reporter (``by`` None, after the
    receipt code was checked). The reporter may attach more evidence."""
    if len(files) > MAX_MESSAGE_FILES:
        raise ValidationError(_("Paling banyak %(n)s berkas per pesan.") % {"n": MAX_MESSAGE_FILES})
    from_reporter = by is None
    message = ReportMessage.objects.create(report=report, from_reporter=from_reporter, body=body.strip(), author=by)
    evidence = _add_evidence(report, files=files, links=links, by=by, from_public=from_reporter, message=message)
    audit_record(
        action="netralitas.report.message_added",
        actor=by,
        obj=report,
        data={"from_reporter": from_reporter, "evidence": len(evidence)},
        request=None if from_reporter else request,
    )
    return message


@transaction.atomic
def evidence_add(*, report: Report, files=(), links=(), note: str = "", by, request=None) -> list[Evidence]:
    added = _add_evidence(report, files=files, links=links, by=by, from_public=False)
    for evidence in added:
        if note:
            Evidence.objects.filter(pk=evidence.pk).update(note=note[:300])
        audit_record(
            action="netralitas.evidence.added",
            actor=by,
            obj=report,
            after={"kind": evidence.kind, "sha256": evidence.sha256, "size": evidence.size},
            request=request,
        )
    return added
