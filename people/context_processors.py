from core.tenancy import user_capabilities


def roles(request):
    """Template helpers: the user's capabilities anywhere (for the menu) and their region."""
    user = getattr(request, "user", None)
    caps = user_capabilities(user) if user is not None else set()
    return {"user_caps": caps, "current_region": getattr(request, "region", None)}
