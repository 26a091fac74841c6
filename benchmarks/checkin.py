#!/usr/bin/env python
"""Apel check-in throughput over HTTP (gunicorn + PostgreSQL), against a minimal audited write in the same run.

    DATABASE_URL=postgres://… .venv/bin/python benchmarks/checkin.py [--participants 2000] [--clients 50]
                                                                      [--workers 4] [--smoke]

In a throwaway database of its own (``<name>_checkinbench_<pid>``, dropped at the end: audit rows cannot be
deleted) it seeds one kabupaten whose N ASN each have an account, schedules an apel for all of them starting
in ten minutes (its check-in window open), and serves the portal with gunicorn on loopback — production
settings, plus one extra URL (benchmarks/checkin_urls.py, loaded by benchmarks/checkin_settings.py; the
product's URLs do not have it). Then, with C concurrent clients (threads, one keep-alive connection each):

  0. every participant logs in through the login form (set-up, not measured);
  1. baseline: every participant POSTs once to the minimal view that inserts one row and records one audit
     event — the floor any audited write has;
  2. the phone's check-in, one line each: open the link in the presenter's QR (a fresh signed token: the GET
     judges it and parks it in the session), the confirm page, the check-in POST — the endpoint that records
     attendance (the row's conditional update and one audit event, then a redirect) — and the result page;
  3. duplicates: every participant confirms again, a tenth of them twice at the same instant (a double tap);
     nothing may be recorded a second time.

Steps 1 and 2 take turns over four slices of the participants (``--slices``), so that a shared machine's load
drifting during the run weighs on both alike.

Same workers, clients and logins for both measured phases. The last line reads
``checkins_per_s=<n> baseline_rps=<n> ratio=<r> p95_ms=<n> duplicates=<n>`` (ratio = check-in ÷ baseline;
target ≥ 0.5, p95 ≤ 1,000 ms, duplicates 0).
"""

import argparse
import http.client
import os
import queue
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


PASSWORD = "bench-pass-2026"  # noqa: S105 — the throwaway accounts' password
USER_AGENT = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 Chrome/131.0 Mobile Safari/537.36"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=50, help="concurrent HTTP clients (default 50)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument("--slices", type=int, default=4, help="rounds the phases take turns over (default 4)")
    parser.add_argument("--smoke", action="store_true", help="a quick run for CI: 100 participants, 10 clients")
    args = parser.parse_args()
    if args.smoke:
        args.participants, args.clients, args.workers = 100, 10, 2
    return args


