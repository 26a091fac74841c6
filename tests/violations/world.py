"""The walk's view of the violations app: reports (with a confidential reporter), cases owned by their
reported ASN (from the summons on), evidence, case documents, hearings, catalogue proposals."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import IssuedDocument
from tests.world import ASN, world
from violations.models import (
    Case,
    CaseDocument,
    CaseTransition,
    CatalogueProposal,
    Evidence,
    Hearing,
    Report,
    Reporter,
    ReportMessage,
    Statement,
    ViolationSettings,
)


@world.obj("report_id", Report, markers=lambda r: [r.chronology, r.reporter.name, r.reporter.contact])
def violation_report(env):
    report = Report.objects.create(
        region=env.region_a, reference="L-2024-MARKER", source="bawaslu", receipt_hash="f" * 64,
        incident_date=dt.date(2024, 10, 1), chronology="Kronologi rahasia marker pelanggaran",
        reported_text="Terlapor marker", status=Report.Status.OPEN, created_by=env.bkd_a,
    )  # fmt: skip
    Reporter.objects.create(report=report, anonymous=False, name="Pelapor Rahasia Marker", contact="0812-MARKER")
    ReportMessage.objects.create(report=report, from_reporter=True, body="Pesan pelapor marker")
    return report


@world.obj("case_id", Case, markers=lambda c: [c.reference], owner="employee.user")
def violation_case(env):
    """A case against Siti (the walk's owner ASN), summoned: she may read it and answer, never act as staff."""
    now = timezone.now()
    case = Case.objects.create(
        region=env.region_a, report=env.violation_report, employee=env.siti, reference="K-2024-MARKER",
        state="clarification", state_entered_at=now, summoned_at=now, officer=env.bkd_a,
    )  # fmt: skip
    CaseTransition.objects.create(case=case, action="open", to_state="received", by=env.bkd_a)
    Statement.objects.create(case=case, text="Keterangan marker", by=env.siti.user)
    return case


@world.obj("evidence_id", Evidence, markers=lambda e: [e.original_name])
def violation_evidence(env):
    evidence = Evidence(
        region=env.region_a, report=env.violation_report, kind="file", original_name="bukti-marker.jpg",
        content_type="image/jpeg", size=3, sha256="a" * 64,
    )  # fmt: skip
    evidence.file.save("walk-bukti.jpg", ContentFile(b"\xff\xd8\xff"), save=False)
    evidence.save()
    return evidence


@world.obj("hearing_id", Hearing, owner="case.employee.user")
def violation_hearing(env):
    hearing = Hearing.objects.create(
        case=env.violation_case, kind="clarification", scheduled_at=timezone.now() - dt.timedelta(days=1),
        place="Ruang BKPSDM marker",
    )  # fmt: skip
    # Its summons letter as issued (region A's certificate in the walk is a stand-in that cannot sign anew).
    letter = IssuedDocument(
        kind="violations.summons", region=env.region_a, content_type=ContentType.objects.get_for_model(Hearing),
        object_id=str(hearing.pk), title="Surat Panggilan marker", number="800.1.6.4/MARKER/PGL-1",
        sha256="5f" * 32, size=16, code="SUMM0NSMARKER0000000000000000AAA",
        certificate=env.issued_document.certificate, issued_at=timezone.now(),
    )  # fmt: skip
    letter.file.save("walk-summons.pdf", ContentFile(b"%PDF-1.4 marker"), save=False)
    letter.save()
    return hearing


@world.obj("document_id", CaseDocument, markers=lambda d: [d.original_name], owner="case.employee.user")
def violation_document(env):
    document = CaseDocument(
        case=env.violation_case, kind="bap_clarification", original_name="bap-marker.pdf",
        content_type="application/pdf", size=8, sha256="b" * 64,
    )  # fmt: skip
    document.file.save("walk-bap.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    return document


@world.obj("proposal_id", CatalogueProposal, markers=lambda p: [p.title])
def violation_proposal(env):
    return CatalogueProposal.objects.create(
        region=env.region_a, title="Usulan marker", description="Uraian", category="kode_etik", proposed_by=env.bkd_a
    )


world.not_walked(Reporter, "shown only on report_reporter (report_id), audited; its markers are the report's")
world.not_walked(ReportMessage, "shown on the report page and behind a receipt code; no page names one by id")
world.not_walked(CaseTransition, "the case page's timeline; no page names one by id")
world.not_walked(Statement, "shown on the case pages; no page names one by id")
world.not_walked(ViolationSettings, "kept on the region settings page; no page names it by id")

world.route("case_list", "case.view")
world.route("case_export_csv", "case.view")
world.route("case_export_xlsx", "case.view")
world.route("case_detail", "case.view")
world.route("case_transition", "case.handle")
world.route("case_finding", "case.handle")
world.route("case_hearing_add", "case.handle")
world.route("case_document_add", "case.handle")
world.route("case_officer", "case.handle")
world.route("case_activities", "case.handle")
world.route("hearing_attendance", "case.handle")
world.route("case_document_file", "case.view")
world.route("hearing_letter", "case.view")
world.route("my_hearing_letter", "case.own")
world.route("report_list", "report.view")
world.route("report_create", "report.create")
world.route("report_detail", "report.view")
world.route("report_reporter", "report.reporter_view")
world.route("report_open_cases", "report.create")
world.route("report_reject", "report.create")
world.route("report_message", "report.create")
world.route("report_evidence_add", "report.create")
world.route("evidence_file", "report.view")
world.route("evidence_original", "evidence.original")
world.route("violations_employee_lookup", "report.create")
world.route("catalogue_suggest", "report.create")
world.route("suggester_stats", "case.view")
world.route("catalogue_list", "catalogue.view")
world.route("catalogue_detail", "catalogue.view")
world.route("catalogue_edit", "catalogue.manage")
world.route("catalogue_retire", "catalogue.manage")
world.route("catalogue_rules", "catalogue.manage")
world.route("proposal_list", "catalogue.view")
world.route("proposal_add", "catalogue.propose")
world.route("proposal_decide", "catalogue.manage")
world.route("my_cases", ASN)
world.route("my_case_detail", "case.own")
world.route("my_case_statement", post="case.respond")  # POST only: a GET answers 405
world.route("my_case_document", "case.own")
world.public("public_report", "the public report form (no login; free-text reported person, honeypot, rate limit)")
world.public("public_report_sent", "shows the receipt code once, from the reporter's own session")
world.public("public_status", "status behind a receipt code POSTed by its holder")
world.public("public_status_message", "the reporter's follow-up, behind the receipt code POSTed with it")
