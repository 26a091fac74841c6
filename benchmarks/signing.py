#!/usr/bin/env python
"""Pakta signing throughput over HTTP (gunicorn + PostgreSQL) and signed-PDF throughput (one Celery worker),
each against a baseline measured in the same run and set-up.

    DATABASE_URL=postgres://… REDIS_URL=redis://… .venv/bin/python benchmarks/signing.py [--asn 8000]
                                                    [--clients 50] [--workers 4] [--smoke]

In a throwaway database of its own (``<name>_signbench_<pid>``, dropped at the end: audit rows cannot be
deleted) it seeds one kabupaten of N ASN (each with an account), the default pakta, a running campaign of all of
them and one personal signing link each (as the invitation mail would carry; stored only as hashes), and serves
the portal with gunicorn on loopback — production settings plus the baseline URL of benchmarks/checkin_urls.py;
the tasks go to a Redis queue of this run's own. Then, with C concurrent clients (threads, one keep-alive
connection each):

  0. set-up, not measured: every ASN logs in (for the baseline) and opens their link (the GET parks it in the
     session and redirects to the token-free signing page);
  1. baseline: every ASN POSTs once to the minimal view that inserts one row and records one audit event — the
     floor any audited write has;
  2. signing: every ASN POSTs the signing form (typed name, a drawn signature of ~3 KB, consent) — the endpoint
     checks the name and the drawing, personalises and hashes the text, inserts the signature, updates the
     invitation, records the audit event and queues the PDF after the commit;
     1 and 2 take turns over slices of the ASN (``--slices``) so a shared machine's drift weighs on both alike;
  3. duplicates: a tenth of the ASN submit again, some twice at the same instant: nothing may be stored twice;
  4. PDFs: one Celery worker process (``--pool solo``, concurrency 1) drains the queued PDF tasks (render,
     PAdES-sign, store, audit); timed from its first to its last issued document;
  5. PDF baseline: a bare WeasyPrint render, in this process, of the same pakta's HTML already rendered to a
     string (warm, as the worker is).

The last line reads ``signatures_per_s=… baseline_rps=… ratio=… p95_ms=… pdfs_per_s=… pdf_baseline_per_s=…
pdf_ratio=… total_s=… duplicates=…`` (ratio = signing ÷ baseline, target ≥ 0.5; p95 of the signing POST ≤ 1,000
ms; pdf_ratio = worker ÷ bare render, target ≥ 0.5; total_s = signing phase + PDF drain, target for 8,000 under 900
s on the 2-core machine; duplicates 0).
"""

import argparse
import base64
import io
import os
import secrets
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.checkin import (  # noqa: E402
    PASSWORD,
    Client,
    Session,
    drop_database,
    free_port,
    log_in,
    p95,
    run_phase,
    start_gunicorn,
    stop,
    throwaway_database,
)


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--asn", type=int, default=8000)
    parser.add_argument("--clients", type=int, default=50, help="concurrent HTTP clients (default 50)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes (default 4)")
    parser.add_argument("--slices", type=int, default=4, help="rounds the two phases take turns over (default 4)")
    parser.add_argument("--pdf-baseline", type=int, default=100, help="bare renders for the PDF baseline")
    parser.add_argument("--smoke", action="store_true", help="a quick run for CI: 100 ASN, 10 clients")
    args = parser.parse_args()
    if args.smoke:
        args.asn, args.clients, args.workers, args.pdf_baseline = 100, 10, 2, 20
    return args


