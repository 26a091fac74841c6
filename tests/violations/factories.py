"""Rows of the violations app for tests, made directly (the services have their own tests)."""

import datetime as dt
import io

from django.utils import timezone

from violations.models import Case, CaseDocument, Report, Reporter

_n = iter(range(1, 10**6))


def make_report(region, **extra) -> Report:
    n = next(_n)
    values = dict(region=region, source="bawaslu", receipt_hash=f"{n:064d}", incident_date=dt.date(2024, 10, 1),
                  chronology="Kronologi uji", status=Report.Status.OPEN, reference=f"L-T-{n}")  # fmt: skip
    values.update(extra)
    report = Report.objects.create(**values)
    Reporter.objects.create(report=report, anonymous=False, name=f"Pelapor Rahasia {n}", contact=f"0812{n:08d}")
    return report


def make_case(region, employee, *, state="received", summoned=True, bap=False, report=None, **extra) -> Case:
    now = timezone.now()
    case = Case.objects.create(
        region=region, report=report or make_report(region), employee=employee, state=state, state_entered_at=now,
        summoned_at=now if summoned else None, reference=f"K-T-{next(_n)}", **extra,
    )  # fmt: skip
    if bap:
        add_document(case)
    return case


def add_document(case, kind="bap_examination"):
    from violations.demo import minimal_pdf
    from violations.files import check_upload
    from violations.services.files import stored_file_save

    upload = io.BytesIO(minimal_pdf())
    upload.name = "bap.pdf"
    document = CaseDocument(case=case, kind=kind)
    stored_file_save(document, check_upload(upload))
    document.save()
    return document
