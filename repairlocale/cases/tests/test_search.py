"""One search function on SQLite FTS5 and PostgreSQL: accents, filters, visibility."""

import datetime

import pytest
from django.urls import reverse

from repairlocale.cases import search, services
from repairlocale.cases.models import SearchDocument
from repairlocale.cases.search import SearchFilters, fold, highlight, query_terms
from repairlocale.cases.tests.factories import (
    ActivityFactory,
    CaseFactory,
    CatalogueActivityFactory,
    FactorFactory,
)
from repairlocale.needs.models import Theme
from repairlocale.network.models import PilotRegion

pytestmark = pytest.mark.django_db

PUBLISHED = "published"


@pytest.fixture
def library(personas):
    personas.hub.pilot_region = PilotRegion.BRUGGE
    personas.hub.save()
    personas.other_hub.pilot_region = PilotRegion.VLAAMS_BRABANT
    personas.other_hub.save()
    cafe = ActivityFactory(
        hub=personas.hub,
        title="Herstelcafé in de bibliotheek",
        description="Buurtbewoners brachten kapotte toestellen mee.",
        status=PUBLISHED,
        date=datetime.date(2026, 2, 1),
    )
    training = ActivityFactory(
        hub=personas.other_hub,
        title="Opleiding elektroherstel",
        description="Doelgroepmedewerkers leren veilig meten in het herstelcafe.",
        status=PUBLISHED,
        date=datetime.date(2025, 6, 1),
    )
    draft = ActivityFactory(
        hub=personas.other_hub, title="Geheim herstelcafé in opbouw", status="draft"
    )
    case = CaseFactory(
        hub=personas.hub,
        title="Bewarend inzamelen op het recyclagepark",
        context="<p>Het containerpark en de kringwinkel werkten samen.</p>",
        status=PUBLISHED,
    )
    lesson = FactorFactory(
        case=case,
        factor="Een vaste begeleider aan de herstelcafé-tafel",
        kind="failure",
        theme=Theme.TRAINING,
        recommendation="Plan een vaste vrijwilliger.",
    )
    return locals()


def _titles(results):
    return {d.title for d in results}


@pytest.mark.parametrize("query", ["herstelcafé", "herstelcafe", "HERSTELCAFE"])
def test_words_match_with_and_without_accents(library, personas, query):
    results = search.search(query, user=personas.coordinator)
    assert _titles(results) >= {
        "Herstelcafé in de bibliotheek",
        "Opleiding elektroherstel",
        "Een vaste begeleider aan de herstelcafé-tafel",
    }


def test_every_word_must_match(library, personas):
    results = search.search("herstelcafé bibliotheek", user=personas.coordinator)
    assert _titles(results) == {"Herstelcafé in de bibliotheek"}


def test_rich_text_is_searched_without_its_markup(library, personas):
    results = search.search("containerpark", user=personas.coordinator)
    assert [d.kind for d in results] == [SearchDocument.Kind.CASE]


@pytest.mark.parametrize("query", ["", "   ", "!!!", '"*()', "-- ; ' OR 1=1"])
def test_empty_or_punctuation_only_queries_find_nothing_without_error(
    library, personas, query
):
    if query_terms(query):
        # "OR 1 1" are words: searched, harmlessly quoted.
        list(search.search(query, user=personas.coordinator))
    else:
        assert list(search.search(query, user=personas.coordinator)) == []


def test_fts_syntax_in_a_query_is_treated_as_words(library, personas):
    results = search.search('herstelcafé" OR "x', user=personas.coordinator)
    assert list(results) == []  # every word must match; "x" matches nothing


def test_drafts_are_found_only_by_their_owners_and_coordinators(library, personas):
    assert "Geheim herstelcafé in opbouw" in _titles(
        search.search("geheim", user=personas.coordinator)
    )
    assert list(search.search("geheim", user=personas.hubcoordinator)) == []
    assert list(search.search("geheim", user=personas.editor)) == []


