"""Every failure is one line, in JSON for the API and on a page for the dashboard: never a trace.

- a reference that names nothing: 404; a parameter that cannot be read: 422, naming it and its value;
- the store unreachable or not initialised: 503;
- anything else: 500 with a line that says so (the log gets the error's type and first line only,
  which never holds the store's password: the store's messages show its URL masked).
"""

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sitlog.adapters.errors import StoreNotInitialised, StoreUnavailable
from sitlog.domain.errors import NotFound, SitlogError
from sitlog.web.security import ASGIApp, Message, Receive, Scope, Send
from starlette.exceptions import HTTPException

log = logging.getLogger("sitlog.web")
_LONGEST_VALUE = 80


def one_line(text: str) -> str:
    return " ".join(text.split())


def failure(request: Request, status: int, message: str) -> Response:
    message = one_line(message)
    if _wants_json(request.url.path):
        return JSONResponse({"error": message}, status_code=status)
    from sitlog.web.pages import render_error

    return render_error(request, status, message)


def _wants_json(path: str) -> bool:
    return path.startswith("/api/") or path == "/healthz"


def _shown(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= _LONGEST_VALUE else text[:_LONGEST_VALUE] + "…"


async def _sitlog_error(request: Request, error: Exception) -> Response:
    status = (404 if isinstance(error, NotFound)
              else 503 if isinstance(error, (StoreUnavailable, StoreNotInitialised)) else 422)
    return failure(request, status, str(error))


async def _validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    first = error.errors()[0]
    name = str(first["loc"][-1]) if first.get("loc") else "request"
    return failure(request, 422, f"{name}: {first['msg']} (got {_shown(first.get('input'))})")


async def _http_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, HTTPException)
    return failure(request, error.status_code, str(error.detail))


def install(app: FastAPI) -> None:
    app.add_exception_handler(SitlogError, _sitlog_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)


class LastResort:
    """ASGI middleware: an error nothing else answered becomes a 500 of one line (Starlette's own
    last resort would answer, then raise it again for the server to log with its trace)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as error:
            first = (str(error).strip().splitlines() or [""])[0]
            log.error("error: %s %s: unexpected %s: %s", scope.get("method"), scope.get("path"),
                      type(error).__name__, first)
            if started:  # half an answer went out: the client sees it cut short
                return
            body = b'{"error":"internal error: the server could not answer (see its log)"}'
            if not _wants_json(scope.get("path", "")):
                response: Response = HTMLResponse("<!DOCTYPE html><title>sitlog: error</title>"
                                                  "<p>error: the server could not answer (see its log)</p>",
                                                  status_code=500)
            else:
                response = Response(body, status_code=500, media_type="application/json")
            await response(scope, receive, send)
