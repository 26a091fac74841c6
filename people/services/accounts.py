"""Accounts: ASN activation, staff invitations, password reset mail, language.

Each purpose has its own token generator (its own salt), so a reset link never activates a pending
account and an activation link never resets a password. The generators hash the password and last
login, so a link dies as soon as it is used, and expire after ``PASSWORD_RESET_TIMEOUT``. No token
table.

The links are credentials: they are never stored. A mail that carries one is queued with
``credential=(purpose, user id)`` and the link is made by :func:`account_link_for_email` when the mail
is sent (registered with mailer.credentials in PeopleConfig.ready). The confirm views move the token
into the session and redirect to a token-free URL, so a GET (a mail scanner opening the link first)
consumes nothing and the token never sits in the address bar, history or Referer.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator, default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import get_language

from audit.services import audit_record
from mailer.models import OutgoingEmail
from mailer.services import email_queue

from ..models import Employee, Region
from ..nip import normalize_nip
from ..selectors import home_region

log = logging.getLogger(__name__)

LANGUAGE_CODES = {code for code, _label in settings.LANGUAGES}
# A staff member's explicit "send again" gives a new mail at most this often.
RESEND_MIN_SECONDS = 60


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "netralitas.people.activation"


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "netralitas.people.staff-invitation"


@dataclass(frozen=True)
class LinkPurpose:
    """What a set-password link is for: its token generator, its confirm URL, its mail."""

    credential: str
    kind: str
    template: str
    url_name: str
    tokens: PasswordResetTokenGenerator


ACTIVATION = LinkPurpose(
    "people.activation", "account_activation", "account_activation", "activation_confirm", ActivationTokenGenerator()
)
INVITATION = LinkPurpose(
    "people.invitation", "staff_invitation", "staff_invitation", "invitation_confirm", InvitationTokenGenerator()
)
# Django's own reset view checks default_token_generator: the reset purpose keeps it.
PASSWORD_RESET = LinkPurpose(
    "people.password_reset", "password_reset", "password_reset", "password_reset_confirm", default_token_generator
)
PURPOSES = {p.credential: p for p in (ACTIVATION, INVITATION, PASSWORD_RESET)}


def current_language() -> str:
    """The active UI language, reduced to one the portal offers (``id`` otherwise)."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def account_is_pending(user) -> bool:
    """Created for someone (an ASN asking to activate, an invited staff member) who never set a password."""
    return not user.is_active and user.last_login is None and not user.has_usable_password()


def account_region(user) -> Region | None:
    """The region an account belongs to (its mail and audit events go there): see selectors.home_region."""
    return home_region(user)


def _link_is_wanted(purpose: LinkPurpose, user) -> bool:
    """Whether the account is still in the state the link is for (else it must not be made)."""
    if purpose is PASSWORD_RESET:
        return user.is_active and user.has_usable_password()
    if not account_is_pending(user):
        return False
    employee = user.employee_or_none
    if purpose is ACTIVATION:
        return employee is not None and employee.is_active
    return user.memberships.exists()


def account_link(user, purpose: LinkPurpose) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse(purpose.url_name, kwargs={"uidb64": uid, "token": purpose.tokens.make_token(user)})
    # SITE_URL, never the request's Host header: a forged Host must not end up in a mailed link.
    return settings.SITE_URL.rstrip("/") + path


def account_link_for_email(email: OutgoingEmail) -> str | None:
    """mailer.credentials maker: the link for a queued account mail, made now — or None when the account
    has moved on (activated, deactivated, email changed) and the mail must not go out."""
    purpose = PURPOSES[email.credential]
    user = get_user_model().objects.filter(pk=email.credential_ref or None).first()
    if user is None or (user.email or "").strip().lower() != email.recipient or not _link_is_wanted(purpose, user):
        return None
    return account_link(user, purpose)


def account_link_mail(
    *, user, purpose: LinkPurpose, region: Region | None = None, context: dict | None = None, again: bool = False
):
    """Queue one mail carrying a set-password link for ``user``; the link is made when it is sent.

    One mail per account, purpose and day (a repeated request re-uses it, unless it failed);
    ``again`` (a staff member's explicit "send again") queues a new one, at most once a minute.
    """
    key = f"people.user:{user.pk}"
    if again:
        recent = timezone.now() - dt.timedelta(seconds=RESEND_MIN_SECONDS)
        resends = OutgoingEmail.objects.filter(kind=purpose.kind, subject_key=key, version__gt=1)
        latest = resends.filter(created_at__gte=recent).order_by("-created_at").first()
        if latest is not None:
            return latest
    return email_queue(
        to=user.email,
        kind=purpose.kind,
        template=purpose.template,
        context={
            "user": user,
            "expiry_days": max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1),
            "expiry_hours": max(settings.PASSWORD_RESET_TIMEOUT // 3600, 1),
            **(context or {}),
        },
        subject_key=key,
        language=user.language,
        region=region,
        credential=(purpose.credential, user.pk),
        new_version=again,
        urgent=True,  # someone is waiting for it to log in: never behind a bulk mailing
    )


