"""Staff memberships of the regions an admin manages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.tenancy import get_for_user, require_capability

from ..forms.staff import StaffAddForm
from ..models import Membership
from ..services.staff import StaffError, membership_revoke, staff_invitation_resend, staff_member_add

PAGE_SIZE = 50


@login_required
def staff_list(request):
    require_capability(request.user, "membership.manage")
    memberships = (
        Membership.objects.visible_to(request.user, "membership.manage")
        .select_related("user", "user__employee", "region")
        .order_by("region__name", "user__username", "role")
    )
    page = Paginator(memberships, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "people/staff_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def staff_add(request):
    require_capability(request.user, "membership.manage")
    form = StaffAddForm(request.POST or None, by=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            membership = staff_member_add(by=request.user, request=request, **form.service_kwargs())
        except StaffError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(membership)s ditambahkan.") % {"membership": membership})
            return redirect("staff_list")
    return render(request, "people/staff_add.html", {"form": form})


@login_required
@require_POST
def staff_revoke(request, membership_id):
    membership = get_for_user(Membership.objects, request.user, "membership.manage", pk=membership_id)
    try:
        membership_revoke(membership=membership, by=request.user, request=request)
    except StaffError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Peran %(membership)s dicabut.") % {"membership": membership})
    return redirect("staff_list")


@login_required
@require_POST
def staff_invite_resend(request, membership_id):
    membership = get_for_user(Membership.objects, request.user, "membership.manage", pk=membership_id)
    try:
        email = staff_invitation_resend(membership=membership, by=request.user, request=request)
    except StaffError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Undangan dikirim ulang ke %(email)s.") % {"email": email.recipient})
    return redirect("staff_list")
