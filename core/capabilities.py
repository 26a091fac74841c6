"""Roles and capabilities: what each staff role may do, declared by the app that owns the work.

Capabilities are named ``<area>.<verb>`` (``roster.import``, ``apel.manage``); views, selectors and
forms ask for a capability, never a role. Each app declares its own in ``<app>/capabilities.py``,
which the core app imports at start-up (``CoreConfig.ready``), so a feature never edits another
app's file to add one::

    # pledges/capabilities.py
    from core.capabilities import capability, role

    role("keuangan", _("Keuangan (BPKAD)"), home_order=50)
    capability("apel.manage", _("Menjadwalkan apel"), roles=["bkd", "admin"])

A name nobody declared is an error wherever it is asked for (:func:`check`): a typo must neither
silently deny nor silently allow.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise


class UnknownCapability(ImproperlyConfigured):
    """A capability (or role) name that no app declared."""


@dataclass
class RoleSpec:
    code: str
    label: str | Promise
    home_order: int  # a user with several roles lands on the home page of the lowest
    capabilities: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class CapabilitySpec:
    name: str
    label: str | Promise


_roles: dict[str, RoleSpec] = {}
_capabilities: dict[str, CapabilitySpec] = {}
# Grants may name a role another app declares later (apps load in INSTALLED_APPS order); they are
# applied once every app's module is in (finish_declarations).
_pending: list[tuple[str, str]] = []
_finished = False


def role(code: str, label, *, home_order: int = 100) -> None:
    """Declare a staff role (a Membership.role value)."""
    if code in _roles:
        raise ImproperlyConfigured(f"role {code!r} is declared twice")
    if len(code) > 30:
        raise ImproperlyConfigured(f"role code {code!r} is longer than Membership.role allows (30)")
    _roles[code] = RoleSpec(code, label, home_order)


def capability(name: str, label="", *, roles: Iterable[str] = ()) -> None:
    """Declare a capability and the roles that hold it."""
    if name in _capabilities:
        raise ImproperlyConfigured(f"capability {name!r} is declared twice")
    _capabilities[name] = CapabilitySpec(name, label or name)
    grant(name, *roles)


def grant(name: str, *roles: str) -> None:
    """Give roles a capability (an app may extend a role another app declared)."""
    _pending.extend((name, code) for code in roles)
    if _finished:
        finish_declarations()


def finish_declarations() -> None:
    """Apply the grants; called once every app's capabilities module is imported."""
    global _finished
    for name, code in _pending:
        if name not in _capabilities:
            raise UnknownCapability(f"a grant names the undeclared capability {name!r}")
        if code not in _roles:
            raise UnknownCapability(f"capability {name!r} is granted to the undeclared role {code!r}")
        _roles[code].capabilities.add(name)
    _pending.clear()
    _finished = True


def check(name: str) -> str:
    """The name, if some app declared it; else UnknownCapability."""
    if name not in _capabilities:
        raise UnknownCapability(f"unknown capability {name!r}: declare it in an app's capabilities.py")
    return name


def capabilities_of(code: str) -> frozenset[str]:
    spec = _roles.get(code)
    return frozenset(spec.capabilities) if spec is not None else frozenset()


def roles_with(name: str) -> frozenset[str]:
    check(name)
    return frozenset(code for code, spec in _roles.items() if name in spec.capabilities)


def role_label(code: str):
    spec = _roles.get(code)
    return spec.label if spec is not None else code


def role_choices() -> list[tuple[str, str]]:
    """Membership.role's choices (a callable, so a new role needs no migration)."""
    return [(spec.code, spec.label) for spec in sorted(_roles.values(), key=lambda s: s.home_order)]


def roles_by_home_order() -> list[str]:
    return [spec.code for spec in sorted(_roles.values(), key=lambda s: s.home_order)]


def all_capabilities() -> dict[str, CapabilitySpec]:
    return dict(_capabilities)