def _matching_employee(nip: str, email: str) -> Employee | None:
    nip = normalize_nip(nip)
    email = (email or "").strip()
    if len(nip) != 18 or not email:
        return None
    employee = Employee.objects.select_related("user", "region").filter(nip=nip, is_active=True).first()
    if employee is None or not employee.email or employee.email.strip().lower() != email.lower():
        return None
    return employee


def _adoptable(user) -> bool:
    """A stray account named by the NIP may become the ASN's only if it is nobody else's: pending, linked
    to no employee and holding no staff role (else activating would hand someone else's roles over)."""
    return account_is_pending(user) and user.employee_or_none is None and not user.memberships.exists()


def _activation_user(employee: Employee, language: str):
    """The inactive account to activate: the linked one, a stray one named by the NIP, or a new one."""
    User = get_user_model()
    user = employee.user
    if user is None:
        user = User.objects.filter(username=employee.nip).first()
        if user is not None and not _adoptable(user):
            log.warning("activation: the username of employee %s is taken by another account", employee.pk)
            return None
    if user is not None and not account_is_pending(user):
        return None  # active, or deactivated by staff: an activation mail must not revive it
    if user is not None and user.memberships.exists():
        return None  # a pending staff invitation is finished through its own link, not by the NIP
    if user is None:
        user = User(username=employee.nip, is_active=False, language=language)
        user.set_unusable_password()
    user.email = employee.email.strip()
    user.first_name = employee.name[:150]
    user.save()
    if employee.user_id != user.pk:
        Employee.objects.filter(pk=employee.pk).update(user=user)
    return user


def account_activation_request(*, nip: str, email: str, language: str | None = None):
    """An ASN asks for an activation link. Returns the queued mail, or None when nothing matched.

    The caller answers the same way either way (no account enumeration).
    """
    employee = _matching_employee(nip, email)
    if employee is None or (employee.user is not None and employee.user.is_active):
        return None
    with transaction.atomic():
        # Lock the roster row: two simultaneous requests must not both create the account.
        employee = Employee.objects.select_for_update(of=("self",)).select_related("user", "region").get(pk=employee.pk)
        user = _activation_user(employee, language or current_language())
        if user is None:
            return None
        return account_link_mail(
            user=user,
            purpose=ACTIVATION,
            region=employee.region,
            context={"employee": employee, "region": employee.region},
        )


def user_from_uidb64(uidb64: str):
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
        return get_user_model().objects.get(pk=pk)
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError, get_user_model().DoesNotExist):
        return None


def account_for_link(uidb64: str, token: str, purpose: LinkPurpose):
    """The account an activation or invitation link names, if the link is alive and still wanted."""
    user = user_from_uidb64(uidb64)
    if user is None or not purpose.tokens.check_token(user, token) or not _link_is_wanted(purpose, user):
        return None
    return user


def account_activate(*, user, password: str, request=None):
    """Set the first password and open the account. The link that led here dies with the old hash."""
    region = account_region(user)
    with transaction.atomic():
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        audit_record(
            action="netralitas.account.activated",
            actor=user,
            obj=user,
            region_id=region.pk if region is not None else None,
            request=request,
        )
    return user


def account_password_changed(*, user, how: str, request=None) -> None:
    """Record a password set by its owner (``how``: "changed" while logged in, "reset" by emailed link).

    The trail shows when an account's credential changed and from where, which is what one needs
    when an account is suspected of being taken over; the password itself is never recorded.
    """
    region = account_region(user)
    audit_record(
        action=f"netralitas.auth.password_{how}",
        actor=user,
        obj=user,
        region_id=region.pk if region is not None else None,
        request=request,
    )


def user_language_set(*, user, language: str) -> None:
    """Remember the user's language: the UI at their next login and every mail sent to them use it."""
    if language in LANGUAGE_CODES and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
