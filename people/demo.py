"""Demo data: Provinsi Sumatera Selatan with Musi Banyuasin (muba) and Ogan Komering Ilir (oki).

Idempotent: regions, work units and users are found by code/username before anything is created,
and employees by NIP, so a second run changes nothing. Generation is deterministic (one seeded
random.Random per region), so the same NIPs and names come out every time.
"""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from audit.services import audit_record
from core.demodata import DEMO_PASSWORD, DemoContext
from people.models import Employee, Membership, Region, User, WorkUnit
from people.nip import parse_nip
from people.roles import Role
from people.services.staff import membership_snapshot

CPNS_TMT = (2025, 3)  # the 2024 CPNS intake
PPPK_YEARS = (2022, 2023, 2024)

PROVINCE = {
    "code": "sumsel",
    "kind": Region.Kind.PROVINSI,
    "official_code": "16",
    "name": "Provinsi Sumatera Selatan",
    "head_title": "Gubernur Sumatera Selatan",
    "address": "Jl. Kapten A. Rivai No. 3, Palembang 30129",
    "email": "admin@sumselprov.go.id",
    "website": "sumselprov.go.id",
}
KABUPATEN = [
    {
        "code": "muba",
        "kind": Region.Kind.KABUPATEN,
        "official_code": "16.06",
        "name": "Kabupaten Musi Banyuasin",
        "head_title": "Pj Bupati Musi Banyuasin",
        "address": "Jl. Kolonel Wahid Udin No. 254, Kelurahan Serasan Jaya, Sekayu 30711",
        "email": "bkpsdm@muba.go.id",
        "website": "mubakab.go.id",
        "capital": "Sekayu",
        "short": "Muba",
        "districts": ["Sekayu", "Babat Toman", "Sungai Lilin"],
    },
    {
        "code": "oki",
        "kind": Region.Kind.KABUPATEN,
        "official_code": "16.02",
        "name": "Kabupaten Ogan Komering Ilir",
        "head_title": "Pj Bupati Ogan Komering Ilir",
        "address": "Jl. Letnan Muchtar Saleh No. 1, Kayuagung 30611",
        "email": "bkpsdm@oki.go.id",
        "website": "kaboki.go.id",
        "capital": "Kayuagung",
        "short": "OKI",
        "districts": ["Kayuagung", "Tanjung Lubuk", "Lempuing"],
    },
]

# Before every other app's demo: it makes the regions and the accounts they build on.
ORDER = 0

K = WorkUnit.Kind


@dataclass(frozen=True)
class UnitSpec:
    code: str
    name: str  # may name the capital or a district: "RSUD {capital}", "Kecamatan {district0}"
    kind: str
    weight: int  # share of the region's ASN
    leader: str
    specialists: tuple[str, ...]


