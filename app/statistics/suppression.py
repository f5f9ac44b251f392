"""Which groups and filters of a dashboard may be shown without singling anyone out.

Why: a regional dashboard shows figures over a base group of organisations, narrowed by
filters on dimensions such as ``legal_form``, ``size_band`` and ``year``. Hiding groups of
fewer than k is not enough: subtracting a shown sub-group from a shown group, or the shown
cells of a breakdown from their total, could isolate one organisation. An organisation has
one legal form and one size band but may have assessments in several years, so each member
carries a *set* of values per dimension and year cells may overlap.

Algorithm of ``decide`` (S = the members matching the filters):

1. If |S| < k: hidden, "too_few". With no filter S is the base group.
2. Every ancestor P of S is the group obtained by dropping a non-empty set D of the filter
   dimensions (dropping them all gives the base group).
   a. If 0 < |P − S| < k for some ancestor: hidden, "complement" (checked for all ancestors
      first, as it is the more direct disclosure).
   b. Cell suppression over the partition of P by D: the cells are P ∩ each combination of
      D's values that occurs in P (overlapping with years). Primary: cells of 1..k-1 members
      are hidden. Secondary: with R = P − union(shown cells), while 0 < |R| < k hide the
      smallest shown cell (ties: sorted tuple of its values) and recompute R. If S's own
      cell ends hidden: hidden, "suppressed".
3. Otherwise shown.

Step 2b depends only on P and D, never on which cell was asked for, so every sibling request
sees the same hidden cells. Per-dimension value→ids sets are built once per call and cells are
built by intersecting them, pruning empty prefixes, so only occurring combinations are visited.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

TOO_FEW = "too_few"
COMPLEMENT = "complement"
SUPPRESSED = "suppressed"

_EMPTY: frozenset[int] = frozenset()

CellKey = tuple[str, ...]


@dataclass(frozen=True)
class Member:
    """An organisation of the base group: its id and, per dimension, the values it has."""

    id: int
    values: Mapping[str, frozenset[str]]


@dataclass(frozen=True)
class Decision:
    """Whether a group may be shown; ``count`` is always computed, callers hide it if not."""

    shown: bool
    count: int
    reason: str | None


def members_of(members: Iterable[Member], filters: Mapping[str, str]) -> frozenset[int]:
    """Ids of the members matching every filter (dimension -> value); {} matches all."""
    return frozenset(
        member.id
        for member in members
        if all(value in member.values.get(dim, _EMPTY) for dim, value in filters.items())
    )


@dataclass(frozen=True)
class _Index:
    """Value→ids sets per dimension, with a cache of cell suppressions per (P, D)."""

    everyone: frozenset[int]
    by_dim: dict[str, dict[str, frozenset[int]]]
    _hidden: dict[tuple[frozenset[tuple[str, str]], CellKey], frozenset[CellKey]] = field(
        default_factory=dict
    )

    @classmethod
    def build(cls, members: Iterable[Member]) -> _Index:
        everyone: list[int] = []
        by_dim: dict[str, defaultdict[str, list[int]]] = {}
        for member in members:  # the one pass in Python: lists append faster than sets add
            member_id = member.id
            everyone.append(member_id)
            for dim, values in member.values.items():
                per_value = by_dim.get(dim)
                if per_value is None:
                    per_value = by_dim[dim] = defaultdict(list)
                for value in values:
                    per_value[value].append(member_id)
        return cls(
            everyone=frozenset(everyone),
            by_dim={
                dim: {value: frozenset(ids) for value, ids in per_value.items()}
                for dim, per_value in by_dim.items()
            },
        )

    def select(self, filters: Mapping[str, str]) -> frozenset[int]:
        sets = sorted(
            (self.by_dim.get(dim, {}).get(value, _EMPTY) for dim, value in filters.items()),
            key=len,
        )
        return sets[0].intersection(*sets[1:]) if sets else self.everyone

    def cells(self, group: frozenset[int], dims: CellKey) -> dict[CellKey, frozenset[int]]:
        """The non-empty cells of ``group`` for each occurring combination of ``dims``."""
        cells: dict[CellKey, frozenset[int]] = {(): group}
        for dim in dims:
            per_value = self.by_dim.get(dim, {})
            cells = {
                (*key, value): cell
                for key, ids in cells.items()
                for value, value_ids in per_value.items()
                if (cell := ids & value_ids)
            }
        return cells

    def hidden_cells(self, kept: Mapping[str, str], dropped: CellKey, k: int) -> frozenset[CellKey]:
        """Cells of the ancestor ``kept`` split by ``dropped`` hidden by cell suppression."""
        cache_key = (frozenset(kept.items()), dropped)
        if cache_key not in self._hidden:
            group = self.select(kept)
            self._hidden[cache_key] = _suppress(group, self.cells(group, dropped), k)
        return self._hidden[cache_key]


def _suppress(
    group: frozenset[int], cells: Mapping[CellKey, frozenset[int]], k: int
) -> frozenset[CellKey]:
    """Primary then secondary suppression over the cells of ``group`` (module docstring).

    Members of ``group`` with no value on a split dimension are in no cell: they count in R.
    """
    hidden = {key for key, ids in cells.items() if len(ids) < k}
    while True:
        shown = [key for key in cells if key not in hidden]
        covered = frozenset().union(*(cells[key] for key in shown))
        remainder = len(group) - len(covered)
        if not shown or not 0 < remainder < k:
            return frozenset(hidden)
        hidden.add(min(shown, key=lambda key: (len(cells[key]), key)))


def _decide(index: _Index, filters: Mapping[str, str], k: int) -> Decision:
    group = index.select(filters)
    count = len(group)
    if count < k:
        return Decision(shown=False, count=count, reason=TOO_FEW)
    dims = sorted(filters)
    ancestors = [
        (dropped, {dim: filters[dim] for dim in dims if dim not in dropped})
        for size in range(1, len(dims) + 1)
        for dropped in combinations(dims, size)
    ]
    for _dropped, kept in ancestors:
        if 0 < len(index.select(kept)) - count < k:
            return Decision(shown=False, count=count, reason=COMPLEMENT)
    for dropped, kept in ancestors:
        own_cell = tuple(filters[dim] for dim in dropped)
        if own_cell in index.hidden_cells(kept, dropped, k):
            return Decision(shown=False, count=count, reason=SUPPRESSED)
    return Decision(shown=True, count=count, reason=None)


def decide(members: Sequence[Member], filters: Mapping[str, str], k: int) -> Decision:
    """Whether the group matching ``filters`` may be shown (algorithm in the module docstring)."""
    return _decide(_Index.build(members), filters, k)


def allowed_filters(
    members: Sequence[Member],
    base_filters: Mapping[str, str],
    dimension: str,
    k: int,
) -> dict[str, Decision]:
    """For each value of ``dimension`` among the base filters' members, the decision of
    ``base_filters`` narrowed (or, if already filtered on, re-pointed) to that value."""
    index = _Index.build(members)
    base = index.select(base_filters)
    return {
        value: _decide(index, {**base_filters, dimension: value}, k)
        for value, ids in sorted(index.by_dim.get(dimension, {}).items())
        if ids & base
    }
