"""Unit tests of the one tenancy mechanism: core/tenancy.py and core/capabilities.py."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from core.capabilities import UnknownCapability
from core.tenancy import (
    RegionScopedQuerySet,
    forget_region_roles,
    get_for_user,
    has_capability,
    region_ids_with,
    region_roles,
    require_capability,
)
from people.models import Employee, Membership, WorkUnit
from tests.factories import EmployeeFactory, MembershipFactory, RegionFactory, UserFactory


@pytest.fixture
def employee_a(region_a, unit_a):
    return EmployeeFactory(region=region_a, work_unit=unit_a, name="Siti Rahmawati")


@pytest.fixture
def employee_b(region_b):
    return EmployeeFactory(region=region_b, name="Orang Oki")


def test_region_roles_lists_direct_memberships(bkd_a, region_a):
    assert region_roles(bkd_a) == {region_a.pk: frozenset({"bkd"})}


def test_region_roles_merges_several_roles(bkd_a, region_a):
    MembershipFactory(user=bkd_a, region=region_a, role="inspector")
    forget_region_roles(bkd_a)
    assert region_roles(bkd_a) == {region_a.pk: frozenset({"bkd", "inspector"})}


def test_a_province_membership_reaches_its_kabupaten_kota(province_admin, region_a, region_b):
    roles = region_roles(province_admin)
    assert roles[region_a.parent_id] == {"admin"}
    assert roles[region_a.pk] == {"admin"}
    assert roles[region_b.pk] == {"admin"}


def test_a_province_does_not_reach_another_province(province_admin):
    other = RegionFactory(parent=RegionFactory(code="jambi", kind="provinsi", parent=None))
    assert other.pk not in region_roles(province_admin)


def test_anonymous_and_inactive_users_have_no_roles(bkd_a, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    assert region_roles(AnonymousUser()) == {}
    assert region_roles(None) == {}
    bkd_a.is_active = False
    forget_region_roles(bkd_a)
    assert region_roles(bkd_a) == {}


def test_region_ids_with_depends_on_the_capability(head_a, region_a):
    assert region_ids_with(head_a, "roster.view") == [region_a.pk]
    assert region_ids_with(head_a, "employee.edit") == []
    assert has_capability(head_a, region_a.pk, "dashboard.view")
    assert not has_capability(head_a, region_a.pk, "audit.view")


def test_visible_to_narrows_to_the_user_region(bkd_a, bkd_b, employee_a, employee_b):
    assert list(Employee.objects.visible_to(bkd_a, "roster.view")) == [employee_a]
    assert list(Employee.objects.visible_to(bkd_b, "roster.view")) == [employee_b]


def test_visible_to_respects_the_capability(inspector_a, employee_a):
    assert list(Employee.objects.visible_to(inspector_a, "roster.view")) == [employee_a]
    assert list(Employee.objects.visible_to(inspector_a, "employee.edit")) == []
    assert list(Membership.objects.visible_to(inspector_a, "membership.manage")) == []


def test_a_province_user_sees_every_kabupaten(province_admin, employee_a, employee_b):
    assert set(Employee.objects.visible_to(province_admin, "roster.view")) == {employee_a, employee_b}


def test_an_asn_sees_only_their_own_record(asn_a, employee_a):
    own = asn_a.employee
    assert list(Employee.objects.visible_to(asn_a, "roster.view")) == [own]
    assert list(WorkUnit.objects.visible_to(asn_a, "roster.view")) == []  # no owner field there


def test_an_inactive_user_sees_nothing(bkd_a, employee_a):
    bkd_a.is_active = False
    bkd_a.save()
    forget_region_roles(bkd_a)
    assert list(Employee.objects.visible_to(bkd_a, "roster.view")) == []


def test_a_user_without_membership_sees_nothing(employee_a):
    assert list(Employee.objects.visible_to(UserFactory(), "region.view")) == []


def test_get_for_user_returns_a_visible_object(bkd_a, employee_a):
    assert get_for_user(Employee.objects, bkd_a, "employee.edit", pk=employee_a.pk) == employee_a


def test_get_for_user_answers_404_for_another_region(bkd_b, employee_a):
    with pytest.raises(Http404):
        get_for_user(Employee.objects, bkd_b, "roster.view", pk=employee_a.pk)


def test_get_for_user_answers_404_for_a_missing_or_malformed_id(bkd_a):
    with pytest.raises(Http404):
        get_for_user(Employee.objects, bkd_a, "roster.view", pk=987654)
    with pytest.raises(Http404):
        get_for_user(Employee.objects, bkd_a, "roster.view", pk="abc")


def test_get_for_user_answers_403_for_a_role_lacking_the_capability(inspector_a, employee_a):
    with pytest.raises(PermissionDenied):
        get_for_user(Employee.objects, inspector_a, "employee.edit", pk=employee_a.pk)


def test_get_for_user_answers_404_to_anonymous(employee_a):
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(Http404):
        get_for_user(Employee.objects, AnonymousUser(), "roster.view", pk=employee_a.pk)


def test_the_owner_holds_only_the_capabilities_the_model_declares_for_owners(asn_a):
    """An ASN who owns a row may read it (owner_capabilities), never act on it as staff would."""
    own = asn_a.employee
    assert get_for_user(Employee.objects, asn_a, "roster.view", pk=own.pk) == own
    with pytest.raises(PermissionDenied):  # reached (their own row) but not permitted: 403, not 404
        get_for_user(Employee.objects, asn_a, "employee.edit", pk=own.pk)
    assert list(Employee.objects.visible_to(asn_a, "employee.edit")) == []


def test_staff_excludes_owner_takes_staff_capabilities_off_ones_own_rows(bkd_a, region_a, unit_a, monkeypatch):
    """Staff are ASN too: where a model says so, a staff role gives nothing on a row one owns (one's own case)."""
    mine = EmployeeFactory(region=region_a, work_unit=unit_a, user=bkd_a)
    other = EmployeeFactory(region=region_a, work_unit=unit_a)
    monkeypatch.setattr(type(Employee.objects.all()), "staff_excludes_owner", True)
    assert set(Employee.objects.visible_to(bkd_a, "employee.edit")) == {other}
    assert set(Employee.objects.visible_to(bkd_a, "roster.view")) == {mine, other}  # owner capability
    with pytest.raises(PermissionDenied):
        get_for_user(Employee.objects, bkd_a, "employee.edit", pk=mine.pk)


@pytest.mark.parametrize("call", ["visible_to", "get_for_user", "region_ids_with", "has_capability", "require"])
def test_an_unknown_capability_raises_instead_of_denying_or_allowing(bkd_a, region_a, employee_a, call):
    typo = "roster.veiw"
    with pytest.raises(UnknownCapability):
        if call == "visible_to":
            Employee.objects.visible_to(bkd_a, typo)
        elif call == "get_for_user":
            get_for_user(Employee.objects, bkd_a, typo, pk=employee_a.pk)
        elif call == "region_ids_with":
            region_ids_with(bkd_a, typo)
        elif call == "has_capability":
            has_capability(bkd_a, region_a.pk, typo)
        else:
            require_capability(bkd_a, typo)


def test_the_capability_is_a_required_argument(bkd_a):
    with pytest.raises(TypeError):
        Employee.objects.visible_to(bkd_a)
    with pytest.raises(TypeError):
        get_for_user(Employee.objects, bkd_a, pk=1)


def test_regions_are_narrowed_by_the_same_mechanism(bkd_a, province_admin, region_a, region_b):
    from people.models import Region

    assert isinstance(Region.objects.all(), RegionScopedQuerySet)
    assert list(Region.objects.visible_to(bkd_a, "roster.view")) == [region_a]
    assert set(Region.objects.visible_to(province_admin, "membership.manage")) == {region_a, region_b, region_a.parent}


def test_the_audit_trail_is_narrowed_by_the_same_mechanism(inspector_a, region_a, region_b):
    from audit.models import AuditEvent
    from audit.services import audit_record

    audit_record(action="netralitas.test.a", region_id=region_a.pk)
    audit_record(action="netralitas.test.b", region_id=region_b.pk)
    assert isinstance(AuditEvent.objects.all(), RegionScopedQuerySet)
    assert list(AuditEvent.objects.visible_to(inspector_a, "audit.view").values_list("action", flat=True)) == [
        "netralitas.test.a"
    ]


def test_require_capability_anywhere_or_in_a_region(bkd_a, region_a, region_b):
    require_capability(bkd_a, "roster.import")
    require_capability(bkd_a, "roster.import", region_a.pk)
    with pytest.raises(PermissionDenied):
        require_capability(bkd_a, "roster.import", region_b.pk)
    with pytest.raises(PermissionDenied):
        require_capability(bkd_a, "audit.view")


def test_region_roles_are_cached_on_the_user(bkd_a, region_b, django_assert_num_queries):
    region_roles(bkd_a)
    Membership.objects.create(user=bkd_a, region=region_b, role="bkd")
    with django_assert_num_queries(0):
        assert region_b.pk not in region_roles(bkd_a)
    forget_region_roles(bkd_a)
    assert region_b.pk in region_roles(bkd_a)
