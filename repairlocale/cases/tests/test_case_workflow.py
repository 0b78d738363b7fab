"""Writing a case with its factors, review by a coordinator, publication."""

import pytest
from django.urls import reverse

from repairlocale.cases.models import Case, Factor, PublicationStatus
from repairlocale.cases.tests.factories import CaseFactory
from repairlocale.needs.models import Theme

pytestmark = pytest.mark.django_db


def _case_data(personas, **overrides):
    data = {
        "title": "Bewarend inzamelen in Oostkamp",
        "hub": personas.hub.pk,
        "organisation": "",
        "theme": Theme.PRESERVING_COLLECTION,
        "summary_nl": "Toestellen blijven heel op het recyclagepark.",
        "summary_en": "Appliances stay whole at the recycling park.",
        "context": "<p>Het park <script>alert(1)</script>gooide alles weg.</p>",
        "approach": "Een overdekte kast.\n\nEen opgeleide parkwachter.",
        "results": '<p onclick="steal()">Meer <a href="javascript:x()">ja</a>.</p>',
        "partners": [personas.rad.pk],
        "contact_name": "Hanne Hub",
        "contact_email": "hanne@example.org",
        "tag_text": "elektro, Bewarend inzamelen, elektro",
        "factors-TOTAL_FORMS": "2",
        "factors-INITIAL_FORMS": "0",
        "factors-MIN_NUM_FORMS": "0",
        "factors-MAX_NUM_FORMS": "1000",
        "factors-0-kind": "success",
        "factors-0-factor": "Parkwachters mee in het verhaal",
        "factors-0-theme": Theme.PRESERVING_COLLECTION,
        "factors-0-context": "Opleiding van een halve dag.",
        "factors-0-recommendation": "Begin met één park.",
        "factors-1-kind": "failure",
        "factors-1-factor": "Geen droge opslag",
        "factors-1-theme": Theme.PRESERVING_COLLECTION,
        "factors-1-context": "",
        "factors-1-recommendation": "",
    }
    data.update(overrides)
    return data


def test_a_hub_coordinator_writes_a_case_and_a_coordinator_publishes_it(
    client, personas
):
    client.force_login(personas.hubcoordinator)
    response = client.post(reverse("cases:case_create"), _case_data(personas))
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.status == PublicationStatus.DRAFT
    assert case.created_by == personas.hubcoordinator
    assert sorted(t.name for t in case.tags.all()) == ["Bewarend inzamelen", "elektro"]
    assert list(case.factors.values_list("kind", flat=True).order_by("kind")) == [
        "failure",
        "success",
    ]
    public_url = reverse("public:showcase_case", args=[case.pk])
    client.logout()
    assert client.get(public_url).status_code == 404

    client.force_login(personas.hubcoordinator)
    client.post(reverse("cases:case_submit", args=[case.pk]))
    case.refresh_from_db()
    assert case.status == PublicationStatus.IN_REVIEW
    # The owner cannot publish their own case.
    assert client.post(reverse("cases:case_publish", args=[case.pk])).status_code == 403

    client.force_login(personas.coordinator)
    client.post(reverse("cases:case_publish", args=[case.pk]))
    case.refresh_from_db()
    assert case.status == PublicationStatus.PUBLISHED
    assert case.reviewed_by == personas.coordinator
    assert case.published_at is not None

    client.logout()
    page = client.get(public_url)
    assert page.status_code == 200
    assert "Parkwachters mee in het verhaal" in page.content.decode()


def test_the_coordinator_sends_a_case_back_with_a_comment(client, personas):
    case = CaseFactory(hub=personas.hub, status=PublicationStatus.IN_REVIEW)
    client.force_login(personas.coordinator)
    url = reverse("cases:case_return", args=[case.pk])
    response = client.post(url, {"comment": ""})
    assert response.status_code == 200  # a comment is required
    case.refresh_from_db()
    assert case.status == PublicationStatus.IN_REVIEW
    client.post(url, {"comment": "Voeg resultaten in cijfers toe."})
    case.refresh_from_db()
    assert case.status == PublicationStatus.DRAFT
    client.force_login(personas.hubcoordinator)
    page = client.get(reverse("cases:case_detail", args=[case.pk]))
    assert "Voeg resultaten in cijfers toe." in page.content.decode()


