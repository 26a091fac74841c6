from .roles import CAPABILITIES
from .tenancy import region_roles


def roles(request):
    """Template helpers: the user's capabilities anywhere (for the menu) and their region."""
    user = getattr(request, "user", None)
    caps: set[str] = set()
    if user is not None and user.is_authenticated:
        for role_set in region_roles(user).values():
            for role in role_set:
                caps |= CAPABILITIES[role]
    return {"user_caps": caps, "current_region": getattr(request, "region", None)}
