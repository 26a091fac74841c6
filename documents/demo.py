"""Demo data: each demo kabupaten's circular on ASN neutrality, so /verifikasi/ can be tried at once.

Issued through the service (signed, stored, audited like a real one); a second run finds them and issues
nothing new. The verification codes are printed.

It issues once the demo data has committed, as a feature issues its documents after its own transaction
commits (a rolled-back seed leaves no stored file behind).
"""

from django.db import transaction

from core.demodata import DemoContext
from core.tenancy import region_model

from . import circular
from .services import document_issue

DEMO_REGIONS = ("muba", "oki")


def seed(ctx: DemoContext) -> None:
    transaction.on_commit(lambda: issue_demo_documents(ctx))


def issue_demo_documents(ctx: DemoContext) -> None:
    for region in region_model().objects.filter(code__in=DEMO_REGIONS).order_by("code"):
        document = document_issue(kind=circular.CODE, obj=region)
        ctx.say(f"Dokumen contoh {region.name}: kode verifikasi {document.grouped_code} — {document.verification_url}")
