"""Finding 11: on SQLite two audited writes at once failed with "database is locked".

The suite runs on PostgreSQL in CI, so this test starts its own process on a fresh SQLite file with the
project's real settings (netralitas/settings.py, not the test settings): it runs the same everywhere.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).with_name("sqlite_writers.py")


def test_two_threads_append_audit_events_to_one_sqlite_file(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in {"REDIS_URL", "DATABASE_URL"}}
    env |= {
        "DJANGO_SETTINGS_MODULE": "netralitas.settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'concurrent.sqlite3'}",
        "NETRALITAS_VAR_DIR": str(tmp_path),
    }
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "50"], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["vendor"] == "sqlite"
    assert result["errors"][:3] == []  # was: OperationalError: database is locked
    assert result["options"]["transaction_mode"] == "IMMEDIATE"
    assert (result["checked"], result["problem"]) == (100, None)
