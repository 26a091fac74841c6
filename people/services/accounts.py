"""Accounts: ASN activation, the emailed set-password links, password reset mail, language.

Links use Django's ``default_token_generator``: the token hashes the password and last login, so it
dies as soon as it is used, and it expires after ``PASSWORD_RESET_TIMEOUT``. No token table.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import get_language

from audit.services import audit_record
from mailer.services import email_queue

from ..models import Employee, Region
from ..nip import normalize_nip

log = logging.getLogger(__name__)

LANGUAGE_CODES = {code for code, _label in settings.LANGUAGES}


def current_language() -> str:
    """The active UI language, reduced to one the portal offers (``id`` otherwise)."""
    code = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def account_is_pending(user) -> bool:
    """Created for someone (an ASN asking to activate, an invited staff member) who never set a password."""
    return not user.is_active and user.last_login is None and not user.has_usable_password()


def account_region(user) -> Region | None:
    """The region an account belongs to: an ASN's employer, else the staff user's first membership."""
    employee = user.employee_or_none
    if employee is not None:
        return employee.region
    membership = user.memberships.select_related("region").order_by("pk").first()
    return membership.region if membership is not None else None


def link_subject_key(user, *, fresh: bool = False) -> str:
    """Outbox key for a link mail: a repeat request re-uses the previous mail only while its link is
    valid (same password, email, last login) and still has at least half of its life left.

    ``fresh`` (a staff member's explicit "send again") gives a new mail, at most one per minute.
    """
    window = int(time.time()) // (60 if fresh else max(settings.PASSWORD_RESET_TIMEOUT // 2, 60))
    state = f"{user.password}|{user.email}|{user.last_login}|{window}"
    return f"people.user:{user.pk}:{hashlib.sha256(state.encode()).hexdigest()[:16]}"


def account_link(user, url_name: str = "activation_confirm") -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse(url_name, kwargs={"uidb64": uid, "token": token})
    # SITE_URL, never the request's Host header: a forged Host must not end up in a mailed link.
    return settings.SITE_URL.rstrip("/") + path


def account_link_mail(
    *, user, kind: str, template: str, region: Region | None = None, context: dict | None = None, fresh: bool = False
):
    """Queue one mail carrying a set-password link for ``user`` (activation, invitation, reset)."""
    return email_queue(
        to=user.email,
        kind=kind,
        template=template,
        context={
            "user": user,
            "link": account_link(user, "password_reset_confirm" if kind == "password_reset" else "activation_confirm"),
            "expiry_days": max(settings.PASSWORD_RESET_TIMEOUT // 86400, 1),
            "expiry_hours": max(settings.PASSWORD_RESET_TIMEOUT // 3600, 1),
            **(context or {}),
        },
        subject_key=link_subject_key(user, fresh=fresh) + (":fresh" if fresh else ""),
        language=user.language,
        region=region,
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


def _activation_user(employee: Employee, language: str):
    """The inactive account to activate: the linked one, a stray one named by the NIP, or a new one."""
    User = get_user_model()
    user = employee.user
    if user is None:
        user = User.objects.filter(username=employee.nip).first()
        if user is not None and (user.employee_or_none is not None or not account_is_pending(user)):
            log.warning("activation: username %s is taken by another account", employee.nip)
            return None
    if user is not None and not account_is_pending(user):
        return None  # active, or deactivated by staff: an activation mail must not revive it
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
            kind="account_activation",
            template="account_activation",
            region=employee.region,
            context={"employee": employee, "region": employee.region},
        )


def user_from_uidb64(uidb64: str):
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
        return get_user_model().objects.get(pk=pk)
    except (TypeError, ValueError, OverflowError, UnicodeDecodeError, get_user_model().DoesNotExist):
        return None


def account_for_activation(uidb64: str, token: str):
    """The pending account an activation/invitation link names, if the link is still alive."""
    user = user_from_uidb64(uidb64)
    if user is None or not account_is_pending(user) or not default_token_generator.check_token(user, token):
        return None
    employee = user.employee_or_none
    if employee is not None:
        return user if employee.is_active else None
    return user if user.memberships.exists() else None


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
