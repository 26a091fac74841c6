"""The public verification page: by code or by upload, genuine / superseded / unknown / not genuine, only the
kind's public facts, never the file; bad uploads get a clear message; look-ups are rate-limited."""

import io
import re

import pytest
from django.urls import reverse

from documents.services import document_issue, document_verify_bytes

from .conftest import LETTER_KIND
from .test_signing import flip_one_byte

VERIFY_FORM = "/verifikasi/"
UPLOAD = "/verifikasi/unggah/"


@pytest.fixture
def letter(letter_kind, employee_a):
    return document_issue(kind=LETTER_KIND, obj=employee_a)


def upload(client, data: bytes, name="dokumen.pdf"):
    return client.post(UPLOAD, {"berkas": _named(data, name)})


def _named(data: bytes, name: str):
    handle = io.BytesIO(data)
    handle.name = name
    return handle


def verdict(response) -> str:
    body = response.content.decode()
    marker = 'data-verdict="'
    return body[body.index(marker) + len(marker) :].split('"', 1)[0] if marker in body else ""


def test_the_urls_are_where_the_qr_code_points():
    assert reverse("document_verify_form") == VERIFY_FORM
    assert reverse("document_verify_upload") == UPLOAD
    assert reverse("document_verify", kwargs={"code": "A" * 32}) == f"/verifikasi/{'A' * 32}/"


def test_the_form_page_opens_without_login(client, db):
    response = client.get(VERIFY_FORM)
    assert response.status_code == 200
    body = response.content.decode()
    assert 'name="kode"' in body and 'name="berkas"' in body and "SHA-256" in body


def test_a_code_shows_the_kinds_public_facts_only(client, letter, employee_a):
    response = client.get(f"/verifikasi/{letter.code}/")
    assert response.status_code == 200 and verdict(response) == "genuine"
    body = response.content.decode()
    for fact in ("Surat uji", "800.1.6/123/BKPSDM/2026", "Kabupaten Musi Banyuasin", letter.grouped_code):
        assert fact in body
    # never the person, never the file
    assert employee_a.name not in body and employee_a.nip not in body and letter.title not in body
    assert response["Content-Type"].startswith("text/html") and "%PDF" not in body


def test_a_typed_code_is_normalised(client, letter):
    typed = letter.grouped_code.lower().replace("0", "o")
    response = client.get(VERIFY_FORM, {"kode": typed})
    assert response.status_code == 302 and response["Location"] == f"/verifikasi/{letter.code}/"
    response = client.get(f"/verifikasi/{letter.grouped_code}/")
    assert response.status_code == 302 and response["Location"] == f"/verifikasi/{letter.code}/"


def test_a_malformed_code_gets_a_clear_message(client, db):
    response = client.get(VERIFY_FORM, {"kode": "ABC-123"})
    assert response.status_code == 400
    assert "32 huruf dan angka" in response.content.decode()


def test_an_unknown_code_is_not_genuine(client, letter):
    other = "Z" * 32
    response = client.get(f"/verifikasi/{other}/")
    assert response.status_code == 404 and verdict(response) == "unknown"
    assert "Kode tidak dikenal" in response.content.decode()
    assert "Kabupaten Musi Banyuasin" not in response.content.decode()
    assert client.get("/verifikasi/bukan-kode/").status_code == 404


def test_a_superseded_version_names_its_replacement(client, letter, employee_a, letter_kind):
    letter_kind.number = "800.1.6/124/BKPSDM/2026"
    second = document_issue(kind=LETTER_KIND, obj=employee_a, replaces=letter)
    letter_kind.number = "800.1.6/125/BKPSDM/2026"
    third = document_issue(kind=LETTER_KIND, obj=employee_a, replaces=second)
    response = client.get(f"/verifikasi/{letter.code}/")
    body = " ".join(response.content.decode().split())
    assert verdict(response) == "superseded"
    date = second.issued_on.strftime("%-d")
    assert "Versi 1 ini telah diganti oleh versi 2 yang diterbitkan pada " + date in body
    assert "Versi yang berlaku sekarang adalah versi 3." in body
    assert f'href="/verifikasi/{third.code}/"' in body
    assert "800.1.6/123/BKPSDM/2026" in body  # the facts of the version the visitor holds
    assert verdict(client.get(f"/verifikasi/{third.code}/")) == "genuine"
    held = io.BytesIO(letter.file.read())
    assert document_verify_bytes(held).status == "superseded"


def test_a_closed_document_shows_no_facts(client, letter, letter_kind):
    letter_kind.closed = True
    response = client.get(f"/verifikasi/{letter.code}/")
    body = response.content.decode()
    assert verdict(response) == "genuine" and 'id="facts-hidden"' in body
    for hidden in ("Surat uji", "800.1.6/123/BKPSDM/2026", "Kabupaten Musi Banyuasin", letter.sha256):
        assert hidden not in body


def test_a_kind_whose_rule_fails_shows_no_facts(client, letter, letter_kind):
    def broken():
        raise RuntimeError("a bug in a feature")

    from documents import kinds

    kinds._kinds[LETTER_KIND] = kinds._kinds[LETTER_KIND].__class__(
        LETTER_KIND, "Surat uji", None, lambda obj: None, lambda document: broken()
    )
    response = client.get(f"/verifikasi/{letter.code}/")
    assert response.status_code == 200 and 'id="facts-hidden"' in response.content.decode()


