"""Account forms. Labels are lazy so that they follow the visitor's language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from app.forms import strip
from app.services.accounts import PASSWORD_MIN_LENGTH

_required = DataRequired(message=_l("Ce champ est obligatoire."))
_email = Email(message=_l("Adresse e-mail invalide."))
_password_length = Length(
    min=PASSWORD_MIN_LENGTH, message=_l("Au moins %(n)d caractères.", n=PASSWORD_MIN_LENGTH)
)
_same = EqualTo("password", message=_l("Les deux mots de passe ne sont pas identiques."))


class RegisterForm(FlaskForm):
    name = StringField(_l("Votre nom"), validators=[Length(max=120)])
    email = EmailField(
        _l("Adresse e-mail"), filters=[strip], validators=[_required, _email, Length(max=254)]
    )
    password = PasswordField(
        _l("Mot de passe"),
        validators=[_required, _password_length],
        description=_l("%(n)d caractères au moins.", n=PASSWORD_MIN_LENGTH),
    )
    confirm = PasswordField(_l("Mot de passe, encore une fois"), validators=[_required, _same])


class NameForm(FlaskForm):
    name = StringField(_l("Votre nom"), filters=[strip], validators=[Length(max=120)])


class LoginForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail"), filters=[strip], validators=[_required, _email])
    password = PasswordField(_l("Mot de passe"), validators=[_required])
    remember = BooleanField(_l("Rester connecté sur cet appareil"))


class ForgotPasswordForm(FlaskForm):
    email = EmailField(_l("Adresse e-mail"), filters=[strip], validators=[_required, _email])


class ResetPasswordForm(FlaskForm):
    password = PasswordField(
        _l("Nouveau mot de passe"),
        validators=[_required, _password_length],
        description=_l("%(n)d caractères au moins.", n=PASSWORD_MIN_LENGTH),
    )
    confirm = PasswordField(
        _l("Nouveau mot de passe, encore une fois"), validators=[_required, _same]
    )


class ChangePasswordForm(ResetPasswordForm):
    current_password = PasswordField(_l("Mot de passe actuel"), validators=[_required])


class TokenForm(FlaskForm):
    name = StringField(
        _l("Nom du jeton"),
        filters=[strip],
        validators=[Length(max=80)],
        description=_l("Pour le reconnaître plus tard, par exemple « tableau de bord CRESS »."),
    )
    days = SelectField(
        _l("Durée de validité"),
        choices=[
            SelectChoice("30", _l("30 jours")),
            SelectChoice("90", _l("90 jours")),
            SelectChoice("365", _l("1 an")),
        ],
        default="30",
    )
