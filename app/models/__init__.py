"""SQLAlchemy models, one module per aggregate. Import from here."""

from .action import ACTION_STATUSES, OPEN_STATUSES, Action
from .assessment import Answer, Assessment
from .organisation import HEADCOUNT_BANDS, REGIONS, ROLES, Invitation, Membership, Organisation
from .public_page import PublicPage
from .questionnaire import QuestionnaireVersion
from .stakeholder import Stakeholder
from .token import ApiToken
from .user import User
from .workshop import Participant, Workshop, WorkshopAnswer, WorkshopPlacement, WorkshopVote

__all__ = [
    "ACTION_STATUSES",
    "HEADCOUNT_BANDS",
    "OPEN_STATUSES",
    "REGIONS",
    "ROLES",
    "Action",
    "Answer",
    "ApiToken",
    "Assessment",
    "Invitation",
    "Membership",
    "Organisation",
    "Participant",
    "PublicPage",
    "QuestionnaireVersion",
    "Stakeholder",
    "User",
    "Workshop",
    "WorkshopAnswer",
    "WorkshopPlacement",
    "WorkshopVote",
]
