"""The renderer: a kop surat with the region's letterhead, page numbers, and a QR code to the verification page,
read back as a person (pdftotext, a QR scanner) would. Pure: no query, no network."""

import http.server
import io
import shutil
import subprocess
import threading

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image

from documents import codes
from documents.circular import build
from documents.pdf import render_pdf
from documents.services import DocumentInfo, verification_url
from tests.conftest import require

from .conftest import pdftotext


@pytest.fixture
def letterhead_region(region_a):
    region_a.address = "Jl. Kolonel Wahid Udin No. 254, Sekayu 30711"
    region_a.phone = "(0714) 321 123"
    region_a.email = "bkpsdm@muba.go.id"
    region_a.website = "mubakab.go.id"
    region_a.official_code = "16.06"
    region_a.save()
    return region_a


def _render(region, template=None, context=None):
    code = codes.new_code()
    rendered = build(region)
    info = DocumentInfo(code=code, version=1, issued_at=timezone.now())
    pdf = render_pdf(
        template or rendered.template,
        {**rendered.context, **(context or {}), "document": info},
        region=region,
        verification_url=verification_url(code),
    )
    return pdf, code


def test_the_pdf_carries_the_letterhead_the_content_and_the_verification_code(letterhead_region):
    pdf, code = _render(letterhead_region)
    text = pdftotext(pdf)
    flat = " ".join(text.split())
    assert pdf.startswith(b"%PDF-")
    assert "PEMERINTAH KABUPATEN MUSI BANYUASIN" in flat
    assert "PJ BUPATI MUSI BANYUASIN" in flat
    assert "Jl. Kolonel Wahid Udin No. 254, Sekayu 30711" in flat
    assert "bkpsdm@muba.go.id" in flat and "mubakab.go.id" in flat
    assert "SURAT EDARAN" in flat and "Nomor 800.1.4/1606/SE/" in flat
    assert "Peraturan Pemerintah Nomor 94 Tahun 2021" in flat
    assert codes.grouped(code) in flat
    assert f"/verifikasi/{code}/" in flat.replace(" ", "")
    assert "Halaman 1 dari 2" in flat and "Halaman 2 dari 2" in flat


def test_the_qr_code_decodes_to_the_verification_url(letterhead_region, tmp_path):
    require(shutil.which("pdftoppm") is not None and shutil.which("zbarimg") is not None,
            "pdftoppm (poppler-utils) and zbarimg (zbar-tools) are needed to read the QR code")  # fmt: skip
    pdf, code = _render(letterhead_region)
    (tmp_path / "doc.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", tmp_path / "doc.pdf", tmp_path / "page"],
                   check=True)  # fmt: skip
    page = next(tmp_path.glob("page*.png"))
    scanned = subprocess.run(["zbarimg", "--raw", "-q", page], capture_output=True, text=True, check=False).stdout
    assert scanned.strip() == f"http://127.0.0.1:8000/verifikasi/{code}/"


def test_rendering_is_pure(letterhead_region, django_assert_num_queries):
    with django_assert_num_queries(0):
        _render(letterhead_region)


def test_the_region_logo_is_embedded(letterhead_region, tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (120, 140), (20, 110, 40)).save(buffer, "PNG")
    letterhead_region.logo.save("muba.png", ContentFile(buffer.getvalue()))
    pdf, _code = _render(letterhead_region)
    (tmp_path / "logo.pdf").write_bytes(pdf)
    images = subprocess.run(["pdfimages", "-list", tmp_path / "logo.pdf"], capture_output=True, text=True, check=True)
    assert "120   140" in images.stdout  # the logo, at its own size


class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):  # noqa: N802
        _Recorder.hits.append(self.path)
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_renderer_fetches_nothing(letterhead_region, letter_templates, tmp_path, settings):
    """A document's text may hold what a user typed: the renderer must not open URLs or local files for it."""
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    secret = tmp_path / "secret.png"
    Image.new("RGB", (77, 33), (255, 0, 0)).save(secret)
    template = tmp_path / "templates" / "tests" / "fetching.html"
    template.write_text(
        '{% extends "documents/base_letter.html" %}{% block content %}'
        f'<p>Isi</p><img src="http://127.0.0.1:{server.server_port}/beacon.png">'
        f'<img src="file://{secret}"><link rel="stylesheet" href="http://127.0.0.1:{server.server_port}/x.css">'
        "{% endblock %}"
    )
    try:
        pdf, _code = _render(letterhead_region, template="tests/fetching.html")
    finally:
        server.shutdown()
    assert _Recorder.hits == []
    (tmp_path / "f.pdf").write_bytes(pdf)
    images = subprocess.run(["pdfimages", "-list", tmp_path / "f.pdf"], capture_output=True, text=True, check=True)
    assert "77    33" not in images.stdout
