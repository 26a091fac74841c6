import io

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory

from audit.models import AuditEvent
from people.models import Employee, Membership, Region, User, WorkUnit
from people.nip import parse_nip
from people.ranks import PNS_RANKS, PPPK_RANKS

DEMO_USERS = {
    "admin.sumsel": ("sumsel", "admin"),
    "bkd.muba": ("muba", "bkd"),
    "bupati.muba": ("muba", "head"),
    "inspektur.muba": ("muba", "inspector"),
    "bkd.oki": ("oki", "bkd"),
    "bupati.oki": ("oki", "head"),
    "inspektur.oki": ("oki", "inspector"),
}


def _seed(n=20):
    out = io.StringIO()
    call_command("seed_demo", asn_per_region=n, force=True, stdout=out)
    return out.getvalue()


def _snapshot():
    return {
        "regions": list(Region.objects.order_by("code").values()),
        "units": list(WorkUnit.objects.order_by("region_id", "code").values()),
        "employees": list(Employee.objects.order_by("nip").values_list("nip", "name", "email", "user_id", "rank")),
        "users": list(User.objects.order_by("username").values_list("username", "password", "email")),
        "memberships": list(Membership.objects.order_by("id").values_list("user_id", "region_id", "role")),
        "audit": AuditEvent.objects.count(),
    }


@pytest.fixture
def seeded(db):
    return _seed()


def test_it_creates_the_province_and_two_kabupaten(seeded):
    province = Region.objects.get(code="sumsel")
    assert (province.kind, province.official_code, province.head_title) == (
        "provinsi",
        "16",
        "Gubernur Sumatera Selatan",
    )
    muba, oki = Region.objects.get(code="muba"), Region.objects.get(code="oki")
    assert (muba.official_code, muba.head_title, muba.parent) == ("16.06", "Pj Bupati Musi Banyuasin", province)
    assert (oki.official_code, oki.head_title, oki.parent) == ("16.02", "Pj Bupati Ogan Komering Ilir", province)
    assert "Sekayu" in muba.address and "Kayuagung" in oki.address
    assert {r.timezone for r in (province, muba, oki)} == {"Asia/Jakarta"}


def test_each_kabupaten_has_about_ten_opds_and_the_asked_number_of_asn(seeded):
    for code in ("muba", "oki"):
        names = set(WorkUnit.objects.filter(region__code=code).values_list("name", flat=True))
        assert 10 <= len(names) <= 14
        assert {"Sekretariat Daerah", "Inspektorat Daerah", "Dinas Pendidikan", "Dinas Kesehatan"} <= names
        assert Employee.objects.filter(region__code=code).count() == 20
    assert "Kecamatan Sekayu" in set(WorkUnit.objects.values_list("name", flat=True))


def test_every_demo_asn_has_a_valid_nip_rank_and_email(seeded):
    employees = list(Employee.objects.select_related("region"))
    for employee in employees:
        info = parse_nip(employee.nip, employee.employment_type)
        assert employee.birth_date == info.birth_date
        assert employee.gender == info.gender
        ranks = PPPK_RANKS if employee.employment_type == "PPPK" else PNS_RANKS
        assert employee.rank in ranks
        assert employee.email == "" or employee.email.endswith(f"@{employee.region.code}.go.id")
        assert employee.tukin_monthly and employee.tukin_monthly > 1_000_000
    assert sum(1 for e in employees if e.email) >= len(employees) * 0.8


def test_the_mix_has_pns_cpns_and_pppk_with_titles(db):
    _seed(300)
    types = set(Employee.objects.values_list("employment_type", flat=True))
    assert types == {"PNS", "CPNS", "PPPK"}
    assert Employee.objects.exclude(back_title="").count() > 400
    assert Employee.objects.filter(region__code="muba").count() == 300


@pytest.mark.parametrize("username", list(DEMO_USERS))
def test_each_demo_account_has_its_role_and_the_demo_password(seeded, username):
    user = User.objects.get(username=username)
    assert user.check_password("netralitas-demo")
    region_code, role = DEMO_USERS[username]
    assert Membership.objects.filter(user=user, region__code=region_code, role=role).exists()


@pytest.mark.parametrize("region", ["muba", "oki"])
def test_the_demo_asn_can_log_in_with_their_nip(seeded, region):
    user = User.objects.get(username=f"asn.{region}")
    employee = user.employee
    assert employee.region.code == region and user.is_active
    assert employee.nip in seeded  # the command prints it
    request = RequestFactory().post("/akun/masuk/")
    assert authenticate(request, username=employee.nip, password="netralitas-demo") == user


def test_running_it_twice_changes_nothing(seeded):
    before = _snapshot()
    _seed()
    assert _snapshot() == before


def test_a_larger_run_after_a_smaller_one_only_adds(seeded):
    existing = set(Employee.objects.values_list("nip", flat=True))
    _seed(30)
    after = set(Employee.objects.values_list("nip", flat=True))
    assert existing < after and len(after) == 60


def test_every_demo_role_is_in_the_audit_trail(seeded):
    recorded = {
        (event.after["username"], event.after["region"], event.after["role"])
        for event in AuditEvent.objects.filter(action="netralitas.membership.created")
    }
    roles = {(m.user.username, m.region.code, m.role) for m in Membership.objects.select_related("user", "region")}
    assert roles and recorded == roles
