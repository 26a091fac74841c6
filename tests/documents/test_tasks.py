"""The task path (after commit, eager Celery here) and the synchronous fallback, and the two together."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from documents.models import IssuedDocument
from documents.services import document_get_or_issue, document_issue_after_commit, document_latest
from documents.tasks import document_issue_task

from .conftest import LETTER_KIND, stored_files


def test_the_task_issues_after_commit(letter_kind, employee_a, bkd_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        document_issue_after_commit(LETTER_KIND, employee_a, by=bkd_a)
        assert not IssuedDocument.objects.exists()  # nothing before the commit
    assert len(callbacks) == 1
    document = document_latest(kind=LETTER_KIND, obj=employee_a)
    assert document is not None and document.issued_by == bkd_a and document.version == 1


def test_a_rolled_back_transaction_queues_nothing(letter_kind, employee_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            document_issue_after_commit(LETTER_KIND, employee_a)
            raise RuntimeError("the feature's change failed")
    assert callbacks == [] and not IssuedDocument.objects.exists()


def test_the_fallback_serves_when_the_task_never_ran_and_the_late_task_adds_nothing(
    letter_kind, employee_a, document_dirs, django_capture_on_commit_callbacks
):
    # The broker is down (or lost the message): the queued task does not run ...
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document_issue_after_commit(LETTER_KIND, employee_a)
    assert not IssuedDocument.objects.exists()
    # ... and the user who needs the file now gets it synchronously,
    served = document_get_or_issue(kind=LETTER_KIND, obj=employee_a)
    assert served.file.read().startswith(b"%PDF-")
    # and when the task is finally delivered, it finds the document and makes no second one.
    for callback in callbacks:
        callback()
    assert IssuedDocument.objects.count() == 1 and len(stored_files(document_dirs)) == 1
    assert document_get_or_issue(kind=LETTER_KIND, obj=employee_a).pk == served.pk


def test_the_task_issues_a_new_version(letter_kind, employee_a, django_capture_on_commit_callbacks):
    first = document_get_or_issue(kind=LETTER_KIND, obj=employee_a)
    with django_capture_on_commit_callbacks(execute=True):
        document_issue_after_commit(LETTER_KIND, employee_a, replaces=first)
    assert document_latest(kind=LETTER_KIND, obj=employee_a).replaces == first


def test_the_task_gives_up_quietly_on_a_deleted_object(letter_kind, employee_a):
    content_type = ContentType.objects.get_for_model(employee_a)
    assert document_issue_task.delay(LETTER_KIND, content_type.pk, "999999999").get() is None
    assert document_issue_task.delay(LETTER_KIND, content_type.pk, str(employee_a.pk)).get() is not None
