"""The public methodology page, in Dutch and in English, for everyone."""

import pytest
from django.conf import settings
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, log_in_as
from repairlocale.impact.models import Methodology

pytestmark = pytest.mark.django_db


def _page(client, url, language=None):
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_anonymous_visitors_see_the_default_methodology_in_dutch(client):
    html = _page(client, reverse("impact:methodology"))
    assert '<html lang="nl-be">' in html
    assert "Restart Project 2021 LCA" in html
    assert "restart-2021-lca:2021.1" in html
    # Factors with Dutch category names and Dutch number formats.
    assert "Koffiezetapparaat" in html
    assert "Gsm of smartphone" in html
    assert "265,32" in html  # laptop footprint
    assert "132,66" in html  # 0.5 x 265.32 per Fixed laptop
    assert "0,0747" in html  # battery/charger weight as published
    assert "32,06679233" in html
    # The sources are named.
    assert "The Restart Project" in html
    assert "CC BY-SA 4.0" in html
    assert "https://github.com/TheRestartProject/environmental-impact-data" in html
    assert "Open Repair Alliance" in html


def test_the_page_speaks_english(client):
    html = _page(client, reverse("impact:methodology"), language="en")
    assert '<html lang="en">' in html
    assert "Coffee maker" in html
    assert "Mobile phone" in html
    assert "Koffiezetapparaat" not in html
    assert "265.32" in html
    assert "132.66" in html
    assert "Formula" in html
    assert "Limitations" in html


def test_it_explains_formula_limitations_and_equivalents_with_sources(client):
    html = _page(client, reverse("impact:methodology"), language="en")
    assert "displacement factor × the pre-use footprint" in html
    # RepairRecord has no weight: Misc repairs add nothing, and the page says so.
    assert "Repair records carry no weight" in html
    assert "European Environment Agency" in html
    assert "121.6 g CO2/km" in html
    assert "Arbor Day Foundation" in html
    assert "1 kg CO2e ≈ 8.2 km" in html
    assert "one fixed Laptop prevents 132.66 kg CO2e" in html


def test_a_version_has_its_own_permanent_page(client, anstiftung):
    url = reverse(
        "impact:methodology_version", args=["anstiftung-displacement", "2023.1"]
    )
    assert url == "/impact/methode/anstiftung-displacement/2023.1/"
    html = _page(client, url, language="en")
    assert "anstiftung displacement 0.3" in html
    assert "79.60" in html  # 0.3 x 265.32 per Fixed laptop
    # The other versions are linked, the default marked.
    assert 'href="/impact/methode/restart-2021-lca/2021.1/"' in html


def test_an_unknown_version_is_not_found(client):
    url = reverse("impact:methodology_version", args=["restart-2021-lca", "1999.1"])
    assert client.get(url).status_code == 404


def test_without_a_default_methodology_the_page_is_not_found(client):
    Methodology.objects.update(is_default=False)
    assert client.get(reverse("impact:methodology")).status_code == 404


def test_a_category_without_a_factor_is_listed_as_misc(client, restart):
    restart.factors.filter(product_category__ords_name="Iron").delete()
    html = _page(client, reverse("impact:methodology"), language="en")
    assert "no factor in this version: counted as Misc" in html


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_persona_sees_it(client, all_personas, persona):
    log_in_as(client, all_personas, persona)
    for url in (
        reverse("impact:methodology"),
        reverse("impact:methodology_version", args=["restart-2021-lca", "2021.1"]),
    ):
        assert client.get(url).status_code == 200


def test_it_only_answers_get(client):
    assert client.post(reverse("impact:methodology")).status_code == 405


def test_it_takes_a_small_constant_number_of_queries(
    client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(5):
        client.get(reverse("impact:methodology"))