UNITS = [
    UnitSpec("SETDA", "Sekretariat Daerah", K.SEKRETARIAT, 6, "Sekretaris Daerah",
             ("Analis Kebijakan Ahli Muda", "Perancang Peraturan Perundang-undangan Ahli Pertama")),
    UnitSpec("INSP", "Inspektorat Daerah", K.INSPEKTORAT, 3, "Inspektur",
             ("Auditor Ahli Pertama", "Auditor Ahli Muda", "Pengawas Penyelenggaraan Urusan Pemerintahan Daerah")),
    UnitSpec("BKPSDM", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", K.BADAN, 3, "Kepala BKPSDM",
             ("Analis Sumber Daya Manusia Aparatur Ahli Pertama", "Analis Sumber Daya Manusia Aparatur Ahli Muda")),
    UnitSpec("BAPPEDA", "Badan Perencanaan Pembangunan Daerah", K.BADAN, 3, "Kepala Bappeda",
             ("Perencana Ahli Pertama", "Perencana Ahli Muda")),
    UnitSpec("DISDIK", "Dinas Pendidikan", K.DINAS, 30, "Kepala Dinas Pendidikan",
             ("Guru Ahli Pertama", "Guru Ahli Muda", "Guru Ahli Madya", "Pengawas Sekolah Ahli Madya")),
    UnitSpec("DINKES", "Dinas Kesehatan", K.DINAS, 14, "Kepala Dinas Kesehatan",
             ("Perawat Ahli Pertama", "Bidan Terampil", "Dokter Ahli Pertama", "Apoteker Ahli Pertama")),
    UnitSpec("PUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", K.DINAS, 5, "Kepala Dinas PUPR",
             ("Teknik Jalan dan Jembatan Ahli Pertama", "Penata Ruang Ahli Muda")),
    UnitSpec("DINSOS", "Dinas Sosial", K.DINAS, 3, "Kepala Dinas Sosial",
             ("Pekerja Sosial Ahli Pertama", "Penyuluh Sosial Ahli Muda")),
    UnitSpec("DUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", K.DINAS, 3, "Kepala Dinas Dukcapil",
             ("Administrator Database Kependudukan Ahli Pertama",)),
    UnitSpec("RSUD", "RSUD {capital}", K.PUSKESMAS, 10, "Direktur RSUD {capital}",
             ("Dokter Ahli Pertama", "Perawat Ahli Pertama", "Perawat Terampil", "Radiografer Terampil")),
    UnitSpec("KEC1", "Kecamatan {district0}", K.KECAMATAN, 3, "Camat {district0}", ("Penata Kelola Pemerintahan",)),
    UnitSpec("KEC2", "Kecamatan {district1}", K.KECAMATAN, 2, "Camat {district1}", ("Penata Kelola Pemerintahan",)),
]  # fmt: skip
MIDDLE_POSITIONS = {
    K.SEKRETARIAT: ["Asisten Pemerintahan dan Kesejahteraan Rakyat", "Kepala Bagian Umum"],
    K.INSPEKTORAT: ["Sekretaris Inspektorat", "Inspektur Pembantu Wilayah I"],
    K.BADAN: ["Sekretaris Badan", "Kepala Bidang Program"],
    K.DINAS: ["Sekretaris Dinas", "Kepala Bidang Pelayanan"],
    K.PUSKESMAS: ["Wakil Direktur Pelayanan", "Kepala Bagian Tata Usaha"],
    K.KECAMATAN: ["Sekretaris Camat", "Kepala Seksi Pemerintahan"],
}
SUPERVISOR_POSITIONS = ["Kepala Subbagian Umum dan Kepegawaian", "Kepala Subbagian Keuangan", "Kepala Seksi Data"]
CLERK_POSITIONS = ["Pengadministrasi Perkantoran", "Penata Layanan Operasional", "Pengolah Data dan Informasi"]

MALE = ["Ahmad", "Muhammad", "Rizky", "Hendra", "Bambang", "Agus", "Dedi", "Yusuf", "Ilham", "Fajar", "Arief",
        "Hendri", "Syahrial", "Zulkarnain", "Irwansyah", "Firdaus", "Rahmat", "Joko", "Andi", "Suryadi"]  # fmt: skip
FEMALE = ["Siti", "Nurul", "Dewi", "Rina", "Yulia", "Fitri", "Wulan", "Ratna", "Lestari", "Maya", "Eka", "Indah",
          "Sri", "Herlina", "Novita", "Rahmawati", "Desi", "Mega", "Yuliana", "Ayu"]  # fmt: skip
MALE_SECOND = ["Saputra", "Pratama", "Hidayat", "Kurniawan", "Wijaya", "Syahputra", "Rahman", "Gunawan", "Setiawan",
               "Hasibuan", "Lubis", "Nasution", "Harahap", "Fauzi", "Maulana", "Hakim", "Ramadhan"]  # fmt: skip
FEMALE_SECOND = ["Susanti", "Anggraini", "Permatasari", "Wahyuni", "Oktaviani", "Marlina", "Handayani", "Utami",
                 "Sari", "Puspitasari", "Novianti", "Rahayu", "Kartika", "Lubis", "Nasution", "Amelia"]  # fmt: skip
