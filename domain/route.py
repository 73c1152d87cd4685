"""The order of a day's stops that keeps travel short.

A rep's day is an *open path*: they start at the first institution and end at the
last (we do not know where they live, and most reps go home from the last stop).
Stops are institutions: every planned doctor at one institution is one stop, so the
route never leaves a hospital and comes back.

Why this solver and not a library: a rep's day has 3–15 stops, rarely 30. Up to
``EXACT_MAX_STOPS`` the Held–Karp dynamic programme gives the optimum in a few
milliseconds of pure Python (n²·2ⁿ: 10 stops ≈ 100k steps). Beyond that, nearest
neighbour from every start followed by 2-opt and Or-opt (move a run of 1–3 stops,
either way round) to a local optimum lands within ~1 % of the best known tour for 30
random stops in about 100 ms (``bench/plan.py`` measures both). OR-Tools would
add a 30 MB native wheel for no visible gain; python-tsp is unmaintained and its
heuristics are slower. The code is pure: no I/O, deterministic for the same input.

Distances are great-circle (haversine) kilometres; the estimated travel time scales
them by a road factor and an average urban speed, and adds a fixed time per doctor
seen. These are estimates for planning, shown as such.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

EARTH_RADIUS_KM = 6371.0088
EXACT_MAX_STOPS = 10
ROAD_FACTOR = 1.3  # roads are longer than the straight line
AVERAGE_SPEED_KMH = 25.0  # urban traffic
MINUTES_PER_DOCTOR = 20.0
OR_OPT_MAX_SEGMENT = 3
HEURISTIC_STARTS = 8  # nearest-neighbour starts, spread over the stops


@dataclass(frozen=True, slots=True)
class Stop:
    """One institution of the day with the doctors to see there."""

    key: str
    name: str
    latitude: float | None
    longitude: float | None
    doctors: tuple[str, ...] = ()

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class Route:
    stops: tuple[Stop, ...]
    distance_km: float  # straight-line legs, summed
    travel_minutes: float
    visit_minutes: float
    manual: bool = False

    @property
    def total_minutes(self) -> float:
        return self.travel_minutes + self.visit_minutes

    @property
    def legs_km(self) -> list[float]:
        return [haversine_km(a, b) for a, b in itertools.pairwise(self.stops)]


def haversine_km(a: Stop, b: Stop) -> float:
    """Great-circle distance; 0 when either stop has no coordinates."""
    if not (a.located and b.located):
        return 0.0
    lat1, lon1 = math.radians(a.latitude or 0.0), math.radians(a.longitude or 0.0)
    lat2, lon2 = math.radians(b.latitude or 0.0), math.radians(b.longitude or 0.0)
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def distance_matrix(stops: Sequence[Stop]) -> list[list[float]]:
    return [[haversine_km(a, b) for b in stops] for a in stops]


def path_length(order: Sequence[int], dist: Sequence[Sequence[float]]) -> float:
    return sum(dist[a][b] for a, b in itertools.pairwise(order))


def group_stops(stops: Sequence[Stop]) -> list[Stop]:
    """Merge stops of the same institution (key), keeping the first one's place."""
    merged: dict[str, Stop] = {}
    for stop in stops:
        seen = merged.get(stop.key)
        merged[stop.key] = stop if seen is None else Stop(
            seen.key, seen.name, seen.latitude, seen.longitude, seen.doctors + stop.doctors)
    return list(merged.values())


def held_karp(dist: Sequence[Sequence[float]]) -> list[int]:
    """The shortest open path through every node (any start, any end): exact, O(n²·2ⁿ)."""
    n = len(dist)
    if n <= 2:
        return list(range(n))
    full = (1 << n) - 1
    inf = math.inf
    cost = [[inf] * n for _ in range(1 << n)]
    parent = [[-1] * n for _ in range(1 << n)]
    for i in range(n):
        cost[1 << i][i] = 0.0
    for mask in range(1, full + 1):
        row = cost[mask]
        for last in range(n):
            here = row[last]
            if here == inf:
                continue
            d_last = dist[last]
            for nxt in range(n):
                bit = 1 << nxt
                if mask & bit:
                    continue
                value = here + d_last[nxt]
                target = mask | bit
                if value < cost[target][nxt]:
                    cost[target][nxt] = value
                    parent[target][nxt] = last
    last = min(range(n), key=lambda i: cost[full][i])
    order: list[int] = []
    mask = full
    while last != -1:
        order.append(last)
        prev = parent[mask][last]
        mask &= ~(1 << last)
        last = prev
    return order[::-1]


