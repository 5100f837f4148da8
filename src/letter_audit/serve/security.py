"""Keeping the page on this machine: loopback by default, a token for anything else, CSRF, headers.

Letters are patient data. The page binds to loopback unless the user asks for more, and even then
every request must carry the token printed at start-up. A loopback page also checks the Host header,
so a web page elsewhere cannot reach it through a DNS name pointed at 127.0.0.1 (DNS rebinding).
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

log = logging.getLogger("letter_audit.serve")

TOKEN_COOKIE = "la_token"
TOKEN_HEADER = "x-letter-audit-token"
CSRF_COOKIE = "la_csrf"
CSRF_FIELD = "csrf"
LOOPBACK_NAMES = {"localhost", "localhost.", "127.0.0.1", "::1", "[::1]"}

# No external fonts, scripts or styles; nothing may be framed or posted elsewhere.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


class RemoteRefused(ValueError):
    """A non-loopback host was asked for without --allow-remote."""


def is_loopback(host: str) -> bool:
    """True for names and addresses that only this machine can reach."""
    name = host.strip().lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeSettings:
    """How one ``letter-audit serve`` runs. Build with ``ServeSettings.make`` to apply the host rule."""

    db: Path
    host: str = "127.0.0.1"
    port: int = 8765
    allow_remote: bool = False
    token: str | None = None
    """Required on every request when set (always set when the host is not loopback)."""
    max_upload_bytes: int = 20 * 1024 * 1024
    """The most one upload (all files dropped at once) may carry."""
    standard_path: Path | None = None
    practice: str | None = None
    """The practice's name, signed under drafted replies."""

    @classmethod
    def make(
        cls,
        db: Path,
        *,
        host: str = "127.0.0.1",
        port: int = 8765,
        allow_remote: bool = False,
        max_upload_mb: float = 20,
        standard_path: Path | None = None,
        practice: str | None = None,
    ) -> ServeSettings:
        """Settings with the network rule applied: other hosts need --allow-remote, then a token."""
        if not is_loopback(host) and not allow_remote:
            raise RemoteRefused(
                f"{host} is not a loopback address; letters would be reachable from other machines. "
                "Add --allow-remote to do this on purpose (every request then needs the token "
                "printed at start-up)"
            )
        token = secrets.token_urlsafe(24) if allow_remote else None
        return cls(
            db=db,
            host=host,
            port=port,
            allow_remote=allow_remote,
            token=token,
            max_upload_bytes=int(max_upload_mb * 1024 * 1024),
            standard_path=standard_path,
            practice=practice,
        )


def same_secret(given: str | None, expected: str) -> bool:
    """Constant-time comparison that also copes with non-ASCII input from a URL."""
    return bool(given) and secrets.compare_digest((given or "").encode(), expected.encode())


def csrf_token(request: Request) -> str:
    """This browser's CSRF token (from its cookie, or new); forms carry it back in a hidden field."""
    current = request.cookies.get(CSRF_COOKIE, "")
    return current if len(current) >= 32 else secrets.token_urlsafe(32)


def set_csrf_cookie(response: Response, token: str) -> None:
    response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", path="/")


def csrf_ok(request: Request, submitted: str | None) -> bool:
    """Double-submit check: the form's token must equal the cookie's, and any Origin must be ours."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        own = f"{request.url.scheme}://{request.headers.get('host', '')}"
        if origin != own:
            return False
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie) and same_secret(submitted, cookie)


def _host_name(request: Request) -> str:
    host = request.headers.get("host", "")
    if host.startswith("["):
        return host.split("]", 1)[0] + "]"
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


Endpoint = Callable[[Request], Awaitable[Response]]


def guard(settings: ServeSettings) -> Callable[[Request, Endpoint], Awaitable[Response]]:
    """HTTP middleware: host check, token check, security headers and a text-free access log."""

    async def middleware(request: Request, call_next: Endpoint) -> Response:
        began = time.perf_counter()
        response = await _checked(request, call_next)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        # Paths hold only ids; the query string is left out because it may carry the access token.
        log.info(
            "%s %s %d %.0fms", request.method, request.url.path, response.status_code,
            (time.perf_counter() - began) * 1000,
        )
        return response

    async def _checked(request: Request, call_next: Endpoint) -> Response:
        if settings.token is None:
            if not is_loopback(_host_name(request)):
                return PlainTextResponse("This page only answers on this machine (127.0.0.1).", 400)
            return await _safe(request, call_next)
        token = settings.token
        given = request.query_params.get("token")
        if given is not None and same_secret(given, token):
            # Accept the token once from the link, then keep it in a cookie and drop it from the URL.
            rest = urlencode([(k, v) for k, v in parse_qsl(request.url.query) if k != "token"])
            target = request.url.path + (f"?{rest}" if rest else "")
            redirect = RedirectResponse(target, status_code=303)
            redirect.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict", path="/")
            return redirect
        for candidate in (request.headers.get(TOKEN_HEADER), request.cookies.get(TOKEN_COOKIE)):
            if same_secret(candidate, token):
                return await _safe(request, call_next)
        return PlainTextResponse(
            "Access token required: open the link letter-audit serve printed when it started.", 403
        )

    async def _safe(request: Request, call_next: Endpoint) -> Response:
        """A bug answers LA900 and logs only its type: a traceback's message could quote the letter."""
        try:
            return await call_next(request)
        except Exception as exc:
            log.error("%s %s: internal error (%s)", request.method, request.url.path, type(exc).__name__)
            return PlainTextResponse(
                "LA900 internal error while showing this page (please report it).", 500
            )

    return middleware
