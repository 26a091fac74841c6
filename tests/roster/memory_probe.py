"""Run one roster path on one file in a fresh process and report how long it took and its peak memory.

    python -m tests.roster.memory_probe read|command|page FILE [REGION_CODE USERNAME]

test_limits.py starts it as a subprocess so that the whole process is measured (its peak resident size)
and a regression fails the test instead of taking the test run down with it. An address-space
limit stops a runaway reader at SAFETY_NET_BYTES above the start, long before the machine runs out.
Prints one JSON line: {"seconds": …, "peak_mb": …, "outcome": {…}}.
"""

import io
import json
import os
import resource
import sys
import time
from pathlib import Path

SAFETY_NET_BYTES = 2 * 1024**3


def _read(path: Path, **_ignored) -> dict:
    from people.services import roster_parse

    try:
        table = roster_parse.read_roster(path.read_bytes(), path.name)
    except roster_parse.RosterFileError as exc:
        return {"error": exc.message}
    return {"rows": len(table.rows)}


def _command(path: Path, region: str, **_ignored) -> dict:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_roster", "--region", region, str(path), "--dry-run", stdout=out, stderr=err)
    except CommandError as exc:
        return {"error": f"{err.getvalue()}{exc}", "out": out.getvalue()}
    return {"out": out.getvalue()}


def _page(path: Path, username: str, **_ignored) -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import resolve, reverse

    from people.models import RosterImport, User

    client = Client()
    client.force_login(User.objects.get(username=username))
    response = client.post(reverse("roster_import"), {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    if response.status_code != 302:
        return {"status_code": response.status_code}
    upload = RosterImport.objects.get(pk=resolve(response["Location"]).kwargs["import_id"])
    return {
        "status": upload.status,
        "error": " ".join(e["message"] for e in upload.errors) or upload.failure,
        "rows": upload.total_rows,
    }


def _status(field: str) -> int:
    """A figure of /proc/self/status, in bytes."""
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) * 1024 for line in status if line.startswith(f"{field}:"))


def main(mode: str, path: str, region: str = "", username: str = "") -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netralitas.settings_test")
    import django

    django.setup()
    from django.test.utils import setup_test_environment
    from django.utils import translation

    setup_test_environment()  # the test client's host, like in a test
    translation.activate("id")
    run = {"read": _read, "command": _command, "page": _page}[mode]
    limit = _status("VmSize") + SAFETY_NET_BYTES
    resource.setrlimit(resource.RLIMIT_AS, (limit, resource.getrlimit(resource.RLIMIT_AS)[1]))
    start = time.monotonic()
    outcome = run(Path(path), region=region, username=username)
    seconds = time.monotonic() - start
    # The peak resident size of this process. getrusage's ru_maxrss is the same figure, except that Linux
    # carries over the parent's (pytest's) peak across fork and exec; VmHWM starts again at exec.
    peak_mb = _status("VmHWM") / 1024 / 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_mb": round(peak_mb), "outcome": outcome}))


if __name__ == "__main__":
    main(*sys.argv[1:])
