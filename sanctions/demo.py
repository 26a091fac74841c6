"""Demo data: in each demo kabupaten an approved decision with its letter, signed original and delivery (a
sanction in force, with its TPP schedule: the demo regions cut their TPP), and a recommendation waiting for
``bupati.<region>``; and a finance account ``keuangan.<region>`` that sees the TPP schedule only.

Through the app's services (audited like real rows); idempotent: a region that has recommendations is left
as it is.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password

from core.demodata import DEMO_PASSWORD, DemoContext
from documents.services import document_get_or_issue
from people.models import Employee, Membership, User
from people.services.staff import membership_snapshot
from pledges.models import Election
from violations import workflow
from violations.demo import checked, minimal_pdf
from violations.models import Case, ProhibitedActivity, Report, Source
from violations.services import cases as case_services
from violations.services import reports as report_services

from . import services
from .letters import DECISION, RECOMMENDATION
from .models import SanctionRecommendation, SanctionSettings


def seed(ctx: DemoContext) -> None:
    for code in ("muba", "oki"):
        region = ctx.regions.get(code)
        bkd, head = ctx.users.get(f"bkd.{code}"), ctx.users.get(f"bupati.{code}")
        if region is None or bkd is None or head is None:
            continue
        _finance_account(ctx, region)
        if SanctionRecommendation.objects.filter(region=region).exists():  # seeded before
            continue
        settings = SanctionSettings.for_region(region)
        if not settings.tpp_cut:
            settings.tpp_cut = True
            settings.save(update_fields=["tpp_cut"])
        _Region(region, bkd, head).run()
        ctx.say(f"{region.name}: sanksi demo dibuat (satu berlaku, satu menunggu {head.username})")


def _finance_account(ctx: DemoContext, region) -> None:
    username = f"keuangan.{region.code}"
    user, _ = User.objects.get_or_create(
        username=username,
        defaults={"first_name": "Petugas", "last_name": f"BPKAD {region.code.upper()}",
                  "email": f"{username}@{region.code}.go.id", "password": make_password(DEMO_PASSWORD)},
    )  # fmt: skip
    ctx.users[username] = user
    membership, created = Membership.objects.get_or_create(user=user, region=region, role="keuangan")
    if created:
        membership.log_action(
            "netralitas.membership.created", after=membership_snapshot(membership), data={"source": "seed_demo"}
        )  # fmt: skip


class _Region:
    def __init__(self, region, bkd, head):
        self.region, self.bkd, self.head = region, bkd, head

    def proven_case(self, employee, code: str, chronology: str, day=dt.date(2024, 10, 20)) -> Case:
        _report, _code, (case,) = report_services.report_create(
            region=self.region, source=Source.BAWASLU, channel=Report.Channel.LETTER, incident_date=day,
            chronology=chronology, reporter=report_services.ReporterData(
                anonymous=False, name="Panwascam", organisation="Bawaslu Kabupaten", contact="0711-000000"),
            employees=[employee], election=Election.objects.filter(slug="pilkada-2024").first(),
            incident_place="Kantor kecamatan",
            activities=list(ProhibitedActivity.objects.current().filter(code=code)), by=self.bkd,
            source_reference="DEMO-SANKSI",
        )  # fmt: skip
        for action in ("start_verification", "verify", "start_examination"):
            case = case_services.case_transition(case=case, action=action, by=self.bkd, note="Catatan (demo).")
        case_services.case_document_add(
            case=case, kind="bap_examination", checked=checked(minimal_pdf("BAP"), "bap.pdf"), by=self.bkd
        )
        return case_services.case_record_finding(
            case=case, proven=True, category="disiplin_sedang", by=self.bkd,
            reasoning="Terlapor mengakui ikut kampanye dengan atribut partai; foto dan saksi menguatkan.",
        )  # fmt: skip

    def run(self):
        waiting = Case.objects.filter(region=self.region, state=workflow.RECOMMENDATION).order_by("pk").first()
        people = list(
            Employee.objects.filter(region=self.region, is_active=True, user__isnull=True, employment_type="PNS")
            .exclude(violation_cases__isnull=False)
            .order_by("nip")[:1]
        )
        if not people:
            return
        employee = people[0]
        if not employee.tukin_monthly:
            employee.tukin_monthly = 4_938_000
            employee.save(update_fields=["tukin_monthly"])
        # 1. Decided, signed, delivered: in force, with the TPP schedule.
        case = self.proven_case(
            employee, "NTR-32",
            "Terlapor hadir sebagai peserta kampanye pasangan calon dengan mengenakan kaos dan topi partai.",
        )  # fmt: skip
        rec = services.recommendation_propose(case=case, measure="HD_S6", by=self.bkd)
        rec = services.recommendation_approve(recommendation=rec, by=self.head, reason="Setuju dengan telaahan BKD.")
        document_get_or_issue(kind=RECOMMENDATION, obj=rec, by=self.bkd)
        document_get_or_issue(kind=DECISION, obj=rec, by=self.head)
        services.signed_original_add(
            recommendation=rec, checked=checked(minimal_pdf("SK bertanda tangan basah"), "sk-ttd.pdf"), by=self.bkd
        )
        services.decision_deliver(
            recommendation=rec, delivered_on=rec.decided_on, note="Diserahkan langsung oleh atasan.", by=self.bkd
        )
        # 2. Waiting for the head: the violations demo's proven case (team membership after candidate fixing).
        if waiting is not None:
            try:
                result = services.case_rule_result(waiting)
            except Exception:  # noqa: BLE001 - a demo case without catalogue entries simply waits
                return
            services.recommendation_propose(case=waiting, measure=result.measures[-1].code, by=self.bkd)
