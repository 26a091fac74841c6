"""Reads of the pledges app. Other apps use the functions exported here."""

from .apel import apel_attended
from .pakta import pakta_signed, pakta_unit_progress

__all__ = ["apel_attended", "pakta_signed", "pakta_unit_progress"]