GENERAL_DEGREES = ["S.H.", "S.E.", "S.Sos.", "S.Kom.", "S.IP.", "S.AP.", "S.Ak."]
# Degree by the start of the position's name: (bachelor or diploma, master's degree that fits).
POSITION_DEGREES = {
    "Guru": ("S.Pd.", "M.Pd."),
    "Pengawas Sekolah": ("S.Pd.", "M.Pd."),
    "Kepala Dinas Pendidikan": ("S.Pd.", "M.Pd."),
    "Perawat Ahli": ("S.Kep., Ners", "M.Kep."),
    "Perawat Terampil": ("A.Md.Kep.", ""),
    "Bidan": ("A.Md.Keb.", ""),
    "Apoteker": ("S.Farm., Apt.", "M.Farm."),
    "Radiografer": ("A.Md.Rad.", ""),
    "Nutrisionis": ("A.Md.Gz.", ""),
    "Kepala Dinas Kesehatan": ("S.KM.", "M.Kes."),
    "Teknik": ("S.T.", "M.T."),
    "Kepala Dinas PUPR": ("S.T.", "M.T."),
    "Penata Ruang": ("S.T.", "M.T."),
    "Auditor": ("S.Ak.", "M.Ak."),
    "Perencana": ("S.E.", "M.Si."),
    "Analis Sumber Daya": ("S.Psi.", "M.Si."),
}
MASTERS = ["M.Si.", "M.M.", "M.H.", "M.AP."]
FUNCTIONAL_RANKS = {
    "Terampil": ["II/c", "II/d"],
    "Ahli Pertama": ["III/a", "III/b"],
    "Ahli Muda": ["III/c", "III/d"],
    "Ahli Madya": ["IV/a", "IV/b", "IV/c"],
}
STAFF_USERS = [
    ("bkd", Role.BKD, "Petugas BKPSDM"),
    ("bupati", Role.HEAD, "Pj Bupati"),
    ("inspektur", Role.INSPECTOR, "Inspektur"),
]


@dataclass
class Person:
    """One generated ASN before it becomes an Employee row."""

    nip: str
    employment_type: str
    data: dict


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