def test_owners_find_their_own_drafts(library, personas):
    library["draft"].hub = personas.hub
    library["draft"].save()
    search.index_activity(library["draft"])
    assert _titles(search.search("geheim", user=personas.hubcoordinator)) == {
        "Geheim herstelcafé in opbouw"
    }


def test_filters_narrow_the_results(library, personas):
    user = personas.coordinator

    def titles(**filters):
        return _titles(
            search.search("herstelcafe", user=user, filters=SearchFilters(**filters))
        )

    assert titles(region=PilotRegion.VLAAMS_BRABANT) == {
        "Opleiding elektroherstel",
        "Geheim herstelcafé in opbouw",
    }
    assert titles(hub_id=personas.hub.pk, kind="activity") == {
        "Herstelcafé in de bibliotheek"
    }
    assert titles(theme=Theme.TRAINING) == {
        "Een vaste begeleider aan de herstelcafé-tafel"
    }
    assert titles(
        date_from=datetime.date(2026, 1, 1), date_to=datetime.date(2026, 2, 28)
    ) == {"Herstelcafé in de bibliotheek"}
    other = CatalogueActivityFactory(name_nl="Iets anders")
    assert titles(activity_type_id=other.pk) == set()
    assert titles(target_group="schools") == set()


def test_the_index_follows_changes_and_deletions(library, personas):
    activity = library["cafe"]
    activity.title = "Repair Café in het rusthuis"
    services.activity_save(activity=activity, partners=[], by=personas.coordinator)
    assert list(search.search("bibliotheek", user=personas.coordinator)) == []
    assert _titles(search.search("rusthuis", user=personas.coordinator)) == {
        "Repair Café in het rusthuis"
    }
    library["lesson"].delete()
    search.index_case(library["case"])
    assert list(search.search("begeleider", user=personas.coordinator)) == []


def test_rebuild_writes_the_same_index(library, personas):
    before = _titles(search.search("herstelcafe", user=personas.coordinator))
    assert search.search_index_rebuild() == 5
    assert _titles(search.search("herstelcafe", user=personas.coordinator)) == before


def test_fold_removes_accents_and_case():
    assert fold("Herstelcafé Überwachung ÇA") == "herstelcafe uberwachung ca"


def test_highlight_escapes_then_marks():
    html = highlight("<script>x</script> het Herstelcafé & co", "herstelcafe")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "<mark>Herstelcafé</mark>" in html
    assert "&amp; co" in html


def test_highlight_cuts_long_text_around_the_first_hit():
    text = "woord " * 100 + "herstelcafé " + "einde " * 100
    html = highlight(text, "herstelcafe", length=120)
    assert html.startswith("…") and html.endswith("…")
    assert "<mark>herstelcafé</mark>" in html


class TestSearchPage:
    def test_it_shows_highlighted_results(self, client, library, personas):
        client.force_login(personas.hubcoordinator)
        response = client.get(reverse("cases:search"), {"q": "herstelcafe"})
        assert response.status_code == 200
        content = response.content.decode()
        assert "<mark>Herstelcafé</mark> in de bibliotheek" in content
        assert "Geheim" not in content

    @pytest.mark.parametrize("q", ["", "?!", "..."])
    def test_an_empty_search_explains_what_to_type(self, client, library, personas, q):
        client.force_login(personas.viewer)
        response = client.get(reverse("cases:search"), {"q": q})
        assert response.status_code == 200
        assert "Typ een of meer woorden" in response.content.decode()

    def test_a_reversed_period_is_an_error_on_the_form(self, client, personas):
        client.force_login(personas.viewer)
        response = client.get(
            reverse("cases:search"),
            {"q": "x", "date_from": "2026-02-01", "date_to": "2026-01-01"},
        )
        assert response.status_code == 200
        assert response.context["form"].errors["date_to"]
