"""Plain-Python geometry for the offline outline layer and the nearest-place search.

No GDAL or shapely: the outlines are built once by ``manage.py build_outlines`` and the
search needs only great-circle distances, so a few small functions do.
Coordinates are GeoJSON positions, ``(longitude, latitude)`` in WGS84 degrees.
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

Position = tuple[float, float]
Ring = list[Position]
Polygon = list[Ring]  # exterior ring first, then holes

EARTH_RADIUS_KM = 6371.0088  # the mean Earth radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    a = (
        math.sin(dphi / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


# --- Douglas-Peucker ------------------------------------------------------------


def _segment_distance(p: Position, a: Position, b: Position) -> float:
    """Distance from p to the segment a-b, in degrees (planar; fine at this scale)."""
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - ax, p[1] - ay)
    t = max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - (ax + t * dx), p[1] - (ay + t * dy))


def douglas_peucker(points: Sequence[Position], tolerance: float) -> list[Position]:
    """Keep the points that matter: none is dropped that lies further than tolerance.

    Iterative (an explicit stack), so a border with 100,000 points cannot overflow
    Python's recursion limit.
    """
    n = len(points)
    if n < 3:
        return list(points)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        first, last = stack.pop()
        worst, index = 0.0, 0
        for i in range(first + 1, last):
            d = _segment_distance(points[i], points[first], points[last])
            if d > worst:
                worst, index = d, i
        if worst > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: Ring, tolerance: float) -> Ring | None:
    """A closed ring simplified; None when it collapses below a triangle.

    The ring is split at its point furthest from the start, so that the closing
    point is never the only anchor (Douglas-Peucker on a closed ring otherwise
    degenerates: first and last point are the same).
    """
    if len(ring) < 4:
        return None
    start = ring[0]
    far = max(
        range(len(ring)),
        key=lambda i: math.hypot(ring[i][0] - start[0], ring[i][1] - start[1]),
    )
    first = douglas_peucker(ring[: far + 1], tolerance)
    second = douglas_peucker(ring[far:], tolerance)
    result = first[:-1] + second
    if len(result) < 4:
        return None
    return result


# --- Areas, orientation, centroids -----------------------------------------------


def signed_area(ring: Ring) -> float:
    """Shoelace area; positive for counter-clockwise rings."""
    return 0.5 * sum(
        x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring)
    )


def ring_centroid(ring: Ring) -> tuple[float, float, float]:
    """(cx, cy, signed area) of a closed ring."""
    a = cx = cy = 0.0
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        cross = x1 * y2 - x2 * y1
        a += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    a *= 0.5
    if a == 0:
        return ring[0][0], ring[0][1], 0.0
    return cx / (6 * a), cy / (6 * a), a


def polygons_centroid(polygons: Iterable[Polygon]) -> tuple[Position, float]:
    """Area-weighted centroid of several polygons (holes subtract) and their area."""
    total = sx = sy = 0.0
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            cx, cy, a = ring_centroid(ring)
            a = abs(a) if index == 0 else -abs(a)
            total += a
            sx += cx * a
            sy += cy * a
    if total == 0:
        raise ValueError("Polygons without area have no centroid.")
    return (sx / total, sy / total), total


def point_in_ring(ring: Ring, x: float, y: float) -> bool:
    """Even-odd ray casting."""
    inside = False
    for (x1, y1), (x2, y2) in itertools.pairwise(ring):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


# --- Dissolve ---------------------------------------------------------------------


def _oriented(polygon: Polygon) -> Polygon:
    """Exterior counter-clockwise, holes clockwise (RFC 7946 §3.1.6)."""
    result = []
    for index, ring in enumerate(polygon):
        ccw = signed_area(ring) > 0
        if (index == 0) != ccw:
            ring = list(reversed(ring))
        result.append(ring)
    return result


def dissolve(polygons: Iterable[Polygon], digits: int = 7) -> list[Polygon]:
    """The union of polygons that share their borders exactly (a topological dataset).

    Edges that two polygons share run in opposite directions once every polygon is
    oriented the same way; they cancel, and the edges left over chain into the
    rings of the union. Counter-clockwise rings are exteriors, clockwise ones holes
    (each hole goes to the exterior that contains it).
    """
    counts: dict[tuple[Position, Position], int] = defaultdict(int)
    for polygon in polygons:
        for ring in _oriented(polygon):
            pts = [(round(x, digits), round(y, digits)) for x, y in ring]
            for a, b in itertools.pairwise(pts):
                if a != b:
                    counts[(a, b)] += 1
    outgoing: dict[Position, list[Position]] = defaultdict(list)
    for (a, b), n in counts.items():
        reverse = counts.get((b, a), 0)
        for _ in range(max(0, n - reverse)):
            outgoing[a].append(b)
    rings: list[Ring] = []
    while outgoing:
        start = next(iter(outgoing))
        ring = [start]
        current = start
        while True:
            targets = outgoing.get(current)
            if not targets:
                break
            nxt = targets.pop()
            if not targets:
                del outgoing[current]
            ring.append(nxt)
            current = nxt
            if current == start:
                break
        if len(ring) >= 4 and ring[0] == ring[-1]:
            rings.append(ring)
    exteriors = [r for r in rings if signed_area(r) > 0]
    holes = [r for r in rings if signed_area(r) < 0]
    result: list[Polygon] = [[r] for r in exteriors]
    for hole in holes:
        x, y = hole[0]
        for polygon in sorted(result, key=lambda p: abs(signed_area(p[0]))):
            if point_in_ring(polygon[0], x, y):
                polygon.append(hole)
                break
    return result
