"""SQLAlchemy models, one module per aggregate. Import from here."""

from .assessment import Answer, Assessment
from .organisation import HEADCOUNT_BANDS, REGIONS, ROLES, Invitation, Membership, Organisation
from .questionnaire import QuestionnaireVersion
from .token import ApiToken
from .user import User

__all__ = [
    "HEADCOUNT_BANDS",
    "REGIONS",
    "ROLES",
    "Answer",
    "ApiToken",
    "Assessment",
    "Invitation",
    "Membership",
    "Organisation",
    "QuestionnaireVersion",
    "User",
]
