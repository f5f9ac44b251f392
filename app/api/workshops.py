"""Live workshops: the facilitator's operations, and those of the participants' phones.

Participants have no account: they join with the workshop's code and get a token, which they send
as `Authorization: Bearer …` on the operations under `/workshops/{code}/`. Those operations are
open to anonymous callers as far as the API's own authentication goes (the token is checked
here), and lookups of unknown codes are rate limited per address. Phones and the projector poll
with `If-None-Match`: an unchanged state or figure set costs a 304 without a body.
"""

from __future__ import annotations

import hashlib

from flask import Response, current_app, json, request, url_for
from flask_login import current_user

from app.services import code_attempts, workshop_room, workshops
from app.services.errors import Unauthenticated
from app.services.workshop_room import JoinData
from app.services.workshops import WorkshopData

from . import TAGS, api
from .auth import bearer_secret
from .docs_spec import PUBLIC, TOO_MANY, problem_response
from .replies import no_content, reply, service_errors
from .schemas.workshops import (
    CodeAnswerPath,
    CodeCategoryPath,
    CodePath,
    JoinIn,
    JoinOut,
    LiveOut,
    LiveQuery,
    MineOut,
    ParticipantList,
    ParticipantOut,
    ParticipantPath,
    PhaseIn,
    PlacementIn,
    PlacementSaved,
    SavedAnswerOut,
    StateOut,
    StateQuery,
    VotesIn,
    WorkshopAnswerIn,
    WorkshopCreate,
    WorkshopList,
    WorkshopOut,
    WorkshopPath,
    WorkshopUpdate,
)

TAG = [TAGS["workshops"]]
PARTICIPANT = [{"participantToken": []}]
CLOSED = {409: problem_response("The workshop is locked, closed, full, or in another phase.")}


def workshop_out(workshop) -> WorkshopOut:  # noqa: ANN001 - a Workshop model
    return WorkshopOut(
        id=workshop.id,
        code=workshop.code,
        join_url=url_for("room.join", code=workshop.code, _external=True),
        title=workshop.title,
        questionnaire=workshop.questionnaire_version.key,
        phase=workshop.phase,
        phases=workshop.phases,
        categories=workshop.categories,
        votes=workshop.votes,
        capacity=workshop.capacity,
        locked=workshop.locked,
        paused=workshop.paused,
        revealed=workshop.revealed,
        held_on=workshop.held_on,
        place=workshop.place,
        closed=workshop.is_closed,
    )


def conditional(body: dict, etag: str) -> Response:
    """The JSON body, or 304 when the caller already has this ETag."""
    response = Response(json.dumps(body), mimetype="application/json")
    response.set_etag(etag)
    response.headers["Cache-Control"] = "no-cache"
    return response.make_conditional(request)


# --- The facilitator ------------------------------------------------------------------------


@api.get("/workshops", tags=TAG, responses={200: WorkshopList})
def list_workshops() -> Response:
    """The workshops you facilitate, the latest first."""
    return reply(WorkshopList(items=[workshop_out(w) for w in workshops.list_for(current_user)]))


@api.post("/workshops", tags=TAG, responses={201: WorkshopOut})
@service_errors
def create_workshop(body: WorkshopCreate) -> Response:
    """Create a workshop; its `code` and `join_url` are what the room uses to join."""
    fields = body.model_dump(exclude_none=True)
    created = workshops.create(current_user, WorkshopData(**fields))
    location = url_for("api.get_workshop", workshop_id=created.id)
    return reply(workshop_out(created), 201, {"Location": location})


@api.get("/workshops/<int:workshop_id>", tags=TAG, responses={200: WorkshopOut})
def get_workshop(path: WorkshopPath) -> Response:
    return reply(workshop_out(workshops.get(current_user, path.workshop_id)))


@api.patch("/workshops/<int:workshop_id>", tags=TAG, responses={200: WorkshopOut, **CLOSED})
def update_workshop(path: WorkshopPath, body: WorkshopUpdate) -> Response:
    """Lock or unlock joining, pause, reveal results on the projector."""
    changes = body.model_dump(exclude_none=True)
    return reply(workshop_out(workshops.configure(current_user, path.workshop_id, changes)))


@api.put("/workshops/<int:workshop_id>/phase", tags=TAG, responses={200: WorkshopOut, **CLOSED})
@service_errors
def set_workshop_phase(path: WorkshopPath, body: PhaseIn) -> Response:
    """Move the room to a phase; phones follow within seconds. `closed` freezes the results."""
    return reply(workshop_out(workshops.set_phase(current_user, path.workshop_id, body.phase)))


@api.get("/workshops/<int:workshop_id>/live", tags=TAG, responses={200: LiveOut})
def get_workshop_live(path: WorkshopPath, query: LiveQuery) -> Response:
    """The room's figures, at most a second or two old. A question's distribution, a category's
    position and the votes show only once 3 participants gave them. Theme averages are the
    scoring method's theme scores averaged over the participants who have one."""
    body = workshops.live(current_user, path.workshop_id, for_room=query.audience == "room")
    LiveOut.model_validate(body)
    etag = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:20]
    return conditional(body, etag)