class Generator:
    """Deterministic ASN for one region: same seed, same people, in the same order."""

    def __init__(self, region_code: str, units: list[WorkUnit], *, domain: str, names: dict):
        self.rng = random.Random(f"netralitas-demo:{region_code}")
        self.units = units
        self.names = names
        self.weights = [spec.weight for spec in UNITS]
        self.domain = domain
        self.per_unit = {unit.pk: 0 for unit in units}
        self.nips: set[str] = set()

    def person(self, index: int) -> Person:
        rng = self.rng
        if index == 0:  # the demo ASN (asn.<region>): a teacher, the most common ASN there is
            unit = next(u for u in self.units if u.code == "DISDIK")
            position, kind = "Guru Ahli Pertama", Employee.PositionKind.FUNGSIONAL
        else:
            # The next people are each unit's leaders, so every unit has a head whatever N is.
            number = index - 1
            unit_index = number if number < len(self.units) else rng.choices(range(len(self.units)), self.weights)[0]
            unit, spec = self.units[unit_index], UNITS[unit_index]
            seat = self.per_unit[unit.pk]
            self.per_unit[unit.pk] += 1
            position, kind = self._position(spec, seat, unit)
        employment_type = self._employment_type(kind)
        if employment_type == Employee.EmploymentType.CPNS:  # a new entrant starts at the first level
            position = position.replace("Ahli Muda", "Ahli Pertama").replace("Ahli Madya", "Ahli Pertama")
        gender = "2" if position.startswith("Bidan") else rng.choice("12")
        given = rng.choice(MALE if gender == "1" else FEMALE)
        family = rng.choice(MALE_SECOND if gender == "1" else FEMALE_SECOND)
        born = self._birth(kind, employment_type)
        nip = self._nip(born, gender, employment_type)
        rank = self._rank(kind, employment_type, position)
        front, back = self._titles(kind, position, gender)
        has_email = index == 0 or rng.random() > 0.04  # a few ASN the BKD still has to complete
        return Person(
            nip=nip,
            employment_type=employment_type,
            data={
                "work_unit": unit,
                "name": f"{given} {family}",
                "front_title": front,
                "back_title": back,
                "rank": rank,
                "position": position,
                "position_kind": kind,
                "email": f"{_ascii(given)}.{_ascii(family)}{index + 1}@{self.domain}" if has_email else "",
                "phone": f"08{rng.randint(11, 13)}{rng.randint(10_000_000, 99_999_999)}",
                "tukin_monthly": self._tukin(kind, rank),
                "birth_date": born,
                "gender": "L" if gender == "1" else "P",
            },
        )

    def _position(self, spec: UnitSpec, seat: int, unit: WorkUnit) -> tuple[str, str]:
        P = Employee.PositionKind
        if seat == 0:
            leader = spec.leader.format(**self.names)
            return leader, P.ADMINISTRATOR if unit.kind == K.KECAMATAN else P.JPT_PRATAMA
        if seat <= 2:
            kind = P.PENGAWAS if unit.kind == K.KECAMATAN and seat == 2 else P.ADMINISTRATOR
            return MIDDLE_POSITIONS[unit.kind][seat - 1], kind
        if seat <= 4:
            return SUPERVISOR_POSITIONS[seat - 3], P.PENGAWAS
        if self.rng.random() < 0.7:
            return self.rng.choice(spec.specialists), P.FUNGSIONAL
        return self.rng.choice(CLERK_POSITIONS), P.PELAKSANA

    def _employment_type(self, kind: str) -> str:
        if kind not in (Employee.PositionKind.FUNGSIONAL, Employee.PositionKind.PELAKSANA):
            return Employee.EmploymentType.PNS
        roll = self.rng.random()
        if roll < 0.25:
            return Employee.EmploymentType.PPPK
        if roll < 0.32:
            return Employee.EmploymentType.CPNS
        return Employee.EmploymentType.PNS

    def _birth(self, kind: str, employment_type: str) -> dt.date:
        senior = kind in (Employee.PositionKind.JPT_PRATAMA, Employee.PositionKind.ADMINISTRATOR)
        if senior:
            year = self.rng.randint(1967, 1978)
        elif employment_type == Employee.EmploymentType.CPNS:
            year = self.rng.randint(1991, 2001)  # CPNS applicants are at most 35
        else:
            year = self.rng.randint(1970, 1999)
        return dt.date(year, self.rng.randint(1, 12), self.rng.randint(1, 28))

    def _nip(self, born: dt.date, gender: str, employment_type: str) -> str:
        while True:
            serial = self.rng.randint(1, 999)
            if employment_type == Employee.EmploymentType.PPPK:
                year = max(self.rng.choice(PPPK_YEARS), born.year + 19)
                nip = f"{born:%Y%m%d}{year}21{gender}{serial:03d}"
            elif employment_type == Employee.EmploymentType.CPNS:
                nip = f"{born:%Y%m%d}{CPNS_TMT[0]}{CPNS_TMT[1]:02d}{gender}{serial:03d}"
            else:
                year = min(born.year + self.rng.randint(22, 30), 2019)
                nip = f"{born:%Y%m%d}{year}{self.rng.choice((1, 3, 12)):02d}{gender}{serial:03d}"
            if nip not in self.nips:
                self.nips.add(nip)
                parse_nip(nip, employment_type)  # the demo must only ever hold valid NIPs
                return nip

    def _rank(self, kind: str, employment_type: str, position: str) -> str:
        P = Employee.PositionKind
        terampil = "Terampil" in position
        if employment_type == Employee.EmploymentType.PPPK:
            if kind == P.PELAKSANA:
                return "V"
            return "VII" if terampil else self.rng.choice(["IX", "IX", "X"])
        if employment_type == Employee.EmploymentType.CPNS:
            return "II/c" if terampil or kind == P.PELAKSANA else "III/a"
        if kind == P.FUNGSIONAL:
            # The jenjang in the position's name fixes the golongan range.
            level = next((lv for lv in FUNCTIONAL_RANKS if lv in position), "Ahli Pertama")
            return self.rng.choice(FUNCTIONAL_RANKS[level])
        choices = {
            P.JPT_PRATAMA: ["IV/b", "IV/c"],
            P.ADMINISTRATOR: ["IV/a", "IV/b"],
            P.PENGAWAS: ["III/c", "III/d"],
        }.get(kind, ["II/a", "II/b", "II/c", "II/d", "III/a", "III/b"])
        return self.rng.choice(choices)

    def _titles(self, kind: str, position: str, gender: str) -> tuple[str, str]:
        rng = self.rng
        senior = kind in (Employee.PositionKind.JPT_PRATAMA, Employee.PositionKind.ADMINISTRATOR)
        if position.startswith("Dokter"):
            return "dr.", "M.Kes." if rng.random() < 0.2 else ""
        if position.startswith(("Pengadministrasi", "Pengolah", "Penata Layanan")):
            return "", rng.choice(["", "", "A.Md.", "S.E."])
        bachelor, master = next(
            (degrees for prefix, degrees in POSITION_DEGREES.items() if position.startswith(prefix)),
            (rng.choice(GENERAL_DEGREES), rng.choice(MASTERS)),
        )
        back = f"{bachelor}, {master}" if master and (senior or rng.random() < 0.15) else bachelor
        front = rng.choice(["Dr.", "H." if gender == "1" else "Hj."]) if senior and rng.random() < 0.3 else ""
        return front, back

    def _tukin(self, kind: str, rank: str) -> int:
        base = {
            Employee.PositionKind.JPT_PRATAMA: 14_000_000,
            Employee.PositionKind.ADMINISTRATOR: 9_000_000,
            Employee.PositionKind.PENGAWAS: 6_000_000,
            Employee.PositionKind.FUNGSIONAL: 4_500_000,
        }.get(kind, 3_000_000)
        return base + self.rng.randint(0, 20) * 50_000


