"""The region settings page: every app's sections, saved one at a time, audited, for admins of the region."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from audit.models import AuditEvent
from core import retention
from mailer.models import OutgoingEmail
from people.models import RegionHoliday, RosterImport
from people.services.retention import retention_purge
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_a(region_a):
    return MembershipFactory(region=region_a, role="admin", user__username="adina").user


def _post(client, region, section, **data):
    return client.post(reverse("region_settings"), {"section": section, "region": region.pk, **data})


def test_the_page_shows_every_registered_section(client, admin_a, region_a):
    client.force_login(admin_a)
    body = client.get(reverse("region_settings")).content.decode()
    for key in ("people.letterhead", "people.calendar", "people.privacy"):
        assert f'id="section-{key}"' in body
    assert region_a.name in body


def test_saving_the_letterhead_is_audited(client, admin_a, region_a):
    client.force_login(admin_a)
    response = _post(
        client, region_a, "people.letterhead", head_title="Pj Bupati Musi Banyuasin", address="Jl. Merdeka 1, Sekayu",
        phone="0714-123", email="bkpsdm@muba.go.id", website="mubakab.go.id",
    )  # fmt: skip
    assert response.status_code == 302
    region_a.refresh_from_db()
    assert region_a.address == "Jl. Merdeka 1, Sekayu"
    event = AuditEvent.objects.get(action="netralitas.region.settings_changed")
    assert event.region_id == region_a.pk and event.after["address"] == "Jl. Merdeka 1, Sekayu"
    assert event.data == {"section": "people.letterhead"}


def test_cuti_bersama_lines_are_checked_and_kept(client, admin_a, region_a):
    client.force_login(admin_a)
    bad = _post(client, region_a, "people.calendar", holidays="2025-13-40 Salah\n")
    assert bad.status_code == 200 and "TTTT-BB-HH" in bad.content.decode()
    good = _post(
        client, region_a, "people.calendar", holidays="2025-04-02  Cuti bersama Idulfitri\n\n2025-12-26 Cuti bersama"
    )
    assert good.status_code == 302
    assert list(RegionHoliday.objects.filter(region=region_a).values_list("date", flat=True)) == [
        dt.date(2025, 4, 2),
        dt.date(2025, 12, 26),
    ]
    _post(client, region_a, "people.calendar", holidays="2025-12-26 Cuti bersama Natal")
    assert RegionHoliday.objects.get(region=region_a).name == "Cuti bersama Natal"


def test_retention_periods_are_kept_per_region(client, admin_a, region_a):
    client.force_login(admin_a)
    data = {"privacy_contact": "PPID Muba, ppid@muba.go.id"}
    data.update({f"retention__{kind.key}": kind.min_days + 5 for kind in retention.kinds()})
    assert _post(client, region_a, "people.privacy", **data).status_code == 302
    region_a.refresh_from_db()
    assert region_a.retention_days["mailer.messages"] == retention.kinds()[0].min_days + 5
    too_short = {**data, "retention__mailer.messages": 1}
    assert _post(client, region_a, "people.privacy", **too_short).status_code == 200


def test_other_roles_and_other_regions_are_refused(client, bkd_a, admin_a, region_b):
    client.force_login(bkd_a)
    assert client.get(reverse("region_settings")).status_code == 403
    client.force_login(admin_a)
    assert client.get(reverse("region_settings") + f"?region={region_b.pk}").status_code == 404
    response = _post(client, region_b, "people.letterhead", head_title="Bupati palsu")
    assert response.status_code == 404
    region_b.refresh_from_db()
    assert region_b.head_title != "Bupati palsu"


def test_the_privacy_notice_is_public_and_names_the_contacts(client, region_a):
    region_a.privacy_contact = "PPID Kabupaten Musi Banyuasin — ppid@muba.go.id"
    region_a.save()
    body = client.get(reverse("privacy_notice")).content.decode()
    assert "27 Tahun 2022" in body and "ppid@muba.go.id" in body
    assert reverse("privacy_notice") in client.get(reverse("login")).content.decode()


def test_the_purge_applies_each_regions_period(region_a, region_b, bkd_a, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    old = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)
    region_a.retention_days = {"people.roster_files": 30, "mailer.messages": 30}
    region_a.save()
    from django.core.files.base import ContentFile

    upload = RosterImport(region=region_a, uploaded_by=bkd_a, original_name="roster.csv", file_sha256="0" * 64)
    upload.file.save("roster.csv", ContentFile(b"nip;nama"), save=True)
    RosterImport.objects.filter(pk=upload.pk).update(created_at=old)
    sent = OutgoingEmail.objects.create(
        region=region_a, recipient="a@x.id", kind="k", subject_key="s", day="2024-01-01", subject="s",
        body_text="Halo Siti 198503142010032007", status="sent",
    )  # fmt: skip
    OutgoingEmail.objects.filter(pk=sent.pk).update(created_at=old)
    queued = OutgoingEmail.objects.create(
        region=region_a, recipient="b@x.id", kind="k", subject_key="s", day="2024-01-01", subject="s", body_text="x"
    )
    OutgoingEmail.objects.filter(pk=queued.pk).update(created_at=old)
    path = upload.file.path
    totals = retention_purge()
    assert totals["people.roster_files"] == 1 and totals["mailer.messages"] == 1
    upload.refresh_from_db()
    assert not upload.file and not (tmp_path / "roster.csv").exists() and path
    assert not OutgoingEmail.objects.filter(pk=sent.pk).exists()
    assert OutgoingEmail.objects.filter(pk=queued.pk).exists()  # still waiting to be sent: kept


def test_run_periodic_once_runs_every_job(db):
    out, err = io.StringIO(), io.StringIO()
    call_command("run_periodic", once=True, stdout=out, stderr=err)
    assert err.getvalue() == ""
