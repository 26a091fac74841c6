"""What the berita acara (minutes) of an apel shows: its data, the ikrar, totals per status and per work unit,
and the full attendance list. Read for an apel the caller was allowed to open; ordered as printed."""

import zoneinfo

from django.utils import timezone

from ..models import Attendance, Ceremony
from .apel import STATUS_ORDER, ceremony_counts, ceremony_units


def ceremony_report(*, ceremony: Ceremony) -> dict:
    zone = zoneinfo.ZoneInfo(ceremony.region.timezone)
    rows = ceremony.attendances.select_related("employee", "work_unit").order_by(
        "work_unit__name", "employee__name", "pk"
    )
    people = [
        {
            "nip": a.employee.nip,
            "name": a.employee.display_name,
            "position": a.employee.position,
            "unit": a.work_unit.name,
            "status": a.get_status_display(),
            "status_code": a.status,
            "time": timezone.localtime(a.checked_in_at, zone).strftime("%H:%M") if a.checked_in_at else "",
            "note": a.note,
        }
        for a in rows.iterator(chunk_size=2000)
    ]
    counts = ceremony_counts(ceremony=ceremony)
    return {
        "ceremony": ceremony,
        "region": ceremony.region,
        "local_start": ceremony.local_start,
        "zone": ceremony.region.timezone_label,
        "status_labels": [Attendance.Status(s).label for s in STATUS_ORDER],
        "totals": [(Attendance.Status(s).label, counts[s]) for s in STATUS_ORDER],
        "total": counts["total"],
        "present": counts[Attendance.Status.PRESENT],
        "units": ceremony_units(ceremony=ceremony),
        "people": people,
        "ikrar_lines": [line.strip() for line in ceremony.ikrar_text.splitlines() if line.strip()],
    }


def berita_acara_versions(*, user, ceremony: Ceremony) -> list:
    """The issued versions of the apel's berita acara the user may see, newest first."""
    from django.contrib.contenttypes.models import ContentType

    from documents.models import IssuedDocument

    return list(
        IssuedDocument.objects.visible_to(user, "apel.view")
        .filter(
            kind="pledges.berita_acara",
            content_type=ContentType.objects.get_for_model(Ceremony),
            object_id=str(ceremony.pk),
        )
        .order_by("-version")
    )
