"""The walk's view of the people app: employees, work units, staff memberships, roster imports."""

from people.models import Employee, Membership, Region, RegionHoliday, RosterImport, WorkUnit
from tests.factories import EmployeeFactory, UserFactory
from tests.world import ASN, world


@world.obj("employee_id", Employee, markers=lambda e: [e.nip, e.name], owner="user")
def siti(env):
    """An ASN of region A with an account: the owner-ASN actor of the walk."""
    user = UserFactory(username="siti.owner")
    return EmployeeFactory(
        region=env.region_a, work_unit=env.unit_a, name="Siti Rahmawati Marker", nip="198503142010032007",
        phone="0811111", user=user,
    )  # fmt: skip


@world.obj("membership_id", Membership)
def membership(env):
    return Membership.objects.get(user=env.bkd_a, region=env.region_a)


@world.obj("import_id", RosterImport, markers=lambda r: [r.original_name])
def roster_import(env):
    return RosterImport.objects.create(
        region=env.region_a,
        uploaded_by=env.bkd_a,
        file="roster-imports/marker-muba.csv",
        original_name="roster-marker-muba.csv",
        file_sha256="0" * 64,
    )


world.not_walked(WorkUnit, "no page names a work unit by id: the unit list is filtered by the user's regions")
world.not_walked(Region, "no page names a region by id; region filters are validated against visible_to")

world.route("employee_list", "roster.view")
world.route("employee_detail", "roster.view")
world.route("employee_edit", "employee.edit")
world.route("my_profile", ASN)
world.route("workunit_list", "roster.view")
world.route("roster_import", "roster.import")
world.route("roster_template", "roster.import")
world.route("roster_import_detail", "roster.view")
world.route("roster_import_run", "roster.import")
world.route("roster_import_progress", "roster.view")
world.route("staff_list", "membership.manage")
world.route("staff_add", "membership.manage")
world.route("staff_revoke", "membership.manage")
world.route("staff_invite_resend", "membership.manage")

world.route("region_settings", "region.settings")
world.public("privacy_notice", "the privacy notice (UU PDP 27/2022) is for everybody, linked from every page")
world.not_walked(RegionHoliday, "kept on the region settings page; no page names a holiday by id")
