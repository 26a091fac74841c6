"""Employee (ASN) pages: the searchable roster, one employee, editing, my own profile, the unit tree."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core.tenancy import get_for_user, has_capability, require_capability
from people import selectors
from people.forms.employees import EmployeeEditForm, EmployeeFilterForm
from people.models import Employee
from people.services.employees import employee_update

PAGE_SIZE = 50


def _detail_context(user, employee: Employee) -> dict:
    return {
        "employee": employee,
        "can_edit": has_capability(user, employee.region_id, "employee.edit"),
        "history": selectors.employee_history(user=user, employee=employee),
        # For staff only: an ASN reading their own record is not asked to check their NIP.
        "nip_warnings": selectors.employee_nip_warnings(employee) if employee.user_id != user.pk else [],
    }


def _add_errors(form, exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
    for field, field_messages in errors.items():
        form.add_error(field if field in form.fields else None, field_messages)


@login_required
def employee_list(request):
    require_capability(request.user, "roster.view")
    form = EmployeeFilterForm(request.GET, user=request.user)
    employees = selectors.employee_list(user=request.user, **form.filters())
    page = Paginator(employees, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/employee_list.html", {"form": form, "page": page})


@login_required
def employee_detail(request, employee_id: int):
    # roster.view for staff; visible_to also lets an ASN open their own record.
    employee = get_for_user(
        Employee.objects.select_related("work_unit", "region"), request.user, "roster.view", pk=employee_id
    )
    return render(request, "people/employee_detail.html", _detail_context(request.user, employee))


@login_required
@require_http_methods(["GET", "POST"])
def employee_edit(request, employee_id: int):
    employee = get_for_user(
        Employee.objects.select_related("work_unit", "region"), request.user, "employee.edit", pk=employee_id
    )
    # An ASN owns their row but may not edit it: the capability must come from a staff role.
    require_capability(request.user, "employee.edit", employee.region_id)
    form = EmployeeEditForm(request.POST or None, employee=employee, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            employee_update(employee=employee, data=form.changes(), by=request.user, request=request)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Data pegawai %(name)s disimpan.") % {"name": employee.display_name})
            return redirect("employee_detail", employee_id=employee.pk)
    return render(request, "people/employee_edit.html", {"form": form, "employee": employee})


@login_required
def my_profile(request):
    employee = request.user.employee_or_none
    if employee is None:
        return render(request, "people/employee_no_profile.html", status=404)
    return render(request, "people/employee_detail.html", {**_detail_context(request.user, employee), "mine": True})


@login_required
def workunit_list(request):
    require_capability(request.user, "roster.view")
    form = EmployeeFilterForm(request.GET, user=request.user)
    rows = selectors.workunit_list(user=request.user, region_id=form.filters()["region_id"])
    return render(request, "people/workunit_list.html", {"rows": rows, "form": form})