def throwaway_database(url: str, label: str = "checkinbench") -> tuple[str, str]:
    """(URL of a new empty database next to the one in ``url``, named ``<name>_<label>_<pid>``, its name);
    PostgreSQL only. The other benchmarks that drop their database at the end use it with their own label."""

    parts = urlsplit(url)
    if not parts.scheme.startswith(("postgres", "pgsql")):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL=postgres://…")
    name = f"{parts.path.lstrip('/') or 'netralitas'}_{label}_{os.getpid()}"
    _admin(parts, f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_database(url: str, name: str) -> None:
    _admin(urlsplit(url), f'DROP DATABASE IF EXISTS "{name}"')


def _admin(parts, statement: str) -> None:
    import psycopg2

    admin = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username, password=parts.password, dbname="postgres"
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute(statement)
    admin.close()


# --- a tiny HTTP client with cookies (the standard library's; no extra dependency) -----------------------------


class Session:
    """One participant's browser: cookies, and the CSRF token Django keeps in its cookie."""

    def __init__(self, username: str):
        self.username = username
        self.cookies: dict[str, str] = {}

    def cookie_header(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def remember(self, response) -> None:
        for header in response.msg.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(header)
            for name, morsel in jar.items():
                self.cookies[name] = morsel.value

    @property
    def csrf(self) -> str:
        return self.cookies.get("csrftoken", "")


class Client:
    """One client thread's connection to gunicorn (reopened whenever the server closes it)."""

    def __init__(self, port: int):
        self.port = port
        self.connection = None

    def request(self, session: Session, method: str, path: str, form: dict | None = None):
        headers = {"User-Agent": USER_AGENT, "Cookie": session.cookie_header(), "Host": f"127.0.0.1:{self.port}"}
        body = None
        if method == "POST":
            headers["X-CSRFToken"] = session.csrf
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(form or {})
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                data = response.read()
            except (http.client.HTTPException, ConnectionError, OSError):
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
                continue
            session.remember(response)
            if response.getheader("Connection", "").lower() == "close":
                self.connection.close()
                self.connection = None
            return response.status, response.getheader("Location", ""), data
        raise RuntimeError("unreachable")


def run_phase(port: int, clients: int, jobs: list, work) -> tuple[float, list[float]]:
    """Run ``work(client, job) -> None`` over the jobs with ``clients`` threads; (seconds, latencies in ms)."""
    todo: queue.Queue = queue.Queue()
    for job in jobs:
        todo.put(job)
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker():
        client = Client(port)
        while True:
            try:
                job = todo.get_nowait()
            except queue.Empty:
                return
            start = time.perf_counter()
            try:
                work(client, job)
            except Exception as exc:  # noqa: BLE001 — reported together below
                with lock:
                    errors.append(repr(exc))
            with lock:
                latencies.append(1000 * (time.perf_counter() - start))

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    if errors:
        sys.exit(f"{len(errors)} request(s) failed, e.g. {errors[:3]}")
    return elapsed, latencies


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[94] if len(values) >= 2 else (values[0] if values else 0.0)


# --- set-up ---------------------------------------------------------------------------------------------------


def seed(participants: int):
    """A kabupaten with one unit and N ASN with accounts, and an apel for all of them in ten minutes."""
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from people.models import Employee, Region, User, WorkUnit
    from pledges.models import Election
    from pledges.services.apel import ceremony_schedule

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_baseline_row (id bigserial PRIMARY KEY, user_id bigint NOT NULL, at timestamptz)"
        )
    region = Region.objects.create(code="bench", kind="kabupaten", name="Kabupaten Uji Beban", head_title="Bupati Uji")
    unit = WorkUnit.objects.create(region=region, code="SETDA", name="Sekretariat Daerah")
    password = make_password(PASSWORD)
    users = User.objects.bulk_create([User(username=f"asn{i:05d}", password=password) for i in range(participants)])
    Employee.objects.bulk_create(
        [
            Employee(
                region=region, work_unit=unit, user=user, name=f"Pegawai Uji {i}", employment_type="PNS",
                nip=f"19700101{2000 + i // 12000:04d}{i // 1000 % 12 + 1:02d}1{i % 1000:03d}",
                email="",  # no invitations to render: the benchmark is about check-in
            )
            for i, user in enumerate(users)
        ],
        batch_size=2000,
    )  # fmt: skip
    officer = User.objects.create(username="bkd.bench", password=password)
    ceremony = ceremony_schedule(
        region=region,
        election=Election.objects.get(slug="pilkada-2024"),
        title="Apel Uji Beban",
        starts_at=timezone.now() + dt.timedelta(minutes=10),
        place="Lapangan",
        officiant_name="",
        officiant_title="Bupati Uji",
        ikrar_text="Kami berikrar.",
        by=officer,
    )
    return ceremony, [u.username for u in users]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(env: dict, port: int, workers: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn), "netralitas.wsgi:application", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
        "--worker-class", "sync", "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    proc = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _loc, _body = Client(port).request(Session("probe"), "GET", "/akun/masuk/")
            if status == 200:
                return proc
        except OSError:
            pass
        if proc.poll() is not None:
            sys.exit("gunicorn exited at start")
        time.sleep(0.3)
    stop(proc)
    sys.exit("gunicorn did not answer within 60 s")


def stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)


# --- the phases ------------------------------------------------------------------------------------------------


def log_in(client: Client, session: Session) -> None:
    client.request(session, "GET", "/akun/masuk/")
    status, location, _ = client.request(
        session,
        "POST",
        "/akun/masuk/",
        {"username": session.username, "password": PASSWORD, "csrfmiddlewaretoken": session.csrf},
    )
    if status != 302 or "sessionid" not in session.cookies:
        raise RuntimeError(f"login of {session.username} failed ({status} {location})")


def baseline(client: Client, session: Session) -> None:
    status, _loc, body = client.request(session, "POST", "/bench/baseline/")
    if status != 200 or body != b"ok":
        raise RuntimeError(f"baseline answered {status}")


def open_link(ceremony_id: int):
    from pledges.services.apel_checkin import checkin_token

    def work(client: Client, session: Session) -> None:
        status, location, _ = client.request(session, "GET", f"/apel/hadir/{checkin_token(ceremony_id=ceremony_id)}/")
        if status != 302 or not location.endswith("/apel/hadir/"):
            raise RuntimeError(f"opening the link answered {status} {location}")

    return work


def confirm(client: Client, session: Session) -> None:
    status, location, body = client.request(session, "POST", "/apel/hadir/")
    if status != 302 or "/apel/hadir/selesai/?apel=" not in location:
        text = re.sub(r"\s+", " ", body.decode(errors="replace"))
        raise RuntimeError(f"check-in answered {status}: {text[:300]}")


def page(path: str, marker: bytes):
    def work(client: Client, session: Session) -> None:
        status, _loc, body = client.request(session, "GET", path)
        if status != 200 or marker not in body:
            raise RuntimeError(f"{path} answered {status}")

    return work


