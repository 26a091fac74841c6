"""The pledges app's models: elections, the apel (pledges/models/apel.py) and the pakta integritas
(pledges/models/pakta.py). Each part keeps its own module; this package re-exports them for Django."""

from .apel import ApelSettings, Attendance, Ceremony
from .elections import Election

__all__ = ["ApelSettings", "Attendance", "Ceremony", "Election"]
