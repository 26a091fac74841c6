"""The foundation's main flows in a real browser: a BKD officer imports a roster on a phone (errors first,
then the corrected file, with the page following the job by itself), and an ASN activates their account
from the emailed link.

The roster jobs are queued, not run in the request: the test stands in for the worker (the services a
worker calls, run in the test's thread) so that the page's own polling is what brings the result on
screen. A real worker on Redis is tested in tests/roster/test_real_worker.py.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from people.models import Employee, RosterImport
from people.services import roster_imports
from people.tasks import roster_check_task, roster_run_task
from tests.factories import make_nip

from .conftest import DEMO_PASSWORD, PHONE, log_in, screenshot

HEADER = "NIP,Nama,Jenis Kepegawaian,Golongan,Jabatan,Unit Kerja,Email\n"


@pytest.fixture
def queued(monkeypatch):
    """The roster tasks sent by the pages, kept here instead of going to a broker."""
    sent = []
    monkeypatch.setattr(roster_check_task, "delay", lambda import_id: sent.append(("check", import_id)))
    monkeypatch.setattr(roster_run_task, "delay", lambda import_id, user_id=None: sent.append(("run", import_id)))
    return sent


def upload(page, live_server, name: str, content: str) -> int:
    page.goto(live_server.url + reverse("roster_import"))
    page.locator('input[type="file"]').set_input_files(
        {"name": name, "mimeType": "text/csv", "buffer": content.encode()}
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Unggah dan periksa").click()
    return int(re.search(r"/roster/(\d+)/$", page.url).group(1))


def test_a_bkd_officer_imports_a_roster_on_a_phone(live_server, demo, new_page, queued):
    page = new_page(PHONE)
    log_in(page, live_server, "bkd.muba")
    good, bad = make_nip(), "19850314201003100"  # the second is one digit short
    rows = [
        f"{good},Rina Marlina,PNS,III/a,Analis SDM Aparatur,Dinas Pariwisata,rina@muba.go.id\n",
        f"{bad},Joko Purnomo,PNS,III/b,Penata Kelola,Dinas Pariwisata,joko@muba.go.id\n",
    ]

    # 1. A file with a bad row: the page waits for the check, then lists the row, the column and why.
    first = upload(page, live_server, "roster-maret.csv", HEADER + "".join(rows))
    assert page.locator("#roster-progress").is_visible()
    assert queued == [("check", first)]
    roster_imports.roster_import_check(import_id=first)  # the worker's part
    page.locator("#roster-errors").wait_for(timeout=15_000)  # the page's polling reloads it
    row, column, reason = page.locator("#roster-errors tbody tr").first.locator("td").all_inner_texts()
    assert (row, column) == ("3", "NIP") and "18 angka" in reason
    assert page.get_by_role("button", name="Impor sekarang").count() == 0
    assert not Employee.objects.filter(nip=good).exists()  # nothing written
    screenshot(page, "roster-errors-360")

    # 2. The corrected file: a preview, then the import, again followed by the page.
    fixed = rows[0] + rows[1].replace(bad, make_nip())
    second = upload(page, live_server, "roster-maret-perbaikan.csv", HEADER + fixed)
    roster_imports.roster_import_check(import_id=second)
    page.locator("#roster-summary").wait_for(timeout=15_000)
    assert "Pratinjau" in page.locator("#roster-summary").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Impor sekarang").click()
    assert queued[-1] == ("run", second)
    assert page.locator("#roster-progress").is_visible()
    roster_imports.roster_import_run(import_id=second)
    page.get_by_text("Hasil impor").wait_for(timeout=15_000)
    summary = page.locator("#roster-summary").inner_text()
    assert re.search(r"2\s+ditambahkan", summary), summary
    assert "Dinas Pariwisata" in summary  # the new work unit
    assert RosterImport.objects.get(pk=second).status == RosterImport.Status.DONE
    assert Employee.objects.get(nip=good).work_unit.name == "Dinas Pariwisata"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "roster-done-360")

    # 3. From the result to the people just imported.
    page.get_by_role("link", name="Lihat daftar pegawai").click()
    page.locator('input[name="q"]').fill("Rina Marlina")
    with page.expect_navigation():
        page.locator('input[name="q"]').press("Enter")
    assert good in page.locator("main").inner_text()


def test_an_asn_activates_the_account_from_the_emailed_link(live_server, demo, new_page):
    employee = Employee.objects.filter(region__code="oki", user__isnull=True).exclude(email="").first()
    page = new_page(PHONE)
    page.goto(live_server.url + reverse("login"))
    page.get_by_role("link", name="Aktivasi akun ASN").click()
    page.locator('input[name="nip"]').fill(employee.nip)
    page.locator('input[name="email"]').fill(employee.email.upper())  # as typed on a phone keyboard
    with page.expect_navigation():
        page.locator("main form").get_by_role("button").click()
    assert page.url.endswith(reverse("activation_sent"))

    (message,) = [m for m in mail.outbox if employee.email in m.to]
    link = re.search(r"https?://\S+/akun/aktivasi/\S+/\S+/", message.body).group(0)
    page.goto(live_server.url + re.sub(r"^https?://[^/]+", "", link))
    page.locator('input[name="new_password1"]').fill("Kabupaten-OKI-2026")
    page.locator('input[name="new_password2"]').fill("Kabupaten-OKI-2026")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan dan aktifkan akun").click()
    assert page.url == live_server.url + reverse("home")
    assert page.locator("#my-nip").inner_text().strip() == employee.nip
    screenshot(page, "asn-activated-360")

    # The link is spent; and the NIP with the new password logs in from a fresh browser.
    page.goto(live_server.url + re.sub(r"^https?://[^/]+", "", link))
    assert page.locator('input[name="new_password1"]').count() == 0
    fresh = new_page(PHONE)
    log_in(fresh, live_server, employee.nip, password="Kabupaten-OKI-2026")
    assert fresh.locator("#my-nip").inner_text().strip() == employee.nip
    assert DEMO_PASSWORD != "Kabupaten-OKI-2026"
