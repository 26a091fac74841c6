"""Tampering with the audit tables as a database owner could: raw SQL, and triggers dropped first."""

import io

from django.core.management import call_command
from django.db import connection

TRIGGERS = {
    "postgresql": [
        ("audit_auditevent_no_update", "audit_auditevent"),
        ("audit_chainhead_guard", "audit_auditchainhead"),
    ],
    "sqlite": [
        ("audit_auditevent_no_update", None),
        ("audit_auditevent_no_cut", None),
        ("audit_chainhead_no_insert", None),
        ("audit_chainhead_no_rewind", None),
        ("audit_chainhead_no_dangling", None),
    ],
}


def sql(statement: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def drop_triggers() -> None:
    """What the owner of the database can always do. Inside the test's transaction: rolled back after it."""
    assert connection.in_atomic_block, "drop triggers only inside a test transaction, which restores them"
    for name, table in TRIGGERS[connection.vendor]:
        sql(f"DROP TRIGGER {name} ON {table}" if table else f"DROP TRIGGER {name}")


def raw(statement: str, params=()):
    """Run ``statement`` with the guards out of the way."""
    drop_triggers()
    sql(statement, params)


def run_verify(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("verify_audit", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()