def seed(ctx: DemoContext) -> None:
    """The province, its two kabupaten, their work units and ASN, and the demo accounts."""
    _Seeder(ctx).run()


class _Seeder:
    def __init__(self, ctx: DemoContext):
        self.ctx = ctx
        self.stdout = ctx.stdout
        self.password_hash = make_password(DEMO_PASSWORD)  # hashing is slow: once, reused for every user

    def run(self) -> None:
        province, _ = Region.objects.get_or_create(code=PROVINCE["code"], defaults=_region_fields(PROVINCE))
        self.ctx.regions[province.code] = province
        self._staff_user("admin.sumsel", "Admin Provinsi Sumatera Selatan", "admin.sumsel@sumselprov.go.id")
        self._membership("admin.sumsel", province, Role.ADMIN)
        for spec in KABUPATEN:
            self._kabupaten(spec, province, self.ctx.asn_per_region)

    def _kabupaten(self, spec: dict, province: Region, count: int) -> None:
        region, created = Region.objects.get_or_create(
            code=spec["code"], defaults={**_region_fields(spec), "parent": province}
        )
        self.ctx.regions[region.code] = region
        names = {"capital": spec["capital"], **{f"district{i}": d for i, d in enumerate(spec["districts"])}}
        units = [self._unit(region, unit_spec, names) for unit_spec in UNITS]
        generator = Generator(region.code, units, domain=f"{region.code}.go.id", names=names)
        people = [generator.person(i) for i in range(count)]
        existing = set(Employee.objects.filter(nip__in=[p.nip for p in people]).values_list("nip", flat=True))
        new = [
            Employee(region=region, nip=p.nip, employment_type=p.employment_type, **p.data)
            for p in people
            if p.nip not in existing
        ]
        Employee.objects.bulk_create(new, batch_size=500)
        for prefix, role, label in STAFF_USERS:
            username = f"{prefix}.{region.code}"
            self._staff_user(username, f"{label} {spec['short']}", f"{username}@{region.code}.go.id")
            self._membership(username, region, role)
        asn = self._asn_user(region, people[0].nip) if people else None
        if created or new:
            audit_record(
                action="netralitas.demo.seeded",
                region_id=region.pk,
                data={"employees_created": len(new), "work_units": len(units)},
            )
        self.stdout.write(
            f"{region.name}: {len(units)} unit kerja, {len(new)} ASN baru ({len(existing)} sudah ada)"
            + (f"; asn.{region.code} = NIP {asn.nip}" if asn else "")
        )

    def _unit(self, region: Region, spec: UnitSpec, names: dict) -> WorkUnit:
        unit, _ = WorkUnit.objects.get_or_create(
            region=region, code=spec.code, defaults={"name": spec.name.format(**names), "kind": spec.kind}
        )
        return unit

    def _staff_user(self, username: str, full_name: str, email: str) -> User:
        first, _, last = full_name.rpartition(" ")
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": email, "password": self.password_hash},
        )
        self.ctx.users[username] = user
        return user

    def _membership(self, username: str, region: Region, role: str) -> None:
        """A demo role, recorded like any other role given (by "sistem", the seed)."""
        user = User.objects.get(username=username)
        membership, created = Membership.objects.get_or_create(user=user, region=region, role=role)
        if created:
            membership.log_action(
                "netralitas.membership.created", after=membership_snapshot(membership), data={"source": "seed_demo"}
            )

    def _asn_user(self, region: Region, nip: str) -> Employee:
        """asn.<region>: the first generated ASN, with a login (also by NIP). Kept once linked."""
        username = f"asn.{region.code}"
        linked = Employee.objects.filter(user__username=username).select_related("user").first()
        if linked is not None:
            self.ctx.users[username] = linked.user
            return linked
        employee = Employee.objects.get(nip=nip)
        user, _ = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": employee.name,
                "email": employee.email or f"{username}@{region.code}.go.id",
                "password": self.password_hash,
            },
        )
        if employee.user_id is None:
            employee.user = user
            employee.save(update_fields=["user"])
        self.ctx.users[username] = user
        return employee


def _region_fields(spec: dict) -> dict:
    keys = ("kind", "official_code", "name", "head_title", "address", "email", "website")
    return {key: spec[key] for key in keys} | {"timezone": Region.TimeZone.WIB}
