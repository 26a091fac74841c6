"""The walk's view of the outbox."""

from mailer.models import MailSettings, OutgoingEmail
from tests.world import world


@world.obj("email_id", OutgoingEmail, markers=lambda e: [e.recipient])
def email(env):
    return OutgoingEmail.objects.create(
        region=env.region_a,
        recipient="marker.siti@muba.example.go.id",
        kind="test_marker",
        subject_key=f"people.employee:{env.siti.pk}",
        day="2024-11-01",
        subject="Marker subject for region A",
        body_text="Marker body",
    )


world.route("outbox_list", "outbox.view")
world.route("outbox_detail", "outbox.view")
world.route("outbox_retry", "outbox.retry")
world.not_walked(
    MailSettings,
    "no page names it by id: the region settings page (people) edits the region's own row through core.regionsettings",
)
