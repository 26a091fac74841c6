"""Finding 8: the chain could be cut and shortened unnoticed. Each test replays the attack.

With the triggers in place the database refuses the cut (PostgreSQL and SQLite alike); with them dropped, as
the database owner can, ``verify_audit`` names a missing head and ``--anchor`` a cut, rewritten or wiped tail.
"""

import pytest
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction

from audit.models import GENESIS_HASH, AuditChainHead, AuditEvent
from audit.services import audit_record, audit_verify
from tests.audit.tamper import drop_triggers, run_verify, sql

pytestmark = pytest.mark.django_db


def record_events(n: int) -> list[AuditEvent]:
    return [audit_record(action="netralitas.test.event", data={"i": i}) for i in range(n)]


def refused(statement: str, params=(), match: str = ""):
    with pytest.raises(DatabaseError, match=match), transaction.atomic():
        sql(statement, params)


def anchor_of(event: AuditEvent) -> str:
    return f"{event.seq}:{event.hash}"


# With the triggers: the database refuses.


def test_a_rewound_head_is_refused(db):
    events = record_events(5)
    refused(
        "UPDATE audit_auditchainhead SET last_seq = %s, last_hash = %s",
        [events[2].seq, events[2].hash],
        match="only moves forward",
    )
    refused("UPDATE audit_auditchainhead SET last_seq = 2", match="only moves forward")
    assert AuditChainHead.objects.get().last_seq == 5
    assert audit_verify() == (5, None)


def test_a_head_moved_to_an_event_that_does_not_exist_is_refused(db):
    events = record_events(3)
    refused("UPDATE audit_auditchainhead SET last_seq = 4, last_hash = %s", [events[-1].hash], match="name an event")
    refused("UPDATE audit_auditchainhead SET last_seq = 99, last_hash = %s", ["f" * 64], match="name an event")


@pytest.mark.parametrize("victim", [2, 5], ids=["middle", "tail"])
def test_deleting_an_event_is_refused_while_the_head_exists(db, victim):
    record_events(5)
    refused("DELETE FROM audit_auditevent WHERE seq = %s", [victim], match="append-only")
    refused("DELETE FROM audit_auditevent WHERE seq >= %s", [victim], match="append-only")
    assert audit_verify() == (5, None)


def test_a_head_cannot_be_created_over_existing_events(db):
    events = record_events(3)
    if connection.vendor == "postgresql":
        refused("DELETE FROM audit_auditchainhead", match="cannot be deleted")
    else:
        # SQLite's flush may empty the head first (see migration 0003); then no head may start again.
        sql("DELETE FROM audit_auditchainhead")
    for seq, digest in ((0, GENESIS_HASH), (2, events[1].hash), (3, events[2].hash)):
        statement = "INSERT INTO audit_auditchainhead (id, last_seq, last_hash) VALUES (1, %s, %s)"
        refused(statement, [seq, digest], match="empty trail")
    refused("INSERT INTO audit_auditchainhead (id, last_seq, last_hash) VALUES (2, 0, %s)", [GENESIS_HASH], "head")


def test_on_sqlite_a_cut_after_deleting_the_head_stops_the_trail_and_is_named(db):
    record_events(4)
    if connection.vendor == "postgresql":
        refused("DELETE FROM audit_auditchainhead", match="cannot be deleted")
        return
    sql("DELETE FROM audit_auditchainhead")
    sql("DELETE FROM audit_auditevent WHERE seq >= 3")
    assert run_verify()[2] == "BROKEN at the chain head: the chain head is missing while 2 rows exist\n"
    with pytest.raises(DatabaseError, match="empty trail"), transaction.atomic():
        audit_record(action="netralitas.test.after_the_cut")


@pytest.mark.parametrize("first", ["audit_auditchainhead", "audit_auditevent"])
def test_the_test_harness_can_still_wipe_both_tables_in_either_order(db, first):
    # pytest-django empties tables with Django's flush: TRUNCATE on PostgreSQL, DELETE FROM per table on SQLite
    # in the order of a set of names — so either table may come first.
    record_events(4)
    tables = [first, ({"audit_auditchainhead", "audit_auditevent"} - {first}).pop()]
    connection.ops.execute_sql_flush(connection.ops.sql_flush(no_style(), tables))
    assert not AuditEvent.objects.exists() and not AuditChainHead.objects.exists()
    assert audit_record(action="netralitas.test.after_the_wipe").seq == 1
    assert audit_verify() == (1, None)


