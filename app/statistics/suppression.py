"""Which groups and filters of a dashboard may be shown without singling anyone out.

Why: a regional dashboard shows figures over a base group of organisations, narrowed by
filters on dimensions such as ``legal_form``, ``size_band`` and ``year``. Hiding groups of
fewer than k is not enough: two shown groups can be nested as *sets* without being nested as
filters (``scop & year=2025`` may hold every organisation of ``size_band=1-9 & year=2025``),
so subtracting one's figures from the other's could describe 1 to k−1 organisations. Deciding
per request, by comparing a group with its own ancestors only, misses such pairs and makes the
answer depend on which group is asked. So every filter combination is decided *together*, once
per set of members, by ``plan``; ``Plan.decide`` and ``Plan.allowed`` only read the result.

The rule (issue 7): any figure over fewer than k organisations is not shown, and filters cannot
be combined to isolate one organisation: when a group is shown, a sub-group of it and its
complement each hold either no organisation or at least k, or the sub-group is hidden too.

An organisation has one legal form and one size band but may have assessments in several
years, so each member carries a *set* of values per dimension and year groups may overlap.

Algorithm of ``plan(members, k, dimensions)``:

1. Index. Members get bit positions 0..n−1. Each (dimension, value) occurring among members
   gets a Python int bitset, built from a bytearray with ``int.from_bytes(..., "little")``;
   sizes are ``int.bit_count()``. A 10,000-bit AND or popcount costs well under a microsecond.
2. Combinations. Every choice, per dimension, of "no filter" or one occurring value (the
   cartesian product: 9 × 6 × 4 = 216 for 8 legal forms, 5 bands, 3 years). A combination's
   bitset is the AND of its filters' bitsets (no filter: every member). Combinations selecting
   the same members form one *class*: they show the same figures, so they are shown or hidden
   together (hiding one while showing the other would hide nothing). Classes are taken
   coarse-first: by the fewest filters of their combinations, then the larger, then the values
   (a fixed order, so the plan never depends on the request).
3. Start: a class is shown if it holds at least k members, else hidden "too_few".
4. Pairs. For each class B in that order, and each earlier class A still shown: with
   i = |A ∩ B|, if 0 < |A| − i < k or 0 < |B| − i < k (one side holds 1..k−1 members the other
   has not) B, the finer, is hidden "complement". Identical sets never conflict. Hiding never
   creates a conflicting pair, so after this single pass no two shown classes conflict; the
   later steps only hide, so that stays true (repeating the pass would change nothing).
5. Cells, repeated until nothing changes (only hiding, so it terminates). For every
   combination P of at least k members and every non-empty set D of dimensions it does not
   filter on: the children are P + one value per dimension of D. With
   R = P − union(shown children), while 0 < |R| < k the smallest shown non-empty child (ties:
   the first values) is hidden "suppressed" and R recomputed. Children hidden by any earlier
   rule count as hidden. When no child is shown R = P, which holds at least k, so the loop
   ends. Years overlap: R uses the union, not a sum. Wider than "every shown P and every
   dimension" on purpose: a hidden P can still be derived (its shown parent minus its shown
   siblings), and then its own breakdown would give R away; a breakdown by two dimensions at
   once subtracts like one by a single dimension.
6. The base group (no filter) is the first class: no pair can hide it, and a child identical
   to its parent covers that parent (R = 0) so it is never the one suppressed. It is hidden
   only when it holds fewer than k members.

Every ``Decision.count`` is the group's true size; callers hide it when the group is not shown.
Limits: pairs of groups and breakdowns of a group are audited, which is what the rule above
asks; other sums and differences of three or more groups (a full linked-tables audit) are not.

Cost at 10,000 members, 8 legal forms × 5 bands × 3 years (216 combinations): about 30 ms,
a third of it building the bitsets.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, combinations, product

TOO_FEW = "too_few"
COMPLEMENT = "complement"
SUPPRESSED = "suppressed"

_EMPTY: frozenset[str] = frozenset()

#: Per plan dimension, the value filtered on, or None for no filter.
Combination = tuple[str | None, ...]


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


class Plan:
    """Which filter combinations may be shown, decided together (module docstring)."""

    def __init__(
        self,
        dimensions: tuple[str, ...],
        values: dict[str, dict[str, int]],
        decisions: dict[Combination, Decision],
        bits: dict[Combination, int],
    ) -> None:
        self.dimensions = dimensions
        self._values = values
        self._decisions = decisions
        self._bits = bits

    def _combination(self, filters: Mapping[str, str]) -> Combination:
        unknown = set(filters) - set(self.dimensions)
        if unknown:
            raise ValueError(f"not planned: {sorted(unknown)}")
        return tuple(filters.get(dim) for dim in self.dimensions)

    def decide(self, filters: Mapping[str, str]) -> Decision:
        """Whether the group matching ``filters`` may be shown; a value no member has gives an
        empty group (hidden, too few)."""
        decision = self._decisions.get(self._combination(filters))
        return decision or Decision(shown=False, count=0, reason=TOO_FEW)

    def allowed(self, base_filters: Mapping[str, str], dimension: str) -> dict[str, Decision]:
        """For each value of ``dimension`` among the base filters' members, the decision of
        ``base_filters`` narrowed (or, if already filtered on, re-pointed) to that value."""
        if dimension not in self._values:
            raise ValueError(f"not planned: {dimension}")
        base = self._bits.get(self._combination(base_filters), 0)
        return {
            value: self.decide({**base_filters, dimension: value})
            for value, bits in self._values[dimension].items()
            if bits & base
        }


def _bitset(positions: Sequence[int], size: int) -> int:
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def _index(members: Sequence[Member], dimensions: tuple[str, ...]) -> dict[str, dict[str, int]]:
    """Step 1: per dimension, each occurring value's bitset (values sorted)."""
    positions: dict[str, dict[str, list[int]]] = {dim: {} for dim in dimensions}
    for position, member in enumerate(members):
        for dim, per_value in positions.items():
            for value in member.values.get(dim, _EMPTY):
                found = per_value.get(value)
                if found is None:
                    per_value[value] = [position]
                else:
                    found.append(position)
    return {
        dim: {value: _bitset(found, len(members)) for value, found in sorted(per_value.items())}
        for dim, per_value in positions.items()
    }


