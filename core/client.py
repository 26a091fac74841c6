"""The client's IP address: the one resolver for the audit trail and login throttling (django-axes).

Behind reverse proxies ``REMOTE_ADDR`` is the nearest proxy, so every client would look the same.
``TRUSTED_PROXY_COUNT`` says how many proxies stand in front of the portal, each appending the address it
received the request from to ``X-Forwarded-For`` (nginx: ``proxy_add_x_forwarded_for``). Reading the hops
from the socket backwards, the client is the one just before those proxies; whatever lies further left in
the header was written by the client itself and is never trusted. With 0 (the default) the header is
ignored and ``REMOTE_ADDR`` is the client.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The address the request came from, as far as the trusted proxies vouch for it; None if unknown."""
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies <= 0:
        return peer
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [hop for hop in forwarded if hop] + [peer]
    if len(hops) <= proxies:
        # Fewer hops than proxies: the request did not come through them all, so only the socket is a fact.
        return peer
    return _address(hops[-(proxies + 1)]) or peer


def _address(value: str | None) -> str | None:
    """A normalised IP address, without a port a proxy may have added; None if it is not one."""
    if not value:
        return None
    candidates = [value]
    if value.startswith("[") and "]" in value:  # [2001:db8::1]:443
        candidates.append(value[1 : value.index("]")])
    elif value.count(":") == 1:  # 203.0.113.7:51234
        candidates.append(value.split(":")[0])
    for candidate in candidates:
        try:
            return str(ipaddress.ip_address(candidate))
        except ValueError:
            continue
    return None
