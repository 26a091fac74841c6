"""Rate limits for public pages, counted in the shared cache (Redis when configured, so every web process
counts together; a process-local cache in the embedded mode).

    from core.ratelimit import hit, ratelimit

    if not hit(f"report:{client_ip(request)}", limit=5, window=3600): ...

    @ratelimit("verify", limit=lambda: settings.VERIFY_LIMIT, window=600, template="documents/rate_limited.html")
    def verify(request, code): ...

Windows are fixed (the count restarts every ``window`` seconds), which is cheap and good enough to stop
a script; a client may get up to twice the limit across a window boundary. The client is the address
``core.client.client_ip`` resolves (mind ``TRUSTED_PROXY_COUNT`` behind a proxy, or every visitor shares
the proxy's count).
"""

import functools
import hashlib
import time
from collections.abc import Callable

from django.core.cache import cache
from django.shortcuts import render

from .client import client_ip

PREFIX = "netralitas:ratelimit"


def _cache_key(key: str, window: int) -> str:
    bucket = int(time.time() // window)
    # Hashed: a key may hold an IPv6 address or other text some cache backends do not accept.
    digest = hashlib.sha256(key.encode()).hexdigest()[:40]
    return f"{PREFIX}:{digest}:{window}:{bucket}"


def hit(key: str, limit: int, window: int) -> bool:
    """Count one hit on ``key``; True while no more than ``limit`` hits fell in the current window."""
    if window <= 0:
        raise ValueError("window must be a positive number of seconds")
    cache_key = _cache_key(key, window)
    if cache.add(cache_key, 1, timeout=window + 1):
        return 1 <= limit
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.add(cache_key, 1, timeout=window + 1)
        count = 1
    return count <= limit


def _value(setting):
    return setting() if callable(setting) else setting


def ratelimit(
    scope: str,
    *,
    limit: int | Callable[[], int],
    window: int | Callable[[], int],
    template: str,
    methods: tuple[str, ...] | None = None,
    key: Callable | None = None,
):
    """Answer 429 with ``template`` once a client went over ``limit`` requests in ``window`` seconds (the template
    gets ``retry_after``: seconds until the count restarts). ``limit``/``window`` may be callables (settings read
    per request); ``methods`` limits counting to those methods; ``key(request)`` defaults to the client IP."""

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if methods is None or request.method in methods:
                who = (key or client_ip)(request) or "unknown"
                seconds = int(_value(window))
                if not hit(f"{scope}:{who}", int(_value(limit)), seconds):
                    retry_after = seconds - int(time.time() % seconds)  # until the window restarts
                    response = render(request, template, {"retry_after": retry_after}, status=429)
                    response["Retry-After"] = str(retry_after)
                    return response
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
