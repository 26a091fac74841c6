"""Each role's home page: what that role does next, from the numbers in its own regions."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from . import selectors

HOME_CONTEXT = {
    "admin": selectors.admin_home,
    "bkd": selectors.bkd_home,
    "head": selectors.head_home,
    "inspector": selectors.inspector_home,
    "staff": lambda user: {},
    "asn": selectors.asn_home,
    "none": lambda user: {},
}


@login_required
def home(request):
    role = selectors.home_role(request.user)
    context = HOME_CONTEXT[role](request.user)
    return render(request, f"dashboard/home_{role}.html", {"home_role": role, **context})
