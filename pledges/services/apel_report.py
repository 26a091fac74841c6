"""The berita acara (minutes) of an apel as a document of the documents app: its kind, how it is built, and
issuing it — the first version once the apel is held, a new version after a correction (nothing is
overwritten: the documents app keeps every version, and the public page says which one is current)."""

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from documents.kinds import DocumentKind, Rendered, letter_facts
from documents.models import IssuedDocument
from documents.services import document_issue_after_commit, document_latest

from ..models import Ceremony
from ..selectors.apel_report import ceremony_report
from .apel import ApelError

KIND = "pledges.berita_acara"
TEMPLATE = "pledges/apel/berita_acara_pdf.html"


def berita_acara_build(ceremony: Ceremony) -> Rendered:
    """What the documents app renders (reads only)."""
    return Rendered(
        template=TEMPLATE,
        context=ceremony_report(ceremony=ceremony),
        region=ceremony.region,
        title=f"Berita Acara {ceremony.title} {ceremony.local_start:%d-%m-%Y}",
    )


def berita_acara_kind() -> DocumentKind:
    # The public page shows the kind, date and Pemda of a genuine berita acara, never who attended.
    return DocumentKind(
        code=KIND,
        label=gettext_lazy("Berita acara apel"),
        model=Ceremony,
        build=berita_acara_build,
        public_facts=letter_facts,
    )


def berita_acara_changed_since(*, ceremony: Ceremony, document: IssuedDocument) -> bool:
    """Whether the apel or its attendance changed after this version was issued (a correction to publish)."""
    last_mark = ceremony.attendances.aggregate(last=Max("updated_at"))["last"]
    return ceremony.updated_at > document.issued_at or (last_mark is not None and last_mark > document.issued_at)


def ceremony_report_issue(*, ceremony: Ceremony, by) -> IssuedDocument | None:
    """Queue the first version, or a new one replacing the current version after a correction (issued by a
    task once the surrounding transaction commits). Returns the version it replaces, if any."""
    if ceremony.status != Ceremony.Status.HELD:
        raise ApelError(_("Berita acara diterbitkan sesudah apel ditandai sudah dilaksanakan."))
    latest = document_latest(kind=KIND, obj=ceremony)
    if latest is not None and not berita_acara_changed_since(ceremony=ceremony, document=latest):
        raise ApelError(
            _("Berita acara versi %(version)s sudah memuat data terbaru; tidak ada yang perlu diterbitkan ulang.")
            % {"version": latest.version}
        )
    document_issue_after_commit(KIND, ceremony, by=by, replaces=latest)
    return latest
