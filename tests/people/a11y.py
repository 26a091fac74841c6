"""The people app's pages for the accessibility check (tests/e2e/test_a11y.py): the roster, work units,
roster import, staff and the ASN's own profile, each as the role whose menu offers it."""

from django.core.files.base import ContentFile
from django.urls import reverse

from people.models import Employee
from people.services import roster_imports
from tests.e2e.axe import A11yPage

HEADER = "NIP,Nama,Jenis Kepegawaian,Golongan,Jabatan,Unit Kerja,Email\n"


def first_employee(env):
    return Employee.objects.filter(region=env.region).order_by("name").first()


def roster_with_errors(env):
    """A checked upload with a bad row: the page lists the row, the column and why."""
    content = HEADER + "19850314201003100,Joko Purnomo,PNS,III/b,Penata Kelola,Dinas Pariwisata,joko@muba.go.id\n"
    upload = roster_imports.roster_import_create(
        region=env.region, user=env.user, uploaded_file=ContentFile(content.encode(), name="roster.csv"), queue=False
    )
    roster_imports.roster_import_check(import_id=upload.pk)
    return reverse("roster_import_detail", args=[upload.pk])


PAGES = [
    A11yPage("employee-list-bkd", "bkd.muba", "employee_list"),
    A11yPage("employee-list-head", "bupati.muba", "employee_list"),
    A11yPage("employee-detail-bkd", "bkd.muba", lambda env: reverse("employee_detail", args=[first_employee(env).pk])),
    A11yPage("employee-edit-bkd", "bkd.muba", lambda env: reverse("employee_edit", args=[first_employee(env).pk])),
    A11yPage("workunit-list-head", "bupati.muba", "workunit_list"),
    A11yPage("roster-import-bkd", "bkd.muba", "roster_import"),
    A11yPage("roster-import-errors-bkd", "bkd.muba", roster_with_errors),
    A11yPage("staff-list-admin", "admin.sumsel", "staff_list"),
    A11yPage("staff-add-admin", "admin.sumsel", "staff_add"),
    A11yPage("my-profile-asn", "asn.muba", "my_profile"),
    A11yPage("employee-list-denied-asn", "asn.muba", "employee_list", status=403),
]
