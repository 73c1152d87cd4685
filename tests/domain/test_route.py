"""Route order: exact for small days (against brute force), good for 30 stops."""

from __future__ import annotations

import itertools
import math
import random

from domain.route import (
    EXACT_MAX_STOPS,
    Stop,
    best_order,
    distance_matrix,
    group_stops,
    haversine_km,
    heuristic_order,
    make_route,
    path_length,
)

INSTANCES = 1000


def _stops(rnd: random.Random, n: int) -> list[Stop]:
    return [Stop(f"i{k}", f"H{k}", 31.1 + rnd.random() * 0.2, 121.3 + rnd.random() * 0.3)
            for k in range(n)]


def _brute_force(dist: list[list[float]]) -> float:
    n = len(dist)
    return min(path_length(p, dist) for p in itertools.permutations(range(n)))


def test_exact_equals_brute_force_on_small_days() -> None:
    rnd = random.Random(20261203)
    heuristic_total = exact_total = 0.0
    for _ in range(INSTANCES):
        n = rnd.randint(1, 7)
        dist = distance_matrix(_stops(rnd, n))
        best = _brute_force(dist)
        order = best_order(dist)
        assert sorted(order) == list(range(n))
        assert math.isclose(path_length(order, dist), best, abs_tol=1e-9)
        heuristic_total += path_length(heuristic_order(dist), dist)
        exact_total += best
    assert heuristic_total <= exact_total * 1.01  # the heuristic, on average, within 1 %


def test_heuristic_close_to_many_restarts_on_30_stops() -> None:
    rnd = random.Random(7)
    dist = distance_matrix(_stops(rnd, 30))
    order = heuristic_order(dist)
    assert sorted(order) == list(range(30))
    best = min(path_length(heuristic_order(dist, starts=30), dist), path_length(order, dist))
    assert path_length(order, dist) <= best * 1.02


def test_exact_limit_is_used_up_to_its_size() -> None:
    rnd = random.Random(3)
    dist = distance_matrix(_stops(rnd, EXACT_MAX_STOPS))
    assert math.isclose(path_length(best_order(dist), dist),
                        path_length(heuristic_order(dist, starts=EXACT_MAX_STOPS), dist),
                        rel_tol=0.05)


def test_doctors_of_one_institution_are_one_stop_and_unlocated_stops_go_last() -> None:
    a = Stop("h1", "Ruijin", 31.21, 121.47, ("d1",))
    b = Stop("h2", "Huashan", 31.22, 121.44, ("d2",))
    c = Stop("h1", "Ruijin", 31.21, 121.47, ("d3",))
    nowhere = Stop("h3", "Clinic", None, None, ("d4",))
    route = make_route([nowhere, a, b, c])
    assert [s.key for s in route.stops][-1] == "h3"
    assert {s.key: s.doctors for s in route.stops}["h1"] == ("d1", "d3")
    assert len(group_stops([a, b, c])) == 2
    assert math.isclose(route.distance_km, haversine_km(a, b))
    assert route.visit_minutes == 4 * 20 and route.travel_minutes > 0


def test_manual_order_is_kept() -> None:
    rnd = random.Random(5)
    stops = _stops(rnd, 6)
    manual = list(reversed(stops))
    route = make_route(manual, manual=True)
    assert [s.key for s in route.stops] == [s.key for s in manual]
    assert route.manual
    assert route.distance_km >= make_route(stops).distance_km - 1e-9


def test_haversine_one_degree_of_latitude() -> None:
    assert math.isclose(haversine_km(Stop("a", "a", 0.0, 0.0), Stop("b", "b", 1.0, 0.0)),
                        111.19, rel_tol=1e-3)
