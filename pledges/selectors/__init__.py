"""Reads of the pledges app. Other apps use the functions exported here."""

from .apel import apel_attended

__all__ = ["apel_attended"]
