"""Log in with a username, an email address, or (for an ASN) an 18-digit NIP."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from .nip import normalize_nip


def is_nip_shaped(text: str) -> bool:
    """18 digits once spaces, dots and dashes are dropped: what people type as a NIP."""
    nip = normalize_nip(text)
    return len(nip) == 18 and nip.isdigit()


def find_user_by_login(login: str, among=None):
    """The one user a typed login names (username, unique email, or NIP with spaces/dots), or None.

    A NIP resolves only through the roster (the Employee linked to the account), never through a
    username: an account whose username merely looks like someone's NIP must not receive their login.
    ``among`` narrows the search to a queryset of users (e.g. those of an admin's regions).
    """
    users = among if among is not None else get_user_model().objects.all()
    login = (login or "").strip()
    if not login:
        return None
    if is_nip_shaped(login):
        return users.filter(employee__nip=normalize_nip(login)).first()
    user = users.filter(username=login).first()
    if user is not None:
        return user
    # Case-insensitive only when it names exactly one account: never guess between "Alice" and "alice".
    by_username = list(users.filter(username__iexact=login)[:2])
    if len(by_username) == 1:
        return by_username[0]
    if "@" in login:
        matches = list(users.filter(email__iexact=login)[:2])
        return matches[0] if len(matches) == 1 else None
    return None


class NetralitasBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username is None:
            username = kwargs.get(get_user_model().USERNAME_FIELD)
        if not username or not password:
            return None
        user = find_user_by_login(str(username))
        if user is None:
            get_user_model()().set_password(password)  # same work as a real check: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

    def user_can_authenticate(self, user):
        """Also refuses an ASN whose roster record was made inactive (left, retired, dismissed), unless
        they hold a staff role. Checked at every request too (``get_user``), so their session ends."""
        if not super().user_can_authenticate(user):
            return False
        employee = user.employee_or_none
        if employee is not None and not employee.is_active:
            return user.is_superuser or user.memberships.exists()
        return True


def axes_username(request, credentials=None) -> str:
    """django-axes key (AXES_USERNAME_CALLABLE): one account, one counter, however the login was typed.

    Without it, "alice", "ALICE", alice@… and a NIP typed with or without dots would each get their own
    five attempts.
    """
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = getattr(request, "data", request.POST).get("username")
    raw = str(raw or "").strip()
    user = find_user_by_login(raw)
    if user is not None:
        return user.get_username()
    nip = normalize_nip(raw)
    return nip if len(nip) == 18 and nip.isdigit() else raw.lower()
