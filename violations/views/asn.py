"""The reported ASN's pages: the cases addressed to them (from the summons on), and their statement."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.tenancy import get_for_user

from .. import panels, workflow
from ..forms import StatementForm
from ..models import Case
from ..services.cases import statement_submit
from ._common import form_errors


@login_required
def my_cases(request):
    cases = Case.objects.visible_to(request.user, "case.own").select_related("region").order_by("-created_at")
    return render(request, "violations/my_cases.html", {"cases": cases})


def _context(case, form=None, request=None) -> dict:
    return {
        "panels": panels.panels_for(request, case, own=True) if request is not None else [],
        "case": case,
        "activities": case.activities.all(),
        "hearings": case.hearings.all(),
        "documents": case.documents.all(),
        "statements": case.statements.all(),
        "can_respond": case.state in workflow.HEARING_STATES,
        "form": form or StatementForm(),
    }


@login_required
def my_case_detail(request, case_id: int):
    case = get_for_user(Case.objects.select_related("region", "employee"), request.user, "case.own", pk=case_id)
    return render(request, "violations/my_case_detail.html", _context(case, request=request))


@login_required
@require_POST
def my_case_statement(request, case_id: int):
    case = get_for_user(Case.objects.select_related("region", "employee"), request.user, "case.respond", pk=case_id)
    form = StatementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            statement_submit(case=case, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Keterangan tertulis Anda diterima."))
            return redirect("my_case_detail", case_id=case.pk)
    return render(request, "violations/my_case_detail.html", _context(case, form, request=request), status=400)
