"""Activities and cases (published ones public) and trainees (coaches only)."""

import pytest
from django.urls import reverse

from repairlocale.cases.models import PublicationStatus
from repairlocale.cases.tests.factories import (
    ActivityFactory,
    CaseFactory,
    FactorFactory,
)
from repairlocale.training.tests.factories import TraineeFactory

pytestmark = pytest.mark.django_db

PUBLISHED = PublicationStatus.PUBLISHED


def test_anyone_reads_published_activities_and_owners_their_drafts(api, personas):
    public = ActivityFactory(organisation=personas.other, status=PUBLISHED)
    draft = ActivityFactory(organisation=personas.rad, title="Nog geheim")
    url = reverse("api:activity-list")
    assert [a["id"] for a in api(None).get(url).json()["results"]] == [public.pk]
    mine = {a["id"] for a in api(personas.viewer).get(url).json()["results"]}
    assert mine == {public.pk, draft.pk}
    theirs = {a["id"] for a in api(personas.outsider).get(url).json()["results"]}
    assert theirs == {public.pk}


def test_a_published_case_carries_its_lessons(api, personas):
    case = CaseFactory(hub=personas.hub, status=PUBLISHED, contact_name="An")
    FactorFactory(case=case, factor="Vaste contactpersoon bij het recyclagepark")
    body = api(None).get(reverse("api:case-detail", args=[case.pk])).json()
    assert body["factors"][0]["factor"] == "Vaste contactpersoon bij het recyclagepark"
    assert body["pilot_region"] == personas.hub.pilot_region
    assert "review_comment" not in body and "created_by" not in body


def test_filters_of_the_case_list(api, personas):
    CaseFactory(organisation=personas.rad, status=PUBLISHED)
    other = CaseFactory(organisation=personas.other, status=PUBLISHED)
    url = reverse("api:case-list")
    rows = api(None).get(url, {"region": "vlaams_brabant"}).json()["results"]
    assert [r["id"] for r in rows] == [other.pk]


def test_coaches_see_their_trainees_and_nobody_else_does(api, personas):
    coached = TraineeFactory(organisation=personas.rad, coaches=[personas.editor])
    theirs = TraineeFactory(organisation=personas.other)
    url = reverse("api:trainee-list")
    rows = api(personas.editor).get(url).json()["results"]
    assert [r["id"] for r in rows] == [coached.pk]
    assert rows[0]["first_name"] == coached.first_name
    for persona in ("viewer", "hubcoordinator", "coordinator", "admin"):
        body = api(getattr(personas, persona)).get(url).json()
        assert body["count"] == 0, persona
    # An employer's managers see that employer's trainees, and only those.
    assert [r["id"] for r in api(personas.manager).get(url).json()["results"]] == [
        coached.pk
    ]
    assert [r["id"] for r in api(personas.outsider).get(url).json()["results"]] == [
        theirs.pk
    ]


def test_a_trainee_does_not_read_themself_through_the_api(api, personas):
    trainee = TraineeFactory(
        organisation=personas.rad, user=personas.viewer, coaches=[personas.editor]
    )
    client = api(personas.viewer)
    assert client.get(reverse("api:trainee-list")).json()["count"] == 0
    response = client.get(reverse("api:trainee-detail", args=[trainee.pk]))
    assert response.status_code == 403
