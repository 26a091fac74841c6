"""The account-takeover paths found in the review of e646197, each replayed as the attacker did it.

1. A reset/activation/invitation link stored in the outbox and shown to every role with outbox.view.
2. An admin of one Pemda adopting another Pemda's pending account, and the staff lookup as a directory.
3. A pending account named by a NIP adopted by the wrong person; staff usernames squatting a NIP.
10. One token generator for every purpose: a reset link activating a pending account.
"""

import re
from unittest import mock

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from audit.models import AuditEvent
from mailer import credentials
from mailer.models import OutgoingEmail
from people.models import Membership, User
from people.services.accounts import ACTIVATION, INVITATION, account_link
from tests.factories import EmployeeFactory, MembershipFactory, UserFactory

from .conftest import NEW_PASSWORD, deliver, link_path, open_link, outbox

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r"/akun/(?:aktivasi|reset|undangan)/[^/\s\"'<>]+/([^/\s\"'<>]+)/")


def _tokens_in(text: str) -> list[str]:
    return [t for t in TOKEN.findall(text) if t not in ("atur-sandi", "set-password")]


# --- 1. the outbox never holds or shows a credential ---------------------------------------------------


def test_the_inspector_cannot_take_over_bkd_through_the_outbox(client, bkd_a, inspector_a, region_a):
    """As reproduced: inspektur asks for a reset with bkd's email, opens the outbox row, follows the link."""
    client.force_login(inspector_a)
    client.post(reverse("password_reset"), {"email": bkd_a.email})
    [email] = outbox("password_reset")

    # Neither the list, nor the row's page, nor the stored row holds the link, before or after sending.
    for _stage in ("queued", "sent"):
        listing = client.get(reverse("outbox_list")).content.decode()
        detail = client.get(reverse("outbox_detail", kwargs={"email_id": email.pk})).content.decode()
        assert detail.count(bkd_a.email) >= 1, "the metadata (recipient) is still shown"
        assert "/akun/reset/" not in listing + detail
        assert 'id="credential-note"' in detail
        stored = OutgoingEmail.objects.get(pk=email.pk)
        assert "/akun/" not in stored.body_text + stored.body_html
        assert credentials.PLACEHOLDER in stored.body_text
        if _stage == "queued":
            message = deliver(stored)
    [token] = _tokens_in(message.body)
    # What the inspector could still try: the delivered token is nowhere the inspector can read.
    everything = " ".join(
        str(v) for row in AuditEvent.objects.values("before", "after", "data", "object_repr") for v in row.values()
    )
    assert token not in everything
    assert token not in OutgoingEmail.objects.get(pk=email.pk).body_text
    bkd_a.refresh_from_db()
    assert bkd_a.check_password("rahasia-uji-123")


def test_the_django_admin_shows_a_credential_mail_as_metadata_only(client, bkd_a, django_user_model):
    client.post(reverse("password_reset"), {"email": bkd_a.email})
    [email] = outbox("password_reset")
    message = deliver(email)
    [token] = _tokens_in(message.body)
    root = django_user_model.objects.create_superuser("root", password="x-rahasia-123")
    client.force_login(root)
    page = client.get(reverse("admin:mailer_outgoingemail_change", args=[email.pk])).content.decode()
    assert bkd_a.email in page and "password_reset" in page
    assert token not in page and credentials.PLACEHOLDER not in page and "body_text" not in page


def test_the_link_is_made_when_sent_and_the_task_carries_only_an_id(client, bkd_a, django_capture_on_commit_callbacks):
    from mailer import tasks

    with mock.patch.object(tasks.email_send_task, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("password_reset"), {"email": bkd_a.email})
    [email] = outbox("password_reset")
    delay.assert_called_once_with(email.pk)


