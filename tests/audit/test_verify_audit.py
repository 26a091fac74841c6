import threading

import pytest
from django.db import DatabaseError, connection, connections, transaction

from audit.models import AppendOnlyError, AuditChainHead, AuditEvent
from audit.services import audit_record, audit_verify
from tests.audit.tamper import raw, run_verify


def record_events(n: int) -> list[AuditEvent]:
    return [audit_record(action="netralitas.test.event", data={"i": i}) for i in range(n)]


def test_an_intact_chain_verifies(db):
    record_events(5)
    head = AuditChainHead.objects.get()
    assert run_verify() == (0, f"OK: 5 events, chain intact\nhead=5:{head.last_hash}\n", "")


def test_an_empty_trail_verifies(db):
    assert run_verify()[0] == 0


def test_each_row_carries_the_hash_of_the_one_before(db):
    events = record_events(3)
    assert events[0].prev_hash == "0" * 64
    assert events[1].prev_hash == events[0].hash
    assert events[2].prev_hash == events[1].hash
    assert AuditChainHead.objects.get().last_hash == events[2].hash


def test_it_names_an_altered_row(db):
    events = record_events(5)
    raw("UPDATE audit_auditevent SET actor_label = %s WHERE seq = %s", ["mallory", events[2].seq])
    code, _, err = run_verify()
    assert code == 1
    assert err.startswith(f"BROKEN at #{events[2].seq}: ")
    assert "altered" in err


def test_it_names_an_altered_json_field(db):
    events = record_events(4)
    raw("UPDATE audit_auditevent SET data = %s WHERE seq = %s", ['{"i": 99}', events[1].seq])
    assert run_verify()[2].startswith(f"BROKEN at #{events[1].seq}: ")


def test_it_names_a_row_whose_hash_was_recomputed(db):
    # A forger who rewrites a row and its own hash still breaks the link to the next row.
    events = record_events(4)
    victim = AuditEvent.objects.get(seq=events[1].seq)
    victim.actor_label = "mallory"
    forged = victim.compute_hash()
    raw("UPDATE audit_auditevent SET actor_label = 'mallory', hash = %s WHERE seq = %s", [forged, victim.seq])
    assert run_verify()[2].startswith(f"BROKEN at #{events[2].seq}: ")


def test_it_names_a_missing_middle_row(db):
    events = record_events(5)
    raw("DELETE FROM audit_auditevent WHERE seq = %s", [events[2].seq])
    code, _, err = run_verify()
    assert code == 1
    assert err.startswith(f"BROKEN at #{events[2].seq}: ")
    assert "missing" in err


def test_it_detects_a_deleted_last_row_through_the_chain_head(db):
    events = record_events(5)
    raw("DELETE FROM audit_auditevent WHERE seq = %s", [events[-1].seq])
    code, _, err = run_verify()
    assert code == 1
    assert err.startswith(f"BROKEN at #{events[-1].seq}: ")


def test_audit_verify_reports_the_count_checked(db):
    record_events(3)
    assert audit_verify() == (3, None)


def test_model_save_and_delete_raise(db):
    event = record_events(1)[0]
    event.action = "changed"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_queryset_update_and_delete_raise(db):
    record_events(2)
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(action="changed")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.count() == 2


def test_the_database_refuses_a_raw_update_and_delete(db):
    # PostgreSQL and SQLite alike: the guard is in the database, not only in the ORM.
    event = record_events(3)[-1]
    for statement in (
        "UPDATE audit_auditevent SET action = 'x' WHERE seq = %s",
        "DELETE FROM audit_auditevent WHERE seq = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.seq])
    assert AuditEvent.objects.get(seq=event.seq).action == "netralitas.test.event"


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_the_chain_linear():
    errors = []

    def writer(n):
        try:
            for i in range(10):
                audit_record(action="netralitas.test.concurrent", data={"writer": n, "i": i})
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert audit_verify() == (40, None)
    assert list(AuditEvent.objects.values_list("seq", flat=True)) == list(range(1, 41))


@pytest.mark.django_db(transaction=True)
def test_verifying_while_writers_append_gives_no_false_alarm():
    # The head and the rows are read as of one moment; otherwise a row appended between reading them
    # looks like a cut ("rows after #n are missing") to the cron job that runs verify_audit.
    errors, reports = [], []

    def writer(n):
        try:
            for i in range(40):
                audit_record(action="netralitas.test.concurrent", data={"writer": n, "i": i})
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        reports.append(audit_verify())
    for thread in threads:
        thread.join()
    assert errors == []
    assert [problem for _, problem in reports if problem is not None] == []
    assert audit_verify() == (80, None)
