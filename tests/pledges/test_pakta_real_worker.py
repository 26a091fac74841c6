"""Pakta reminders end to end: the reminder task queued twice on a real Redis, run by two real Celery workers, the
outbox sending to a real SMTP server on loopback — each targeted ASN who has not signed gets exactly one reminder
(with a signing link made at send time), the one who signed and the one without email none; a third run the same
day sends nothing. PostgreSQL only: the workers share the test database."""

# ruff: noqa: F811 — the fixtures come from the outbox's real-worker test, imported by name so pytest finds them
import datetime as dt
import time
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from mailer.models import OutgoingEmail
from pledges.models import Invitation
from pledges.services.pakta import campaign_create, campaign_launch, template_default
from pledges.services.pakta_signing import Submission, pakta_sign
from tests.factories import EmployeeFactory
from tests.mailer.test_real_worker import (  # noqa: F401
    producer,
    services_up,
    smtp_server,
    wait_for,
    workers,
)

from .apel_helpers import election
from .pakta_helpers import drawing

pytestmark = pytest.mark.service
REMIND_TASK = "pledges.tasks.campaign_remind_task"


@pytest.fixture
def campaign_with_people(transactional_db, region_a, unit_a, bkd_a):
    """A campaign launched four days ago (its first reminder, three days after, is due whatever the hour) of six
    ASN, invited then: one signed, one without email."""
    people = [
        EmployeeFactory(region=region_a, work_unit=unit_a, name=f"Pegawai {n}", email=f"asn{n:02d}@muba.go.id")
        for n in range(5)
    ]
    people.append(EmployeeFactory(region=region_a, work_unit=unit_a, name="Tanpa Email", email=""))
    launched = timezone.now() - dt.timedelta(days=4)
    with transaction.atomic():
        campaign = campaign_create(
            region=region_a,
            by=bkd_a,
            election=election(),
            template=template_default(region=region_a, by=bkd_a),
            title="Pakta Pekerja",
            opens_at=launched,
            deadline=timezone.now() + dt.timedelta(days=7),
        )
        campaign_launch(campaign=campaign, by=bkd_a, now=launched, invite=False)
        Invitation.objects.filter(campaign=campaign).exclude(employee__email="").update(invited_at=launched)
    signer = Invitation.objects.select_related("campaign__region", "campaign__template", "employee__work_unit").get(
        campaign=campaign, employee=people[0]
    )
    pakta_sign(invitation=signer, submission=Submission("Pegawai 0", drawing(), True, []), method="login",
               issue_document=False)  # fmt: skip
    campaign.refresh_from_db()
    assert campaign.reminder_due_at <= timezone.now()
    return campaign, [p.email for p in people[1:] if p.email]


def test_each_unsigned_asn_gets_one_reminder_though_the_task_runs_twice(
    services_up, smtp_server, producer, workers, campaign_with_people
):
    campaign, recipients = campaign_with_people
    workers()
    workers()  # two workers, so the task and its duplicate run at the same time
    producer.send_task(REMIND_TASK, args=[campaign.pk])
    producer.send_task(REMIND_TASK, args=[campaign.pk])

    def all_sent():
        sent = OutgoingEmail.objects.filter(kind="pakta_reminder", status=OutgoingEmail.Status.SENT).count()
        return sent >= len(recipients)

    wait_for(all_sent, f"{len(recipients)} reminders to be SENT")
    wait_for(lambda: services_up.llen("celery") == 0, "the task queue to drain")
    producer.send_task(REMIND_TASK, args=[campaign.pk])  # a third time the same day: nothing more
    wait_for(lambda: services_up.llen("celery") == 0, "the third task to be taken")
    wait_for(lambda: sum(smtp_server.handler.received().values()) >= len(recipients), "the messages to arrive")
    time.sleep(2)  # give a duplicate, were there one, the time to arrive
    assert smtp_server.handler.received() == Counter(recipients), "each unsigned ASN must get exactly one reminder"
    assert OutgoingEmail.objects.filter(kind="pakta_reminder").count() == len(recipients)
    assert all("/pakta/buka/" not in e.body_text for e in OutgoingEmail.objects.all())
