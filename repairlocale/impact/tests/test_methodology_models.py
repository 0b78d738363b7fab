"""The methodologies the data migration loads, and the rules the database keeps."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from repairlocale.impact.models import CategoryFactor, Methodology
from repairlocale.repairs.models import ProductCategory

pytestmark = pytest.mark.django_db


def test_the_default_is_restart_2021_lca_with_displacement_one_half(restart):
    assert Methodology.objects.default() == restart
    assert restart.name == "Restart Project 2021 LCA"
    assert restart.displacement_factor == Decimal("0.5")
    assert restart.emission_ratio_powered == Decimal("32.06679233")
    assert restart.emission_ratio_unpowered == Decimal("17.70147059")
    assert "The Restart Project" in restart.source
    assert "CC BY-SA 4.0" in restart.source
    assert "TheRestartProject/environmental-impact-data" in restart.source_url
    assert str(restart) == "Restart Project 2021 LCA 2021.1"
    assert restart.get_absolute_url() == "/impact/methode/restart-2021-lca/2021.1/"


def test_each_methodology_has_a_factor_for_all_40_ords_categories(restart, anstiftung):
    for methodology in (restart, anstiftung):
        ids = sorted(
            methodology.factors.values_list("product_category__ords_id", flat=True)
        )
        assert ids == list(range(1, 41))


@pytest.mark.parametrize(
    ("ords_name", "weight", "footprint"),
    [
        ("Aircon/dehumidifier", "7.60", "99.41"),
        ("Battery/charger/adapter", "0.0747", "0.548"),
        ("Flat screen", "5.23", "343.49"),
        ("Laptop", "1.83", "265.32"),
        ("Misc", "0", "0"),
        ("Coffee maker", "1.28", "17.50"),
        ("Hair dryer", "0.67", "10.28"),
        ("Iron", "1.17", "11.00"),
    ],
)
def test_it_loads_the_published_factors(restart, ords_name, weight, footprint):
    factor = restart.factors.get(product_category__ords_name=ords_name)
    assert factor.weight_kg == Decimal(weight)
    assert factor.footprint_kg_co2e == Decimal(footprint)
    assert factor.source


def test_the_second_methodology_has_the_same_factors_and_displacement_0_3(
    restart, anstiftung
):
    assert anstiftung.name == "anstiftung displacement 0.3"
    assert anstiftung.displacement_factor == Decimal("0.3")
    assert not anstiftung.is_default

    def values(m):
        return list(
            m.factors.order_by("product_category__ords_id").values_list(
                "weight_kg", "footprint_kg_co2e"
            )
        )

    assert values(anstiftung) == values(restart)


def test_misc_has_no_category_value(restart):
    assert not restart.factors.get(product_category__ords_name="Misc").has_value
    assert restart.factors.get(product_category__ords_name="Laptop").has_value


def test_only_one_methodology_can_be_the_default(anstiftung):
    anstiftung.is_default = True
    with pytest.raises(IntegrityError), transaction.atomic():
        anstiftung.save()


def test_slug_and_version_are_unique(restart):
    with pytest.raises(IntegrityError), transaction.atomic():
        Methodology.objects.create(
            name="Copy",
            slug=restart.slug,
            version=restart.version,
            source="-",
            displacement_factor=Decimal("0.5"),
            emission_ratio_powered=0,
            emission_ratio_unpowered=0,
            published_on=restart.published_on,
        )


@pytest.mark.parametrize("displacement", ["-0.1", "1.1"])
def test_the_displacement_factor_lies_between_0_and_1(restart, displacement):
    with pytest.raises(IntegrityError), transaction.atomic():
        Methodology.objects.filter(pk=restart.pk).update(
            displacement_factor=Decimal(displacement)
        )


@pytest.mark.parametrize("field", ["weight_kg", "footprint_kg_co2e"])
def test_factors_are_never_negative(restart, field):
    factor = restart.factors.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        CategoryFactor.objects.filter(pk=factor.pk).update(**{field: Decimal("-1")})


def test_a_category_has_one_factor_per_methodology(restart):
    laptop = ProductCategory.objects.get(ords_name="Laptop")
    with pytest.raises(IntegrityError), transaction.atomic():
        CategoryFactor.objects.create(
            methodology=restart,
            product_category=laptop,
            weight_kg=1,
            footprint_kg_co2e=1,
        )


def test_a_spec_names_a_version_or_the_latest(restart, anstiftung):
    assert Methodology.objects.for_spec("restart-2021-lca:2021.1") == restart
    assert Methodology.objects.for_spec("anstiftung-displacement") == anstiftung
    newer = Methodology.objects.create(
        name="Restart Project 2021 LCA",
        slug="restart-2021-lca",
        version="2021.2",
        source="-",
        displacement_factor=Decimal("0.5"),
        emission_ratio_powered=0,
        emission_ratio_unpowered=0,
        published_on=restart.published_on.replace(year=2022),
    )
    assert Methodology.objects.for_spec("restart-2021-lca") == newer
    assert Methodology.objects.for_spec("restart-2021-lca:2021.1") == restart
    with pytest.raises(Methodology.DoesNotExist):
        Methodology.objects.for_spec("nope")
    with pytest.raises(Methodology.DoesNotExist):
        Methodology.objects.for_spec("restart-2021-lca:1999")