def test_taking_a_published_case_offline_removes_it_from_the_public(client, personas):
    case = CaseFactory(hub=personas.hub, status=PublicationStatus.PUBLISHED)
    client.force_login(personas.coordinator)
    client.post(reverse("cases:case_return", args=[case.pk]), {"comment": "Fout."})
    client.logout()
    assert (
        client.get(reverse("public:showcase_case", args=[case.pk])).status_code == 404
    )


def test_only_a_draft_can_be_submitted(client, personas):
    case = CaseFactory(hub=personas.hub, status=PublicationStatus.IN_REVIEW)
    client.force_login(personas.hubcoordinator)
    response = client.post(reverse("cases:case_submit", args=[case.pk]), follow=True)
    assert response.status_code == 200
    case.refresh_from_db()
    assert case.status == PublicationStatus.IN_REVIEW


def test_rich_text_is_sanitised(client, personas):
    client.force_login(personas.hubcoordinator)
    client.post(reverse("cases:case_create"), _case_data(personas))
    case = Case.objects.get()
    stored = case.context + case.approach + case.results
    for forbidden in ["<script", "alert(1)", "onclick", "javascript:"]:
        assert forbidden not in stored
    assert "<p>Een overdekte kast.</p>" in case.approach  # plain text keeps paragraphs
    assert 'rel="noopener noreferrer nofollow"' in case.results
    page = client.get(reverse("cases:case_detail", args=[case.pk])).content.decode()
    assert "alert(1)" not in page
    assert "steal()" not in page


def test_the_service_sanitises_whatever_the_caller(personas):
    from repairlocale.cases.forms import FactorFormSet
    from repairlocale.cases.services import case_save

    case = Case(
        hub=personas.hub,
        title="Direct",
        theme=Theme.INSPIRE,
        summary_nl="x",
        context='<img src=x onerror="alert(1)"><b>vet</b>',
    )
    case_save(
        case=case,
        partners=[],
        tag_text="",
        factors=FactorFormSet(instance=Case(), prefix="factors"),
        by=personas.coordinator,
    )
    assert case.context == "<b>vet</b>"


def test_a_case_needs_a_hub_or_organisation_and_keeps_what_was_typed(client, personas):
    client.force_login(personas.coordinator)
    response = client.post(
        reverse("cases:case_create"), _case_data(personas, hub="", title="Bewaard")
    )
    assert response.status_code == 200
    assert "Bewaard" in response.content.decode()
    assert not Case.objects.exists()
    assert not Factor.objects.exists()


def test_owners_cannot_pick_someone_elses_hub(client, personas):
    client.force_login(personas.hubcoordinator)
    response = client.post(
        reverse("cases:case_create"), _case_data(personas, hub=personas.other_hub.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["hub"]
    assert not Case.objects.exists()


def test_editing_keeps_the_factors_and_deletes_the_ticked_one(client, personas):
    client.force_login(personas.hubcoordinator)
    client.post(reverse("cases:case_create"), _case_data(personas))
    case = Case.objects.get()
    first, second = case.factors.order_by("pk")
    data = _case_data(
        personas,
        **{
            "title": "Nieuwe titel",
            "factors-TOTAL_FORMS": "2",
            "factors-INITIAL_FORMS": "2",
            "factors-0-id": first.pk,
            "factors-1-id": second.pk,
            "factors-1-DELETE": "on",
        },
    )
    response = client.post(reverse("cases:case_edit", args=[case.pk]), data)
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.title == "Nieuwe titel"
    assert list(case.factors.all()) == [first]


def test_the_summary_follows_the_language(personas):
    from django.utils import translation

    case = CaseFactory(
        hub=personas.hub, summary_nl="Samenvatting", summary_en="Summary"
    )
    with translation.override("en"):
        assert case.summary == "Summary"
    with translation.override("nl-be"):
        assert case.summary == "Samenvatting"
    case.summary_en = ""
    with translation.override("en"):
        assert case.summary == "Samenvatting"


def test_the_review_queue_lists_what_waits(client, personas):
    CaseFactory(hub=personas.hub, status="in_review", title="Wacht op nalezing")
    CaseFactory(hub=personas.hub, status="draft", title="Nog een klad")
    client.force_login(personas.coordinator)
    content = client.get(reverse("cases:review_queue")).content.decode()
    assert "Wacht op nalezing" in content
    assert "Nog een klad" not in content
