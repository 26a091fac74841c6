"""Two issuers racing for the same (object, kind, version) — a task and the synchronous fallback, two workers —
end with one row and one file, on PostgreSQL's real locks. The first use of a region's certificate races too."""

import threading

import pytest
from django.db import connection

from documents.models import IssuedDocument, RegionCertificate
from documents.services import document_get_or_issue, document_issue
from tests.conftest import require

from .conftest import LETTER_KIND, stored_files

pytestmark = pytest.mark.django_db(transaction=True)


def race(target, count=2):
    """Run ``target`` in ``count`` threads at once; their results and errors."""
    results, errors = [None] * count, []

    def run(i):
        try:
            results[i] = target()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return results, errors


def test_two_issuers_make_one_document_and_one_file(letter_kind, employee_a, document_dirs):
    require(connection.vendor == "postgresql", "the race is decided by PostgreSQL's unique index")
    both_built = threading.Barrier(2, timeout=30)
    # Both issuers have passed the "already issued?" check before either renders, signs and inserts.
    letter_kind.build_hook = both_built.wait
    results, errors = race(lambda: document_issue(kind=LETTER_KIND, obj=employee_a))
    assert errors == []
    assert results[0].pk == results[1].pk
    assert IssuedDocument.objects.count() == 1
    document = IssuedDocument.objects.get()
    assert stored_files(document_dirs) == [document_dirs / "media" / document.file.name]
    # both also generated the region's first certificate at once: one is active, the loser's key is gone
    assert RegionCertificate.objects.filter(region=employee_a.region).count() == 1
    keys = sorted(p.name for p in (document_dirs / "keys").iterdir())
    assert keys == [f"{document.certificate.fingerprint}.key"]


def test_the_fallback_racing_a_new_version_makes_one(letter_kind, employee_a, document_dirs):
    require(connection.vendor == "postgresql", "the race is decided by PostgreSQL's unique index")
    first = document_issue(kind=LETTER_KIND, obj=employee_a)
    both_built = threading.Barrier(2, timeout=30)
    letter_kind.build_hook = both_built.wait
    results, errors = race(lambda: document_issue(kind=LETTER_KIND, obj=employee_a, replaces=first))
    assert errors == [] and results[0].pk == results[1].pk and results[0].version == 2
    assert IssuedDocument.objects.count() == 2 and len(stored_files(document_dirs)) == 2
    letter_kind.build_hook = None
    assert document_get_or_issue(kind=LETTER_KIND, obj=employee_a).pk == results[0].pk
