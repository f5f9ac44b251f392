"""Workshop join codes and phases."""

from __future__ import annotations

import pytest

from app.workshops import (
    ALL_PHASES,
    ALPHABET,
    CLOSED,
    CODE_LENGTH,
    PHASES,
    WRITES,
    enabled_phases,
    first_phase,
    new_code,
    next_phase,
    normalise_code,
    previous_phase,
)


def test_the_alphabet_has_no_characters_that_look_alike():
    assert not set("0O1IL") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31
    assert ALPHABET.isupper()
    assert CODE_LENGTH == 6


def test_typed_codes_are_normalised():
    assert normalise_code(" ab-c2 34 ") == "ABC234"
    assert normalise_code("xyz-789") == "XYZ789"
    assert normalise_code("ABC234") == "ABC234"


@pytest.mark.parametrize(
    "text",
    ["", "   ", "ABC23", "ABC2345", "ABC0DE", "ABCIDE", "ABC1DE", "ABLCDE", "AB_C23", "ÀBC234"],
)
def test_codes_of_the_wrong_length_or_characters_are_refused(text):
    assert normalise_code(text) is None


def test_new_codes_round_trip_and_differ():
    codes = {new_code() for _ in range(200)}
    assert len(codes) > 190
    for code in codes:
        assert len(code) == CODE_LENGTH
        assert set(code) <= set(ALPHABET)
        assert normalise_code(code) == code
        assert normalise_code(f" {code[:3].lower()}-{code[3:]} ") == code


def test_phase_constants():
    assert PHASES == ("welcome", "reminder", "testimonies", "diagnosis", "map", "vote", "synthesis")
    assert list(ALL_PHASES) == [*PHASES, "closed"]
    assert CLOSED == "closed"
    assert WRITES == {"answers": "diagnosis", "map": "map", "votes": "vote"}
    assert all(phase in PHASES for phase in WRITES.values())


SOME = ["vote", "welcome", "diagnosis", "unknown", "synthesis"]


def test_enabled_phases_keep_the_known_ones_in_order():
    assert enabled_phases(SOME) == ["welcome", "diagnosis", "vote", "synthesis"]
    assert enabled_phases([]) == []
    assert enabled_phases(["closed", "bogus"]) == []


def test_first_phase():
    assert first_phase(SOME) == "welcome"
    assert first_phase(["map", "vote"]) == "map"
    assert first_phase([]) == CLOSED
    assert first_phase(["bogus"]) == CLOSED


def test_next_phase_skips_disabled_phases_and_ends_closed():
    assert next_phase("welcome", SOME) == "diagnosis"
    assert next_phase("diagnosis", SOME) == "vote"
    assert next_phase("vote", SOME) == "synthesis"
    assert next_phase("synthesis", SOME) == CLOSED
    assert next_phase(CLOSED, SOME) == CLOSED
    # from a phase that is not (or no longer) enabled: the next enabled one after it
    assert next_phase("reminder", SOME) == "diagnosis"
    assert next_phase("map", SOME) == "vote"
    assert next_phase("welcome", []) == CLOSED


def test_previous_phase_skips_disabled_phases():
    assert previous_phase("synthesis", SOME) == "vote"
    assert previous_phase("vote", SOME) == "diagnosis"
    assert previous_phase("diagnosis", SOME) == "welcome"
    assert previous_phase("welcome", SOME) is None
    assert previous_phase("map", SOME) == "diagnosis"
    assert previous_phase(CLOSED, SOME) == "synthesis"
    assert previous_phase(CLOSED, ["map", "diagnosis"]) == "map"
    assert previous_phase(CLOSED, []) is None


def test_walking_forward_then_back_visits_the_enabled_phases():
    forward = [first_phase(SOME)]
    while forward[-1] != CLOSED:
        forward.append(next_phase(forward[-1], SOME))
    assert forward == ["welcome", "diagnosis", "vote", "synthesis", CLOSED]
    back = [CLOSED]
    while (phase := previous_phase(back[-1], SOME)) is not None:
        back.append(phase)
    assert back == forward[::-1]


def test_unknown_current_phase_is_an_error():
    with pytest.raises(ValueError, match="bogus"):
        next_phase("bogus", SOME)
    with pytest.raises(ValueError, match="bogus"):
        previous_phase("bogus", SOME)
