"""Per-request activation of the user's time zone (their region's WIB/WITA/WIT) and language."""

import time
import zoneinfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.middleware.locale import LocaleMiddleware
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core.tenancy import region_roles

from .selectors import home_region

STAFF_SEEN_KEY = "_netralitas_staff_seen"
# Refresh the idle clock at most this often, so the session is not written on every request.
STAFF_SEEN_RESOLUTION_SECONDS = 60


class RegionTimezoneMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        region = home_region(user) if user is not None and user.is_authenticated else None
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


class StaffSessionMiddleware:
    """Staff work on shared office PCs: their session ends when the browser closes, or after
    ``STAFF_SESSION_IDLE_HOURS`` without a request. An ASN's session keeps Django's default lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and (user.is_superuser or region_roles(user)):
            now = time.time()
            seen = request.session.get(STAFF_SEEN_KEY)
            if seen is not None and now - seen > settings.STAFF_SESSION_IDLE_HOURS * 3600:
                logout(request)
                messages.info(request, _("Sesi Anda berakhir karena lama tidak aktif. Silakan masuk lagi."))
                return self.get_response(request)
            if request.session.get("_session_expiry") != 0:
                request.session.set_expiry(0)  # ends when the browser closes
            if seen is None or now - seen > STAFF_SEEN_RESOLUTION_SECONDS:
                request.session[STAFF_SEEN_KEY] = now
        return self.get_response(request)
