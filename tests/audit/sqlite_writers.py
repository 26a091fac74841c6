"""Run as a script: migrate a fresh SQLite file with the project's own settings, then let two threads append
audit events at the same time. Prints one JSON line: the errors the writers met and what verify found.

    DATABASE_URL=sqlite:////tmp/x.sqlite3 python tests/audit/sqlite_writers.py [events per writer]
"""

import json
import os
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netralitas.settings")


def main(per_writer: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, connections

    from audit.services import audit_record, audit_verify

    call_command("migrate", interactive=False, verbosity=0)
    connections.close_all()
    errors: list[str] = []
    start = threading.Barrier(2)

    def writer(n: int) -> None:
        start.wait()
        for i in range(per_writer):
            try:
                audit_record(action="netralitas.test.concurrent", data={"writer": n, "i": i})
            except Exception as exc:  # noqa: BLE001 - reported to the test
                errors.append(f"{type(exc).__name__}: {exc}")
        connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    checked, problem = audit_verify()
    print(
        json.dumps(
            {
                "vendor": connection.vendor,
                "options": connection.settings_dict["OPTIONS"],
                "errors": errors,
                "checked": checked,
                "problem": problem.reason if problem else None,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
