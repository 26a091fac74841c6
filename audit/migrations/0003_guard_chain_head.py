"""Guard the chain head in the database, and give SQLite the guards PostgreSQL has.

The head (``audit_auditchainhead``, one row, id 1) may only be created for an empty trail and only move
forward, to an event that exists with that seq and hash: a rewound head no longer hides a cut tail.

Wiping a test database must still work. pytest-django empties tables between transactional tests: on
PostgreSQL with TRUNCATE, which row triggers do not see, so there the head can never be deleted and events
never be changed or deleted (0002). On SQLite Django's flush runs ``DELETE FROM`` per table in no fixed
order (a set of table names), so there:
  * the head may be deleted (a flush that starts with it must go through);
  * an event may be deleted while the head exists only from the front of the chain (a ``DELETE FROM``
    visits rows in rowid = seq order, so a flush that starts with the events goes through); a cut in the
    middle or at the tail is refused, and a cut front is named by ``verify_audit``;
  * without a head every event may be deleted, but no head can be created again while events remain, so
    such a cut stops the audit trail loudly and ``verify_audit`` reports the missing head.
A database owner can drop these triggers; ``verify_audit --anchor`` catches what they would then hide.
Beware on SQLite: a migration that alters an audit table makes a new table and drops these triggers with the
old one; it must create them again.
"""

from django.db import migrations

GENESIS = "0" * 64

POSTGRESQL_FORBID = f"""
CREATE OR REPLACE FUNCTION audit_chainhead_guard() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the audit chain head cannot be deleted';
    END IF;
    IF NEW.id <> 1 THEN
        RAISE EXCEPTION 'the audit chain has one head, id 1';
    END IF;
    IF TG_OP = 'INSERT' THEN
        IF NEW.last_seq <> 0 OR NEW.last_hash <> '{GENESIS}' OR EXISTS (SELECT 1 FROM audit_auditevent) THEN
            RAISE EXCEPTION 'a new audit chain head may only start an empty trail';
        END IF;
        RETURN NEW;
    END IF;
    IF NEW.id = OLD.id AND NEW.last_seq = OLD.last_seq AND NEW.last_hash = OLD.last_hash THEN
        RETURN NEW;
    END IF;
    IF NEW.id <> OLD.id OR NEW.last_seq <= OLD.last_seq THEN
        RAISE EXCEPTION 'the audit chain head only moves forward';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM audit_auditevent WHERE seq = NEW.last_seq AND hash = NEW.last_hash) THEN
        RAISE EXCEPTION 'the audit chain head must name an event by its seq and hash';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_chainhead_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_auditchainhead
    FOR EACH ROW EXECUTE FUNCTION audit_chainhead_guard();
"""
POSTGRESQL_ALLOW = """
DROP TRIGGER IF EXISTS audit_chainhead_guard ON audit_auditchainhead;
DROP FUNCTION IF EXISTS audit_chainhead_guard();
"""

# SQLite runs one statement per execute(); RAISE(ABORT) undoes the statement and reports the message.
SQLITE_FORBID = [
    """CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    """CREATE TRIGGER audit_auditevent_no_cut BEFORE DELETE ON audit_auditevent
    WHEN EXISTS (SELECT 1 FROM audit_auditchainhead) AND OLD.seq > (SELECT MIN(seq) FROM audit_auditevent)
    BEGIN SELECT RAISE(ABORT, 'audit events are append-only'); END""",
    f"""CREATE TRIGGER audit_chainhead_no_insert BEFORE INSERT ON audit_auditchainhead
    WHEN NEW.id <> 1 OR NEW.last_seq <> 0 OR NEW.last_hash <> '{GENESIS}' OR EXISTS (SELECT 1 FROM audit_auditevent)
    BEGIN SELECT RAISE(ABORT, 'a new audit chain head may only start an empty trail'); END""",
    """CREATE TRIGGER audit_chainhead_no_rewind BEFORE UPDATE ON audit_auditchainhead
    WHEN NEW.id <> OLD.id OR NEW.last_seq < OLD.last_seq
        OR (NEW.last_seq = OLD.last_seq AND NEW.last_hash <> OLD.last_hash)
    BEGIN SELECT RAISE(ABORT, 'the audit chain head only moves forward'); END""",
    """CREATE TRIGGER audit_chainhead_no_dangling BEFORE UPDATE ON audit_auditchainhead
    WHEN NEW.last_seq > OLD.last_seq
        AND NOT EXISTS (SELECT 1 FROM audit_auditevent WHERE seq = NEW.last_seq AND hash = NEW.last_hash)
    BEGIN SELECT RAISE(ABORT, 'the audit chain head must name an event by its seq and hash'); END""",
]
SQLITE_TRIGGERS = [
    "audit_auditevent_no_update",
    "audit_auditevent_no_cut",
    "audit_chainhead_no_insert",
    "audit_chainhead_no_rewind",
    "audit_chainhead_no_dangling",
]


def forward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_FORBID)
    elif vendor == "sqlite":
        for sql in SQLITE_FORBID:
            schema_editor.execute(sql)


def backward(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRESQL_ALLOW)
    elif vendor == "sqlite":
        for name in SQLITE_TRIGGERS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_trigger")]
    operations = [migrations.RunPython(forward, backward)]
