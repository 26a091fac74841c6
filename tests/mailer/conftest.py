"""Outbox fixtures: a test-only message template, rows in any state, and Celery in eager mode."""

import datetime as dt

import pytest
from django.conf import settings as django_settings
from django.utils import timezone

from mailer.models import OutgoingEmail
from netralitas.celery import app as celery_app

TEST_TEMPLATES = {
    "emails/test_message.subject.txt": '{% load i18n %}{% translate "Pesan uji" %} {{ when|date:"F" }} — {{ name }}',
    "emails/test_message.txt": (
        '{% load i18n %}Halo {{ name }},\n{{ when|date:"j F Y H:i" }}\n{% include "emails/_footer.txt" %}'
    ),
    "emails/test_message.html": (
        '{% extends "emails/base.html" %}{% block content %}<p>Halo {{ name }}</p>'
        '<p>{{ when|date:"j F Y H:i" }}</p>{% endblock %}'
    ),
}


@pytest.fixture(autouse=True)
def eager_celery():
    """Unit tests run tasks in-process whatever REDIS_URL says (the real-worker tests use their own producer)."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def email_templates(settings, tmp_path):
    """The real emails/base.html and _footer.txt, plus a test-only emails/test_message.* in a tmp dir."""
    for name, source in TEST_TEMPLATES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    engine = dict(django_settings.TEMPLATES[0])
    engine["DIRS"] = [tmp_path, *engine["DIRS"]]
    settings.TEMPLATES = [engine]
    return tmp_path


def queue_args(**overrides):
    """Keyword arguments for services.email_queue with the test template."""
    args = {
        "to": "Penerima@Example.go.id",
        "kind": "test_message",
        "template": "test_message",
        "context": {"name": "Bob", "when": dt.datetime(2024, 1, 15, 3, 0, tzinfo=dt.UTC)},
        "subject_key": "test:1",
    }
    return {**args, **overrides}


def make_email(region=None, **fields) -> OutgoingEmail:
    """An outbox row in any state, without rendering or dispatching."""
    values = {
        "region": region,
        "recipient": f"asn{OutgoingEmail.objects.count() + 1}@example.go.id",
        "kind": "test_message",
        "subject_key": "test:1",
        "day": timezone.localdate(),
        "subject": "Pesan uji",
        "body_text": "Halo",
        **fields,
    }
    return OutgoingEmail.objects.create(**values)
