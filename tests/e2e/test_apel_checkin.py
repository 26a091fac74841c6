"""The apel in a real browser: a BKD officer schedules it, the presenter shows its rotating QR, an ASN on a phone
opens the URL inside the QR (read from the screen with the vendored jsQR), logs in and confirms, and the
presenter's count goes up by itself. Then the other direction: staff read an ASN's personal QR with the
phone camera on the scanner page (Chromium's fake camera plays a video of the card), or type a NIP.
"""

import datetime as dt
import io
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from people.models import Employee, User
from pledges.models import Attendance, Ceremony
from pledges.services.apel_checkin import personal_code

from .conftest import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, log_in, screenshot

READ_QR = """async (selector) => {
    const svg = document.querySelector(selector);
    const blob = new Blob([new XMLSerializer().serializeToString(svg)], {type: "image/svg+xml"});
    const image = new Image();
    image.src = URL.createObjectURL(blob);
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 400;
    const context = canvas.getContext("2d");
    context.fillStyle = "#fff";
    context.fillRect(0, 0, 400, 400);
    context.drawImage(image, 0, 0, 400, 400);
    const found = jsQR(context.getImageData(0, 0, 400, 400).data, 400, 400);
    return found ? found.data : null;
}"""


def schedule_through_the_form(page, live_server, title: str) -> Ceremony:
    """Fill the schedule form as an officer would: today, a quarter of an hour from now, Muba's clock."""
    wib = zoneinfo.ZoneInfo("Asia/Jakarta")
    start = (timezone.now() + dt.timedelta(minutes=15)).astimezone(wib)
    page.goto(live_server.url + reverse("ceremony_create"))
    page.locator('input[name="title"]').fill(title)
    page.locator('input[name="date"]').fill(start.strftime("%Y-%m-%d"))
    page.locator('input[name="time"]').fill(start.strftime("%H:%M"))
    page.locator('input[name="place"]').fill("Halaman Kantor Bupati Musi Banyuasin")
    page.locator('input[name="officiant_name"]').fill("Drs. H. Ahmad Rizal, M.Si.")
    with page.expect_navigation():
        page.locator("#ceremony-form button[type=submit]").click()
    ceremony = Ceremony.objects.get(title=title)
    assert page.url == live_server.url + reverse("ceremony_detail", args=[ceremony.pk])
    assert ceremony.local_start.strftime("%H:%M") == start.strftime("%H:%M")
    return ceremony


def test_an_asn_checks_in_from_a_phone_and_the_presenter_counts_it(live_server, demo, new_page):
    staff = new_page(DESKTOP)
    log_in(staff, live_server, "bkd.muba")
    ceremony = schedule_through_the_form(staff, live_server, "Apel Pagi Netralitas")
    asn = User.objects.get(username="asn.muba").employee
    assert ceremony.attendances.filter(employee=asn).exists()

    staff.get_by_role("link", name="Layar QR check-in").click()
    staff.locator("#presenter-qr svg").wait_for()
    assert staff.locator("#live-count").inner_text() == "0"
    staff.add_script_tag(url=live_server.url + "/static/vendor/jsqr/jsQR.js")
    url = staff.evaluate(READ_QR, "#presenter-qr svg")
    assert url and url.startswith(live_server.url + "/apel/hadir/"), url
    screenshot(staff, "apel-presenter-desktop")

    phone = new_page(PHONE)
    phone.goto(url)  # what the phone's camera app opens
    assert "/akun/masuk/" in phone.url  # judged, parked, then the login
    phone.locator('input[name="username"]').fill("asn.muba")
    phone.locator('input[name="password"]').fill("netralitas-demo")
    with phone.expect_navigation():
        phone.locator('main form button[type="submit"]').click()
    assert phone.url == live_server.url + reverse("apel_checkin")
    assert "Apel Pagi Netralitas" in phone.locator("main").inner_text()
    assert Attendance.objects.get(ceremony=ceremony, employee=asn).status == Attendance.Status.PENDING
    screenshot(phone, "apel-checkin-confirm-360")
    with phone.expect_navigation():
        phone.get_by_role("button", name="Konfirmasi hadir").click()
    assert phone.locator("#checkin-done-title").inner_text() == "Anda tercatat hadir"
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "apel-checkin-done-360")
    attendance = Attendance.objects.get(ceremony=ceremony, employee=asn)
    assert attendance.status == Attendance.Status.PRESENT and attendance.method == Attendance.Method.SELF_QR

    # The presenter polls: its count goes up by itself.
    staff.wait_for_function("document.querySelector('#live-count').innerText.trim() === '1'", timeout=15_000)
    screenshot(staff, "apel-presenter-counted-desktop")

    # A second scan of a (now stale) photo of the QR does nothing more; the ASN sees their apel as attended.
    phone.goto(live_server.url + reverse("my_apel"))
    assert "Hadir" in phone.locator("#my-upcoming").inner_text()
    screenshot(phone, "apel-my-360")


