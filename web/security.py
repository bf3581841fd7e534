"""Who may read: on a loopback address anyone on the machine; anywhere else only a client that
sends the desk's token (``SITLOG_API_TOKEN``) as ``Authorization: Bearer <token>``.

The token is compared in constant time (``hmac.compare_digest``), so the time of a refusal says
nothing about how much of a guess was right. The server sends no CORS headers: a page of another
origin cannot read its answers from a browser.
"""

import hmac
import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sitlog.domain.errors import InvalidInput

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_VARIABLE = "SITLOG_API_TOKEN"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name (or 0.0.0.0, ::): reachable from elsewhere


def check_binding(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without a token."""
    if not is_loopback(host) and not token:
        raise InvalidInput(f"host: {host!r} is not a loopback address: set {TOKEN_VARIABLE} so that every "
                           "request must carry it (Authorization: Bearer <token>)")
    if token is not None and (len(token) < 16 or not token.isascii() or not token.isprintable()):
        raise InvalidInput(f"{TOKEN_VARIABLE}: the token must be at least 16 printable ASCII characters")


class BearerToken:
    """ASGI middleware: a request without ``Authorization: Bearer <token>`` gets 401, and nothing else."""

    def __init__(self, app: ASGIApp, token: str) -> None:
        self.app = app
        self._expected = f"Bearer {token}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not self._authorised(scope):
            body = b'{"error":"unauthorised: send Authorization: Bearer <token>"}'
            await send({"type": "http.response.start", "status": 401, "headers": [
                (b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                (b"www-authenticate", b'Bearer realm="sitlog"')]})
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)

    def _authorised(self, scope: Scope) -> bool:
        given = [value for name, value in scope["headers"] if name == b"authorization"]
        return len(given) == 1 and hmac.compare_digest(given[0], self._expected)
