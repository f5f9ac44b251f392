"""Checks on identifiers users type, shared by forms and the API."""

from __future__ import annotations

import re

#: SIRETs of La Poste's establishments follow their own rule (sum of digits divisible by 5).
LA_POSTE_SIREN = "356000000"


def normalise_siret(raw: str) -> str | None:
    """The 14-digit SIRET without spaces, or None when it is not a valid one.

    A SIRET is 14 digits whose Luhn checksum is valid (La Poste excepted, see above).
    """
    digits = re.sub(r"[\s.\-]", "", raw or "")
    if not re.fullmatch(r"\d{14}", digits):
        return None
    if digits.startswith(LA_POSTE_SIREN):
        return digits if sum(map(int, digits)) % 5 == 0 else None
    return digits if luhn_valid(digits) else None


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0
