"""Tenancy: the single mechanism that narrows regional data to what a user may see.

Every regional model uses :class:`RegionScopedQuerySet` (``Model.objects.visible_to(user, cap)``).
A staff user sees the regions where one of their memberships grants the capability; a provincial
membership also covers the province's kabupaten/kota. An ASN sees only rows they own
(``owner_field``). Anyone else sees nothing. Views look objects up through
:func:`get_for_user`, which answers 404 for anything outside that set.
"""

from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.http import Http404

from .roles import CAPABILITIES

_CACHE_ATTR = "_netralitas_region_roles"


def region_roles(user) -> dict[int, frozenset[str]]:
    """{region_id: roles} for every region the user's memberships reach (cached on the user)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from .models import Membership, Region

    direct: dict[int, set[str]] = {}
    for region_id, role in Membership.objects.filter(user=user).values_list("region_id", "role"):
        direct.setdefault(region_id, set()).add(role)
    result = {rid: set(roles) for rid, roles in direct.items()}
    if direct:
        for child_id, parent_id in Region.objects.filter(parent_id__in=list(direct)).values_list("id", "parent_id"):
            result.setdefault(child_id, set()).update(direct[parent_id])
    frozen = {rid: frozenset(roles) for rid, roles in result.items()}
    setattr(user, _CACHE_ATTR, frozen)
    return frozen


def forget_region_roles(user) -> None:
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def region_ids_with(user, capability: str) -> list[int]:
    return sorted(rid for rid, roles in region_roles(user).items() if any(capability in CAPABILITIES[r] for r in roles))


def has_capability(user, region_id: int, capability: str) -> bool:
    return any(capability in CAPABILITIES[r] for r in region_roles(user).get(region_id, ()))


def is_staff_member(user) -> bool:
    return bool(region_roles(user))


class RegionScopedQuerySet(models.QuerySet):
    """Subclass per model and set ``region_field`` (and ``owner_field`` where an ASN owns rows)."""

    region_field = "region"
    owner_field: str | None = None

    def visible_to(self, user, capability: str = "region.view"):
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        condition = Q(**{f"{self.region_field}__in": region_ids_with(user, capability)})
        if self.owner_field is not None:
            condition |= Q(**{self.owner_field: user})
        return self.filter(condition)


def get_for_user(queryset, user, capability: str = "region.view", **lookup):
    """The hc ``_get_rw_check_for_user`` rule: outside what the user may see → 404.

    ``queryset`` is a RegionScopedQuerySet (or manager). Seen but not permitted for the capability
    (e.g. an inspector asking to edit) → 403.
    """
    visible = queryset.all().visible_to(user, "region.view")
    try:
        obj = visible.get(**lookup)
    except (visible.model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    if capability != "region.view" and not queryset.all().visible_to(user, capability).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj


def require_capability(user, capability: str, region_id: int | None = None) -> None:
    """403 unless the user holds the capability (in the region, or anywhere when region_id is None)."""
    allowed = has_capability(user, region_id, capability) if region_id else bool(region_ids_with(user, capability))
    if not allowed:
        raise PermissionDenied
