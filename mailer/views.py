"""Staff pages of the outbox: what was sent, what waits, what failed and why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.tenancy import get_for_user, has_capability, require_capability

from . import selectors, services
from .models import OutgoingEmail

# TODO(lead): switch to a dedicated "outbox.retry" capability (bkd, admin) once people/roles.py has it.
RETRY_CAPABILITY = "outbox.retry"
PAGE_SIZE = 50


@require_GET
@login_required
def outbox_list(request):
    require_capability(request.user, selectors.VIEW_CAPABILITY)
    status, search = request.GET.get("status", ""), request.GET.get("q", "")[:100]
    rows = selectors.outbox_list(user=request.user, status=status, search=search)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    counts = selectors.outbox_status_counts(user=request.user)
    context = {
        "page": page,
        "status": status if status in OutgoingEmail.Status.values else "",
        "search": search,
        "statuses": [(value, label, counts[value]) for value, label in OutgoingEmail.Status.choices],
        "sending": selectors.outbox_sending(user=request.user),
    }
    return render(request, "mailer/outbox_list.html", context)


@require_GET
@login_required
def outbox_detail(request, email_id):
    require_capability(request.user, selectors.VIEW_CAPABILITY)
    email = get_for_user(OutgoingEmail.objects.select_related("region"), request.user, "outbox.view", pk=email_id)
    can_retry = has_capability(request.user, email.region_id, RETRY_CAPABILITY)
    return render(request, "mailer/outbox_detail.html", {"email": email, "can_retry": can_retry})


@require_POST
@login_required
def outbox_retry(request, email_id):
    require_capability(request.user, RETRY_CAPABILITY)
    email = get_for_user(OutgoingEmail.objects, request.user, RETRY_CAPABILITY, pk=email_id)
    if services.email_requeue(email=email, by=request.user, request=request):
        messages.success(request, _("Email dimasukkan kembali ke antrean dan akan segera dikirim."))
    else:
        messages.error(request, _("Hanya email yang gagal yang dapat dikirim ulang."))
    return redirect("outbox_detail", email_id=email.pk)
