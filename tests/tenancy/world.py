"""The walk's view of the deliberately leaky views (tests/tenancy/leaky_urls.py), which only the
walk's self-tests mount."""

from tests.world import world

world.route("leaky_detail", "roster.view")
world.route("leaky_revoke", "membership.manage")
world.route("leaky_list", "roster.view")
world.route("leaky_unknown", "roster.view")
world.route("leaky_edit", "employee.edit")
