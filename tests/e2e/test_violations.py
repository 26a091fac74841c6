"""A BKD officer files a report with evidence in a real browser — roster search, live catalogue suggestion,
a photo — then moves the case through verification, clarification and examination to its finding (LHP)."""

import re

from django.urls import reverse

from people.models import Employee
from violations.demo import photo_with_location
from violations.models import Case

from .conftest import DESKTOP, PHONE, log_in, screenshot


def test_a_report_with_evidence_becomes_a_case_that_reaches_its_finding(live_server, demo, new_page):
    employee = Employee.objects.filter(region__code="muba", user__isnull=True).order_by("nip").last()
    page = new_page(DESKTOP)
    log_in(page, live_server, "bkd.muba")

    # 1. The report: a Bawaslu letter, the ASN found by name, the suggester's entry picked, a photo attached.
    page.goto(live_server.url + reverse("report_create"))
    page.select_option("#id_source", "bawaslu")
    page.locator("#id_reporter_name").fill("Panwascam Babat Toman")
    page.locator("#employee-search").fill(employee.name)
    page.locator(f'[data-add-nip="{employee.nip}"]').click()
    assert employee.nip in page.locator("#id_nips").input_value()
    page.locator("#id_incident_date").fill("2024-10-15")
    page.select_option("#id_election", label="Pilkada Serentak 2024")
    page.locator("#id_chronology").fill(
        "Terlapor memasang baliho paslon nomor urut 2 di pagar kantor dan mengunggah fotonya ke grup WA guru."
    )
    page.locator('#suggestion-box li[data-code="NTR-11"]').wait_for()
    page.locator('#suggestion-box li[data-code="NTR-11"] [data-pick-activity]').click()
    page.locator("#id_files").set_input_files(
        {"name": "baliho.jpg", "mimeType": "image/jpeg", "buffer": photo_with_location()}
    )
    page.locator("#id_links").fill("https://www.facebook.com/groups/guru/posts/123")
    screenshot(page, "violations-intake-desktop")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan laporan").click()
    code = page.locator("#receipt-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    assert "baliho.jpg" in page.locator("#evidence-list").inner_text()
    case = Case.objects.get(employee=employee)
    assert list(case.activities.values_list("code", flat=True)) == ["NTR-11"]
    assert case.report.evidence.filter(kind="file").get().redacted  # the copy without GPS

    # 2. The workflow: verification, clarification, examination.
    page.locator("#report-cases a").first.click()
    for label in ("Mulai verifikasi", "Terverifikasi: lanjut klarifikasi", "Lanjut ke pemeriksaan"):
        with page.expect_navigation():
            page.get_by_role("button", name=label).click()
        assert "alert-success" in page.content(), label
    assert "Pemeriksaan" in page.locator("#case-state").inner_text()

    # 3. The finding is refused without a BAP, with a clear message; then the BAP, then the LHP.
    page.locator("#id_proven_0").check()
    page.select_option("#id_category", "kode_etik")
    page.locator("#id_reasoning").fill("Terlapor mengakui memasang baliho; foto dan BAP menguatkan.")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan LHP").click()
    assert "unggah BAP pemeriksaan" in page.content()
    page.select_option("#id_document-kind", "bap_examination")
    page.locator("#document-form input[type=file]").set_input_files(
        {"name": "bap.pdf", "mimeType": "application/pdf", "buffer": _bap_pdf()}
    )
    with page.expect_navigation():
        page.locator("#document-form button[type=submit]").click()
    assert "bap.pdf" in page.locator("#case-documents").inner_text()
    page.locator("#id_proven_0").check()
    page.select_option("#id_category", "disiplin_berat")
    page.locator("#id_reasoning").fill("Terlapor mengakui memasang baliho; foto dan BAP menguatkan.")
    with page.expect_navigation():
        page.get_by_role("button", name="Simpan LHP").click()
    assert "terbukti" in page.locator("#case-state").inner_text()
    assert "Disiplin berat" in page.locator("#finding").inner_text()
    screenshot(page, "violations-finding-desktop")
    case.refresh_from_db()
    assert (case.state, case.finding_proven, case.finding_category) == ("recommendation", True, "disiplin_berat")
    assert case.transitions.count() == 5  # opened, 3 moves, the finding

    # The same page on a phone: nothing wider than the screen.
    phone = new_page(PHONE)
    log_in(phone, live_server, "bkd.muba")
    phone.goto(live_server.url + reverse("case_detail", args=[case.pk]))
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "violations-case-360")


def _bap_pdf() -> bytes:
    from violations.demo import minimal_pdf

    return minimal_pdf("BAP pemeriksaan ditandatangani")
