from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from people.views.accounts import language_set

admin.site.site_header = "Netralitas — administrasi platform"
# Django's admin is for platform operators only: every regional change goes through the
# portal's own views, where tenancy and the audit trail apply. A staff flag alone is not enough.
admin.site.has_permission = lambda request: request.user.is_active and request.user.is_superuser

urlpatterns = [
    path("", include("dashboard.urls")),
    path("akun/", include("people.urls_accounts")),
    path("pegawai/", include("people.urls_employees")),
    path("roster/", include("people.urls_roster")),
    path("staf/", include("people.urls_staff")),
    path("", include("people.urls_region")),
    path("", include("pledges.urls")),
    path("", include("violations.urls")),
    path("", include("sanctions.urls")),
    path("kotak-keluar/", include("mailer.urls")),
    path("audit/", include("audit.urls")),
    path("verifikasi/", include("documents.urls")),
    # Django's set_language, plus saving the choice on the user (the language of their emails).
    path("i18n/setlang/", language_set, name="set_language"),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    # Only public media (region logos) is served in development; uploaded rosters and other
    # private files are never reachable by URL.
    urlpatterns += static(settings.MEDIA_URL + "region-logos/", document_root=settings.MEDIA_ROOT / "region-logos")
