"""SIRET: 14 digits with a valid Luhn key (La Poste's establishments excepted)."""

import pytest

from app.services.validators import luhn_valid, normalise_siret


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("73282932000074", "73282932000074"),
        ("732 829 320 00074", "73282932000074"),
        ("35600000000001", "35600000000001"),  # La Poste: digit sum divisible by 5
        ("35600000000002", None),
        ("73282932000075", None),  # wrong key
        ("7328293200007", None),  # 13 digits
        ("7328293200007A", None),
        ("", None),
    ],
)
def test_normalise_siret(raw, expected):
    assert normalise_siret(raw) == expected


def test_luhn():
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")
