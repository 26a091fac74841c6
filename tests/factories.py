"""factory_boy factories shared by every test."""

import datetime as dt
import itertools

import factory

from people.models import Employee, Membership, Region, User, WorkUnit

_serial = itertools.count(1)


def make_nip(*, birth=dt.date(1985, 3, 14), tmt=(2010, 3), gender=1, serial=None, pppk=False) -> str:
    """A valid NIP (or NI PPPK) with a unique serial."""
    serial = next(_serial) if serial is None else serial
    birth_part = birth.strftime("%Y%m%d")
    if pppk:
        return f"{birth_part}{tmt[0]:04d}21{gender}{serial % 1000:03d}"
    # Spread serials across TMT months so more than 999 unique NIPs are possible.
    month = (tmt[1] - 1 + serial // 1000) % 12 + 1
    year = tmt[0] + (serial // 12000)
    return f"{birth_part}{year:04d}{month:02d}{gender}{serial % 1000:03d}"


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = "sumsel"
    kind = Region.Kind.PROVINSI
    name = "Provinsi Sumatera Selatan"
    official_code = "16"
    head_title = "Gubernur Sumatera Selatan"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    code = factory.Sequence(lambda n: f"kab{n}")
    kind = Region.Kind.KABUPATEN
    name = factory.Sequence(lambda n: f"Kabupaten Uji {n}")
    head_title = factory.LazyAttribute(lambda o: f"Bupati {o.name.removeprefix('Kabupaten ')}")
    parent = factory.SubFactory(ProvinceFactory)


class WorkUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkUnit

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"U{n:03d}")
    name = factory.Sequence(lambda n: f"Dinas Uji {n}")
    kind = WorkUnit.Kind.DINAS


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.go.id")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-uji-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):  # noqa: N805
        if create:
            obj.save()


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    region = factory.SubFactory(RegionFactory)
    work_unit = factory.SubFactory(WorkUnitFactory, region=factory.SelfAttribute("..region"))
    nip = factory.LazyFunction(make_nip)
    name = factory.Sequence(lambda n: f"Pegawai Uji {n}")
    employment_type = Employee.EmploymentType.PNS
    rank = "III/a"
    position = "Analis Kebijakan"
    position_kind = Employee.PositionKind.FUNGSIONAL
    email = factory.Sequence(lambda n: f"pegawai{n}@example.go.id")
    tukin_monthly = 4_500_000


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    region = factory.SubFactory(RegionFactory)
    role = "bkd"
