"""The emails of the violations app, all through the outbox (queued with the transaction, sent by Celery).

No email carries a reporter's identity, and none carries a credential: the summoned ASN logs in as usual
to read their case.
"""

import logging
import zoneinfo

from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from audit.services import audit_record
from mailer.services import email_queue
from people.models import Membership, User

from .. import workflow
from ..models import Case, Hearing

log = logging.getLogger(__name__)


def summons_queue(*, hearing: Hearing):
    """The summons to the ASN's email, if the roster has one (else staff deliver the letter by hand)."""
    case = hearing.case
    employee = case.employee
    if not employee.email:
        return None
    language = employee.user.language if employee.user_id else "id"
    zone = zoneinfo.ZoneInfo(case.region.timezone)
    return email_queue(
        to=employee.email,
        kind="violations_summons",
        template="violations_summons",
        context={
            "employee": employee,
            "case": case,
            "hearing": hearing,
            "when": hearing.scheduled_at.astimezone(zone),
            "case_path": reverse("my_case_detail", kwargs={"case_id": case.pk}),
        },
        subject_obj=hearing,
        language=language,
        region=case.region,
    )


def overdue_recipients(case: Case) -> list[User]:
    """The officer in charge and the region's BKD role holders — never the subject of the case."""
    users = User.objects.filter(
        Q(pk=case.officer_id) | Q(pk__in=Membership.objects.filter(region=case.region, role="bkd").values("user"))
    ).filter(is_active=True)
    if case.employee.user_id:
        users = users.exclude(pk=case.employee.user_id)
    return [u for u in users.exclude(email="").order_by("pk")]


def overdue_notify(*, case_id: int, today) -> int:
    """Claim today's reminder for one overdue case and queue it; 0 when another run already did today.

    The claim (a conditional update of ``overdue_notified_on``) and the outbox rows commit together: a run
    that dies in between leaves nothing claimed, and the outbox key (recipient, kind, case, day) keeps a
    second run from queueing twice.
    """
    with transaction.atomic():
        case = Case.objects.select_related("region", "employee").filter(pk=case_id).first()
        if case is None or not workflow.is_open(case.state) or case.deadline is None or case.deadline >= today:
            return 0
        claimed = (
            Case.objects.filter(pk=case.pk, state=case.state)
            .filter(Q(overdue_notified_on__isnull=True) | Q(overdue_notified_on__lt=today))
            .update(overdue_notified_on=today)
        )
        if claimed != 1:
            return 0
        recipients = overdue_recipients(case)
        for user in recipients:
            email_queue(
                to=user.email,
                kind="violations_overdue",
                template="violations_overdue",
                context={"case": case, "state": workflow.state(case.state), "today": today,
                         "case_path": reverse("case_detail", kwargs={"case_id": case.pk})},
                subject_obj=case,
                language=user.language,
                region=case.region,
                day=today,
            )  # fmt: skip
        audit_record(
            action="netralitas.case.overdue_notified",
            obj=case,
            data={"state": case.state, "deadline": case.deadline, "recipients": len(recipients)},
        )
    return len(recipients)


def overdue_sweep() -> int:
    """Every open case past its state's deadline (in its region's own date) gets today's reminder once."""
    import datetime as dt

    from django.utils import timezone

    from .cases import region_today

    horizon = timezone.now().date() + dt.timedelta(days=1)
    queued = 0
    candidates = Case.objects.filter(state__in=workflow.open_states(), deadline__lt=horizon).select_related("region")
    for case in candidates.only("pk", "deadline", "overdue_notified_on", "region__timezone").iterator():
        today = region_today(case.region)
        if case.deadline < today and (case.overdue_notified_on is None or case.overdue_notified_on < today):
            queued += overdue_notify(case_id=case.pk, today=today)
    return queued
