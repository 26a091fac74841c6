"""Tenancy: the single mechanism that narrows regional data to what a user may see and do.

Every model whose rows belong to a Pemda (a foreign-key path to the region, or to an employee) uses
a :class:`RegionScopedQuerySet` subclass (a test fails otherwise):

    Model.objects.visible_to(user, "roster.view")       # a queryset; the capability is required
    get_for_user(Model.objects, user, "case.decide", pk=pk)   # 404 outside, 403 without the capability

A staff user reaches the regions where one of their memberships grants the capability; a provincial
membership also covers the province's kabupaten/kota. An ASN reaches the rows they own
(``owner_field``) — but only for the capabilities the model lists in ``owner_capabilities``: an ASN
who owns a case may read it, never decide it. Where ``staff_excludes_owner`` is set, the owner of a
row has no staff capability on it whatever roles they hold (staff are ASN too: the subject of a case
does not handle it).

Memberships live in the people app; this module reads them through ``settings.TENANCY_MEMBERSHIP_MODEL``
and ``TENANCY_REGION_MODEL`` (as Django's auth does with AUTH_USER_MODEL), so it can sit below every app.
"""

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from .capabilities import capabilities_of, check

_CACHE_ATTR = "_netralitas_region_roles"


def _model(setting: str):
    return apps.get_model(getattr(settings, setting))


def region_model():
    """The Pemda model (people.Region), for the apps below people that must read a region's facts."""
    return _model("TENANCY_REGION_MODEL")


def _active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def region_roles(user) -> dict[int, frozenset[str]]:
    """{region_id: roles} for every region the user's memberships reach (cached on the user)."""
    if not _active(user):
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    direct: dict[int, set[str]] = {}
    memberships = _model("TENANCY_MEMBERSHIP_MODEL").objects.filter(user=user)
    for region_id, role in memberships.values_list("region_id", "role"):
        direct.setdefault(region_id, set()).add(role)
    result = {rid: set(roles) for rid, roles in direct.items()}
    if direct:
        children = _model("TENANCY_REGION_MODEL").objects.filter(parent_id__in=list(direct))
        for child_id, parent_id in children.values_list("id", "parent_id"):
            result.setdefault(child_id, set()).update(direct[parent_id])
    frozen = {rid: frozenset(roles) for rid, roles in result.items()}
    setattr(user, _CACHE_ATTR, frozen)
    return frozen


def direct_region_ids(user, role: str | None = None) -> list[int]:
    """Regions where the user holds a membership themselves (not through a province), optionally of one role."""
    if not _active(user):
        return []
    memberships = _model("TENANCY_MEMBERSHIP_MODEL").objects.filter(user=user)
    if role is not None:
        memberships = memberships.filter(role=role)
    return sorted(set(memberships.values_list("region_id", flat=True)))


def forget_region_roles(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def user_capabilities(user) -> set[str]:
    """Every capability the user holds somewhere (for menus and cards)."""
    caps: set[str] = set()
    for roles in region_roles(user).values():
        for code in roles:
            caps |= capabilities_of(code)
    return caps


def region_ids_with(user, capability: str) -> list[int]:
    check(capability)
    return sorted(
        rid for rid, roles in region_roles(user).items() if any(capability in capabilities_of(r) for r in roles)
    )


def has_capability(user, region_id: int, capability: str) -> bool:
    check(capability)
    return any(capability in capabilities_of(r) for r in region_roles(user).get(region_id, ()))


def is_staff_member(user) -> bool:
    return bool(region_roles(user))


class RegionScopedQuerySet(models.QuerySet):
    """Subclass per model and set ``region_field`` (a path to the region's id), and where an ASN owns
    rows ``owner_field`` (a path to their user) with the ``owner_capabilities`` they hold on them."""

    region_field = "region"
    owner_field: str | None = None
    owner_capabilities: frozenset[str] = frozenset()
    staff_excludes_owner = False

    def _region_condition(self, region_ids) -> Q:
        return Q(**{f"{self.region_field}__in": list(region_ids)})

    def visible_to(self, user, capability: str):
        """The rows on which ``user`` holds ``capability``."""
        check(capability)
        if not _active(user):
            return self.none()
        condition = self._region_condition(region_ids_with(user, capability))
        if self.owner_field is not None:
            owned = Q(**{self.owner_field: user})
            if self.staff_excludes_owner:
                condition &= ~owned
            if capability in self.owner_capabilities:
                condition |= owned
        return self.filter(condition)

    def reachable_by(self, user):
        """The rows the user can see at all, whatever the capability: the 404 boundary."""
        if not _active(user):
            return self.none()
        condition = self._region_condition(region_roles(user))
        if self.owner_field is not None:
            condition |= Q(**{self.owner_field: user})
        return self.filter(condition)


def get_for_user(queryset, user, capability: str, **lookup):
    """The hc ``_get_rw_check_for_user`` rule: outside what the user can reach → 404; reached but without
    the capability on that row (an inspector asking to edit, an ASN asking to decide their own case) → 403.
    """
    check(capability)
    queryset = queryset.all()
    try:
        obj = queryset.reachable_by(user).get(**lookup)
    except (queryset.model.DoesNotExist, queryset.model.MultipleObjectsReturned, ValueError, TypeError):
        raise Http404 from None
    if not queryset.visible_to(user, capability).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj


def require_capability(user, capability: str, region_id: int | None = None) -> None:
    """403 unless the user holds the capability (in the region, or anywhere when region_id is None)."""
    allowed = has_capability(user, region_id, capability) if region_id else bool(region_ids_with(user, capability))
    if not allowed:
        raise PermissionDenied
