"""Finding 13: the outbox judges leases by the database's clock, and a failed row blocks nothing.

Replayed: a worker whose clock runs a day fast took over a row another worker had just claimed (its
own now() minus the lease was later than the claim), and a reset asked for again on the day the
first mail failed was silently dropped by the unique key.
"""

import datetime as dt
from unittest import mock

import pytest
from django.db.models.functions import Now
from django.utils import timezone

from mailer import services
from mailer.models import OutgoingEmail

from .conftest import make_email, queue_args

pytestmark = pytest.mark.django_db
Status = OutgoingEmail.Status


@pytest.fixture
def skewed_worker_clock():
    """This process believes it is a day later than the database does."""
    real_now = timezone.now
    with mock.patch("django.utils.timezone.now", side_effect=lambda: real_now() + dt.timedelta(days=1)):
        yield


def test_a_fast_worker_clock_does_not_take_over_a_fresh_claim(settings, skewed_worker_clock):
    settings.MAILER_INFLIGHT_LEASE_SECONDS = 300
    row = make_email(status=Status.INFLIGHT, attempts=1)
    OutgoingEmail.objects.filter(pk=row.pk).update(claimed_at=Now())  # claimed just now, by the database's clock
    assert services.email_claim(email_id=row.pk) is None
    assert services.email_dispatch_due() == []
    row.refresh_from_db()
    assert (row.status, row.attempts) == (Status.INFLIGHT, 1)


def test_a_claim_is_stamped_with_the_database_clock(skewed_worker_clock):
    row = make_email()
    claimed = services.email_claim(email_id=row.pk)
    assert claimed is not None
    assert abs(claimed.claimed_at - OutgoingEmail.objects.values_list(Now(), flat=True)[0]) < dt.timedelta(minutes=5)


def test_a_failed_row_does_not_block_a_new_one_the_same_day(email_templates):
    first = services.email_queue(**queue_args())
    OutgoingEmail.objects.filter(pk=first.pk).update(status=Status.FAILED, last_error="550 mailbox full")
    second = services.email_queue(**queue_args())
    assert second.pk != first.pk and second.status == Status.QUEUED
    assert services.email_queue(**queue_args()).pk == second.pk  # and the new one deduplicates again


def test_requeueing_a_failed_row_after_a_newer_copy_is_refused_cleanly(email_templates, bkd_a, region_a):
    first = services.email_queue(**queue_args(region=region_a))
    OutgoingEmail.objects.filter(pk=first.pk).update(status=Status.FAILED)
    services.email_queue(**queue_args(region=region_a))
    assert services.email_requeue(email=OutgoingEmail.objects.get(pk=first.pk), by=bkd_a) is False
    assert OutgoingEmail.objects.get(pk=first.pk).status == Status.FAILED


def test_a_new_version_is_a_second_message(email_templates):
    first = services.email_queue(**queue_args())
    second = services.email_queue(**queue_args(), new_version=True)
    assert (first.version, second.version) == (1, 2)
    assert services.email_queue(**queue_args()).pk == second.pk
