"""The walk's view of the pledges app: elections (national, not scoped), and the apel (issue 7)."""

import datetime as dt

from django.utils import timezone

from pledges.models import ApelSettings, Attendance, Ceremony, Election
from tests.world import ASN, world

# --- apel (issue 7) ---------------------------------------------------------------------------------------------


@world.obj("ceremony_id", Ceremony, markers=lambda c: [c.title, c.place])
def ceremony(env):
    """A scheduled apel of region A, starting in 10 minutes (its check-in window is open)."""
    return Ceremony.objects.create(
        region=env.region_a,
        election=Election.objects.get(slug="pilkada-2024"),
        title="Apel Marker Muba",
        starts_at=timezone.now() + dt.timedelta(minutes=10),
        place="Halaman Marker Kantor Bupati",
        officiant_title="Pj Bupati Musi Banyuasin",
    )


@world.obj("attendance_id", Attendance, markers=lambda a: [a.note], owner="employee.user")
def attendance(env):
    """Siti's participation in that apel: she owns the row (she may read it, never mark it)."""
    return Attendance.objects.create(
        ceremony=env.ceremony, employee=env.siti, work_unit=env.unit_a, note="Catatan marker kehadiran"
    )


world.not_walked(ApelSettings, "kept on the region settings page (people's walk covers it); no page names it by id")

world.route("ceremony_list", "apel.view")
world.route("ceremony_calendar", "apel.view")
world.route("ceremony_create", "apel.manage")
world.route("election_list", "apel.view")
world.route("apel_card_sheet", "apel.mark")
world.route("my_apel", ASN)
world.route("apel_checkin", ASN)
world.route("apel_checkin_done", ASN)
world.public(
    "apel_checkin_open",
    "the URL inside the presenter's QR: judged before any login (a forged or stale token is refused, "
    "a good one only parks the apel id in the session); nothing is shown or recorded",
    {"token": "1.1:1:forged"},
)
world.route("ceremony_detail", "apel.view")
world.route("ceremony_edit", "apel.manage")
world.route("ceremony_cancel", "apel.manage")
world.route("ceremony_mark_held", "apel.manage")
world.route("ceremony_presenter", "apel.mark")
world.route("ceremony_presenter_qr", "apel.mark")
world.route("ceremony_scanner", "apel.mark")
world.route("attendance_list", "apel.view")
world.route("attendance_mark_unit", "apel.mark")
world.route("attendance_mark", "apel.mark")
world.route("participant_add", "apel.manage")
world.route("participant_remove", "apel.manage")
world.route("ceremony_report", "apel.view")
world.route("ceremony_report_issue", "apel.manage")
world.route("ceremony_report_download", "apel.view")
