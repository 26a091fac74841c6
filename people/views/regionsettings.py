"""The region settings page (every app's sections) and the public privacy notice."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import regionsettings, retention
from core.tenancy import require_capability

from ..models import Region
from ..services.regionsettings import region_settings_save

CAPABILITY = "region.settings"


def _region(request):
    """The region being set: ?region=<id> among those the user may set, else the first of them."""
    regions = Region.objects.visible_to(request.user, CAPABILITY).order_by("kind", "name")
    wanted = request.POST.get("region") or request.GET.get("region")
    if wanted:
        region = regions.filter(pk=wanted).first() if str(wanted).isdigit() else None
        if region is None:
            raise Http404
        return region, regions
    return regions.first(), regions


@login_required
@require_http_methods(["GET", "POST"])
def region_settings(request):
    require_capability(request.user, CAPABILITY)
    region, regions = _region(request)
    posted = request.POST.get("section") if request.method == "POST" else None
    forms = []
    for section in regionsettings.sections():
        bound = posted == section.key
        form = section.form_class(
            request.POST if bound else None, request.FILES if bound else None, instance=section.instance(region)
        )
        if bound and form.is_valid():
            region_settings_save(section=section, form=form, region=region, by=request.user, request=request)
            messages.success(request, _("Pengaturan “%(section)s” disimpan.") % {"section": section.label})
            return redirect(f"{request.path}?region={region.pk}#section-{section.key}")
        forms.append((section, form))
    context = {"region": region, "regions": regions, "sections": forms, "posted": posted}
    return render(request, "people/region_settings.html", context)


def privacy_notice(request):
    """What the portal keeps about ASN and reporters, why, how long, and whom to ask (no login)."""
    # public-data: every Pemda publishes whom to ask about personal data (UU PDP 27/2022)
    regions = Region.objects.exclude(privacy_contact="").only("name", "privacy_contact")  # public-data
    periods = [(kind, kind.default_days) for kind in retention.kinds()]
    return render(request, "people/privacy_notice.html", {"regions": regions, "periods": periods})
