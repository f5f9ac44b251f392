"""“Organisations like yours”: the comparison group for one organisation's benchmark.

Why: comparing an organisation with its peers is only acceptable if the peers cannot be
singled out, so the group must hold at least k organisations *other than the one looking*
(its own figures are known to it and would otherwise let it subtract itself out). When the
closest group is too small it is widened, first from the region to the whole country, then
from the size band to all sizes. The legal form is never widened: a cooperative compared with
foundations says little. If even that is too small there is no benchmark at all.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

Step = tuple[str | None, str | None, str | None]


@dataclass(frozen=True)
class Peer:
    """An organisation that may appear in benchmarks."""

    id: int
    legal_form: str
    size_band: str
    region: str


@dataclass(frozen=True)
class Group:
    """A comparison group; a criterion is None where it was widened away.

    ``ids`` are the peers in the group, the organisation looking excluded.
    """

    legal_form: str | None
    size_band: str | None
    region: str | None
    ids: frozenset[int]


def widening_steps(legal_form: str, size_band: str, region: str) -> list[Step]:
    """The criteria to try in order: same region, then whole country, then every size band."""
    return [
        (legal_form, size_band, region),
        (legal_form, size_band, None),
        (legal_form, None, None),
    ]


def _matches(peer: Peer, step: Step) -> bool:
    legal_form, size_band, region = step
    return (
        peer.legal_form == legal_form
        and (size_band is None or peer.size_band == size_band)
        and (region is None or peer.region == region)
    )


def choose_group(
    peers: Iterable[Peer],
    own_id: int,
    legal_form: str,
    size_band: str,
    region: str,
    k: int,
) -> Group | None:
    """The narrowest step whose peers other than ``own_id`` number at least k, or None."""
    population = [peer for peer in peers if peer.id != own_id]
    for step in widening_steps(legal_form, size_band, region):
        ids = frozenset(peer.id for peer in population if _matches(peer, step))
        if len(ids) >= k:
            return Group(legal_form=step[0], size_band=step[1], region=step[2], ids=ids)
    return None
