"""Apel notices end to end: the notice task queued twice on a real Redis, run by two real Celery workers, the
outbox sending to a real SMTP server on loopback — and each participant with an email gets exactly one
invitation (and the one without email none). PostgreSQL only: the workers share the test database."""

# ruff: noqa: F811 — the fixtures come from the outbox's real-worker test, imported by name so pytest finds them
import datetime as dt
import time
from collections import Counter

import pytest
from django.db import transaction
from django.utils import timezone

from mailer.models import OutgoingEmail
from pledges import tasks
from pledges.models import Ceremony
from pledges.services.apel import ceremony_schedule
from tests.factories import EmployeeFactory
from tests.mailer.test_real_worker import (  # noqa: F401
    producer,
    services_up,
    smtp_server,
    wait_for,
    workers,
)

from .apel_helpers import election

pytestmark = pytest.mark.service
NOTIFY_TASK = "pledges.tasks.ceremony_notify_task"


@pytest.fixture
def apel_with_people(transactional_db, region_a, unit_a, bkd_a, monkeypatch):
    """An apel of twelve participants (one without email), scheduled without running its notice task here."""
    people = [EmployeeFactory(region=region_a, work_unit=unit_a, email=f"asn{n:02d}@muba.go.id") for n in range(11)]
    people.append(EmployeeFactory(region=region_a, work_unit=unit_a, email=""))
    monkeypatch.setattr(tasks.ceremony_notify_task, "delay", lambda ceremony_id: None)
    with transaction.atomic():
        ceremony = ceremony_schedule(
            region=region_a,
            election=election(),
            title="Apel Netralitas Pekerja",
            starts_at=timezone.now() + dt.timedelta(days=2),
            place="Halaman Kantor Bupati",
            officiant_name="",
            officiant_title=region_a.head_title,
            ikrar_text="Kami berikrar.",
            by=bkd_a,
        )
    return ceremony, [p.email for p in people if p.email]


def test_the_invitation_is_delivered_once_per_participant_though_queued_twice(
    services_up, smtp_server, producer, workers, apel_with_people
):
    ceremony, recipients = apel_with_people
    workers()
    workers()  # two workers, so the task and its duplicate run at the same time
    producer.send_task(NOTIFY_TASK, args=[ceremony.pk])
    producer.send_task(NOTIFY_TASK, args=[ceremony.pk])

    def all_sent():
        return OutgoingEmail.objects.filter(kind="apel_invite", status=OutgoingEmail.Status.SENT).count() >= len(
            recipients
        )

    wait_for(all_sent, f"{len(recipients)} invitations to be SENT")
    wait_for(lambda: services_up.llen("celery") == 0, "the task queue to drain")
    # Queued a third time once everything is done: still nothing more.
    producer.send_task(NOTIFY_TASK, args=[ceremony.pk])
    wait_for(lambda: services_up.llen("celery") == 0, "the third task to be taken")
    wait_for(lambda: sum(smtp_server.handler.received().values()) >= len(recipients), "the messages to arrive")
    time.sleep(2)  # give a duplicate, were there one, the time to arrive
    assert smtp_server.handler.received() == Counter(recipients), "each participant must get exactly one invitation"
    assert OutgoingEmail.objects.filter(kind="apel_invite").count() == len(recipients)
    ceremony.refresh_from_db()
    assert set(ceremony.notices_sent) == {"invite"}  # claimed once: the reminders are still to come
    assert ceremony.notice_due_at == ceremony.starts_at - dt.timedelta(hours=24)
    assert Ceremony.objects.get(pk=ceremony.pk).status == Ceremony.Status.SCHEDULED
