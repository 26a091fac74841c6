"""Pakta texts: the default built from shared/domain, placeholders filled as literal text, sanitised Markdown,
and versions: a published version never changes, an edit makes the next one."""

import pytest

from audit.models import AuditEvent
from pledges.models import PactTemplate
from pledges.services import pakta_text
from pledges.services.pakta import PaktaError, template_create, template_default, template_edit, template_publish

pytestmark = pytest.mark.django_db

PERSON = pakta_text.Personal(
    nama="Dra. Siti *Aminah*, M.Si.",
    nip="198503142010032007",
    jabatan="Guru | Ahli",
    unit_kerja="Dinas Pendidikan",
    pemda="Kabupaten Musi Banyuasin",
    tempat="Sekayu",
    tanggal="1 Desember 2026",
)


def test_the_default_pakta_holds_the_commitments_and_every_placeholder():
    body = pakta_text.DEFAULT_BODY
    for name in pakta_text.PLACEHOLDERS:
        assert "{{ %s }}" % name in body
    assert "Menolak politik uang" in body and "fotokopi KTP" in body and "bersedia dijatuhi sanksi" in body
    assert pakta_text.unknown_placeholders(body) == []


def test_placeholders_are_filled_as_literal_text():
    text = pakta_text.personalise(pakta_text.DEFAULT_BODY, PERSON)
    assert "{{" not in text
    html = pakta_text.render_html(text)
    assert "Dra. Siti *Aminah*, M.Si." in html  # no emphasis made of the name's asterisks
    assert "Guru | Ahli" in html and "<em>" not in html
    assert "198503142010032007" in html and "Sekayu, 1 Desember 2026" in html


def test_html_and_links_in_a_template_are_never_rendered():
    html = pakta_text.render_html("<script>alert(1)</script>\n\n[klik](javascript:alert(1)) <img src=x onerror=1>\n")
    assert "<script" not in html and "<img" not in html and "href" not in html
    assert "&lt;script&gt;" in html  # shown as text, never run


def test_the_hash_is_of_the_exact_text():
    assert pakta_text.text_sha256("a") == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb"


def test_a_published_version_never_changes_an_edit_makes_the_next(region_a, bkd_a):
    first = template_default(region=region_a, by=bkd_a)
    assert first.is_published and first.version == 1
    second = template_edit(template=first, title=first.title, body=first.body + "\nTambahan.", by=bkd_a)
    first.refresh_from_db()
    assert first.body == pakta_text.DEFAULT_BODY and first.published_at is not None
    assert (second.family, second.version, second.is_published) == (first.family, 2, False)
    same = template_edit(template=second, title="Judul lain", body=second.body, by=bkd_a)
    assert same.pk == second.pk and same.title == "Judul lain"  # a draft changes in place
    template_publish(template=second, by=bkd_a)
    with pytest.raises(PaktaError):
        template_publish(template=second, by=bkd_a)
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"netralitas.pakta.template_versioned", "netralitas.pakta.template_published"} <= actions


def test_an_unknown_placeholder_or_an_empty_text_is_refused_clearly(region_a, bkd_a):
    with pytest.raises(PaktaError, match="nama_lengkap"):
        template_create(region=region_a, title="X", body="Saya {{ nama_lengkap }}", by=bkd_a)
    with pytest.raises(PaktaError):
        template_create(region=region_a, title="X", body="   ", by=bkd_a)
    assert not PactTemplate.objects.exists()


def test_the_default_is_made_once(region_a, bkd_a):
    assert template_default(region=region_a, by=bkd_a).pk == template_default(region=region_a, by=bkd_a).pk