@api.get("/workshops/<int:workshop_id>/roster", tags=TAG, responses={200: ParticipantList})
def list_workshop_participants(path: WorkshopPath) -> Response:
    """The people in the room (pseudonyms only) and how many questions each answered."""
    found = workshops.participants(current_user, path.workshop_id)
    items = [ParticipantOut(id=p.id, pseudonym=p.pseudonym, answered=n) for p, n in found]
    return reply(ParticipantList(items=items))


@api.delete(
    "/workshops/<int:workshop_id>/roster/<int:participant_id>",
    tags=TAG,
    responses={204: None, **CLOSED},
)
def remove_workshop_participant(path: ParticipantPath) -> Response:
    """Remove someone: their answers, placements and votes leave every figure."""
    workshops.remove_participant(current_user, path.workshop_id, path.participant_id)
    return no_content()


# --- The participants' phones ---------------------------------------------------------------


def _participant(code: str):  # noqa: ANN202 - (Workshop, Participant)
    """A valid token proves the code was known: no rate limit then, one query."""
    secret = bearer_secret()
    if secret is None:
        raise Unauthenticated()
    found = workshop_room.participant_by_token(code, secret)
    return found or code_attempts.guarded(lambda: workshop_room.participant_for(code, secret))


@api.post(
    "/workshops/<code>/participants",
    tags=TAG,
    security=PUBLIC,
    responses={201: JoinOut, **CLOSED, **TOO_MANY},
)
@service_errors
def join_workshop(path: CodePath, body: JoinIn) -> Response:
    """Join with the code: the token returned identifies you from then on (keep it)."""
    data = JoinData(**body.model_dump(exclude_none=True))
    workshop, participant, token = code_attempts.guarded(
        lambda: workshop_room.join(path.code, data)
    )
    return reply(JoinOut(id=participant.id, token=token, phase=workshop.phase), 201)


@api.get(
    "/workshops/<code>/state",
    tags=TAG,
    security=PUBLIC,
    responses={200: StateOut, **TOO_MANY},
)
def get_workshop_state(path: CodePath, query: StateQuery) -> Response:
    """What phones follow. Send the last `ETag` in `If-None-Match`: while the state is the same
    the answer is a 304; with `wait=N` the server first waits up to N seconds (at most 25) for a
    change, so a phone learns of the next phase at once without asking again and again."""
    workshop = code_attempts.guarded(lambda: workshop_room.by_code(path.code))
    state = workshop_room.state(workshop)
    seconds = min(query.wait, current_app.config["WORKSHOP_LONG_POLL_SECONDS"])
    if seconds > 0 and request.if_none_match.contains(f"s{state['version']}"):
        state = workshop_room.wait_for_state(path.code, state["version"], seconds) or state
    return conditional(state, f"s{state['version']}")


@api.get(
    "/workshops/<code>/me", tags=TAG, security=PARTICIPANT, responses={200: MineOut, **TOO_MANY}
)
def get_my_workshop(path: CodePath) -> Response:
    """Your own answers, placements and votes, your theme scores and the room's averages."""
    workshop, participant = _participant(path.code)
    return reply(MineOut.model_validate(workshop_room.mine(workshop, participant)))


@api.put(
    "/workshops/<code>/answers/<question_id>",
    tags=TAG,
    security=PARTICIPANT,
    responses={200: SavedAnswerOut, **CLOSED, **TOO_MANY},
)
@service_errors
def save_workshop_answer(path: CodeAnswerPath, body: WorkshopAnswerIn) -> Response:
    """Answer a question (during the self-diagnosis). Sending it again is harmless."""
    workshop, participant = _participant(path.code)
    saved = workshop_room.save_answer(workshop, participant, path.question_id, body.value, body.na)
    return reply(SavedAnswerOut(**saved))


@api.put(
    "/workshops/<code>/map/<category>",
    tags=TAG,
    security=PARTICIPANT,
    responses={200: PlacementSaved, **CLOSED, **TOO_MANY},
)
@service_errors
def place_workshop_category(path: CodeCategoryPath, body: PlacementIn) -> Response:
    """Place a stakeholder category on your organisation's grid (during the map phase)."""
    workshop, participant = _participant(path.code)
    saved = workshop_room.place(
        workshop, participant, path.category, body.influence, body.importance
    )
    return reply(PlacementSaved(**saved))


@api.put(
    "/workshops/<code>/votes",
    tags=TAG,
    security=PARTICIPANT,
    responses={200: VotesIn, **CLOSED, **TOO_MANY},
)
@service_errors
def cast_workshop_votes(path: CodePath, body: VotesIn) -> Response:
    """Distribute your votes over the themes (during the vote); replaces your previous ones."""
    workshop, participant = _participant(path.code)
    return reply(VotesIn(workshop_room.vote(workshop, participant, body.root)))