def drawing() -> str:
    """A drawn signature as the canvas sends it (a PNG data URL of a few KB)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (660, 360), (0, 0, 0, 0))
    points = [(40 + 12 * i, 180 + (70 if i % 2 else -60) + (i % 5) * 6) for i in range(48)]
    ImageDraw.Draw(image).line(points, fill=(11, 37, 69, 255), width=5, joint="curve")
    out = io.BytesIO()
    image.save(out, format="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


def seed(count: int):
    """A kabupaten with one unit and N ASN with accounts, the default pakta, a running campaign and a link each."""
    import datetime as dt

    from django.contrib.auth.hashers import make_password
    from django.db import connection
    from django.utils import timezone

    from people.models import Employee, Region, User, WorkUnit
    from pledges.models import Election, Invitation, SigningToken
    from pledges.services.pakta import campaign_create, campaign_launch, template_default, token_hash

    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE bench_baseline_row (id bigserial PRIMARY KEY, user_id bigint NOT NULL, at timestamptz)"
        )
    region = Region.objects.create(code="bench", kind="kabupaten", name="Kabupaten Uji Beban", head_title="Bupati Uji")
    unit = WorkUnit.objects.create(region=region, code="SETDA", name="Sekretariat Daerah")
    password = make_password(PASSWORD)
    users = User.objects.bulk_create([User(username=f"asn{i:05d}", password=password) for i in range(count)])
    Employee.objects.bulk_create(
        [
            Employee(
                region=region, work_unit=unit, user=user, name=f"Pegawai Uji {i}", employment_type="PNS",
                nip=f"19700101{2000 + i // 12000:04d}{i // 1000 % 12 + 1:02d}1{i % 1000:03d}", position="Analis",
                email="",  # no invitation mail to render: the links are made here, as the mail would make them
            )
            for i, user in enumerate(users)
        ],
        batch_size=2000,
    )  # fmt: skip
    officer = User.objects.create(username="bkd.bench", password=password)
    now = timezone.now()
    campaign = campaign_create(
        region=region,
        by=officer,
        election=Election.objects.get(slug="pilkada-2024"),
        template=template_default(region=region, by=officer),
        title="Pakta Uji Beban",
        opens_at=now - dt.timedelta(hours=1),
        deadline=now + dt.timedelta(days=7),
    )
    campaign_launch(campaign=campaign, by=officer, invite=False)
    by_user = dict(Invitation.objects.filter(campaign=campaign).values_list("employee__user__username", "pk"))
    tokens = {username: secrets.token_urlsafe(32) for username in by_user}
    SigningToken.objects.bulk_create(
        [SigningToken(invitation_id=by_user[u], token_hash=token_hash(t), via="email") for u, t in tokens.items()],
        batch_size=2000,
    )
    names = dict(Employee.objects.filter(region=region).values_list("user__username", "name"))
    return campaign, [(u, tokens[u], names[u]) for u in sorted(tokens)]


class Signer(Session):
    def __init__(self, username: str, token: str, name: str):
        super().__init__(username)
        self.token, self.name = token, name


def open_link(client: Client, signer: Signer) -> None:
    status, location, _ = client.request(signer, "GET", f"/pakta/buka/{signer.token}/")
    if status != 302 or not location.endswith("/pakta/tandatangani/"):
        raise RuntimeError(f"opening the link answered {status} {location}")


def baseline(client: Client, signer: Signer) -> None:
    status, _loc, body = client.request(signer, "POST", "/bench/baseline/")
    if status != 200 or body != b"ok":
        raise RuntimeError(f"baseline answered {status}")


def sign(image: str):
    def work(client: Client, signer: Signer) -> None:
        form = {"typed_name": signer.name, "signature": image, "consent": "on", "csrfmiddlewaretoken": signer.csrf}
        status, location, body = client.request(signer, "POST", "/pakta/tandatangani/", form)
        if status != 302 or "/pakta/selesai/" not in location:
            raise RuntimeError(f"signing answered {status}: {body[:300]!r}")

    return work


def sign_again(image: str):
    def work(client: Client, signer: Signer) -> None:
        form = {"typed_name": signer.name, "signature": image, "consent": "on", "csrfmiddlewaretoken": signer.csrf}
        status, _location, _body = client.request(signer, "POST", "/pakta/tandatangani/", form)
        if status not in (400, 404, 410):
            raise RuntimeError(f"a repeated signature answered {status}")

    return work


def start_worker(env: dict, queue: str, log: Path) -> subprocess.Popen:
    celery = Path(sys.executable).with_name("celery")
    command = [
        str(celery), "-A", "netralitas", "worker", "--pool", "solo", "--concurrency", "1", "-Q", queue,
        "--without-mingle", "--without-gossip", "--loglevel", "WARNING",
    ]  # fmt: skip
    return subprocess.Popen(
        command, cwd=ROOT, env=env, start_new_session=True, stdout=log.open("w"), stderr=subprocess.STDOUT
    )


def bare_render_rate(signature, renders: int) -> float:
    """Bare WeasyPrint renders per second of the same pakta's HTML, already rendered to a string (warm)."""
    import weasyprint

    from documents.pdf import render_html
    from documents.services import DocumentInfo, verification_url
    from pledges.services.pakta_documents import signature_build

    built = signature_build(signature)
    info = DocumentInfo(code="B" * 32, version=1, issued_at=signature.signed_at)
    html = render_html(
        built.template, {"title": built.title, **built.context, "document": info}, region=built.region,
        verification_url=verification_url(info.code),
    )  # fmt: skip
    weasyprint.HTML(string=html).write_pdf()  # warm-up, as the worker is warm
    start = time.perf_counter()
    for _ in range(renders):
        weasyprint.HTML(string=html).write_pdf()
    return renders / (time.perf_counter() - start)


