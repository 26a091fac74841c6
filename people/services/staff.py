"""Staff memberships: who holds which role in which region. Every change is audited.

Like every service, these trust their arguments: the view has already checked that ``by`` may manage the
membership's region (README, "Authorisation"). The rules here are about the accounts themselves.
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core.capabilities import role_label
from core.tenancy import forget_region_roles, region_ids_with

from ..backends import is_nip_shaped
from ..models import Membership, Region
from ..roles import Role
from .accounts import INVITATION, account_is_pending, account_link_mail, current_language


class StaffError(Exception):
    """A membership change refused for a reason the user should read."""


def membership_snapshot(membership: Membership) -> dict:
    return {
        "user_id": membership.user_id,
        "username": membership.user.get_username(),
        "region_id": membership.region_id,
        "region": membership.region.code,
        "role": membership.role,
    }


def membership_create(*, user, region: Region, role: str, by, request=None) -> Membership:
    """Give ``user`` the ``role`` in ``region``."""
    if Membership.objects.filter(user=user, region=region, role=role).exists():
        raise StaffError(
            _("%(user)s sudah memegang peran %(role)s di %(region)s.")
            % {"user": user.get_username(), "role": role_label(role), "region": region.name}
        )
    membership = Membership(user=user, region=region, role=role, created_by=by)
    membership.full_clean(exclude=["user", "region", "created_by"], validate_unique=False)
    try:
        with transaction.atomic():
            membership.save()
            membership.log_action(
                "netralitas.membership.created", user=by, after=membership_snapshot(membership), request=request
            )
    except IntegrityError:  # the same role granted by someone else a moment ago
        raise StaffError(_("Peran ini baru saja diberikan oleh orang lain.")) from None
    forget_region_roles(user)
    return membership


def membership_revoke(*, membership: Membership, by, request=None) -> None:
    """Take a role away. Nobody removes their own last admin role (they would lock themselves out)."""
    if (
        membership.user_id == by.pk
        and membership.role == Role.ADMIN
        and not Membership.objects.filter(user=by, role=Role.ADMIN).exclude(pk=membership.pk).exists()
    ):
        raise StaffError(
            _("Anda tidak dapat mencabut peran administrator terakhir Anda sendiri. Minta administrator lain.")
        )
    before = membership_snapshot(membership)
    with transaction.atomic():
        membership.log_action("netralitas.membership.revoked", user=by, before=before, request=request)
        membership.delete()
    forget_region_roles(membership.user)


def staff_user_create(*, username: str, email: str, language: str | None = None):
    """A new staff login that cannot be used until its owner sets a password from the invitation."""
    User = get_user_model()
    if is_nip_shaped(username):
        raise StaffError(_("Username staf tidak boleh berbentuk NIP (18 angka): NIP hanya untuk masuk sebagai ASN."))
    if User.objects.filter(username__iexact=username).exists():
        raise StaffError(_("Username %(username)s sudah dipakai.") % {"username": username})
    user = User(username=username, email=email, is_active=False, language=language or current_language())
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user


def staff_invitation_send(*, user, region: Region, by, again: bool = False):
    """Mail an invited staff member the link to set their first password.

    Idempotent while the previous link is young; ``again`` (the admin's "send again") always mails.
    """
    if not account_is_pending(user):
        raise StaffError(_("Akun %(username)s sudah aktif; tidak perlu undangan.") % {"username": user.get_username()})
    if not user.email:
        raise StaffError(_("Akun %(username)s tidak punya email.") % {"username": user.get_username()})
    managed = region_ids_with(by, "membership.manage")
    if not by.is_superuser and user.memberships.exclude(region_id__in=managed).exists():
        # The link would open an account that also holds a role in a Pemda this admin does not manage.
        raise StaffError(_("Undangan tidak dapat dikirim untuk akun ini. Hubungi administrator Pemda lain."))
    return account_link_mail(
        user=user, purpose=INVITATION, region=region, context={"region": region, "inviter": by}, again=again
    )


def staff_invitation_resend(*, membership: Membership, by, request=None):
    """The admin's "send the invitation again" for a member who has not set a password yet."""
    email = staff_invitation_send(user=membership.user, region=membership.region, by=by, again=True)
    membership.log_action(
        "netralitas.membership.invitation_sent", user=by, data={"to": email.recipient}, request=request
    )
    return email


def staff_member_add(
    *, by, region: Region, role: str, user=None, username: str = "", email: str = "", request=None
) -> Membership:
    """Add a role for an existing user, or for a new user who is invited by email to set a password."""
    with transaction.atomic():
        if user is None:
            user = staff_user_create(username=username, email=email)
        membership = membership_create(user=user, region=region, role=role, by=by, request=request)
        if account_is_pending(user) and user.email:
            staff_invitation_send(user=user, region=region, by=by)
    return membership
