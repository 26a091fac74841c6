# ruff: noqa: F811 — the fixtures come from apel_helpers, imported by name so pytest finds them
"""Notices through the outbox: invitation, two reminders by the due column, moved, cancelled — each once per
participant with an email, whatever retries, duplicate runs or a worker dying mid-batch."""

import datetime as dt
import threading
import zoneinfo

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from mailer.models import OutgoingEmail
from pledges.models import ApelSettings, Ceremony
from pledges.services import apel_notices
from pledges.services.apel import ceremony_cancel, ceremony_update, participants_add
from pledges.services.apel_notices import ceremony_notify, ceremony_notify_due, notice_plan
from pledges.tasks import ceremony_notify_due_task
from tests.conftest import require
from tests.factories import EmployeeFactory

from .apel_helpers import apel, participants, schedule  # noqa: F401

pytestmark = pytest.mark.django_db
WITH_EMAIL = 3  # of the four participants, one has no email


def emails(kind=None):
    rows = OutgoingEmail.objects.all()
    return rows.filter(kind=kind) if kind else rows


@pytest.fixture
def later(region_a, bkd_a, participants):
    """An apel three days ahead, invitation not sent yet."""
    return schedule(region_a, by=bkd_a, starts_in=dt.timedelta(days=3))


def test_the_invitation_reaches_each_participant_with_an_email_once(later, participants):
    assert ceremony_notify(ceremony_id=later.pk) == "invite"
    assert emails("apel_invite").count() == WITH_EMAIL
    assert set(emails().values_list("recipient", flat=True)) == {p.email for p in participants if p.email}
    assert ceremony_notify(ceremony_id=later.pk) is None  # a duplicate task or beat
    assert emails().count() == WITH_EMAIL


def test_the_message_tells_the_time_on_the_regions_clock(region_a, bkd_a, participants):
    region_a.timezone = "Asia/Jayapura"  # WIT, UTC+9
    region_a.save()
    day = timezone.localdate() + dt.timedelta(days=5)
    ceremony = schedule(
        region_a,
        by=bkd_a,
        starts_at=dt.datetime.combine(day, dt.time(7, 30), tzinfo=zoneinfo.ZoneInfo("Asia/Jayapura")),
    )
    ceremony_notify(ceremony_id=ceremony.pk)
    message = emails("apel_invite").first()
    assert "pukul 07:30 WIT" in message.body_text and ceremony.place in message.body_text
    assert "/apel/saya/" in message.body_text


def test_reminders_come_from_the_due_column(later):
    now = timezone.now()
    ceremony_notify(ceremony_id=later.pk, now=now)
    later.refresh_from_db()
    assert later.notice_due_at == later.starts_at - dt.timedelta(hours=24)
    assert ceremony_notify_due(now=now) == []  # nothing due before its time
    first = later.starts_at - dt.timedelta(hours=23)
    assert ceremony_notify_due(now=first) == [later.pk]
    assert ceremony_notify(ceremony_id=later.pk, now=first) == "reminder1-1"
    later.refresh_from_db()
    assert later.notice_due_at == later.starts_at - dt.timedelta(hours=2)
    assert ceremony_notify(ceremony_id=later.pk, now=first + dt.timedelta(minutes=5)) is None  # early: nothing
    second = later.starts_at - dt.timedelta(minutes=90)
    assert ceremony_notify(ceremony_id=later.pk, now=second) == "reminder2-1"
    later.refresh_from_db()
    assert later.notice_due_at is None
    assert emails("apel_reminder1").count() == WITH_EMAIL and emails("apel_reminder2").count() == WITH_EMAIL


def test_a_beat_that_was_down_sends_one_reminder_not_two(later):
    ceremony_notify(ceremony_id=later.pk)
    late = later.starts_at - dt.timedelta(hours=1)  # both reminder times have passed
    assert ceremony_notify(ceremony_id=later.pk, now=late) == "reminder2-1"
    assert emails("apel_reminder1").count() == 0 and emails("apel_reminder2").count() == WITH_EMAIL


def test_an_apel_scheduled_at_short_notice_gets_only_the_invitation(apel):
    assert ceremony_notify(ceremony_id=apel.pk) == "invite"
    apel.refresh_from_db()
    assert apel.notice_due_at is None
    assert set(apel.notices_sent) == {"invite", "reminder1-1", "reminder2-1"}
    assert apel.notices_sent["reminder1-1"] == "skipped"


def test_the_reminder_hours_are_the_regions(region_a, later):
    settings = ApelSettings.for_region(region_a)
    settings.first_reminder_hours, settings.second_reminder_hours = 48, 0
    settings.save()
    ceremony_notify(ceremony_id=later.pk)
    later.refresh_from_db()
    assert later.notice_due_at == later.starts_at - dt.timedelta(hours=48)


def test_a_move_is_announced_and_its_reminders_start_over(later, bkd_a):
    now = timezone.now()
    ceremony_notify(ceremony_id=later.pk, now=now)
    ceremony_notify(ceremony_id=later.pk, now=later.starts_at - dt.timedelta(hours=20))  # reminder 1
    ceremony_update(ceremony=later, data={"starts_at": later.starts_at + dt.timedelta(days=2)}, by=bkd_a)
    later.refresh_from_db()
    assert ceremony_notify(ceremony_id=later.pk, now=later.notice_due_at) == "moved-2"
    moved = emails("apel_moved").first()
    assert f"{later.local_start:%H:%M}" in moved.subject
    later.refresh_from_db()
    assert later.notice_due_at == later.starts_at - dt.timedelta(hours=24)  # reminders of the new date
    assert ceremony_notify(ceremony_id=later.pk, now=later.starts_at - dt.timedelta(hours=3)) == "reminder1-2"


