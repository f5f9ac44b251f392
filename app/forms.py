"""Helpers shared by the blueprints' forms."""

from __future__ import annotations

from collections.abc import Mapping

from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, widgets


def strip(value: str | None) -> str | None:
    """WTForms filter: people paste addresses with spaces around them."""
    return value.strip() if isinstance(value, str) else value


def apply_errors(form: FlaskForm, errors: Mapping[str, str]) -> None:
    """Show a service's field errors next to the form's fields (or at the top if no such field)."""
    for name, message in errors.items():
        field = form._fields.get(name)
        if field is not None:
            field.errors = [*field.errors, message]
        else:
            form.form_errors.append(message)


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes (a multiple select is hard to use on a phone and with a keyboard)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()
