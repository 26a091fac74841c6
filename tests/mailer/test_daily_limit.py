"""A region's daily send limit: never more than its limit in any rolling 24 h; the rest waits for its slot."""

import datetime as dt
import threading

import pytest
from django.core import mail
from django.db import connection, transaction
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone

from mailer import limits, services, tasks
from mailer.models import MailSettings, OutgoingEmail
from tests.conftest import require

from .conftest import make_email
from .test_email_queue_many import messages, queue_many

Status = OutgoingEmail.Status
DAY = dt.timedelta(hours=24)


def set_limit(region, limit):
    MailSettings.objects.update_or_create(region=region, defaults={"daily_limit": limit})


def db_now():
    return limits.database_now()


def sent_rows(region, *ages):
    """Rows of the region SENT ``age`` ago each."""
    now = db_now()
    return [make_email(region, status=Status.SENT, sent_at=now - age, attempts=1) for age in ages]


def test_a_region_with_limit_5_and_12_queued_sends_5(db, email_templates, region_a, django_capture_on_commit_callbacks):
    set_limit(region_a, 5)
    with django_capture_on_commit_callbacks(execute=True):
        result = queue_many(messages(12), region=region_a)
    assert (result.queued, result.waiting) == (12, 7)
    assert len(mail.outbox) == 5
    assert OutgoingEmail.objects.filter(status=Status.SENT).count() == 5
    waiting = OutgoingEmail.objects.filter(status=Status.QUEUED).order_by("next_attempt_at", "pk")
    assert waiting.count() == 7
    now = db_now()
    # Five go tomorrow, when today's five are a day old; the last two the day after.
    days = [round((row.next_attempt_at - now) / DAY) for row in waiting]
    assert days == [1, 1, 1, 1, 1, 2, 2]
    assert tasks.email_dispatch_due_task() == 0  # the sweep finds nothing due today
    assert len(mail.outbox) == 5


def test_the_claim_enforces_the_limit_whatever_was_dispatched(db, region_a):
    """Rows dispatched past the limit anyway (a second batch, a stale sweep) are refused at the claim."""
    set_limit(region_a, 5)
    rows = [make_email(region_a) for _ in range(12)]
    outcome = services.email_send_batch(email_ids=[r.pk for r in rows])
    assert (outcome["sent"], outcome["deferred"]) == (5, 7)
    assert len(mail.outbox) == 5
    assert services.email_send_batch(email_ids=[r.pk for r in rows]) == {"skipped": 5, "deferred": 7}
    assert services.email_send(email_id=rows[-1].pk).status == "deferred"
    assert len(mail.outbox) == 5
    later = OutgoingEmail.objects.filter(status=Status.QUEUED)
    assert all(row.next_attempt_at > timezone.now() + dt.timedelta(hours=23) for row in later)


def test_two_regions_do_not_share_a_limit(db, region_a, region_b):
    set_limit(region_a, 5)
    set_limit(region_b, 3)
    rows = [make_email(region) for region in [region_a] * 6 + [region_b] * 6]
    services.email_send_batch(email_ids=[r.pk for r in rows])
    sent = OutgoingEmail.objects.filter(status=Status.SENT)
    assert sent.filter(region=region_a).count() == 5
    assert sent.filter(region=region_b).count() == 3


def test_the_window_rolls(db, region_a):
    set_limit(region_a, 5)
    sent_rows(region_a, *[dt.timedelta(hours=25)] * 5)  # yesterday's: no longer counted
    fresh = [make_email(region_a) for _ in range(5)]
    assert services.email_send_batch(email_ids=[r.pk for r in fresh]) == {"skipped": 0, "sent": 5}


def test_a_deferred_row_waits_until_the_oldest_send_is_a_day_old(db, region_a):
    set_limit(region_a, 2)
    oldest, _newer = sent_rows(region_a, dt.timedelta(hours=23), dt.timedelta(hours=1))
    row = make_email(region_a)
    assert services.email_send(email_id=row.pk).status == "deferred"
    row.refresh_from_db()
    assert row.status == Status.QUEUED
    assert row.next_attempt_at == limits.round_up(oldest.sent_at + DAY)  # in about an hour, to the minute


def test_rows_in_flight_count(db, region_a):
    set_limit(region_a, 2)
    make_email(region_a, status=Status.INFLIGHT, claimed_at=timezone.now(), attempts=1)
    first, second = make_email(region_a), make_email(region_a)
    assert services.email_send(email_id=first.pk).status == "sent"
    assert services.email_send(email_id=second.pk).status == "deferred"


def test_rows_without_a_region_and_unlimited_regions_are_not_limited(db, settings, region_a):
    settings.MAILER_DEFAULT_DAILY_LIMIT = 1
    set_limit(region_a, 0)
    rows = [make_email(None) for _ in range(3)] + [make_email(region_a) for _ in range(3)]
    assert services.email_send_batch(email_ids=[r.pk for r in rows])["sent"] == 6


def test_a_region_gets_the_default_limit_on_first_use(db, settings, region_a):
    settings.MAILER_DEFAULT_DAILY_LIMIT = 2
    rows = [make_email(region_a) for _ in range(3)]
    assert services.email_send_batch(email_ids=[r.pk for r in rows])["sent"] == 2
    assert MailSettings.objects.get(region=region_a).daily_limit == 2


