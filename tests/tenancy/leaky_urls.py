"""Deliberately broken views: the URL walk must report each of them (test_the_walk_catches_leaky_views)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import include, path

from people.models import Employee, Membership


def leaky_detail(request, employee_id):
    return HttpResponse(Employee.objects.get(pk=employee_id).name)  # no login, no visible_to


@login_required
def leaky_revoke(request, membership_id):
    Membership.objects.filter(pk=membership_id).delete()  # no region check
    return redirect("home")


@login_required
def leaky_list(request):
    return HttpResponse(", ".join(Employee.objects.values_list("nip", flat=True)))


@login_required
def leaky_unknown(request, gadget_id):
    return HttpResponse("?")


@login_required
def leaky_edit(request, employee_id):
    """Region checked, capability forgotten: anyone of region A (and the owner) may change the record."""
    employee = Employee.objects.visible_to(request.user, "roster.view").filter(pk=employee_id).first()
    if employee is None:
        return HttpResponse(status=404)
    if request.method == "POST":
        Employee.objects.filter(pk=employee.pk).update(phone="0899999")
    return HttpResponse("ok")


urlpatterns = [
    path("leak/<int:employee_id>/", leaky_detail, name="leaky_detail"),
    path("leak/<int:membership_id>/revoke/", leaky_revoke, name="leaky_revoke"),
    path("leak/list/", leaky_list, name="leaky_list"),
    path("leak/<int:gadget_id>/unknown/", leaky_unknown, name="leaky_unknown"),
    path("leak/<int:employee_id>/edit/", leaky_edit, name="leaky_edit"),
    path("", include("netralitas.urls")),
]
