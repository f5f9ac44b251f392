"""Forms of the consent pages: open access, answer a network's request, opt in.

Every POST carries the CSRF token (checked for the whole app before any view runs). The service
checks the values again (and names the wrong field); these forms only turn the page's inputs into
its arguments.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, RadioField, SelectChoice, SelectField, SubmitField
from wtforms.validators import InputRequired

from app.labels import SCOPE_LABELS
from app.models import Network
from app.services.access import today
from app.services.grants import DEFAULT_DAYS

_required = InputRequired(message=_l("Ce champ est obligatoire."))

NETWORK_PREFIX = "network-"
ADVISOR_PREFIX = "advisor-"


def scope_choices() -> list[SelectChoice]:
    """The two scopes, explained in words (the same words as the list of grants)."""
    return [SelectChoice(code, label) for code, label in SCOPE_LABELS.items()]


def default_until() -> date:
    return today() + timedelta(days=DEFAULT_DAYS)


class GrantForm(FlaskForm):
    whom = SelectField(_l("À qui ouvrir l'accès"), validators=[_required])
    scope = RadioField(
        _l("Ce que vous partagez"),
        choices=scope_choices(),
        default="results",
        validators=[_required],
    )
    until = DateField(
        _l("Jusqu'au"),
        default=default_until,
        validators=[_required],
        description=_l("Par défaut dans un an. Vous pouvez retirer l'accès avant, à tout moment."),
    )

    def fill_choices(self, networks: Iterable[Network]) -> None:
        """One option for each whole network, then one per advisor, grouped by network."""
        choices: list[SelectChoice] = []
        for network in networks:
            group = network.name
            choices.append(
                SelectChoice(
                    f"{NETWORK_PREFIX}{network.id}",
                    _("%(network)s — tous ses conseillers", network=network.name),
                    optgroup=group,
                )
            )
            members = sorted(network.members, key=lambda m: m.user.display_name.lower())
            choices += [
                SelectChoice(
                    f"{ADVISOR_PREFIX}{member.user_id}",
                    f"{network.name} — {member.user.display_name}",
                    optgroup=group,
                )
                for member in members
            ]
        self.whom.choices = choices

    def target(self) -> tuple[int | None, int | None]:
        """(network id, advisor id) from the chosen option: exactly one is set."""
        value = self.whom.data or ""
        for prefix, position in ((NETWORK_PREFIX, 0), (ADVISOR_PREFIX, 1)):
            if value.startswith(prefix) and value[len(prefix) :].isdigit():
                found: list[int | None] = [None, None]
                found[position] = int(value[len(prefix) :])
                return found[0], found[1]
        return None, None


class DecisionForm(FlaskForm):
    """The owner's answer to a network's request: accept with a scope, or refuse."""

    scope = SelectField(_l("Ce que vous partagez"), choices=scope_choices(), default="results")
    accept = SubmitField(_l("Accepter"))
    refuse = SubmitField(_l("Refuser"))


class StatisticsForm(FlaskForm):
    enabled = BooleanField(_l("Compter nos scores dans les statistiques anonymes"))
