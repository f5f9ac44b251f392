"""Workshop join codes: six characters a participant types on a phone.

The alphabet leaves out the characters that look alike on a projector or a handwritten board
(0 and O, 1, I and L), so a code read from across the room is typed right the first time. Six
characters from 31 give about 887 million codes: guessing one is hopeless, and `secrets` makes
them unpredictable. People type codes as they like ("ab-c2 34"), so `normalise_code` accepts
lower case, spaces and dashes and gives back the canonical form, or None.
"""

from __future__ import annotations

import secrets

#: Upper-case letters and digits, without 0/O and 1/I/L.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6


def new_code() -> str:
    """A fresh random code of CODE_LENGTH characters from ALPHABET."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str | None:
    """The canonical form of a typed code, or None when it cannot be one."""
    code = text.strip().upper().replace(" ", "").replace("-", "")
    if len(code) != CODE_LENGTH or any(char not in ALPHABET for char in code):
        return None
    return code