def test_the_sweep_dispatches_only_what_the_limit_lets_go(db, region_a, region_b):
    set_limit(region_a, 5)
    due = timezone.now() - dt.timedelta(seconds=5)
    rows_a = [make_email(region_a, next_attempt_at=due) for _ in range(8)]
    rows_b = [make_email(region_b, next_attempt_at=due) for _ in range(3)]
    ids = services.email_dispatch_due()
    assert sorted(ids) == sorted([r.pk for r in rows_a[:5]] + [r.pk for r in rows_b])
    waiting = OutgoingEmail.objects.filter(pk__in=[r.pk for r in rows_a[5:]])
    assert all(row.next_attempt_at > timezone.now() + dt.timedelta(hours=23) for row in waiting)
    assert services.email_dispatch_due() == []


def test_claims_of_one_region_take_its_last_slot_one_at_a_time(transactional_db, region_a):
    """Two workers claiming at once: the second waits for the first's claim to commit, then sees it."""
    require(connection.vendor == "postgresql", "row locks need PostgreSQL (set DATABASE_URL)")
    set_limit(region_a, 1)
    first, second = make_email(region_a), make_email(region_a)
    holding, release, outcome = threading.Event(), threading.Event(), {}

    def slow_claim():  # the first worker takes the slot and has not committed yet
        with transaction.atomic():
            assert limits.take_slot(region_id=region_a.pk, row_id=first.pk)
            OutgoingEmail.objects.filter(pk=first.pk).update(status=Status.INFLIGHT, claimed_at=Now(), attempts=1)
            holding.set()
            release.wait(10)
        connection.close()

    def other_claim():
        outcome["second"] = services.email_claim(email_id=second.pk)
        connection.close()

    worker = threading.Thread(target=slow_claim)
    worker.start()
    assert holding.wait(10)
    rival = threading.Thread(target=other_claim)
    rival.start()
    rival.join(1)
    assert rival.is_alive(), "the second claim must wait for the region's lock"
    release.set()
    worker.join(10)
    rival.join(10)
    assert outcome["second"] is None
    second.refresh_from_db()
    assert second.status == Status.QUEUED and second.next_attempt_at > timezone.now() + dt.timedelta(hours=23)


@pytest.mark.parametrize("limit", [5, 0])
def test_the_outbox_page_shows_the_limit_and_when_the_queue_finishes(client, bkd_a, region_a, region_b, limit):
    region_a.timezone = "Asia/Jayapura"
    region_a.save()
    set_limit(region_a, limit)
    sent = sent_rows(region_a, *(dt.timedelta(hours=h) for h in (10, 9, 8, 7, 6)))
    for _ in range(7):
        make_email(region_a)
    make_email(region_b, recipient="lain@example.go.id")
    client.force_login(bkd_a)
    response = client.get(reverse("outbox_list"))
    (row,) = response.context["sending"]  # region B is not the user's
    assert (row.region, row.queued, row.sent_24h, row.limit) == (region_a, 7, 5, limit)
    body = response.content.decode()
    if limit:
        # 7 wait: the first five when today's five turn a day old, the last two a day after the 1st and 2nd.
        finish = sent[1].sent_at + 2 * DAY
        assert row.finish_at == finish
        shown = timezone.localtime(finish, timezone=dt.timezone(dt.timedelta(hours=9))).strftime("%d-%m-%Y %H:%M")
        assert f"selesai sekitar {shown} WIT" in body
    else:
        assert row.soon and "tanpa batas" in body and "selesai segera" in body


def test_the_page_shows_no_sending_summary_without_mail(client, bkd_a):
    client.force_login(bkd_a)
    response = client.get(reverse("outbox_list"))
    assert response.context["sending"] == []
    assert "outbox-sending" not in response.content.decode()


def test_urgent_mail_keeps_its_reserve_after_a_bulk_mailing(db, region_a):
    """8,000 pakta invitations must not hold a password reset back for a day: bulk mail leaves 5 % of a large
    limit to urgent mail (activation, reset, invitations)."""
    set_limit(region_a, 100)
    assert limits.reserved(100) == 5
    bulk = [make_email(region_a, recipient=f"bulk{n}@example.go.id") for n in range(100)]
    outcome = services.email_send_batch(email_ids=[r.pk for r in bulk])
    assert (outcome["sent"], outcome["deferred"]) == (95, 5)
    reset = make_email(region_a, recipient="lupa.sandi@example.go.id", kind="password_reset", urgent=True)
    assert services.email_send(email_id=reset.pk).status == "sent"
    deferred = OutgoingEmail.objects.filter(status=Status.QUEUED, urgent=False)
    assert deferred.count() == 5
    assert all(row.next_attempt_at > timezone.now() + dt.timedelta(hours=23) for row in deferred)


def test_account_mail_is_queued_as_urgent(client, bkd_a):
    client.post(reverse("password_reset"), {"email": bkd_a.email})
    assert OutgoingEmail.objects.get(kind="password_reset").urgent