def test_the_untouched_file_is_genuine_and_one_flipped_byte_is_not(client, letter):
    data = letter.file.read()
    response = upload(client, data)
    assert response.status_code == 200 and verdict(response) == "genuine"
    assert "800.1.6/123/BKPSDM/2026" in response.content.decode()
    for where in (len(data) // 2, len(data) - 10, 200):
        response = upload(client, flip_one_byte(data, where))
        assert response.status_code == 200 and verdict(response) == "not_genuine", where
        assert "800.1.6/123/BKPSDM/2026" not in response.content.decode()
    assert verdict(upload(client, data + b"\n")) == "not_genuine"


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (b"", 400, "kosong"),
        (b"PK\x03\x04 an office file, not a pdf" * 10, 400, "bukan PDF"),
        (b"\x00" * 5000, 400, "bukan PDF"),
    ],
)
def test_a_bad_upload_gets_a_clear_message(client, db, data, status, message):
    response = upload(client, data)
    assert response.status_code == status
    assert message in response.content.decode()


def test_an_oversize_upload_is_refused(client, db, settings):
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 100 * 1024
    response = upload(client, b"%PDF-1.7\n" + b"x" * (100 * 1024))  # just over: read, counted, refused
    assert response.status_code == 413 and "lebih besar dari 0 MB" in response.content.decode()
    settings.DOCUMENT_UPLOAD_MAX_BYTES = 1024 * 1024
    response = upload(client, b"%PDF-1.7\n" + b"x" * (3 * 1024 * 1024))  # far over: refused before reading
    assert response.status_code == 413 and "lebih besar dari 1 MB" in response.content.decode()


def test_missing_or_broken_uploads_are_no_error(client, db):
    assert client.post(UPLOAD, {}).status_code == 400
    assert "Pilih berkas PDF" in client.post(UPLOAD, {}).content.decode()
    broken = client.post(UPLOAD, data=b"--x\r\nnonsense", content_type="multipart/form-data")  # no boundary
    assert broken.status_code == 400 and "tidak dapat dibaca" in broken.content.decode()
    assert client.post(UPLOAD, data=b"a=1", content_type="application/x-www-form-urlencoded").status_code == 400
    assert client.get(UPLOAD).status_code == 405


def test_the_upload_is_hashed_as_it_streams_and_never_stored(client, letter, settings, tmp_path):
    """Django spools uploads over FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file; this page must not write
    one at all: with no place to write it, the check still works."""
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "no-such-directory")
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    data = letter.file.read()
    assert len(data) > 1024
    response = upload(client, data)
    assert response.status_code == 200 and verdict(response) == "genuine"
    assert not (tmp_path / "no-such-directory").exists()


def test_the_upload_needs_the_csrf_token(letter, db):
    from django.test import Client

    data = letter.file.read()
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(UPLOAD, {"berkas": _named(data, "a.pdf")})
    assert response.status_code == 403
    page = strict.get(VERIFY_FORM)
    token = page.cookies["csrftoken"].value
    response = strict.post(UPLOAD, {"berkas": _named(data, "a.pdf"), "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and verdict(response) == "genuine"


@pytest.mark.parametrize("who", [None, "bkd_a", "bkd_b"])
def test_the_page_never_serves_the_document(client, letter, who, request):
    if who:
        client.force_login(request.getfixturevalue(who))
    data = letter.file.read()
    for response in (client.get(f"/verifikasi/{letter.code}/"), upload(client, data)):
        assert response["Content-Type"].startswith("text/html")
        assert "Content-Disposition" not in response
        assert b"%PDF" not in response.content and letter.sha256 in response.content.decode()


def _main(response) -> str:
    body = response.content.decode()
    main = body[body.index("<main") : body.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", main)


def test_the_page_shows_nothing_of_another_region_and_no_more_to_staff(client, letter, region_b, bkd_a, bkd_b):
    from tests.factories import EmployeeFactory

    EmployeeFactory(region=region_b, name="Warga Oki Penanda")
    url = f"/verifikasi/{letter.code}/"
    anonymous = _main(client.get(url))
    assert region_b.name not in anonymous and "Warga Oki Penanda" not in anonymous
    for user in (bkd_b, bkd_a):
        client.force_login(user)
        assert _main(client.get(url)) == anonymous  # staff of either region learn nothing more here
        client.logout()


def test_lookups_are_rate_limited_per_client(client, letter, settings):
    settings.DOCUMENT_VERIFY_RATE_LIMIT = 3
    url = f"/verifikasi/{letter.code}/"
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    limited = client.get(url)
    assert limited.status_code == 429
    assert "Terlalu banyak permintaan" in limited.content.decode() and int(limited["Retry-After"]) > 0
    assert upload(client, letter.file.read()).status_code == 429  # uploads count in the same budget
    assert client.get(url, REMOTE_ADDR="203.0.113.9").status_code == 200  # another client is not affected
    assert client.get(VERIFY_FORM).status_code == 200  # the empty form itself is not counted
