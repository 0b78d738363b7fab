"""The plain-Python geometry behind the outline layer and the nearest-place search."""

import pytest

from repairlocale.public.geometry import (
    dissolve,
    douglas_peucker,
    haversine_km,
    polygons_centroid,
    signed_area,
    simplify_ring,
)


def test_haversine_gives_the_known_distance_brugge_leuven():
    # Brugge Markt to Leuven Grote Markt: about 109 km as the crow flies.
    assert haversine_km(51.2089, 3.2242, 50.8798, 4.7005) == pytest.approx(109, abs=1)


def test_haversine_is_zero_for_the_same_point_and_symmetric():
    assert haversine_km(51.0, 4.0, 51.0, 4.0) == 0
    assert haversine_km(51.0, 4.0, 50.5, 5.0) == pytest.approx(
        haversine_km(50.5, 5.0, 51.0, 4.0)
    )


def test_douglas_peucker_drops_points_within_the_tolerance_only():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (3.0, 1.0)]
    assert douglas_peucker(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0)]
    assert douglas_peucker(line, 0.0001) == line


def test_simplify_ring_keeps_a_closed_ring_and_drops_a_tiny_one():
    square = [(0, 0), (1, 0), (1, 0.0001), (1, 1), (0, 1), (0, 0)]
    simplified = simplify_ring(square, 0.01)
    assert simplified[0] == simplified[-1]
    assert len(simplified) == 5
    assert simplify_ring([(0, 0), (0.0001, 0), (0, 0.0001), (0, 0)], 0.01) is None


def test_dissolve_merges_two_squares_that_share_an_edge():
    left = [[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]]
    right = [[(1, 0), (2, 0), (2, 1), (1, 1), (1, 0)]]
    [merged] = dissolve([left, right])
    assert len(merged) == 1  # one exterior ring, no hole
    assert signed_area(merged[0]) == pytest.approx(2)
    (cx, cy), area = polygons_centroid([merged])
    assert (cx, cy, area) == pytest.approx((1, 0.5, 2))


def test_dissolve_keeps_a_separate_island_apart():
    main = [[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]]
    island = [[(5, 5), (6, 5), (6, 6), (5, 6), (5, 5)]]
    assert len(dissolve([main, island])) == 2
