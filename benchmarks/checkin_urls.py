"""The benchmark's URLs: the whole portal, plus the baseline — the floor any audited write has: a logged-in POST
that inserts one row and records one audit event, in one transaction, and answers with two bytes."""

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

from audit.services import audit_record

BASELINE_TABLE = "bench_baseline_row"


@login_required
@require_POST
def baseline(request):
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {BASELINE_TABLE} (user_id, at) VALUES (%s, now())", [request.user.pk])  # noqa: S608
        audit_record(action="bench.baseline", actor=request.user, data={"user": request.user.pk}, request=request)
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("bench/baseline/", baseline, name="bench_baseline"),
    path("", include("netralitas.urls")),
]