def test_a_get_of_the_link_consumes_nothing_and_leaves_a_token_free_url(client, new_asn):
    """Mail scanners open links first: that GET must neither use the link nor leave the token in the URL."""
    client.post(reverse("activation_request"), {"nip": new_asn.nip, "email": new_asn.email})
    path = link_path(outbox("account_activation")[0])
    [token] = _tokens_in(path)
    scanner = client.__class__()
    scanned = scanner.get(path)
    assert scanned.status_code == 302 and token not in scanned["Location"]
    page, url = open_link(client, path)  # the owner, later: the link still works
    assert "new_password1" in page.content.decode() and token not in page.content.decode()
    client.post(url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert User.objects.get(username=new_asn.nip).is_active
    # The scanner's session, which saw the token first, cannot set the password afterwards.
    again = scanner.post(
        scanned["Location"], {"new_password1": "Bukan-Pemilik-99", "new_password2": "Bukan-Pemilik-99"}
    )
    assert "Tautan tidak berlaku lagi" in again.content.decode()
    assert User.objects.get(username=new_asn.nip).check_password(NEW_PASSWORD)


def test_a_session_token_is_bound_to_its_account(client, new_asn, region_a):
    """A token parked in the session for one account does not open another account's form."""
    other = EmployeeFactory(region=region_a, email="lain@example.go.id")
    client.post(reverse("activation_request"), {"nip": new_asn.nip, "email": new_asn.email})
    client.post(reverse("activation_request"), {"nip": other.nip, "email": other.email})
    first, _second = outbox("account_activation")
    open_link(client, link_path(first))
    other_uid = urlsafe_base64_encode(force_bytes(User.objects.get(username=other.nip).pk))
    page = client.get(reverse("activation_confirm", kwargs={"uidb64": other_uid, "token": "atur-sandi"}))
    assert "Tautan tidak berlaku lagi" in page.content.decode()


def test_a_mail_queued_for_an_account_that_moved_on_is_cancelled_not_sent(client, new_asn):
    client.post(reverse("activation_request"), {"nip": new_asn.nip, "email": new_asn.email})
    [email] = outbox("account_activation")
    user = User.objects.get(username=new_asn.nip)
    user.email = "baru@example.go.id"  # the address changed after the mail was queued
    user.save()
    from mailer.services import email_send

    assert email_send(email_id=email.pk).status == "cancelled"
    assert mail.outbox == []
    assert OutgoingEmail.objects.get(pk=email.pk).status == OutgoingEmail.Status.CANCELLED


def test_the_migration_removes_links_stored_by_earlier_releases(region_a, bkd_a):
    """Rows written before this release kept the rendered link: the data migration takes it out."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("mailer.migrations.0003_redact_stored_credentials")
    link = "http://127.0.0.1:8000/akun/reset/MQ/c1x2y3-0123456789abcdef0123456789abcdef/"
    common = {"region": region_a, "recipient": bkd_a.email, "kind": "password_reset", "subject": "s"}
    sent = OutgoingEmail.objects.create(
        **common, subject_key=f"people.user:{bkd_a.pk}:abc", day="2026-11-01", status="sent", body_text=f"Buka {link}"
    )
    queued = OutgoingEmail.objects.create(
        **common,
        subject_key=f"people.user:{bkd_a.pk}:def",
        day="2026-11-02",
        body_text=f"Buka {link}\nTerima kasih",
        body_html=f'<a href="{link}">{link}</a>',
    )
    migration.redact(apps, None)
    sent.refresh_from_db()
    queued.refresh_from_db()
    assert (sent.body_text, sent.body_html, sent.credential) == ("", "", "people.password_reset")
    assert "c1x2y3" not in queued.body_text + queued.body_html
    assert queued.body_text == f"Buka {credentials.PLACEHOLDER}\nTerima kasih"
    assert (queued.credential, queued.credential_ref) == ("people.password_reset", str(bkd_a.pk))
    message = deliver(queued)  # still delivered, with a link made now
    assert "/akun/reset/" in message.body and "c1x2y3" not in message.body


# --- 2. one Pemda's admin cannot reach another Pemda's accounts ------------------------------------------


@pytest.fixture
def admin_b(region_b):
    return MembershipFactory(region=region_b, role="admin", user__username="bima").user


@pytest.fixture
def pending_a(region_a):
    """Region A's staff invitation that was never accepted."""
    user = User(username="calon.bkd.muba", email="calon@muba.example.go.id", is_active=False)
    user.set_unusable_password()
    user.save()
    MembershipFactory(user=user, region=region_a, role="bkd")
    return user


def _add_existing(client, login, region):
    return client.post(reverse("staff_add"), {"mode": "existing", "login": login, "region": region.pk, "role": "admin"})


@pytest.mark.parametrize("login", ["calon.bkd.muba", "calon@muba.example.go.id"])
def test_another_pemdas_admin_cannot_adopt_a_pending_account(client, admin_b, pending_a, region_b, login):
    client.force_login(admin_b)
    response = _add_existing(client, login, region_b)
    assert response.status_code == 200
    assert not Membership.objects.filter(user=pending_a, region=region_b).exists()
    assert outbox("staff_invitation") == []
    assert "calon@muba.example.go.id" not in response.content.decode().replace(login, "")


def test_the_lookup_answers_the_same_whatever_exists(client, admin_b, pending_a, asn_a, region_b):
    """No directory of other Pemda's accounts: a stranger's account, an ASN of A, and nobody look alike."""
    client.force_login(admin_b)
    answers = set()
    for login in ("calon.bkd.muba", asn_a.email, asn_a.employee.nip, "tidak-ada-sama-sekali"):
        errors = _add_existing(client, login, region_b).context["form"].errors["login"]
        answers.add(errors[0].replace(login, "<login>"))
        assert asn_a.email not in " ".join(errors) or login == asn_a.email
    assert len(answers) == 1, answers


def test_no_invitation_link_for_an_account_holding_roles_elsewhere(admin_b, pending_a, region_b):
    """Even through the service, an invitation is not sent for an account with a role in another Pemda."""
    from people.services.staff import StaffError, staff_invitation_send

    with pytest.raises(StaffError):
        staff_invitation_send(user=pending_a, region=region_b, by=admin_b)
    assert outbox("staff_invitation") == []


def test_an_admin_still_adds_an_asn_of_their_own_roster(client, admin_b, region_b):
    asn = EmployeeFactory(region=region_b, user=UserFactory(username="asn.oki"))
    client.force_login(admin_b)
    assert _add_existing(client, asn.nip, region_b).status_code == 302
    assert Membership.objects.filter(user__username="asn.oki", region=region_b).exists()


# --- 3. a NIP belongs to the roster, not to whoever holds it as a username -----------------------------


def test_an_admin_invite_named_by_a_nip_is_not_adopted_by_the_asn(client, region_a, region_b):
    """As reproduced: an OKI admin invite (username = a Muba ASN's NIP) became that ASN's account."""
    asn = EmployeeFactory(region=region_a, email="asn@muba.example.go.id")
    squat = User(username=asn.nip, email="squat@oki.example.go.id", is_active=False)
    squat.set_unusable_password()
    squat.save()
    MembershipFactory(user=squat, region=region_b, role="admin")
    client.post(reverse("activation_request"), {"nip": asn.nip, "email": asn.email})
    assert outbox("account_activation") == []
    asn.refresh_from_db()
    assert asn.user_id is None
    assert list(squat.memberships.values_list("role", flat=True)) == ["admin"]


def test_staff_usernames_cannot_look_like_a_nip(client, region_a, region_b):
    asn = EmployeeFactory(region=region_a)
    admin = MembershipFactory(region=region_b, role="admin").user
    client.force_login(admin)
    spaced = f"{asn.nip[:8]} {asn.nip[8:14]} {asn.nip[14]} {asn.nip[15:]}"
    for username in (asn.nip, spaced.replace(" ", ".")):
        response = client.post(
            reverse("staff_add"),
            {"mode": "new", "username": username, "email": "x@oki.example.go.id", "region": region_b.pk, "role": "bkd"},
        )
        assert response.status_code == 200 and "berbentuk NIP" in response.content.decode()
    assert not User.objects.filter(email="x@oki.example.go.id").exists()


def test_nip_login_resolves_only_through_the_roster(client, region_a, asn_a):
    """A legacy account whose username is an ASN's NIP does not receive that NIP's login."""
    employee = asn_a.employee
    squat = UserFactory(username=employee.nip)
    squat.set_password("squatter-pass-123")
    squat.save()
    refused = client.post(reverse("login"), {"username": employee.nip, "password": "squatter-pass-123"})
    assert refused.status_code == 200 and "_auth_user_id" not in client.session
    accepted = client.post(reverse("login"), {"username": employee.nip, "password": "rahasia-uji-123"})
    assert accepted.status_code == 302
    assert client.session["_auth_user_id"] == str(asn_a.pk)


# --- 10. each purpose its own salt -------------------------------------------------------------------------


def test_a_reset_token_does_not_activate_a_pending_account(client, new_asn):
    client.post(reverse("activation_request"), {"nip": new_asn.nip, "email": new_asn.email})
    user = User.objects.get(username=new_asn.nip)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    reset_token = default_token_generator.make_token(user)
    page = client.get(reverse("activation_confirm", kwargs={"uidb64": uid, "token": reset_token}), follow=True)
    assert "Tautan tidak berlaku lagi" in page.content.decode()
    invitation_token = INVITATION.tokens.make_token(user)
    page = client.get(reverse("activation_confirm", kwargs={"uidb64": uid, "token": invitation_token}), follow=True)
    assert "Tautan tidak berlaku lagi" in page.content.decode()
    user.refresh_from_db()
    assert not user.is_active and not user.has_usable_password()


def test_an_activation_token_does_not_reset_a_password(client, bkd_a):
    link = account_link(bkd_a, ACTIVATION).replace("/akun/aktivasi/", "/akun/reset/")
    page = client.get(re.sub(r"^https?://[^/]+", "", link), follow=True)
    assert "new_password1" not in page.content.decode()


# --- never in a log --------------------------------------------------------------------------------------


def test_the_request_log_never_holds_a_token(client, new_asn):
    """runserver logs every request line on django.server: the token is redacted before it is written."""
    import io
    import logging

    client.post(reverse("activation_request"), {"nip": new_asn.nip, "email": new_asn.email})
    path = link_path(outbox("account_activation")[0])
    [token] = _tokens_in(path)
    logger = logging.getLogger("django.server")
    [handler] = [h for h in logger.handlers if any(type(f).__name__ == "RedactCredentialsFilter" for f in h.filters)]
    stream, handler.stream = handler.stream, io.StringIO()
    try:
        logger.info('"%s" %s %s', f"GET {path} HTTP/1.1", 302, 0, extra={"server_time": "now"})
        written = handler.stream.getvalue()
    finally:
        handler.stream = stream
    assert "/akun/aktivasi/" in written and "[redacted]" in written
    assert token not in written
