"""The pakta in a real browser at phone size: the personal link from the invitation mail opens the signing page
(first load measured: at most 250 KB transferred compressed, all assets included, nothing cached), the first
submit is lost to the network and retried with the drawing kept, the confirmation offers the PDF, which
pdftotext reads the name and the hash from, and which the public verification calls genuine — and not genuine
once one byte changes."""

import gzip
import io
import re
import shutil
import subprocess

from django.core import mail
from django.urls import reverse

from documents.services import document_verify_bytes
from pledges.models import Signature
from tests.conftest import require
from tests.factories import EmployeeFactory, MembershipFactory, RegionFactory, WorkUnitFactory
from tests.pledges.pakta_helpers import launch

from .conftest import PHONE, screenshot

FIRST_LOAD_LIMIT = 250 * 1024
INKED = """() => {
    const canvas = document.getElementById("signature-pad");
    const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 32) inked++;
    return inked;
}"""


def _draw(page):
    pad = page.locator("#signature-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    x, y, w, h = box["x"], box["y"], box["width"], box["height"]
    page.mouse.move(x + 0.1 * w, y + 0.6 * h)
    page.mouse.down()
    for fx, fy in [(0.25, 0.2), (0.4, 0.8), (0.55, 0.3), (0.7, 0.75), (0.85, 0.4)]:
        page.mouse.move(x + fx * w, y + fy * h, steps=4)
    page.mouse.up()
    page.wait_for_function("document.getElementById('id_signature').value.startsWith('data:image/png')")


def test_an_asn_signs_from_a_phone_and_the_pdf_verifies(live_server, transactional_db, new_page, settings):
    require(shutil.which("pdftotext") is not None, "pdftotext (poppler-utils) is needed")
    settings.SITE_URL = live_server.url
    region = RegionFactory(code="mura", name="Kabupaten Murung Raya", head_title="Bupati Murung Raya")
    unit = WorkUnitFactory(region=region, name="Dinas Pendidikan")
    officer = MembershipFactory(region=region, role="bkd").user
    asn = EmployeeFactory(
        region=region, work_unit=unit, name="Siti Aminah", front_title="Dra.", email="siti@mura.go.id"
    )
    launch(region, by=officer)  # a transactional test: the invitation task runs on commit, the mail is sent
    link = re.search(r"http\S+/pakta/buka/\S+/", mail.outbox[-1].body).group(0)

    page = new_page(PHONE)
    transferred = []

    def count(response):
        body = response.body() if response.status < 300 else b""
        headers = sum(len(k) + len(v) + 4 for k, v in response.headers.items())
        transferred.append((response.url, headers + len(gzip.compress(body, 6))))

    page.on("response", count)
    page.goto(link)
    page.wait_for_load_state("networkidle")
    assert page.url == live_server.url + reverse("pakta_sign_link")  # the token is gone from the address bar
    first_load = sum(size for _url, size in transferred)
    print(f"pakta signing page first load: {first_load} bytes compressed, {len(transferred)} responses")
    assert first_load <= FIRST_LOAD_LIMIT, sorted(transferred, key=lambda t: -t[1])
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling
    assert "Siti Aminah" in page.locator("#pakta-text").inner_text()
    page.remove_listener("response", count)

    page.locator("#id_typed_name").fill("dra. siti  aminah")
    _draw(page)
    assert page.evaluate(INKED) > 300
    page.locator("#id_consent").check()
    screenshot(page, "pakta-sign-phone")

    # The first submit is lost to the network: the page retries by itself, the drawing stays.
    attempts = []

    def flaky(route):
        attempts.append(route.request.url)
        if len(attempts) == 1:
            route.abort("internetdisconnected")
        else:
            route.continue_()

    page.route("**/pakta/tandatangani/", flaky)
    page.locator("#sign-submit").click()
    page.wait_for_url(re.compile(r".*/pakta/selesai/\d+/$"))
    assert len(attempts) == 2
    signature = Signature.objects.get(employee=asn)
    assert signature.method == Signature.Method.LINK and signature.typed_name == "dra. siti aminah"
    assert signature.text_sha256 in page.locator("#sign-done-hash").inner_text()

    with page.expect_download() as download:
        page.locator("#sign-done-pdf").click()
    data = open(download.value.path(), "rb").read()
    text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=data, capture_output=True, check=True).stdout
    flat = "".join(text.decode().split())
    assert "SitiAminah" in flat and signature.text_sha256 in flat
    assert document_verify_bytes(io.BytesIO(data)).status == "genuine"
    changed = bytearray(data)
    changed[len(changed) // 3] ^= 0x20
    assert document_verify_bytes(io.BytesIO(bytes(changed))).status == "not_genuine"
