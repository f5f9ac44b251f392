"""Query strings: no parameter of this API is a list, so a repeated one is an input error (rather
than silently reading its first value)."""

from __future__ import annotations

from flask import Response, request
from flask_babel import gettext as _

from .problems import invalid


def refuse_repeated_parameters() -> Response | None:
    repeated = sorted(name for name, values in request.args.lists() if len(values) > 1)
    if repeated:
        return invalid(
            {name: _("Ce paramètre ne peut être donné qu'une fois.") for name in repeated}
        )
    return None
