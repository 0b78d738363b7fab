"""The lessons view: factors by theme, Brugge and Vlaams-Brabant side by side."""

import pytest
from django.urls import reverse

from repairlocale.cases.selectors import lessons_by_theme
from repairlocale.cases.tests.factories import CaseFactory, FactorFactory
from repairlocale.needs.models import Theme
from repairlocale.network.models import PilotRegion

pytestmark = pytest.mark.django_db


@pytest.fixture
def factors(personas):
    personas.hub.pilot_region = PilotRegion.BRUGGE
    personas.hub.save()
    brugge = CaseFactory(hub=personas.hub, status="published")
    # A case of an organisation (no hub) counts for the organisation's region.
    brabant = CaseFactory(organisation=personas.other, status="published")
    draft = CaseFactory(hub=personas.hub, status="draft")
    FactorFactory(case=brugge, factor="Parkwachter opgeleid", kind="success")
    FactorFactory(case=brugge, factor="Te weinig opslag", kind="failure")
    FactorFactory(case=brabant, factor="Vaste ophaaldag", kind="success")
    FactorFactory(case=brabant, factor="Coach op cursus", theme=Theme.TRAINING)
    FactorFactory(case=draft, factor="Nog geheim", kind="failure")
    return locals()


def _names(items):
    return [f.factor for f in items]


def test_factors_are_grouped_by_theme_region_and_kind(factors, personas):
    rows = lessons_by_theme(user=personas.viewer)
    assert [r["theme"] for r in rows] == [Theme.PRESERVING_COLLECTION, Theme.TRAINING]
    brugge, brabant = rows[0]["regions"]
    assert brugge["region"] == PilotRegion.BRUGGE
    assert _names(brugge["success"]) == ["Parkwachter opgeleid"]
    assert _names(brugge["failure"]) == ["Te weinig opslag"]
    assert _names(brabant["success"]) == ["Vaste ophaaldag"]
    assert _names(rows[1]["regions"][1]["success"]) == ["Coach op cursus"]


def test_drafts_show_only_to_their_owners(factors, personas):
    owner_rows = lessons_by_theme(user=personas.hubcoordinator)
    assert "Nog geheim" in _names(owner_rows[0]["regions"][0]["failure"])


def test_the_theme_filter_and_the_page(client, factors, personas):
    client.force_login(personas.viewer)
    response = client.get(reverse("cases:lessons"), {"theme": Theme.TRAINING})
    content = response.content.decode()
    assert "Coach op cursus" in content
    assert "Parkwachter opgeleid" not in content
    assert "Nog geheim" not in content
    # An unknown theme shows everything instead of failing.
    response = client.get(reverse("cases:lessons"), {"theme": "bogus"})
    assert "Parkwachter opgeleid" in response.content.decode()


def test_the_page_costs_a_fixed_number_of_queries(
    client, factors, personas, django_assert_max_num_queries
):
    client.force_login(personas.viewer)
    with django_assert_max_num_queries(8):
        client.get(reverse("cases:lessons"))
