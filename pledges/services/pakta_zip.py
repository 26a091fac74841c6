"""A ZIP of every signed PDF of one work unit of a campaign, built by a task with visible progress.

The PDFs are those the documents app issued (made here if a task never did); the ZIP is written to the default
storage under ``pakta-zip/`` (no URL serves it: the staff view streams it after its own permission check) and
its name is kept with the job's progress, which the page polls.
"""

import io
import zipfile

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify

from core.jobs import progress_get, progress_set

from ..models import Campaign, Signature
from .pakta_documents import signature_document

JOB = "pakta-zip"


def zip_job_id(campaign_id: int, unit_id: int) -> str:
    return f"{campaign_id}-{unit_id}"


def campaign_zip(*, campaign_id: int, unit_id: int, job_id: str) -> str:
    campaign = Campaign.objects.select_related("region").filter(pk=campaign_id).first()
    if campaign is None:
        return ""
    rows = list(
        Signature.objects.filter(campaign=campaign, work_unit_id=unit_id)
        .select_related("campaign__region", "employee")
        .order_by("signer_nip")
    )
    total = len(rows)
    progress_set(JOB, job_id, phase="running", processed=0, total=total)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for done, signature in enumerate(rows, start=1):
            document = signature_document(signature=signature)
            with document.file.open("rb") as handle:
                archive.writestr(f"{signature.signer_nip}-{slugify(signature.signer_name)[:60]}.pdf", handle.read())
            if done % 10 == 0 or done == total:
                progress_set(JOB, job_id, phase="running", processed=done, total=total)
    stamp = timezone.now().strftime("%Y%m%d%H%M%S")
    name = default_storage.save(f"pakta-zip/{campaign.pk}/{unit_id}-{stamp}.zip", ContentFile(buffer.getvalue()))
    progress_set(JOB, job_id, phase="done", processed=total, total=total, file=name)
    return name


def zip_progress(job_id: str) -> dict:
    return progress_get(JOB, job_id)