def _nearest_neighbour(start: int, dist: Sequence[Sequence[float]]) -> list[int]:
    n = len(dist)
    order = [start]
    left = set(range(n)) - {start}
    while left:
        here = dist[order[-1]]
        nxt = min(left, key=lambda j: here[j])
        order.append(nxt)
        left.remove(nxt)
    return order


def _two_opt(order: list[int], dist: Sequence[Sequence[float]]) -> bool:
    """One pass of first-improvement 2-opt on an open path; True if it improved."""
    n = len(order)
    improved = False
    eps = 1e-12
    for i in range(n - 1):
        a_prev = order[i - 1] if i > 0 else -1
        for j in range(i + 1, n):
            a, b = order[i], order[j]
            b_next = order[j + 1] if j + 1 < n else -1
            before = (dist[a_prev][a] if a_prev >= 0 else 0.0) + (dist[b][b_next] if b_next >= 0 else 0.0)
            after = (dist[a_prev][b] if a_prev >= 0 else 0.0) + (dist[a][b_next] if b_next >= 0 else 0.0)
            if after < before - eps:
                order[i:j + 1] = order[i:j + 1][::-1]
                improved = True
                a_prev = order[i - 1] if i > 0 else -1
    return improved


def _or_opt(order: list[int], dist: Sequence[Sequence[float]]) -> bool:
    """Move one run of 1–3 stops elsewhere (either way round) if that shortens the
    path; each move is priced in O(1) from the four or five legs it changes."""
    n = len(order)

    def d(a: int, b: int) -> float:
        return 0.0 if a < 0 or b < 0 else dist[a][b]

    for size in range(1, min(OR_OPT_MAX_SEGMENT, n - 1) + 1):
        for i in range(n - size + 1):
            first, last = order[i], order[i + size - 1]
            p = order[i - 1] if i > 0 else -1
            q = order[i + size] if i + size < n else -1
            gain = d(p, first) + d(last, q) - d(p, q)
            rest = order[:i] + order[i + size:]
            for k in range(len(rest) + 1):
                if k == i:
                    continue
                a = rest[k - 1] if k > 0 else -1
                b = rest[k] if k < len(rest) else -1
                base = d(a, b)
                forward = d(a, first) + d(last, b) - base
                backward = d(a, last) + d(first, b) - base
                if min(forward, backward) < gain - 1e-9:
                    segment = order[i:i + size]
                    if backward < forward:
                        segment.reverse()
                    order[:] = rest[:k] + segment + rest[k:]
                    return True
    return False


def local_search(order: list[int], dist: Sequence[Sequence[float]]) -> list[int]:
    """2-opt and Or-opt until neither improves the path."""
    order = list(order)
    while True:
        while _two_opt(order, dist):
            pass
        if not _or_opt(order, dist):
            return order


def heuristic_order(dist: Sequence[Sequence[float]],
                    starts: int = HEURISTIC_STARTS) -> list[int]:
    """Nearest neighbour from ``starts`` start nodes spread over the stops, each
    followed by local search; the shortest result wins."""
    n = len(dist)
    best: list[int] = list(range(n))
    best_len = math.inf
    count = max(1, min(starts, n))
    for start in sorted({round(k * n / count) % n for k in range(count)}):
        order = local_search(_nearest_neighbour(start, dist), dist)
        length = path_length(order, dist)
        if length < best_len - 1e-9:
            best, best_len = order, length
    return best


def best_order(dist: Sequence[Sequence[float]]) -> list[int]:
    """Exact up to ``EXACT_MAX_STOPS`` nodes, the heuristic beyond."""
    if len(dist) <= EXACT_MAX_STOPS:
        return held_karp(dist)
    return heuristic_order(dist)


def make_route(stops: Sequence[Stop], *, manual: bool = False) -> Route:
    """The day's route: ``stops`` grouped by institution, then ordered to minimise
    travel, unless ``manual`` (the rep's own order, kept as given). Stops without
    coordinates go last, in the order given."""
    grouped = group_stops(stops)
    if manual:
        ordered = grouped
    else:
        located = [s for s in grouped if s.located]
        unlocated = [s for s in grouped if not s.located]
        order = best_order(distance_matrix(located))
        ordered = [located[i] for i in order] + unlocated
    distance = sum(haversine_km(a, b) for a, b in itertools.pairwise(ordered))
    doctors = sum(max(1, len(s.doctors)) for s in ordered)
    return Route(stops=tuple(ordered), distance_km=distance,
                 travel_minutes=distance * ROAD_FACTOR / AVERAGE_SPEED_KMH * 60.0,
                 visit_minutes=doctors * MINUTES_PER_DOCTOR, manual=manual)
