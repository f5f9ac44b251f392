"""Error responses: an HTML page for people, `application/problem+json` (RFC 9457) for the API.

Services raise NotFound / Forbidden; views let them through and they end here, so that every route
refuses the same way (404 when the thing is not yours to know about, 403 when your role is too low).
"""

from __future__ import annotations

import logging

from flask import Flask, Response, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from .api.problems import problem
from .services.errors import Closed, Forbidden, NotFound, Unauthenticated
from .services.workshop_room import closed_message

log = logging.getLogger(__name__)


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: (_("Requête incorrecte"), _("La requête n'a pas pu être comprise.")),
        401: (_("Connexion requise"), _("Connectez-vous pour continuer.")),
        403: (_("Accès refusé"), _("Votre rôle ne permet pas cette action.")),
        404: (_("Page introuvable"), _("Cette page n'existe pas ou ne vous est pas accessible.")),
        405: (_("Méthode non autorisée"), _("Cette adresse n'accepte pas cette action.")),
        413: (_("Envoi trop volumineux"), _("Les données envoyées sont trop volumineuses.")),
        409: (_("Action impossible maintenant"), _("L'action n'est pas possible maintenant.")),
        429: (_("Trop de tentatives"), _("Trop de tentatives : réessayez dans un moment.")),
        500: (
            _("Erreur du serveur"),
            _(
                "Une erreur inattendue s'est produite. Rien de ce qui "
                "était enregistré n'est perdu ; réessayez."
            ),
        ),
    }


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, detail: str | None = None) -> tuple[Response | str, int]:
    title, default_detail = _titles().get(status, (str(status), ""))
    if wants_json():
        return problem(status, title, detail or default_detail), status
    return render_template(
        "errors/error.html", status=status, title=title, detail=detail or default_detail
    ), status


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> ResponseReturnValue:
        body, status = error_response(exc.code or 500)
        # keep what the exception says about itself: Allow (405), Retry-After (429)...
        headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
        if exc.response is not None and "Retry-After" in exc.response.headers:
            headers["Retry-After"] = exc.response.headers["Retry-After"]
        return body, status, headers

    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError) -> ResponseReturnValue:
        return error_response(
            400, _("Le formulaire a expiré ou son jeton de sécurité manque : rechargez la page.")
        )

    @app.errorhandler(NotFound)
    def _not_found(exc: NotFound) -> ResponseReturnValue:
        return error_response(404)

    @app.errorhandler(Unauthenticated)
    def _unauthenticated(exc: Unauthenticated) -> ResponseReturnValue:
        body, status = error_response(
            401, _("Jeton absent, inconnu, expiré ou révoqué, ou identifiants incorrects.")
        )
        return body, status, {"WWW-Authenticate": 'Bearer realm="api"'}

    @app.errorhandler(Forbidden)
    def _forbidden(exc: Forbidden) -> ResponseReturnValue:
        return error_response(403)

    @app.errorhandler(Closed)
    def _closed(exc: Closed) -> ResponseReturnValue:
        return error_response(409, closed_message(exc.reason))

    if app.testing:
        return  # let tests see the traceback

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> ResponseReturnValue:
        log.exception("Unhandled error on %s %s", request.method, request.path)
        return error_response(500)
