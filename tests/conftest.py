"""Shared fixtures: three actors after hc's alice/bob/charlie — BKD officer and ASN of region A,
and a BKD officer of region B — plus the CI rule that a service or browser test never skips."""

import os

import pytest
from django.utils import translation

from tests.factories import EmployeeFactory, MembershipFactory, RegionFactory, UserFactory, WorkUnitFactory

# Playwright's sync API runs an event loop in the test thread; the ORM must still be usable there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

IN_CI = bool(os.environ.get("CI"))


def require(condition: bool, reason: str) -> None:
    """Skip a test whose service is missing — but in CI, fail it: CI must run everything for real."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_sessionstart(session):
    if IN_CI:
        from django.conf import settings

        engine = settings.DATABASES["default"]["ENGINE"]
        if engine != "django.db.backends.postgresql":
            raise pytest.UsageError(f"CI must run the suite on PostgreSQL, not {engine}: set DATABASE_URL")
        if not settings.REDIS_URL:
            raise pytest.UsageError("CI must run the suite with REDIS_URL set")


def pytest_runtest_logreport(report):
    if IN_CI and report.skipped:
        report.outcome = "failed"
        report.longrepr = f"skipped in CI: {report.longrepr}"


@pytest.fixture(autouse=True)
def _indonesian_by_default():
    """A request with the English cookie leaves "en" active in the thread (the locale middleware does not
    deactivate it); start every test in Bahasa Indonesia so messages do not depend on the test order."""
    translation.activate("id")
    yield
    translation.deactivate()


@pytest.fixture
def region_a(db):
    return RegionFactory(code="muba", name="Kabupaten Musi Banyuasin", head_title="Pj Bupati Musi Banyuasin")


@pytest.fixture
def region_b(db):
    return RegionFactory(code="oki", name="Kabupaten Ogan Komering Ilir", head_title="Pj Bupati Ogan Komering Ilir")


@pytest.fixture
def unit_a(region_a):
    return WorkUnitFactory(region=region_a, code="DISDIK", name="Dinas Pendidikan")


@pytest.fixture
def bkd_a(region_a):
    return MembershipFactory(region=region_a, role="bkd", user__username="alice").user


@pytest.fixture
def head_a(region_a):
    return MembershipFactory(region=region_a, role="head", user__username="hana").user


@pytest.fixture
def inspector_a(region_a):
    return MembershipFactory(region=region_a, role="inspector", user__username="ines").user


@pytest.fixture
def asn_a(region_a, unit_a):
    user = UserFactory(username="bob")
    EmployeeFactory(region=region_a, work_unit=unit_a, user=user, name="Bob Santoso")
    return user


@pytest.fixture
def bkd_b(region_b):
    return MembershipFactory(region=region_b, role="bkd", user__username="charlie").user


@pytest.fixture
def province_admin(region_a):
    return MembershipFactory(region=region_a.parent, role="admin", user__username="pat").user