def test_staff_type_a_nip_on_the_scanner_from_a_phone(live_server, demo, new_page):
    ceremony = _soon()
    person = ceremony.attendances.select_related("employee").exclude(employee__user__username="bkd.muba").first()
    phone = new_page(PHONE)
    log_in(phone, live_server, "bkd.muba")
    phone.goto(live_server.url + reverse("ceremony_scanner", args=[ceremony.pk]))
    phone.locator('input[name="nip"]').fill(person.employee.nip)
    phone.get_by_role("button", name="Catat hadir").click()
    phone.locator(".scan-result.alert-success").wait_for()
    assert person.employee.display_name in phone.locator("#scan-results").inner_text()
    assert phone.locator("#scan-count").inner_text() == "1"
    person.refresh_from_db()
    assert person.method == Attendance.Method.NIP and person.marked_by.username == "bkd.muba"
    phone.locator('input[name="nip"]').fill("123")
    phone.get_by_role("button", name="Catat hadir").click()
    phone.locator(".scan-result.alert-danger").wait_for()
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(phone, "apel-scanner-nip-360")


def _soon() -> Ceremony:
    from pledges.apel_demo import _election
    from pledges.services.apel import ceremony_schedule

    region = User.objects.get(username="bkd.muba").memberships.get().region
    return ceremony_schedule(
        region=region,
        election=_election("pilkada-2024"),
        title="Apel Pindai",
        starts_at=timezone.now() + dt.timedelta(minutes=10),
        place="Aula Sekretariat Daerah",
        officiant_name="",
        officiant_title=region.head_title,
        ikrar_text="Kami berikrar.",
        by=User.objects.get(username="bkd.muba"),
    )


def card_video(value: str, path) -> None:
    """A few seconds of Y4M video of a personal QR card, for Chromium's fake camera."""
    import segno
    from PIL import Image

    png = io.BytesIO()
    segno.make(value, error="m").save(png, kind="png", scale=8, border=4)
    card = Image.open(io.BytesIO(png.getvalue())).convert("RGB")
    frame = Image.new("RGB", (640, 480), "white")
    card.thumbnail((420, 420))
    frame.paste(card, ((640 - card.width) // 2, (480 - card.height) // 2))
    y, cb, cr = frame.convert("YCbCr").split()
    planes = y.tobytes() + cb.resize((320, 240)).tobytes() + cr.resize((320, 240)).tobytes()
    with open(path, "wb") as video:
        video.write(b"YUV4MPEG2 W640 H480 F10:1 Ip A1:1 C420jpeg\n")
        for _ in range(20):
            video.write(b"FRAME\n" + planes)


@pytest.fixture
def camera_browser(browser, tmp_path):
    """launch() -> a second Chromium (same Playwright) whose camera films ``video``, written by the test first."""
    video = tmp_path / "card.y4m"
    launched = []

    def launch():
        args = [
            *CHROMIUM_ARGS,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ]
        launched.append(browser.browser_type.launch(executable_path=CHROMIUM, args=args))
        return launched[-1]

    yield video, launch
    for second in launched:
        second.close()


def test_staff_read_a_personal_qr_with_the_phone_camera(live_server, demo, camera_browser):
    ceremony = _soon()
    person = Employee.objects.get(user__username="asn.muba")
    video, launch = camera_browser
    card_video(personal_code(person), video)
    context = launch().new_context(viewport=PHONE, locale="id-ID")
    context.grant_permissions(["camera"])
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in(page, live_server, "bkd.muba")
    page.goto(live_server.url + reverse("ceremony_scanner", args=[ceremony.pk]))
    page.get_by_role("button", name="Nyalakan kamera").click()
    page.locator(".scan-result.alert-success").wait_for()
    assert person.display_name in page.locator("#scan-results").inner_text()
    screenshot(page, "apel-scanner-camera-360")
    attendance = Attendance.objects.get(ceremony=ceremony, employee=person)
    assert attendance.method == Attendance.Method.CARD and attendance.marked_by.username == "bkd.muba"
    context.close()
