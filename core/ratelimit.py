"""Rate limits per client and purpose, counted in the shared cache (Redis when configured).

    if not ratelimit.hit("public-report", ratelimit.client_key(request), limit=5, window=3600):
        return render(request, "...", status=429)

A fixed window per (scope, client): the first hit creates the counter with the window as its lifetime, later
hits increment it. The client is the address core.client resolves (behind TRUSTED_PROXY_COUNT proxies),
hashed so the cache holds no address in clear. With the process-local cache of the trial install the count
is per process, which is enough there; production shares it through Redis.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from .client import client_ip

PREFIX = "netralitas:ratelimit"


def client_key(request) -> str:
    """A stable, non-reversible key for the request's client address."""
    address = client_ip(request) or "unknown"
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()[:32]


def hit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; True while the client is within ``limit`` attempts per ``window`` seconds."""
    name = f"{PREFIX}:{scope}:{key}"
    if cache.add(name, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add() and incr()
        cache.add(name, 1, timeout=window)
        count = 1
    return count <= limit


def reset(scope: str, key: str) -> None:
    cache.delete(f"{PREFIX}:{scope}:{key}")