def test_a_cancellation_is_sent_to_those_invited_and_only_them(later, region_a, bkd_a, participants):
    ceremony_notify(ceremony_id=later.pk)
    ceremony_cancel(ceremony=later, reason="Bertepatan dengan hari libur", by=bkd_a)
    assert ceremony_notify(ceremony_id=later.pk) == "cancelled"
    body = emails("apel_cancelled").first().body_text
    assert "Bertepatan dengan hari libur" in body
    assert emails("apel_cancelled").count() == WITH_EMAIL
    # Cancelled before anyone was told: nobody is told of the cancellation either.
    quiet = schedule(region_a, by=bkd_a, starts_in=dt.timedelta(days=4), title="Apel Lain")
    ceremony_cancel(ceremony=quiet, reason="Salah tanggal", by=bkd_a)
    assert ceremony_notify(ceremony_id=quiet.pk) is None
    assert not emails().filter(subject__contains="Apel Lain").exists()


def test_a_worker_dying_mid_batch_loses_nothing_and_doubles_nothing(later, monkeypatch):
    real_message, real_many = apel_notices._message, apel_notices.email_queue_many
    calls = []

    def dies_on_the_second(*args):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("worker killed")
        return real_message(*args)

    # One message per chunk, so the first row is already inserted when the worker dies.
    monkeypatch.setattr(apel_notices, "email_queue_many", lambda **kwargs: real_many(**kwargs, chunk_size=1))
    monkeypatch.setattr(apel_notices, "_message", dies_on_the_second)
    with pytest.raises(SystemExit):
        ceremony_notify(ceremony_id=later.pk)
    later.refresh_from_db()
    assert emails().count() == 0 and later.notices_sent == {} and later.notice_due_at is not None
    monkeypatch.setattr(apel_notices, "_message", real_message)
    assert ceremony_notify(ceremony_id=later.pk) == "invite"
    assert emails("apel_invite").count() == WITH_EMAIL


def test_someone_added_after_the_invitation_is_invited_once(later, region_a, bkd_a):
    ceremony_notify(ceremony_id=later.pk)
    newcomer = EmployeeFactory(region=region_a, name="Hadi Baru", email="hadi.baru@example.go.id")
    participants_add(ceremony=later, employees=[newcomer], by=bkd_a)
    assert emails("apel_invite").filter(recipient="hadi.baru@example.go.id").count() == 1
    assert ceremony_notify(ceremony_id=later.pk) is None


def test_someone_added_before_the_invitation_is_in_its_batch_once(later, region_a, bkd_a):
    newcomer = EmployeeFactory(region=region_a, email="gina@example.go.id")
    participants_add(ceremony=later, employees=[newcomer], by=bkd_a)
    assert emails().count() == 0  # the batch will include them
    ceremony_notify(ceremony_id=later.pk)
    assert emails("apel_invite").filter(recipient="gina@example.go.id").count() == 1


def test_notices_are_sent_by_the_outbox_once(later, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ceremony_notify(ceremony_id=later.pk)
        ceremony_notify(ceremony_id=later.pk)
    assert len(mail.outbox) == WITH_EMAIL
    assert all(m.subject.startswith("Undangan: Apel Uji") for m in mail.outbox)


def test_the_periodic_job_queues_what_is_due(later, django_capture_on_commit_callbacks):
    assert ceremony_notify_due_task() == 1  # tasks run in-process in the tests
    assert emails("apel_invite").count() == WITH_EMAIL
    assert ceremony_notify_due_task() == 0


def test_the_plan_is_a_pure_function_of_the_apels_state():
    settings = ApelSettings(first_reminder_hours=24, second_reminder_hours=2)
    start = dt.datetime(2026, 12, 14, 0, 30, tzinfo=dt.UTC)
    ceremony = Ceremony(status=Ceremony.Status.SCHEDULED, starts_at=start, revision=1, notices_sent={})
    plan = notice_plan(ceremony=ceremony, settings=settings, now=start - dt.timedelta(days=3))
    assert (plan.due, plan.skip, plan.next_at) == ("invite", [], start - dt.timedelta(hours=24))
    ceremony.notices_sent = {"invite": "x"}
    assert notice_plan(ceremony=ceremony, settings=settings, now=start - dt.timedelta(hours=30)).due is None
    ceremony.status = Ceremony.Status.HELD
    assert notice_plan(ceremony=ceremony, settings=settings, now=start - dt.timedelta(hours=1)).due is None
    ceremony.status, ceremony.recorded_after = Ceremony.Status.SCHEDULED, False
    assert notice_plan(ceremony=ceremony, settings=settings, now=start + dt.timedelta(minutes=1)).due is None


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_the_same_moment_queue_one_batch(region_a, bkd_a, participants):
    require(connection.vendor == "postgresql", "concurrent claims need PostgreSQL's row locks")
    ceremony = schedule(region_a, by=bkd_a, starts_in=dt.timedelta(days=3))
    # Here commits are real, so the task queued on scheduling already ran: undo it, to race three runs.
    OutgoingEmail.objects.all().delete()
    Ceremony.objects.filter(pk=ceremony.pk).update(notices_sent={}, notice_due_at=timezone.now())
    barrier = threading.Barrier(3)
    won = []

    def run():
        barrier.wait()
        try:
            won.append(ceremony_notify(ceremony_id=ceremony.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won, key=str) == [None, None, "invite"]
    assert emails("apel_invite").count() == WITH_EMAIL
