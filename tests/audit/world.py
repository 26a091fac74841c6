"""The walk's view of the audit trail."""

from audit.models import AuditEvent
from tests.world import world

world.not_walked(
    AuditEvent,
    "append-only; no page names an event by id (the list is narrowed with visible_to)",
    counted=False,  # every staff login appends an event: not a change a page made to region A's data
)
world.route("audit_list", "audit.view")
