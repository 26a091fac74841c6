"""The berita acara (minutes) of an apel."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.tenancy import get_for_user

from ..models import Ceremony
from ..selectors.apel_report import ceremony_report as report_data


@require_GET
@login_required
def ceremony_report(request, ceremony_id: int):
    ceremony = get_for_user(
        Ceremony.objects.select_related("region", "election"), request.user, "apel.view", pk=ceremony_id
    )
    return render(request, "pledges/apel/berita_acara.html", report_data(ceremony=ceremony))
