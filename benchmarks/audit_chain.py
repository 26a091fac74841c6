#!/usr/bin/env python
"""Audit trail write and verify throughput, against plain inserts measured in the same run.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/audit_chain.py [--events 4000] [--writers 4]

Every audited change (a signed pact, a case step, a role change) appends one event under the chain
lock, so the lock bounds how many such changes the portal can take per second. In a throwaway
database of its own (``<name>_auditbench_<pid>``, dropped at the end, since audit rows cannot be
deleted) it measures, each event in a transaction of its own as in a request:
  1. chained, one writer: ``audit_record`` (head lock, hash of the row before);
  2. chained, N writers in threads, all waiting on the same lock;
  3. ``audit_verify`` over all rows written so far;
  4. baseline: the same events as plain inserts (no lock, no chaining), one writer and N writers.
The last line reads ``events_per_s=<n> baseline_events_per_s=<n> ratio=<r>
concurrent_events_per_s=<n> concurrent_baseline_events_per_s=<n> verify_rows_per_s=<n>``.
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netralitas.settings")

USER_AGENT = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=4000, help="events per phase (default 4000)")
    parser.add_argument("--writers", type=int, default=4, help="threads in the concurrent phases (default 4)")
    return parser.parse_args()


def throwaway_database(url: str) -> tuple[str, str]:
    """(URL of a new empty database next to the one in ``url``, its name); PostgreSQL only."""
    import psycopg2

    parts = urlsplit(url)
    if not parts.scheme.startswith(("postgres", "pgsql")):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    name = f"{parts.path.lstrip('/') or 'netralitas'}_auditbench_{os.getpid()}"
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    admin.close()
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_database(url: str, name: str) -> None:
    import psycopg2

    parts = urlsplit(url)
    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.close()


def event_fields(i: int) -> dict:
    """What signing a pact will record: small before/after, the request's IP and user agent."""
    return {
        "action": "netralitas.pledge.signed",
        "region_id": 1 + i % 17,
        "before": {"status": "unsigned"},
        "after": {"status": "signed", "signed_name": f"Pegawai {i}", "consent": True},
        "data": {"campaign": 3, "document_sha256": f"{i:064x}"},
    }


class FakeRequest:
    """Just what audit_record reads from a request."""

    class user:  # noqa: N801 - mimics request.user
        is_authenticated = False

    def __init__(self, i: int):
        self.META = {"REMOTE_ADDR": f"10.{i % 250}.{i // 250 % 250}.7", "HTTP_USER_AGENT": USER_AGENT}


def write_chained(start: int, count: int) -> None:
    from django.db import connection

    from audit.services import audit_record

    for i in range(start, start + count):
        audit_record(**event_fields(i), request=FakeRequest(i))
    connection.close()


def write_plain(start: int, count: int, seq_offset: int) -> None:
    """The same row, one transaction each, without the chain: no head lock, no hash of the row before."""
    from django.db import connection, transaction
    from django.utils import timezone

    from audit.models import AuditEvent

    for i in range(start, start + count):
        fields, request = event_fields(i), FakeRequest(i)
        with transaction.atomic():
            AuditEvent.objects.create(
                seq=seq_offset + i,
                at=timezone.now(),
                actor_label="sistem",
                ip=request.META["REMOTE_ADDR"],
                user_agent=request.META["HTTP_USER_AGENT"],
                prev_hash="",
                hash="",
                **fields,
            )
    connection.close()


def timed(writers: int, count: int, target, *args) -> float:
    """Seconds for ``writers`` threads to write ``count`` events between them."""
    share = count // writers
    threads = [threading.Thread(target=target, args=(n * share, share, *args)) for n in range(writers)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def main() -> None:
    args = parse_args()
    original = os.environ.get("DATABASE_URL", "")
    url, name = throwaway_database(original)
    os.environ["DATABASE_URL"] = url
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        from audit.models import AuditEvent
        from audit.services import audit_verify

        call_command("migrate", interactive=False, verbosity=0)
        connections.close_all()
        n, writers = args.events - args.events % args.writers, args.writers
        print(f"database: postgresql {name} (throwaway); {n} events per phase; {writers} concurrent writers")

        chained = timed(1, n, write_chained)
        chained_concurrent = timed(writers, n, lambda s, c: write_chained(n + s, c))
        start = time.perf_counter()
        checked, problem = audit_verify()
        verify = time.perf_counter() - start
        assert (checked, problem) == (2 * n, None), (checked, problem)
        plain = timed(1, n, write_plain, 10**12)
        plain_concurrent = timed(writers, n, write_plain, 2 * 10**12)
        assert AuditEvent.objects.count() == 4 * n
        connections.close_all()

        for label, seconds in (
            ("chained, 1 writer", chained),
            (f"chained, {writers} writers", chained_concurrent),
            ("plain insert (baseline), 1 writer", plain),
            (f"plain insert (baseline), {writers} writers", plain_concurrent),
        ):
            print(f"{label}: {seconds:.2f} s ({n / seconds:,.0f} events/s, {1000 * seconds / n:.2f} ms each)")
        print(f"verify_audit: {2 * n} rows in {verify:.2f} s ({2 * n / verify:,.0f} rows/s)")
    finally:
        from django.db import connections

        connections.close_all()
        drop_database(original, name)
    rate, base = n / chained, n / plain
    print(
        f"events_per_s={rate:.0f} baseline_events_per_s={base:.0f} ratio={rate / base:.2f} "
        f"concurrent_events_per_s={n / chained_concurrent:.0f} "
        f"concurrent_baseline_events_per_s={n / plain_concurrent:.0f} verify_rows_per_s={2 * n / verify:.0f}"
    )


if __name__ == "__main__":
    main()
