"""Record staff logins in the audit trail."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from audit.services import audit_record
from core.tenancy import region_roles


@receiver(user_logged_in)
def record_staff_login(sender, request, user, **kwargs):
    """One event per region the user holds a role in directly, so each region's auditors see it."""
    direct = sorted(set(user.memberships.values_list("region_id", flat=True))) if user.pk else []
    if not direct and not user.is_superuser:
        return
    data = {"regions": sorted(region_roles(user))}
    for region_id in direct or [None]:
        audit_record(
            action="netralitas.auth.staff_login",
            actor=user,
            obj=user,
            region_id=region_id,
            data=data,
            request=request,
        )
