"""Reads of the pledges app. Other apps use the functions exported here."""

from .apel import apel_attended
from .apel_figures import apel_attendance_rows, apel_unit_attendance
from .pakta import pakta_signed, pakta_unit_progress
from .pakta_figures import pakta_invitation_rows, pakta_units_due

__all__ = [
    "apel_attendance_rows",
    "apel_attended",
    "apel_unit_attendance",
    "pakta_invitation_rows",
    "pakta_signed",
    "pakta_unit_progress",
    "pakta_units_due",
]
