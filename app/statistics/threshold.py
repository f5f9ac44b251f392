"""The minimum group size (the k of k-anonymity) below which no statistic is shown.

Why: a regional dashboard or a benchmark must never let a reader single out one organisation.
Any figure computed over fewer than k organisations is hidden. The value comes from
configuration, so it is read defensively: a missing, malformed or too small setting falls back
to the safe default rather than weakening the protection. It is never below 5.
"""

from __future__ import annotations

DEFAULT_MIN_GROUP = 5


def min_group(setting: object) -> int:
    """The k to use for a configuration value; anything unusable or below 5 gives 5.

    Accepts an int or a string holding an int (surrounding spaces allowed). A bool is not taken
    as an int (``True`` would otherwise mean 1), nor is a float.
    """
    if isinstance(setting, bool):
        return DEFAULT_MIN_GROUP
    if isinstance(setting, int):
        value = setting
    elif isinstance(setting, str):
        try:
            value = int(setting.strip())
        except ValueError:
            return DEFAULT_MIN_GROUP
    else:
        return DEFAULT_MIN_GROUP
    return value if value >= DEFAULT_MIN_GROUP else DEFAULT_MIN_GROUP
