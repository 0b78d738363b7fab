import pytest
from django.core.management import call_command

from repairlocale.cases import search
from repairlocale.cases.models import SearchDocument
from repairlocale.cases.tests.factories import ActivityFactory
from repairlocale.network.models import PilotRegion

pytestmark = pytest.mark.django_db


def test_it_brings_a_hubs_new_region_into_the_index(personas, capsys):
    ActivityFactory(hub=personas.hub, title="Herstelcafé", status="published")
    personas.hub.pilot_region = PilotRegion.VLAAMS_BRABANT
    personas.hub.save()
    filters = search.SearchFilters(region=PilotRegion.VLAAMS_BRABANT)
    user = personas.viewer
    assert not search.search("herstelcafe", user=user, filters=filters).exists()
    call_command("search_index_rebuild")
    call_command("search_index_rebuild")
    assert "1 rows" in capsys.readouterr().out
    assert SearchDocument.objects.count() == 1
    assert search.search("herstelcafe", user=user, filters=filters).exists()
