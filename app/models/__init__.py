"""SQLAlchemy models, one module per aggregate. Import from here."""

from .action import ACTION_STATUSES, OPEN_STATUSES, Action
from .assessment import Answer, Assessment
from .grant import GRANT_SCOPES, GRANT_STATUSES, AccessLogEntry, Grant
from .network import (
    NETWORK_KINDS,
    NETWORK_ROLES,
    AdvisorInvitation,
    CharterAcceptance,
    Network,
    NetworkMember,
)
from .organisation import HEADCOUNT_BANDS, REGIONS, ROLES, Invitation, Membership, Organisation
from .public_page import PublicPage
from .questionnaire import QuestionnaireVersion
from .review import REVIEW_STATUSES, SIDES, SUGGESTION_STATUSES, Comment, Suggestion, ThemeReview
from .score_record import ScoreRecord
from .stakeholder import Stakeholder
from .token import ApiToken
from .user import User
from .workshop import Participant, Workshop, WorkshopAnswer, WorkshopPlacement, WorkshopVote

__all__ = [
    "ACTION_STATUSES",
    "GRANT_SCOPES",
    "GRANT_STATUSES",
    "HEADCOUNT_BANDS",
    "NETWORK_KINDS",
    "NETWORK_ROLES",
    "OPEN_STATUSES",
    "REGIONS",
    "REVIEW_STATUSES",
    "ROLES",
    "SIDES",
    "SUGGESTION_STATUSES",
    "AccessLogEntry",
    "Action",
    "AdvisorInvitation",
    "Answer",
    "ApiToken",
    "Assessment",
    "CharterAcceptance",
    "Comment",
    "Grant",
    "Invitation",
    "Membership",
    "Network",
    "NetworkMember",
    "Organisation",
    "Participant",
    "PublicPage",
    "QuestionnaireVersion",
    "ScoreRecord",
    "Stakeholder",
    "Suggestion",
    "ThemeReview",
    "User",
    "Workshop",
    "WorkshopAnswer",
    "WorkshopPlacement",
    "WorkshopVote",
]
