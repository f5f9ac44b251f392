"""HTTP security headers for every response, and a refusal of NUL characters in requests.

No text of this application may contain a NUL character, and PostgreSQL cannot store one: a path,
query string or form carrying one is refused as a bad request before any view or query sees it
(JSON bodies are checked field by field by the API's models, which name the field).

The content security policy allows scripts and styles from our own origin only (plotly.js is served
by the app). Plotly sets inline styles on the elements it draws, hence `style-src 'unsafe-inline'`.
"""

from __future__ import annotations

from flask import Flask, Response, abort, request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def register_security_headers(app: Flask) -> None:
    @app.after_request
    def _headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if app.config.get("SESSION_COOKIE_SECURE"):
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response


def _carries_nul() -> bool:
    if "\x00" in request.path:
        return True
    values = [*request.args.values(), *request.args.keys()]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        values += [*request.form.values(), *request.form.keys()]
    return any("\x00" in value for value in values)


def register_input_guard(app: Flask) -> None:
    @app.before_request
    def _refuse_nul() -> None:
        if _carries_nul():
            abort(400)