def confirm_again(client: Client, session: Session) -> None:
    """A repeat (a second confirm, or both taps of a double tap at once): a redirect to the result, and never a
    second record (counted from the audit trail)."""
    status, location, _body = client.request(session, "POST", "/apel/hadir/")
    if status != 302 or "/apel/hadir/selesai/" not in location:
        raise RuntimeError(f"repeated check-in answered {status}")


def main() -> None:
    args = parse_args()
    original = os.environ.get("DATABASE_URL", "")
    url, name = throwaway_database(original)
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_") and k != "REDIS_URL"}
    env.update(
        DATABASE_URL=url,
        DJANGO_SETTINGS_MODULE="benchmarks.checkin_settings",
        NETRALITAS_ENV_FILE="",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",  # no line per login (django-axes) in the figures
        NETRALITAS_VAR_DIR=str(ROOT / "var" / f"checkinbench-{os.getpid()}"),
    )
    os.environ.clear()
    os.environ.update(env)
    proc = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections

        from audit.models import AuditEvent
        from pledges.models import Attendance

        call_command("migrate", interactive=False, verbosity=0)
        ceremony, usernames = seed(args.participants)
        connections.close_all()
        n, port = len(usernames), free_port()
        print(
            f"database: postgresql {name} (throwaway); {n} participants; {args.clients} clients; "
            f"gunicorn {args.workers} sync workers on 127.0.0.1:{port}"
        )
        proc = start_gunicorn(env, port, args.workers)
        sessions = [Session(u) for u in usernames]

        login_s, _ = run_phase(port, args.clients, sessions, log_in)
        print(f"login (set-up): {n} in {login_s:.1f} s")
        run_phase(port, args.clients, sessions[: args.clients * 2], lambda c, s: c.request(s, "GET", "/apel/saya/"))

        # The phases take turns over slices of the participants, so that a shared machine's load drifting during
        # the run weighs on the baseline and on the check-in alike.
        phases = {"base": baseline, "open": open_link(ceremony.pk), "page": page("/apel/hadir/", b"confirm-present")}
        done_page = page(f"/apel/hadir/selesai/?apel={ceremony.pk}&baru=1", b"checkin-done")
        phases |= {"check": confirm, "done": done_page}
        seconds = dict.fromkeys(phases, 0.0)
        latencies: dict[str, list[float]] = {key: [] for key in phases}
        for part in (sessions[i :: args.slices] for i in range(args.slices)):
            for key, work in phases.items():
                elapsed, ms = run_phase(port, args.clients, part, work)
                seconds[key] += elapsed
                latencies[key] += ms
        base_s = seconds["base"]
        check_s, check_ms = seconds["check"], latencies["check"]
        present = Attendance.objects.filter(ceremony=ceremony, status=Attendance.Status.PRESENT).count()
        events = AuditEvent.objects.filter(action="netralitas.apel.checked_in").count()

        # Everyone confirms again; a tenth tap twice at once (two clients, one browser).
        taps = sessions + sessions[: max(1, n // 10)]
        taps.sort(key=lambda s: s.username)
        run_phase(port, args.clients, taps, confirm_again)
        events_after = AuditEvent.objects.filter(action="netralitas.apel.checked_in").count()
        duplicates = (events - present) + (events_after - events)
        if present != n:
            sys.exit(f"{n - present} participant(s) were not recorded present")
        connections.close_all()

        labels = {
            "base": "baseline POST (insert one row + one audit event)",
            "open": "phone 1: open the QR link (judge the token, park it)",
            "page": "phone 2: the confirm page",
            "check": "phone 3: check-in POST (conditional update + audit event)",
            "done": "phone 4: the result page",
        }
        for key, label in labels.items():
            ms = latencies[key]
            print(
                f"{label}: {n} in {seconds[key]:.2f} s = {n / seconds[key]:,.0f}/s; "
                f"median {statistics.median(ms):.0f} ms, p95 {p95(ms):.0f} ms"
            )
        flow = sum(seconds[key] for key in ("open", "page", "check", "done"))
        print(f"whole phone flow (4 requests): {n / flow:,.0f} check-ins/s ({n * 4 / flow:,.0f} requests/s)")
        print(f"recorded present: {present}; audit events: {events} then {events_after} after {len(taps)} repeats")
    finally:
        if proc is not None:
            stop(proc)
        from django.db import connections

        connections.close_all()
        drop_database(original, name)
        shutil.rmtree(env["NETRALITAS_VAR_DIR"], ignore_errors=True)
    rate, base = n / check_s, n / base_s
    print(
        f"checkins_per_s={rate:.0f} baseline_rps={base:.0f} ratio={rate / base:.2f} "
        f"p95_ms={p95(check_ms):.0f} duplicates={duplicates}"
    )


if __name__ == "__main__":
    main()
