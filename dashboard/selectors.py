"""Reads behind each role's home page. Every query is narrowed with ``visible_to`` and aggregated in
the database, so a page costs the same handful of queries for 10 work units or 1,000."""

import datetime as dt

from django.db.models import Count, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from audit.models import AuditEvent
from core.capabilities import roles_by_home_order
from core.tenancy import region_roles
from mailer.models import OutgoingEmail
from people.models import Employee, Membership, Region, RosterImport, WorkUnit
from people.ranks import PNS_RANKS
from people.roles import Role

NOT_ACTIVATED = Q(user__isnull=True) | Q(user__is_active=False)
# Roles with a home page of their own; a role another app declares gets the staff page (its cards).
HOME_PAGES = {Role.ADMIN, Role.BKD, Role.HEAD, Role.INSPECTOR}


def home_role(user) -> str:
    """'admin', 'bkd', 'head', 'inspector', 'staff', 'asn' or 'none': which home page the user gets."""
    held = set().union(*region_roles(user).values()) if region_roles(user) else set()
    # The page a user with several roles lands on: the one with the most to do (the roles' home_order).
    for role in roles_by_home_order():
        if role in held:
            return str(role) if role in HOME_PAGES else "staff"
    if user.employee_or_none is not None:
        return "asn"
    return "none"


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _regions(user, capability: str):
    """The regions where the user holds the capability; a province before its kabupaten/kota."""
    regions = Region.objects.visible_to(user, capability)
    return regions.order_by(F("parent_id").asc(nulls_first=True), "name")


def bkd_home(user) -> dict:
    """Roster health for a BKD officer: what is missing before pledges and cases can start."""
    stats = (
        Employee.objects.visible_to(user, "roster.view")
        .filter(is_active=True)
        .aggregate(
            total=Count("pk"),
            without_email=Count("pk", filter=Q(email="")),
            not_activated=Count("pk", filter=NOT_ACTIVATED),
        )
    )
    return {
        "regions": list(_regions(user, "roster.import")),
        "stats": stats,
        "work_units": WorkUnit.objects.visible_to(user, "roster.view").filter(is_active=True).count(),
        "imports": list(RosterImport.objects.visible_to(user, "roster.import").select_related("uploaded_by")[:5]),
        "outbox_failed": OutgoingEmail.objects.visible_to(user, "outbox.view")
        .filter(status=OutgoingEmail.Status.FAILED)
        .count(),
    }


def head_home(user) -> dict:
    """ASN and account activation per work unit, and who holds a staff role in the region."""
    active = Q(employees__is_active=True)
    units = list(
        WorkUnit.objects.visible_to(user, "dashboard.view")
        .filter(is_active=True)
        .annotate(
            asn=Count("employees", filter=active),
            activated=Count("employees", filter=active & Q(employees__user__is_active=True)),
        )
        .order_by("region__name", "name")
        .values("id", "name", "region__name", "asn", "activated")
    )
    for unit in units:
        unit["percent"] = _percent(unit["activated"], unit["asn"])
    total = sum(u["asn"] for u in units)
    activated = sum(u["activated"] for u in units)
    staff = (
        Membership.objects.visible_to(user, "dashboard.view")
        .select_related("user", "region")
        .order_by("region__name", "role", "user__username")
    )
    return {
        "regions": list(_regions(user, "dashboard.view")),
        "units": units,
        "total": total,
        "activated": activated,
        "percent": _percent(activated, total),
        "staff": list(staff),
    }


def inspector_home(user, *, limit: int = 15) -> dict:
    """The latest audit events of the inspector's regions."""
    events = AuditEvent.objects.visible_to(user, "audit.view")
    since = timezone.now() - dt.timedelta(days=30)
    return {
        "regions": list(_regions(user, "audit.view")),
        "events": list(events.order_by("-seq")[:limit]),
        "events_30_days": events.filter(at__gte=since).count(),
    }


def _count_per_region(queryset):
    """A correlated COUNT per region row (separate subqueries, so the joins never multiply)."""
    counted = queryset.filter(region=OuterRef("pk")).order_by().values("region").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def admin_home(user) -> dict:
    """Each region the administrator manages (a province and its kabupaten/kota) with its counts."""
    cap = "membership.manage"
    regions = list(
        _regions(user, cap).annotate(
            asn=_count_per_region(Employee.objects.visible_to(user, cap).filter(is_active=True)),
            activated=_count_per_region(
                Employee.objects.visible_to(user, cap).filter(is_active=True, user__is_active=True)
            ),
            units=_count_per_region(WorkUnit.objects.visible_to(user, cap).filter(is_active=True)),
            staff=_count_per_region(Membership.objects.visible_to(user, cap)),
        )
    )
    for region in regions:
        region.percent = _percent(region.activated, region.asn)
    return {
        "regions": regions,
        "totals": {key: sum(getattr(r, key) for r in regions) for key in ("asn", "units", "staff")},
    }


def asn_home(user) -> dict:
    """The ASN's own record, with its work unit and region."""
    employee = Employee.objects.visible_to(user, "roster.view").select_related("work_unit", "region").get(user=user)
    return {"employee": employee, "rank_name": PNS_RANKS.get(employee.rank, "")}
