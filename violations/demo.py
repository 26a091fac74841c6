"""Demo data: each demo region takes public reports and has cases in several states — one overdue, one with
its finding made, one addressed to ``asn.<region>`` (summoned) — with evidence and a public report.

Through the app's services (audited like real rows); idempotent: a region that already has reports is left
as it is.
"""

import datetime as dt
import io
import zoneinfo

from django.utils import timezone
from PIL import Image

from core.demodata import DemoContext
from people.models import Employee
from people.workdays import add_working_days
from pledges.models import Election

from . import workflow
from .files import CheckedFile, check_upload
from .models import Case, Hearing, ProhibitedActivity, Report, Source, ViolationSettings
from .services import cases as case_services
from .services import reports as report_services


def minimal_pdf(text: str = "BAP") -> bytes:
    """A small, well-formed one-page PDF (a stand-in for a scanned, signed BAP)."""
    content = f"BT /F1 14 Tf 40 150 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def photo_with_location(color="#b91c1c", *, size=(320, 200)) -> bytes:
    """A JPEG "photo" whose EXIF carries a GPS position (Sekayu), as a phone camera would write it."""
    image = Image.new("RGB", size, color)
    exif = image.getexif()
    exif[0x010F] = "DemoPhone"
    exif[0x8825] = {1: "S", 2: (2.0, 52.0, 30.0), 3: "E", 4: (103.0, 51.0, 10.0)}
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes(), quality=85)
    return out.getvalue()


def checked(data: bytes, name: str) -> CheckedFile:
    upload = io.BytesIO(data)
    upload.name, upload.size = name, len(data)
    return check_upload(upload)


def _codes(*codes):
    return list(ProhibitedActivity.objects.current().filter(code__in=codes))


def _reference_data() -> None:
    """The catalogue and the 2024 elections are loaded by migrations; a test that flushed the database
    (a live-server test) has lost them, so the demo puts them back."""
    import importlib

    from .data.loader import load_catalogue
    from .models import LexiconEntry, SuggestionRule

    load_catalogue(ProhibitedActivity, SuggestionRule, LexiconEntry)
    if not Election.objects.exists():
        elections = importlib.import_module("pledges.migrations.0002_elections_2024").ELECTIONS
        for values in elections:
            Election.objects.get_or_create(slug=values["slug"], defaults=values)


def seed(ctx: DemoContext) -> None:
    _reference_data()
    pilkada = Election.objects.filter(slug="pilkada-2024").first()
    for code in ("muba", "oki"):
        region = ctx.regions.get(code)
        bkd = ctx.users.get(f"bkd.{code}")
        if region is None or bkd is None:
            continue
        settings = ViolationSettings.for_region(region)
        if not settings.public_reports:
            settings.public_reports = True
            settings.save(update_fields=["public_reports"])
        if Report.objects.filter(region=region).exists():  # seeded before
            continue
        asn_user = ctx.users.get(f"asn.{code}")
        _Region(region, bkd, asn_user, pilkada).run()
        ctx.say(f"{region.name}: kasus pelanggaran demo dibuat")


