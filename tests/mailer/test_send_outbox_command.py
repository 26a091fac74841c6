import datetime as dt
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from mailer.models import OutgoingEmail


def test_it_sends_due_rows_once(db, settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    row = OutgoingEmail.objects.create(
        recipient="a@example.go.id",
        kind="k",
        subject_key="x:1",
        day=dt.date(2026, 11, 23),
        subject="Subjek",
        body_text="Isi",
        next_attempt_at=timezone.now() - dt.timedelta(minutes=1),
    )
    out = StringIO()
    call_command("send_outbox", stdout=out)
    call_command("send_outbox", stdout=out)
    row.refresh_from_db()
    assert row.status == OutgoingEmail.Status.SENT
    assert len(mail.outbox) == 1
    assert "dispatched 1 message(s)" in out.getvalue()
