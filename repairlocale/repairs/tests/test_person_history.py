"""One person's repair history: workshop and Repair Café repairs together."""

import datetime

import pytest
from django.urls import reverse

from repairlocale.impact.selectors import (
    HISTORY_SOURCES,
    impact_breakdown,
    impact_summary,
    repairer_history,
)
from repairlocale.network.models import Membership, Organisation
from repairlocale.network.tests.factories import MembershipFactory, OrganisationFactory
from repairlocale.repairs.models import ProductCategory
from repairlocale.repairs.services import repair_entries_add, repair_event_create
from repairlocale.repairs.tests.history_helpers import workshop_repair
from repairlocale.training.tests.factories import TraineeFactory

pytestmark = pytest.mark.django_db

MARCH = datetime.datetime(2026, 3, 10, 10, 0, tzinfo=datetime.UTC)
APRIL = datetime.datetime(2026, 4, 2, 14, 0, tzinfo=datetime.UTC)


@pytest.fixture
def history(personas):
    """The editor of 't Rad: two workshop repairs, one at a Repair Café; a trainee
    they supervised did a third workshop repair."""
    p = personas
    workshop_repair(
        organisation=p.rad, by=p.editor, category="Coffee maker", minutes=30,
        performed_at=MARCH,
    )  # fmt: skip
    workshop_repair(
        organisation=p.rad, by=p.editor, category="Vacuum", outcome="End of life",
        minutes=50, performed_at=APRIL,
    )  # fmt: skip
    p.trainee = TraineeFactory(
        organisation=p.rad, first_name="Zoubida", last_name="Zwartewaele"
    )
    workshop_repair(
        organisation=p.rad, by=p.editor, category="Kettle", trainee=p.trainee,
        performed_at=APRIL,
    )  # fmt: skip
    p.cafe = OrganisationFactory(
        name="Repair Café Sint-Kruis", type=Organisation.Type.REPAIR_CAFE
    )
    MembershipFactory(user=p.editor, organisation=p.cafe, role=Membership.Role.EDITOR)
    event = repair_event_create(
        organisation=p.cafe, data={"date": datetime.date(2026, 4, 18)}, by=p.editor
    )
    p.entry = repair_entries_add(
        event=event,
        data={
            "product_category": ProductCategory.objects.get(ords_name="Toaster"),
            "item_type": "Broodrooster",
            "repair_status": "Fixed",
            "repairer": p.editor,
        },
        by=p.editor,
    )[0]
    p.url = reverse("repairs:person_history", args=[p.editor.pk])
    return p


def test_the_history_counts_workshop_and_repair_cafe_repairs(client, history):
    client.force_login(history.coordinator)
    response = client.get(history.url)
    assert response.status_code == 200
    total = response.context["history"].total
    # The trainee's repair is the trainee's, not the supervisor's.
    assert (total.records, total.fixed, total.end_of_life) == (3, 2, 1)
    assert total.attempts == 3
    assert total.success_percent == 67
    assert (total.minutes_known, total.minutes_per_repair) == (2, 40)
    categories = {r.key: r.records for r in response.context["history"].categories}
    assert categories == {
        ProductCategory.objects.get(ords_name=name).ords_id: 1
        for name in ("Coffee maker", "Vacuum", "Toaster")
    }
    months = {
        r.key: (r.records, r.minutes_per_repair)
        for r in response.context["history"].months
    }
    assert months == {
        datetime.date(2026, 3, 1): (1, 30),
        datetime.date(2026, 4, 1): (2, 50),
    }
    html = response.content.decode()
    # Links to the records: the fiche of each workshop repair, the café evening.
    assert reverse("repairs:event_detail", args=[history.entry.event_id]) in html
    assert html.count('href="/a/') == 2


def test_a_coordinator_never_sees_a_trainee_name(client, history):
    client.force_login(history.coordinator)
    html = client.get(history.url).content.decode()
    assert "Zoubida" not in html
    assert history.trainee.last_name not in html
    # A trainee with a login: their history is for their coaches (training app).
    history.trainee.user = history.viewer
    history.trainee.save()
    trainee_url = reverse("repairs:person_history", args=[history.viewer.pk])
    assert client.get(trainee_url).status_code == 404
    client.force_login(history.manager)
    assert client.get(trainee_url).status_code == 404
    client.force_login(history.viewer)
    assert client.get(trainee_url).status_code == 200


def test_a_manager_sees_only_their_organisations_repairs(client, history):
    client.force_login(history.manager)
    response = client.get(history.url)
    assert response.status_code == 200
    assert response.context["history"].total.records == 2  # not the café's
    assert "Sint-Kruis" not in response.content.decode()
    client.force_login(history.editor)  # the person themself: everything
    assert client.get(history.url).context["history"].total.records == 3


def test_the_figures_agree_with_the_shared_selectors_and_the_stats_page(
    client, history
):
    """The same records and expressions as impact_summary, impact_breakdown and the
    statistics page (here the editor made every repair that counts, so the stats
    page's totals for the two sources are theirs, plus the trainee's)."""
    mine = repairer_history(repairer_id=history.editor.pk)
    summary = impact_summary(
        repairer_ids=[history.editor.pk], sources=HISTORY_SOURCES, use_rollups=False
    )
    # impact_summary has no trainee filter: it counts the trainee's repair too.
    assert summary.records == mine.total.records + 1
    trainee_free = impact_breakdown(
        group_by="product_category",
        repairer_ids=[history.editor.pk],
        sources=HISTORY_SOURCES,
    )
    kettle = ProductCategory.objects.get(ords_name="Kettle").ords_id
    expected = {
        r.key: (r.records, r.fixed, r.waste_kg, r.co2e_kg)
        for r in trainee_free
        if r.key != kettle
    }
    assert {
        r.key: (r.records, r.fixed, r.waste_kg, r.co2e_kg) for r in mine.categories
    } == expected
    # The statistics page (coordinators): its totals hold the same figures.
    client.force_login(history.coordinator)
    stats = client.get(reverse("repairs:stats")).context["summary"]
    trainee_kettle = next(r for r in trainee_free if r.key == kettle)
    assert stats.records == mine.total.records + trainee_kettle.records
    assert stats.fixed == mine.total.fixed + trainee_kettle.fixed
    assert stats.co2e_kg == mine.total.co2e_kg + trainee_kettle.co2e_kg
    assert stats.waste_kg == mine.total.waste_kg + trainee_kettle.waste_kg
