"""The ORDS v0.3 product categories loaded by the data migration."""

import pytest
from django.utils import translation

from repairlocale.repairs.models import ProductCategory

pytestmark = pytest.mark.django_db


def test_it_loads_the_40_ords_categories_with_ids_1_to_40():
    ids = list(
        ProductCategory.objects.order_by("ords_id").values_list("ords_id", flat=True)
    )
    assert ids == list(range(1, 41))


@pytest.mark.parametrize(
    ("ords_id", "ords_name"),
    [
        (1, "Aircon/dehumidifier"),
        (9, "Hair & beauty item"),
        (18, "Misc"),
        (19, "Mobile"),
        (22, "PC accessory"),
        (33, "TV and gaming-related accessories"),
        (36, "Coffee maker"),
        (40, "Iron"),
    ],
)
def test_it_keeps_the_standard_names_for_the_fixed_ids(ords_id, ords_name):
    assert ProductCategory.objects.get(ords_id=ords_id).ords_name == ords_name


def test_it_gives_every_category_a_dutch_and_an_english_name():
    assert not ProductCategory.objects.filter(name_nl="").exists()
    assert not ProductCategory.objects.filter(name_en="").exists()


def test_it_uses_human_friendly_display_names():
    category = ProductCategory.objects.get(ords_name="Hair & beauty item")
    assert category.name_en == "Hair and beauty item"
    assert category.name_nl == "Haar- en schoonheidsverzorging"


def test_it_marks_every_ords_category_as_powered():
    # Restart's 2021 LCA table lists all 40 ORDS categories as powered.
    assert ProductCategory.objects.filter(powered=True).count() == 40


def test_it_names_the_category_in_the_active_language():
    category = ProductCategory.objects.get(ords_name="Vacuum")
    with translation.override("nl-be"):
        assert category.name == "Stofzuiger"
        assert str(category) == "Stofzuiger"
    with translation.override("en"):
        assert category.name == "Vacuum cleaner"
        assert str(category) == "Vacuum cleaner"


def test_it_loads_idempotently_and_unloads_on_reverse():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("repairlocale.repairs.migrations.0002_ords_categories")
    ProductCategory.objects.filter(ords_id=14).update(name_en="Changed")

    migration.load_categories(apps, None)
    assert ProductCategory.objects.count() == 40
    assert ProductCategory.objects.get(ords_id=14).name_en == "Kettle"

    migration.unload_categories(apps, None)
    assert not ProductCategory.objects.exists()