def plan(members: Sequence[Member], k: int, dimensions: Sequence[str] | None = None) -> Plan:
    """Decide every filter combination of ``dimensions`` (default: those the members have)
    at once, with the algorithm of the module docstring."""
    dims = tuple(
        dimensions if dimensions is not None else sorted({d for m in members for d in m.values})
    )
    values = _index(members, dims)
    everyone = (1 << len(members)) - 1

    # Step 2: combinations, coarse-first, grouped into classes of identical member sets.
    bits: dict[Combination, int] = {}
    for combination in product(*((None, *values[dim]) for dim in dims)):
        selected = everyone
        for dim, value in zip(dims, combination, strict=True):
            if value is not None:
                selected &= values[dim][value]
        bits[combination] = selected
    sizes = {combination: selected.bit_count() for combination, selected in bits.items()}
    order = sorted(
        bits,
        key=lambda c: (
            sum(v is not None for v in c),
            -sizes[c],
            tuple((v is not None, v or "") for v in c),
        ),
    )
    class_of: dict[int, int] = {}  # bitset -> class number, numbered in coarse-first order
    for combination in order:
        class_of.setdefault(bits[combination], len(class_of))
    class_bits = list(class_of)
    class_size = [selected.bit_count() for selected in class_bits]

    # Step 3: too few.
    reason: list[str | None] = [None if size >= k else TOO_FEW for size in class_size]

    # Step 4: pairs, one pass (hiding never creates a conflicting pair).
    shown: list[tuple[int, int]] = []
    for number, (selected, size) in enumerate(zip(class_bits, class_size, strict=True)):
        if reason[number] is not None:
            continue
        for other, other_size in shown:
            common = (selected & other).bit_count()
            if 0 < size - common < k or 0 < other_size - common < k:
                reason[number] = COMPLEMENT
                break
        else:
            shown.append((selected, size))

    # Step 5: cells, until nothing changes.
    families: list[tuple[int, int, list[tuple[int, Combination, int]]]] = []
    for combination in order:
        parent = class_of[bits[combination]]
        if class_size[parent] < k:  # its children are smaller still: all hidden
            continue
        free = [d for d, value in enumerate(combination) if value is None]
        for split in chain.from_iterable(combinations(free, n) for n in range(1, len(free) + 1)):
            children: dict[int, tuple[int, Combination, int]] = {}
            for chosen in product(*(values[dims[d]] for d in split)):
                child_combination = list(combination)
                for d, value in zip(split, chosen, strict=True):
                    child_combination[d] = value
                child = class_of[bits[tuple(child_combination)]]
                if class_size[child] and child not in children:  # values sorted: first wins
                    children[child] = (class_size[child], chosen, child)
            families.append((parent, class_size[parent], list(children.values())))
    changed = True
    while changed:
        changed = False
        for _parent, parent_size, children in families:
            while True:
                visible = [child for child in children if reason[child[2]] is None]
                covered = 0
                for _size, _values, child in visible:
                    covered |= class_bits[child]
                if not visible or not 0 < parent_size - covered.bit_count() < k:
                    break
                reason[min(visible)[2]] = SUPPRESSED
                changed = True

    decisions = {
        combination: Decision(
            shown=reason[class_of[selected]] is None,
            count=sizes[combination],
            reason=reason[class_of[selected]],
        )
        for combination, selected in bits.items()
    }
    return Plan(dims, values, decisions, bits)


def _dimensions(members: Sequence[Member], *extra: Iterable[str]) -> list[str]:
    found = {dim for member in members for dim in member.values}
    for dims in extra:
        found.update(dims)
    return sorted(found)


def decide(members: Sequence[Member], filters: Mapping[str, str], k: int) -> Decision:
    """``plan(members, k).decide(filters)``: build the plan once when asking several times."""
    return plan(members, k, _dimensions(members, filters)).decide(filters)


def allowed_filters(
    members: Sequence[Member],
    base_filters: Mapping[str, str],
    dimension: str,
    k: int,
) -> dict[str, Decision]:
    """``plan(members, k).allowed(base_filters, dimension)`` (see ``Plan.allowed``)."""
    dims = _dimensions(members, base_filters, [dimension])
    return plan(members, k, dims).allowed(base_filters, dimension)
