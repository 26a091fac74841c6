"""Retention of apel attendance lists (core/retention.py): who attended which apel is personal data."""

from ..models import Attendance


def purge_apel_attendance(region_id: int, cutoff) -> int:
    """Delete the attendance rows of the region's apel held before ``cutoff``; the apel themselves (and their
    issued berita acara) stay."""
    deleted, _rows = Attendance.objects.filter(ceremony__region_id=region_id, ceremony__starts_at__lt=cutoff).delete()
    return deleted