def main() -> None:
    args = parse_args()
    original = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        sys.exit("This benchmark needs Redis for the PDF tasks: set REDIS_URL=redis://…")
    url, name = throwaway_database(original, "signbench")
    queue = f"signbench-{os.getpid()}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CELERY_")}
    env.update(
        DATABASE_URL=url,
        REDIS_URL=redis_url,
        BENCH_QUEUE=queue,
        DJANGO_SETTINGS_MODULE="benchmarks.signing_settings",
        NETRALITAS_ENV_FILE="",
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        LOG_LEVEL="WARNING",
        NETRALITAS_VAR_DIR=str(ROOT / "var" / f"signbench-{os.getpid()}"),
    )
    os.environ.clear()
    os.environ.update(env)
    proc = worker = None
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connections
        from django.db.models import Count, Max, Min

        from documents.models import IssuedDocument
        from pledges.models import Signature

        call_command("migrate", interactive=False, verbosity=0)
        campaign, people = seed(args.asn)
        connections.close_all()
        n, port = len(people), free_port()
        print(
            f"database: postgresql {name} (throwaway); {n} ASN; {args.clients} clients; "
            f"gunicorn {args.workers} sync workers on 127.0.0.1:{port}; PDF tasks on Redis queue {queue}"
        )
        proc = start_gunicorn(env, port, args.workers)
        signers = [Signer(*person) for person in people]
        setup_s, _ = run_phase(port, args.clients, signers, lambda c, s: (log_in(c, s), open_link(c, s)))
        print(f"log in + open the link (set-up): {n} in {setup_s:.1f} s")

        image = drawing()
        phases = {"base": baseline, "sign": sign(image)}
        seconds = dict.fromkeys(phases, 0.0)
        latencies: dict[str, list[float]] = {key: [] for key in phases}
        for part in (signers[i :: args.slices] for i in range(args.slices)):
            for key, work in phases.items():
                elapsed, ms = run_phase(port, args.clients, part, work)
                seconds[key] += elapsed
                latencies[key] += ms
        repeats = signers[: max(2, n // 10)]
        repeats = sorted(repeats + repeats[: max(1, len(repeats) // 2)], key=lambda s: s.username)
        run_phase(port, args.clients, repeats, sign_again(image))
        stop(proc)
        proc = None
        signed = Signature.objects.filter(campaign=campaign).count()
        per_person = Signature.objects.values("employee_id").annotate(c=Count("pk")).filter(c__gt=1).count()
        if signed != n:
            sys.exit(f"{n - signed} signature(s) missing")
        print(f"image {len(image) // 1024} KB; repeats refused: {len(repeats)}")

        log = Path(env["NETRALITAS_VAR_DIR"]) / "worker.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        drain_start = time.perf_counter()
        worker = start_worker(env, queue, log)
        deadline = time.monotonic() + max(600, n * 2)
        pdfs = IssuedDocument.objects.filter(kind="pledges.pakta")
        while pdfs.count() < n:
            if worker.poll() is not None:
                sys.exit(f"the worker exited: {log.read_text()[-2000:]}")
            if time.monotonic() > deadline:
                sys.exit(f"only {pdfs.count()} of {n} PDFs after {time.monotonic() - drain_start:.0f} s")
            time.sleep(0.5)
        drain_s = time.perf_counter() - drain_start
        span = pdfs.aggregate(first=Min("issued_at"), last=Max("issued_at"))
        steady_s = (span["last"] - span["first"]).total_seconds()
        pdf_rate = (n - 1) / steady_s if n > 1 and steady_s > 0 else 0.0
        stop(worker)
        worker = None
        doc_dupes = pdfs.values("object_id").annotate(c=Count("pk")).filter(c__gt=1).count()
        print(f"PDFs: {n} issued; worker wall time {drain_s:.1f} s (start-up included), first to last {steady_s:.1f} s")

        sample = Signature.objects.select_related("campaign__region", "campaign__election", "printed_by").first()
        bare_rate = bare_render_rate(sample, args.pdf_baseline)
        connections.close_all()
        for key, label in {"base": "baseline POST (insert one row + one audit event)", "sign": "signing POST"}.items():
            ms = latencies[key]
            print(
                f"{label}: {n} in {seconds[key]:.2f} s = {n / seconds[key]:,.0f}/s; "
                f"median {statistics.median(ms):.0f} ms, p95 {p95(ms):.0f} ms"
            )
        print(f"bare WeasyPrint render of the pakta: {bare_rate:.1f}/s ({args.pdf_baseline} renders)")
    finally:
        for running in (proc, worker):
            if running is not None:
                stop(running)
        from django.db import connections

        connections.close_all()
        drop_database(original, name)
        shutil.rmtree(env["NETRALITAS_VAR_DIR"], ignore_errors=True)
        try:
            import redis

            redis.Redis.from_url(redis_url).delete(queue)
        except Exception:  # noqa: BLE001, S110 — best effort: the queue is empty when the run succeeded
            pass
    rate, base = n / seconds["sign"], n / seconds["base"]
    total = seconds["sign"] + drain_s
    print(
        f"signatures_per_s={rate:.0f} baseline_rps={base:.0f} ratio={rate / base:.2f} "
        f"p95_ms={p95(latencies['sign']):.0f} pdfs_per_s={pdf_rate:.1f} pdf_baseline_per_s={bare_rate:.1f} "
        f"pdf_ratio={pdf_rate / bare_rate:.2f} total_s={total:.0f} duplicates={per_person + doc_dupes}"
    )


if __name__ == "__main__":
    main()
