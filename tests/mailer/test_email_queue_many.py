"""services.email_queue_many: thousands of messages in chunks, each rendered once, one task per chunk."""

import datetime as dt

import pytest
from django.core import mail
from django.db import transaction

from mailer import credentials, rendering, services
from mailer.models import OutgoingEmail

from .conftest import queue_args

Status = OutgoingEmail.Status
WHEN = dt.datetime(2024, 1, 15, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def batches(monkeypatch):
    """The id lists handed to email_send_batch_task (one per chunk), instead of running it."""
    sent = []
    monkeypatch.setattr(services, "_dispatch_batch", sent.append)
    return sent


def messages(count, *, start=0, language="id", **extra):
    return [
        {
            "to": f"ASN{n:03d}@Example.go.id",
            "context": {"name": f"Pegawai {n}", "when": WHEN},
            "subject_key": f"pledges.invitation:{n}",
            "language": language,
            **extra,
        }
        for n in range(start, start + count)
    ]


def queue_many(batch, **overrides):
    args = {"kind": "pakta_invitation", "template": "test_message", "region": None, "messages": batch}
    return services.email_queue_many(**{**args, **overrides})


def test_it_queues_one_row_per_message(db, email_templates, batches, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = queue_many(messages(7))
    assert (result.queued, result.existing, result.skipped, result.waiting) == (7, 0, 0, 0)
    rows = OutgoingEmail.objects.order_by("recipient")
    assert [r.recipient for r in rows] == [f"asn{n:03d}@example.go.id" for n in range(7)]
    assert {(r.kind, r.status, r.version) for r in rows} == {("pakta_invitation", Status.QUEUED, 1)}
    assert "Halo Pegawai 3," in rows[3].body_text and "Pegawai 3" in rows[3].subject
    assert sorted(sum(batches, [])) == sorted(r.pk for r in rows)


def test_it_dispatches_one_task_per_chunk_after_commit(
    db, email_templates, batches, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        queue_many(messages(7), chunk_size=3)
    assert batches == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert [len(ids) for ids in batches] == [3, 3, 1]
    assert sorted(sum(batches, [])) == sorted(OutgoingEmail.objects.values_list("pk", flat=True))


def test_a_rolled_back_transaction_queues_and_dispatches_nothing(transactional_db, email_templates, batches):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_many(messages(5))
        raise RuntimeError("the request failed after queueing")
    assert not OutgoingEmail.objects.exists()
    assert batches == []


def test_queueing_the_same_batch_twice_queues_nobody_twice(
    db, email_templates, batches, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = queue_many(messages(10), chunk_size=4)
        again = queue_many(messages(12), chunk_size=4)  # the same ten, and two new
    assert (first.queued, first.existing) == (10, 0)
    assert (again.queued, again.existing) == (2, 10)
    assert OutgoingEmail.objects.count() == 12
    dispatched = sum(batches, [])
    assert len(dispatched) == len(set(dispatched)) == 12


def test_a_message_queued_alone_is_not_queued_again(db, email_templates, batches):
    services.email_queue(
        **queue_args(to="asn001@example.go.id", kind="pakta_invitation", subject_key="pledges.invitation:1")
    )
    result = queue_many(messages(3))
    assert (result.queued, result.existing) == (2, 1)
    assert OutgoingEmail.objects.count() == 3


def test_the_same_message_twice_in_one_call_is_queued_once(db, email_templates, batches):
    result = queue_many(messages(3) + messages(2))
    assert (result.queued, result.existing) == (3, 2)
    assert OutgoingEmail.objects.count() == 3


def test_invalid_addresses_are_skipped_and_counted(db, email_templates, batches):
    batch = messages(3)
    batch[1]["to"] = "bukan-email"
    batch.append({**messages(1, start=9)[0], "to": None})
    result = queue_many(batch)
    assert (result.queued, result.skipped) == (2, 2)
    assert result.invalid == ("bukan-email", "None")
    assert OutgoingEmail.objects.count() == 2


def test_a_new_version_is_a_second_message_for_each_recipient(db, email_templates, batches):
    queue_many(messages(4))
    moved = queue_many(messages(4), new_version=True)  # the apel moved: everyone is told again
    assert (moved.queued, moved.existing) == (4, 0)
    assert sorted(OutgoingEmail.objects.values_list("version", flat=True)) == [1, 1, 1, 1, 2, 2, 2, 2]
    assert queue_many(messages(4)).queued == 0  # and the new version deduplicates again
    OutgoingEmail.objects.filter(version=2, recipient="asn000@example.go.id").update(status=Status.FAILED)
    assert queue_many(messages(1)).queued == 0  # version 1 still holds the key
    again = queue_many(messages(1), new_version=True)  # a failed version no longer holds its key
    assert again.queued == 1
    held = OutgoingEmail.objects.filter(recipient="asn000@example.go.id").exclude(status=Status.FAILED)
    assert sorted(held.values_list("version", flat=True)) == [1, 2]


def test_each_message_is_rendered_once_and_the_templates_compiled_once(db, email_templates, batches, monkeypatch):
    loads, renders = [], []
    real_get_template, real_render = rendering.get_template, rendering.Renderer.render
    monkeypatch.setattr(rendering, "get_template", lambda name: loads.append(name) or real_get_template(name))
    monkeypatch.setattr(
        rendering.Renderer, "render", lambda self, ctx: renders.append(ctx["name"]) or real_render(self, ctx)
    )
    queue_many(messages(5, language="id") + messages(5, start=5, language="en"), chunk_size=4)
    assert len(loads) == 3  # subject, text, html
    assert sorted(renders) == sorted(f"Pegawai {n}" for n in range(10))

    renders.clear()
    queue_many(messages(10))  # all queued already: nothing is rendered again
    assert renders == []


def test_it_renders_each_message_in_its_language(db, email_templates, batches, region_a):
    region_a.timezone = "Asia/Jayapura"
    region_a.save()
    queue_many(messages(2, language="en") + messages(2, start=2, language="xx"), region=region_a)
    english, fallback = (
        OutgoingEmail.objects.get(recipient="asn000@example.go.id"),
        OutgoingEmail.objects.get(recipient="asn002@example.go.id"),
    )
    assert "January" in english.subject and 'lang="en"' in english.body_html and english.language == "en"
    assert "Januari" in fallback.subject and fallback.language == "id"
    assert "15 January 2024 12:00" in english.body_text  # the region's time zone (WIT)
    assert english.region == region_a and region_a.name in english.body_text


def test_the_queue_runs_in_a_few_queries_per_chunk(db, email_templates, batches, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):  # not one INSERT per message
        assert queue_many(messages(300)).queued == 300


def test_it_sends_everything_through_the_batch_tasks(db, email_templates, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_many(messages(7), chunk_size=3)
    assert sorted(m.to[0] for m in mail.outbox) == [f"asn{n:03d}@example.go.id" for n in range(7)]
    assert set(OutgoingEmail.objects.values_list("status", flat=True)) == {Status.SENT}


@pytest.fixture
def test_credential(monkeypatch):
    made = []

    def maker(email):
        made.append(email.pk)
        return f"https://netralitas.test/tandatangani/{email.credential_ref}/token-{len(made)}/"

    monkeypatch.setitem(credentials._makers, "test.signing", maker)
    return made


def test_credential_links_are_made_at_send_time_and_never_stored(
    db, email_templates, test_credential, django_capture_on_commit_callbacks
):
    email_templates.joinpath("emails/test_message.txt").write_text("Halo {{ name }}, tautan: {{ link }}\n")
    email_templates.joinpath("emails/test_message.html").write_text('<a href="{{ link }}">{{ name }}</a>')
    batch = [{**m, "credential": ("test.signing", n)} for n, m in enumerate(messages(3))]
    with django_capture_on_commit_callbacks(execute=True):
        queue_many(batch)
    for row in OutgoingEmail.objects.all():
        assert row.credential == "test.signing"
        assert credentials.PLACEHOLDER in row.body_text and "token-" not in row.body_text + row.body_html
    assert len(test_credential) == 3  # one link per message, made when it was sent
    bodies = sorted(m.body for m in mail.outbox)
    assert [b.split("tandatangani/")[1].split("/")[0] for b in bodies] == ["0", "1", "2"]
    assert all("token-" in b and credentials.PLACEHOLDER not in b for b in bodies)


def test_an_unregistered_credential_is_refused(db, email_templates, batches):
    with pytest.raises(credentials.UnknownCredential):
        queue_many([{**messages(1)[0], "credential": ("nobody.registered", 1)}])
    assert not OutgoingEmail.objects.exists()
