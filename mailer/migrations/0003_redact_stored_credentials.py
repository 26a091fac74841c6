"""Remove the activation, invitation and reset links that earlier releases stored in message bodies.

Before this release the outbox kept the rendered link, and staff pages showed it: anyone with
``outbox.view`` could take over the account. Rows already sent, failed or cancelled lose their
bodies entirely; rows still waiting keep their text with the link replaced by the placeholder, and
are marked with the credential they carry, so the link is made fresh when they are sent.
"""

import re

from django.db import migrations

PLACEHOLDER = "__NETRALITAS_CREDENTIAL_LINK__"
PURPOSES = {
    "account_activation": "people.activation",
    "staff_invitation": "people.invitation",
    "password_reset": "people.password_reset",
}
LINK = re.compile(r"""https?://[^\s"'<>]*/akun/(?:aktivasi|reset|undangan)/[^/\s"'<>]+/[^/\s"'<>]+/?""")
USER_KEY = re.compile(r"^people\.user:(\d+)")
WAITING = ("queued", "inflight")


def redact(apps, schema_editor):
    OutgoingEmail = apps.get_model("mailer", "OutgoingEmail")
    for email in OutgoingEmail.objects.filter(kind__in=list(PURPOSES)).iterator():
        found = USER_KEY.match(email.subject_key)
        email.credential = PURPOSES[email.kind]
        email.credential_ref = found.group(1) if found else ""
        if email.status in WAITING and found:
            email.body_text = LINK.sub(PLACEHOLDER, email.body_text)
            email.body_html = LINK.sub(PLACEHOLDER, email.body_html)
        else:
            email.body_text = email.body_html = ""
            if email.status in WAITING:  # nothing to make a link from: do not send a broken mail
                email.status = "cancelled"
        email.save(update_fields=["credential", "credential_ref", "body_text", "body_html", "status"])


class Migration(migrations.Migration):
    dependencies = [("mailer", "0002_credentials_and_versions")]
    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
