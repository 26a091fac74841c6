"""Per-request activation of the user's time zone (their region's WIB/WITA/WIT) and language."""

import zoneinfo

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation

from .tenancy import region_roles


def primary_region(user):
    """The region a user belongs to: an ASN's employer, else their first staff region."""
    if not user.is_authenticated:
        return None
    from .models import Region

    employee = user.employee_or_none
    if employee is not None:
        return employee.region
    roles = region_roles(user)
    if not roles:
        return None
    # Prefer a region held directly over one reached through a province.
    direct = user.memberships.order_by("region__kind", "region_id").values_list("region_id", flat=True).first()
    return Region.objects.filter(pk=direct).first()


class RegionTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        region = primary_region(request.user) if hasattr(request, "user") else None
        request.region = region
        if region is not None:
            timezone.activate(zoneinfo.ZoneInfo(region.timezone))
        else:
            timezone.deactivate()
        return self.get_response(request)


class LanguageMiddleware(LocaleMiddleware):
    """Bahasa Indonesia unless the person chose otherwise (cookie, or their account's language).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and many officials' phones
    and PCs are set to English; the portal speaks Indonesian first.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        user = getattr(request, "user", None)
        if chosen not in dict(settings.LANGUAGES) and user is not None and user.is_authenticated:
            chosen = user.language
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()
