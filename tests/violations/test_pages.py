"""Every violations page renders for the demo roles (no 500), and shows what each role may see."""

import pytest
from django.urls import reverse

from people.models import User
from violations.models import Case, CaseDocument, Evidence, Report

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(User.objects.get(username=username))


def test_bkd_pages_render(client, demo):
    login(client, "bkd.muba")
    case = Case.objects.filter(region__code="muba").order_by("pk").first()
    report = case.report
    pages = [
        reverse("home"), reverse("case_list"), reverse("case_list") + "?state=open&overdue=on&q=K-",
        reverse("case_detail", args=[case.pk]), reverse("report_list"), reverse("report_list") + "?status=new",
        reverse("report_create"), reverse("report_detail", args=[report.pk]), reverse("catalogue_list"),
        reverse("catalogue_detail") + "?code=NTR-16", reverse("proposal_list"), reverse("proposal_add"),
        reverse("suggester_stats"), reverse("case_export_csv"), reverse("case_export_xlsx"),
        reverse("violations_employee_lookup") + "?q=guru", reverse("region_settings"),
    ]  # fmt: skip
    for url in pages:
        response = client.get(url)
        assert response.status_code in (200, 403), (url, response.status_code)
    for case in Case.objects.filter(region__code="muba"):
        assert client.get(reverse("case_detail", args=[case.pk])).status_code == 200
    for report in Report.objects.filter(region__code="muba"):
        assert client.get(reverse("report_detail", args=[report.pk])).status_code == 200
    evidence = Evidence.objects.filter(region__code="muba", kind="file").first()
    assert client.get(reverse("evidence_file", args=[evidence.pk])).status_code == 200
    assert client.get(reverse("evidence_original", args=[evidence.pk])).status_code == 200
    document = CaseDocument.objects.filter(case__region__code="muba").first()
    assert client.get(reverse("case_document_file", args=[document.pk])).status_code == 200


@pytest.mark.parametrize("username", ["bupati.muba", "inspektur.muba", "admin.sumsel"])
def test_other_staff_pages_render(client, demo, username):
    login(client, username)
    assert client.get(reverse("home")).status_code == 200
    for name in ("case_list", "report_list", "catalogue_list", "proposal_list"):
        assert client.get(reverse(name)).status_code in (200, 403), name
    case = Case.objects.filter(region__code="muba").first()
    assert client.get(reverse("case_detail", args=[case.pk])).status_code in (200, 403)


def test_the_demo_asn_sees_the_case_addressed_to_them(client, demo):
    login(client, "asn.muba")
    home = client.get(reverse("home")).content.decode()
    case = Case.objects.get(employee__user__username="asn.muba")
    assert case.reference in home
    page = client.get(reverse("my_case_detail", args=[case.pk]))
    assert page.status_code == 200
    assert client.get(reverse("my_cases")).status_code == 200
    assert "Panwascam" not in page.content.decode()  # never the reporter


def test_public_pages_render(client, demo):
    assert client.get(reverse("public_report")).status_code == 200
    assert "Kabupaten Musi Banyuasin" in client.get(reverse("public_report")).content.decode()
    assert client.get(reverse("public_status")).status_code == 200
    assert client.get(reverse("public_report_sent")).status_code == 200
