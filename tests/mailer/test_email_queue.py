"""services.email_queue: idempotent on (recipient, kind, subject, day), rendered per language, sent on commit."""

import datetime as dt
import zoneinfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from mailer import services
from mailer.models import OutgoingEmail

from .conftest import queue_args


@pytest.fixture
def dispatched(monkeypatch):
    ids = []
    monkeypatch.setattr(services, "_dispatch", ids.append)
    return ids


def test_it_queues_one_row_for_one_key(db, email_templates, dispatched, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = services.email_queue(**queue_args())
        second = services.email_queue(**queue_args(to="  penerima@example.go.id"))
    assert second.pk == first.pk
    assert OutgoingEmail.objects.count() == 1
    assert first.recipient == "penerima@example.go.id"
    assert dispatched == [first.pk]


def test_a_different_day_makes_a_new_row(db, email_templates, dispatched, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        monday = services.email_queue(**queue_args(day=dt.date(2024, 1, 15)))
        tuesday = services.email_queue(**queue_args(day=dt.date(2024, 1, 16)))
    assert monday.pk != tuesday.pk
    assert dispatched == [monday.pk, tuesday.pk]


def test_a_different_kind_or_subject_makes_a_new_row(db, email_templates, dispatched):
    services.email_queue(**queue_args())
    services.email_queue(**queue_args(kind="reminder"))
    services.email_queue(**queue_args(subject_key="test:2"))
    assert OutgoingEmail.objects.count() == 3


def test_the_day_is_today_in_the_regions_time_zone(db, email_templates, dispatched, region_a):
    region_a.timezone = "Asia/Jayapura"
    region_a.save()
    email = services.email_queue(**queue_args(region=region_a))
    assert email.day == timezone.localdate(timezone=zoneinfo.ZoneInfo("Asia/Jayapura"))
    assert email.region == region_a


def test_it_renders_in_the_recipients_language(db, email_templates, dispatched):
    indonesian = services.email_queue(**queue_args(language="id"))
    english = services.email_queue(**queue_args(language="en", to="other@example.go.id"))
    assert "Januari" in indonesian.subject and "Januari" in indonesian.body_text
    assert 'lang="id"' in indonesian.body_html
    assert "January" in english.subject and "January" in english.body_text
    assert 'lang="en"' in english.body_html
    assert english.language == "en"


def test_an_unknown_language_falls_back_to_indonesian(db, email_templates, dispatched):
    email = services.email_queue(**queue_args(language="xx"))
    assert email.language == "id"
    assert "Januari" in email.subject


def test_it_renders_times_in_the_regions_time_zone(db, email_templates, dispatched, region_a):
    region_a.timezone = "Asia/Jayapura"
    region_a.save()
    email = services.email_queue(**queue_args(region=region_a))
    assert "15 Januari 2024 12:00" in email.body_text  # 03:00 UTC is 12:00 WIT
    assert region_a.name in email.body_text  # the footer names the region
    assert region_a.name in email.body_html


def test_text_and_subject_are_not_html_escaped(db, email_templates, dispatched):
    context = {**queue_args()["context"], "name": "Tom & Jerry <x>"}
    email = services.email_queue(**queue_args(context=context))
    assert "Tom & Jerry <x>" in email.subject
    assert "Halo Tom & Jerry <x>," in email.body_text
    assert "Tom &amp; Jerry &lt;x&gt;" in email.body_html


def test_it_rejects_an_invalid_address(db, email_templates, dispatched):
    with pytest.raises(ValidationError):
        services.email_queue(**queue_args(to="bukan-email"))
    assert not OutgoingEmail.objects.exists()


def test_a_rolled_back_transaction_queues_and_sends_nothing(transactional_db, email_templates):
    with pytest.raises(RuntimeError), transaction.atomic():
        services.email_queue(**queue_args())
        raise RuntimeError("the request failed after queueing")
    assert not OutgoingEmail.objects.exists()
    assert mail.outbox == []

    # The same call, committed, is sent: the test above could fail.
    email = services.email_queue(**queue_args())
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["penerima@example.go.id"]
    email.refresh_from_db()
    assert email.status == OutgoingEmail.Status.SENT
