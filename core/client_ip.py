"""The address of the client, as seen through the reverse proxies this installation trusts.

Behind a proxy, REMOTE_ADDR is the proxy's address: every client would share one login
lockout and one password-reset allowance. X-Forwarded-For is only believed as far as the
configured proxies wrote it: each proxy appends the address it received the request from,
so with N trusted proxies the client is the N-th address from the right. Whatever a client
put in the header itself stands further left and is ignored. Without a configured proxy the
header is ignored altogether.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.DRAAGVLAK_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part
        ]
        # Fewer entries than proxies: the request did not pass through all of them (or a
        # proxy is misconfigured); REMOTE_ADDR is then the only address not sent by the client.
        if len(forwarded) >= proxies:
            found = _valid(forwarded[-proxies])
            if found is not None:
                return found
    return _valid(remote) if remote else None
