"""The demo seed: both pilot regions, some published, idempotent, searchable."""

import datetime

import pytest

from repairlocale.cases import demo, search
from repairlocale.cases.models import Activity, Case, Factor
from repairlocale.cases.selectors import lessons_by_theme
from repairlocale.network.demo import demo_seed
from repairlocale.network.models import PilotRegion

pytestmark = pytest.mark.django_db


def test_it_seeds_both_pilot_regions_once(personas):
    from repairlocale.network.reference import reference_data_load

    reference_data_load()
    demo_seed(random_passwords=True)
    today = datetime.date(2026, 11, 27)
    summary = demo.seed(today=today)
    assert "new cases" in summary
    counts = (Activity.objects.count(), Case.objects.count(), Factor.objects.count())
    demo.seed(today=today)
    assert (
        Activity.objects.count(),
        Case.objects.count(),
        Factor.objects.count(),
    ) == counts
    assert Case.objects.published().in_region(PilotRegion.BRUGGE).exists()
    assert Case.objects.published().in_region(PilotRegion.VLAAMS_BRABANT).exists()
    assert Case.objects.exclude(status="published").exists()
    rows = lessons_by_theme(user=personas.viewer)
    regions_with_lessons = {
        r["region"]
        for row in rows
        for r in row["regions"]
        if r["success"] or r["failure"]
    }
    assert regions_with_lessons == {PilotRegion.BRUGGE, PilotRegion.VLAAMS_BRABANT}
    assert search.search("herstelcafe", user=personas.viewer).exists()
