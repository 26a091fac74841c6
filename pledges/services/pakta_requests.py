"""The "my data is wrong" request from the signing page: an email to the region's BKD officers (and the
region's own address), once a day per person, audited. The request names the person and what they wrote;
it carries no link that logs in."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from audit.services import audit_record
from mailer.services import email_queue

from ..models import Invitation

KIND = "pakta_correction"


def _recipients(region) -> list[tuple[str, str]]:
    users = (
        get_user_model()
        .objects.filter(memberships__region=region, memberships__role="bkd", is_active=True)
        .exclude(email="")
        .distinct()
    )
    found = {u.email.lower(): u.language for u in users}
    if region.email:
        found.setdefault(region.email.lower(), "id")
    return sorted(found.items())


def correction_request(*, invitation: Invitation, message: str, request=None) -> int:
    """Queue the request to every BKD officer of the region with an email. Returns how many were queued."""
    campaign = invitation.campaign
    employee = invitation.employee
    context = {
        "employee": employee,
        "campaign": campaign,
        "message": message.strip(),
        "employee_path": reverse("employee_detail", args=[employee.pk]),
    }
    with transaction.atomic():
        count = 0
        for address, language in _recipients(campaign.region):
            email_queue(
                to=address,
                kind=KIND,
                template="pakta_correction",
                context=context,
                subject_key=f"pledges.invitation:{invitation.pk}:correction",
                language=language,
                region=campaign.region,
            )
            count += 1
        audit_record(
            action="netralitas.pakta.correction_requested",
            obj=invitation,
            region_id=campaign.region_id,
            data={"employee": employee.nip, "message": message.strip()[:1000], "recipients": count},
            request=request,
        )
    return count
