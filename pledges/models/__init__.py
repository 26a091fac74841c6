"""The pledges app's models: elections, the apel (pledges/models/apel.py) and the pakta integritas
(pledges/models/pakta.py). Each part keeps its own module; this package re-exports them for Django."""

from .apel import ApelSettings, Attendance, Ceremony
from .elections import Election
from .pakta import Campaign, Invitation, PactTemplate, Signature, SigningToken

__all__ = [
    "ApelSettings",
    "Attendance",
    "Campaign",
    "Ceremony",
    "Election",
    "Invitation",
    "PactTemplate",
    "Signature",
    "SigningToken",
]
