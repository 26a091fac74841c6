"""How long each kind of record is kept (UU PDP 27/2022: no longer than its purpose needs).

Each app registers the kinds of personal data it keeps and how to purge what is past its time, in
``AppConfig.ready()``::

    retention.kind("mailer.messages", _("Email terkirim"), default_days=180, purge=purge_messages)

``purge(region_id, cutoff) -> int`` removes (or strips of personal data) the region's records of that kind
created before ``cutoff`` and returns how many it touched. A region's admin may set other periods on the
region settings page; a daily task (people.tasks.retention_purge_task) applies them. The audit trail is
not a kind: it is append-only and kept as evidence.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class RetentionKind:
    key: str
    label: str | Promise
    default_days: int
    purge: Callable
    min_days: int = 30
    description: str | Promise = ""


_kinds: dict[str, RetentionKind] = {}


def kind(key: str, label, *, default_days: int, purge, min_days: int = 30, description="") -> RetentionKind:
    entry = RetentionKind(key, label, default_days, purge, min_days, description)
    _kinds[key] = entry
    return entry


def kinds() -> list[RetentionKind]:
    return sorted(_kinds.values(), key=lambda k: k.key)


def days_for(kind_key: str, overrides: dict | None) -> int:
    """The region's period for a kind: its own setting if valid, else the kind's default."""
    entry = _kinds[kind_key]
    value = (overrides or {}).get(kind_key)
    if isinstance(value, int) and value >= entry.min_days:
        return value
    return entry.default_days