class _Region:
    def __init__(self, region, bkd, asn_user, election):
        self.region, self.bkd, self.asn_user, self.election = region, bkd, asn_user, election
        others = Employee.objects.filter(region=region, is_active=True).exclude(user__isnull=False).order_by("nip")
        self.people = list(others[:6])

    def report(self, *, source, chronology, day, employees, codes, place="", files=(), links=(), reporter=None):
        reporter = reporter or report_services.ReporterData(
            anonymous=False, name="Panwascam Sekayu", organisation="Bawaslu Kabupaten", contact="0711-000000"
        )
        _report, _code, cases = report_services.report_create(
            region=self.region, source=source, channel=Report.Channel.LETTER, incident_date=day,
            chronology=chronology, reporter=reporter, employees=employees, election=self.election,
            incident_place=place, activities=_codes(*codes), files=files, links=links, by=self.bkd,
            source_reference="DEMO",
        )  # fmt: skip
        return cases

    def move(self, case, *actions, note="Catatan petugas (demo)."):
        for action in actions:
            case = case_services.case_transition(case=case, action=action, by=self.bkd, note=note)
        return case

    def hearing(self, case, kind, working_days=8):
        day = add_working_days(self.region.pk, case_services.region_today(self.region), working_days)
        when = dt.datetime.combine(day, dt.time(10, 0), tzinfo=zoneinfo.ZoneInfo(self.region.timezone))
        return case_services.hearing_schedule(
            case=case, kind=kind, scheduled_at=when,
            place="Ruang rapat BKPSDM", notes="Membawa KTP dan kartu pegawai.", by=self.bkd,
        )  # fmt: skip

    def run(self):
        if len(self.people) < 5:
            return
        day = dt.date(2024, 10, 14)
        a, b, c, d, e = self.people[:5]
        # 1. Overdue: a Bawaslu letter received weeks ago, still waiting for verification.
        (overdue,) = self.report(
            source=Source.BAWASLU, day=day, employees=[a], codes=["NTR-16"],
            chronology="Terlapor memberikan like, share dan komentar mendukung pasangan calon nomor urut 2 di akun "
            "Facebook pribadinya pada masa kampanye.",
            links=["https://www.facebook.com/share/p/demo-unggahan"],
        )  # fmt: skip
        past = timezone.now() - dt.timedelta(days=20)
        Case.objects.filter(pk=overdue.pk).update(
            state_entered_at=past, deadline=case_services.region_today(self.region) - dt.timedelta(days=10)
        )
        # 2. Clarification, the demo ASN summoned: they see it on their home page.
        subject = self.asn_user.employee if self.asn_user and hasattr(self.asn_user, "employee") else b
        (summoned,) = self.report(
            source=Source.MEDIA, day=day, employees=[subject], codes=["NTR-17"], place="Sekayu",
            chronology="Beredar foto terlapor berfoto bersama calon bupati sambil berpose dua jari di depan baliho "
            "pasangan calon; foto diunggah ke grup WhatsApp guru.",
            files=[checked(photo_with_location(), "foto-grup-wa.jpg")],
        )  # fmt: skip
        summoned = self.move(summoned, "start_verification", "verify")
        self.hearing(summoned, Hearing.Kind.CLARIFICATION)
        # 3. Examination with its signed BAP.
        (examined,) = self.report(
            source=Source.INTERNAL, day=day, employees=[c], codes=["NTR-34"],
            chronology="Kendaraan dinas dipakai mengangkut peserta kampanye pasangan calon ke lapangan kecamatan.",
        )  # fmt: skip
        examined = self.move(examined, "start_verification", "verify", "start_examination")
        case_services.case_document_add(
            case=examined, kind="bap_examination", checked=checked(minimal_pdf("BAP pemeriksaan"), "bap.pdf"),
            by=self.bkd,
        )  # fmt: skip
        # 4. Decided: the LHP found it proven (the PPK's decision is the sanctions app's).
        (proven,) = self.report(
            source=Source.BAWASLU, day=day, employees=[d], codes=["NTR-20"],
            chronology="Terlapor tercatat sebagai anggota tim pemenangan pasangan calon dalam SK tim kampanye.",
        )  # fmt: skip
        proven = self.move(proven, "start_verification", "verify", "start_examination")
        case_services.case_document_add(
            case=proven, kind="bap_examination", checked=checked(minimal_pdf("BAP"), "bap-ttd.pdf"), by=self.bkd
        )
        case_services.case_record_finding(
            case=proven, proven=True, category="disiplin_berat", by=self.bkd,
            reasoning="Terlapor mengakui namanya tercantum dalam SK tim pemenangan dan hadir dalam rapat tim.",
        )  # fmt: skip
        # 5. Not proven.
        (stopped,) = self.report(
            source=Source.PUBLIC, day=day, employees=[e], codes=["NTR-35"],
            chronology="Diduga membagikan amplop berisi uang kepada warga agar memilih calon tertentu.",
        )  # fmt: skip
        stopped = self.move(stopped, "start_verification", "verify", "start_examination")
        case_services.case_document_add(
            case=stopped, kind="bap_examination", checked=checked(minimal_pdf("BAP"), "bap.pdf"), by=self.bkd
        )
        case_services.case_record_finding(
            case=stopped, proven=False, by=self.bkd,
            reasoning="Saksi tidak dapat menunjukkan bahwa terlapor yang membagikan amplop.",
        )  # fmt: skip
        # 6. A public report, not yet triaged, with a photo and a question from BKD.
        report, _code = report_services.report_create_public(
            region=self.region, incident_date=dt.date(2024, 11, 2), election=self.election,
            chronology="Seorang guru SMP memasang spanduk paslon di pagar sekolah dan mengajak murid memilihnya.",
            reported_text="Pak Guru IPA — SMP Negeri di Sekayu", incident_place="SMP Negeri, Sekayu",
            reporter=report_services.ReporterData(anonymous=True),
            files=[checked(photo_with_location("#1d4ed8"), "spanduk.jpg")],
        )  # fmt: skip
        report_services.report_message_add(
            report=report, body="Terima kasih. Mohon sebutkan nama sekolahnya bila Anda tahu.", by=self.bkd
        )
        assert workflow.is_open(overdue.state)
