import datetime as dt

import pytest
from django.utils import timezone

from pledges.models import Election
from tests.factories import EmployeeFactory, MembershipFactory, RegionFactory, UserFactory
from tests.violations.factories import make_case, make_report
from violations.models import ProhibitedActivity


def proven_case(region, employee, *codes, incident=dt.date(2024, 10, 15), election="pilkada-2024", **extra):
    """A case whose LHP found it proven, waiting for the PPK (the sanctions app's part starts here)."""
    report = make_report(region, incident_date=incident, incident_place="Sekayu")
    case = make_case(
        region, employee, state="recommendation", report=report, finding_proven=True,
        finding_reasoning="Terlapor terbukti hadir dalam kampanye pasangan calon.", finding_category="disiplin_sedang",
        finding_at=extra.pop("finding_at", timezone.now()), election=Election.objects.get(slug=election), **extra,
    )  # fmt: skip
    case.activities.set(ProhibitedActivity.objects.current().filter(code__in=codes))
    return case


@pytest.fixture
def people(region_a, unit_a):
    bkd = MembershipFactory(region=region_a, role="bkd", user__username="bkd.sanksi", user__email="bkd@muba.go.id").user
    head = MembershipFactory(
        region=region_a, role="head", user__username="bupati", user__email="bupati@muba.go.id"
    ).user
    inspector = MembershipFactory(region=region_a, role="inspector", user__username="inspektur").user
    keuangan = MembershipFactory(region=region_a, role="keuangan", user__username="bpkad").user
    governor = MembershipFactory(region=region_a.parent, role="head", user__username="gubernur").user
    asn_user = UserFactory(username="rudi.asn")
    rudi = EmployeeFactory(
        region=region_a, work_unit=unit_a, user=asn_user, name="Rudi Hartono", employment_type="PNS",
        position="Penata Kelola Sistem", rank="III/b", tukin_monthly=4_938_000, email="rudi@muba.go.id",
    )  # fmt: skip
    return {"bkd": bkd, "head": head, "inspector": inspector, "keuangan": keuangan, "governor": governor,
            "asn": asn_user, "rudi": rudi}  # fmt: skip


@pytest.fixture
def other_region(region_a):
    """A sister kabupaten in the same province, with its own head."""
    region = RegionFactory(parent=region_a.parent, code="banyuasin", name="Kabupaten Banyuasin")
    head = MembershipFactory(region=region, role="head", user__username="bupati.bya").user
    bkd = MembershipFactory(region=region, role="bkd", user__username="bkd.bya").user
    return {"region": region, "head": head, "bkd": bkd}