# With the triggers dropped (the database owner): verify_audit and its anchor catch it.


def test_a_deleted_head_is_caught(db):
    record_events(3)
    drop_triggers()
    sql("DELETE FROM audit_auditchainhead")
    code, out, err = run_verify()
    assert (code, out) == (1, "")
    assert err == "BROKEN at the chain head: the chain head is missing while 3 rows exist\n"


def test_events_the_head_does_not_cover_are_caught(db):
    events = record_events(4)
    drop_triggers()
    sql("UPDATE audit_auditchainhead SET last_seq = %s, last_hash = %s", [events[1].seq, events[1].hash])
    assert run_verify()[2] == "BROKEN at #3: rows after the chain head #2 are not covered by it\n"


def test_a_head_pointing_past_the_last_event_is_caught(db):
    record_events(3)
    drop_triggers()
    sql("DELETE FROM audit_auditevent")
    assert run_verify()[2] == "BROKEN at #1: rows after #0 are missing (chain head is #3)\n"


def test_a_head_that_does_not_match_the_last_event_is_caught(db):
    record_events(2)
    drop_triggers()
    sql("UPDATE audit_auditchainhead SET last_hash = %s", ["e" * 64])
    assert run_verify()[2] == "BROKEN at the chain head: the chain head does not match row #2\n"


def test_a_cut_tail_with_a_rewound_head_passes_verify_but_not_the_anchor(db):
    events = record_events(5)
    code, out, _ = run_verify()
    assert code == 0 and out.splitlines()[-1] == f"head={anchor_of(events[-1])}"
    drop_triggers()
    sql("DELETE FROM audit_auditevent WHERE seq > 3")
    sql("UPDATE audit_auditchainhead SET last_seq = %s, last_hash = %s", [events[2].seq, events[2].hash])
    assert run_verify()[0] == 0  # the chain itself is consistent: only the anchor knows better
    code, _, err = run_verify("--anchor", out.splitlines()[-1])
    assert code == 1
    assert err.startswith("BROKEN at #5: anchored row #5 is no longer in the chain (it ends at #3)")


def test_a_rewritten_tail_fails_the_anchor(db):
    events = record_events(5)
    drop_triggers()
    sql("DELETE FROM audit_auditevent WHERE seq > 3")
    sql("UPDATE audit_auditchainhead SET last_seq = %s, last_hash = %s", [events[2].seq, events[2].hash])
    forged = [audit_record(action="netralitas.test.forged", data={"i": i}) for i in range(2)]
    assert forged[-1].seq == 5 and run_verify()[0] == 0
    code, _, err = run_verify("--anchor", anchor_of(events[-1]))
    assert code == 1
    assert err.startswith("BROKEN at #5: row #5 is not the anchored one")
    assert err.endswith("the chain was rewritten from there on\n")


def test_a_wiped_trail_fails_the_anchor(db):
    events = record_events(3)
    drop_triggers()
    sql("DELETE FROM audit_auditevent")
    sql("DELETE FROM audit_auditchainhead")
    assert run_verify() == (0, f"OK: 0 events, chain intact\nhead=0:{GENESIS_HASH}\n", "")
    code, _, err = run_verify("--anchor", anchor_of(events[1]))
    assert code == 1
    assert "anchored row #2 is no longer in the chain (it ends at #0)" in err


# The anchor itself.


def test_an_anchor_still_in_the_chain_passes(db):
    events = record_events(4)
    record_events(2)  # the chain grew since the anchor was copied
    code, out, err = run_verify("--anchor", f"head={anchor_of(events[-1])}")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "OK: 6 events, chain intact",
        "anchor #4 is still in the chain",
        f"head=6:{AuditChainHead.objects.get().last_hash}",
    ]


@pytest.mark.parametrize("anchor", ["", "5", "5:abc", "x:" + "a" * 64, "0:" + "a" * 64, "-1:" + "a" * 64])
def test_a_malformed_anchor_gets_a_clear_message(db, anchor):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--anchor"):
        run_verify("--anchor", anchor)
