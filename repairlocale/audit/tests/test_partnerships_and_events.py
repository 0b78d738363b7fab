"""Partnerships and Repair Café events are audited, with links on their pages."""

import datetime

import pytest
from django.urls import reverse

from repairlocale.network.models import Membership, Organisation
from repairlocale.network.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _history_url(kind, pk):
    return reverse("audit:object_history", args=[kind, pk])


def test_a_partnership_edit_is_recorded_with_who_and_what(client, personas):
    partnership = personas.rad_partnership
    client.force_login(personas.manager)
    response = client.post(
        reverse("network:partnership_edit", args=[partnership.pk]),
        {
            "organisation": personas.rad.pk,
            "hub": personas.hub.pk,
            "role": "lead",
            "start_date": partnership.start_date.isoformat(),
            "end_date": "",
            "description": "Samen herstellen in Brugge",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    latest = partnership.history.first()
    assert latest.history_type == "~"
    assert latest.history_user == personas.manager
    assert latest.role == "lead"

    response = client.get(_history_url("partnership", partnership.pk))
    assert response.status_code == 200
    [entry] = [e for e in response.context["entries"] if e.row == latest]
    assert "Samen herstellen in Brugge" in {c.new for c in entry.changes}


@pytest.mark.parametrize(
    "who, status",
    [
        ("manager", 200),  # manages the partner organisation
        ("hubcoordinator", 200),  # manages the hub's organisation
        ("coordinator", 200),
        ("editor", 404),
        ("viewer", 404),
        ("outsider", 404),
    ],
)
def test_who_reads_a_partnerships_history(client, personas, who, status):
    client.force_login(getattr(personas, who))
    url = _history_url("partnership", personas.rad_partnership.pk)
    assert client.get(url).status_code == status


def test_the_partnership_page_links_to_its_history(client, personas):
    partnership = personas.rad_partnership
    link = _history_url("partnership", partnership.pk)
    detail = reverse("network:partnership_detail", args=[partnership.pk])
    client.force_login(personas.hubcoordinator)
    assert link in client.get(detail).text
    client.force_login(personas.viewer)
    assert link not in client.get(detail).text


def test_partnerships_show_in_the_history_of_the_hub_and_organisation(client, personas):
    client.force_login(personas.coordinator)
    for kind, obj in (("hub", personas.hub), ("organisation", personas.rad)):
        response = client.get(_history_url(kind, obj.pk))
        keys = {(e.audited.key, e.row.id) for e in response.context["entries"]}
        assert ("partnership", personas.rad_partnership.pk) in keys
    response = client.get(reverse("audit:log"), {"kind": "partnership"})
    keys = {e.row.id for e in response.context["entries"]}
    assert keys == {personas.rad_partnership.pk, personas.other_partnership.pk}
    client.force_login(personas.hubcoordinator)
    response = client.get(reverse("audit:log"), {"kind": "partnership"})
    assert {e.row.id for e in response.context["entries"]} == {
        personas.rad_partnership.pk
    }


@pytest.fixture
def cafe_event(personas):
    from repairlocale.repairs.services import repair_event_create

    cafe = OrganisationFactory(
        name="Repair Café Brugge", type=Organisation.Type.REPAIR_CAFE
    )
    for user, role in (
        (personas.manager, Membership.Role.MANAGER),
        (personas.editor, Membership.Role.EDITOR),
        (personas.viewer, Membership.Role.VIEWER),
    ):
        MembershipFactory(user=user, organisation=cafe, role=role)
    return repair_event_create(
        organisation=cafe,
        data={
            "date": datetime.date(2025, 4, 12),
            "site": None,
            "place": "Parochiezaal",
            "volunteers": 6,
            "visitors": None,
            "notes": "",
        },
        by=personas.editor,
    )


def test_an_event_and_its_entries_have_one_history(client, personas, cafe_event):
    from repairlocale.repairs.models import ProductCategory
    from repairlocale.repairs.services import repair_entries_add, repair_event_update

    [entry] = repair_entries_add(
        event=cafe_event,
        data={
            "product_category": ProductCategory.objects.get(ords_name="Toaster"),
            "item_type": "Broodrooster",
            "brand": "Philips",
            "model": "",
            "year_of_manufacture": None,
            "product_age": None,
            "problem": "Springt niet meer op",
            "repair_status": "Fixed",
            "repair_barrier": "",
            "barrier_detail": "",
            "next_steps": "",
            "spare_parts": "not_needed",
            "repairer": None,
        },
        by=personas.editor,
    )
    repair_event_update(
        event=cafe_event,
        data={"date": datetime.date(2025, 4, 19), "volunteers": 7},
        by=personas.editor,
    )
    client.force_login(personas.manager)
    response = client.get(_history_url("repair-event", cafe_event.pk))
    assert response.status_code == 200
    keys = [(e.audited.key, e.row.history_type) for e in response.context["entries"]]
    assert keys.count(("repair-event", "+")) == 1
    assert keys.count(("repair-event", "~")) == 1
    assert ("repair-record", "+") in keys
    assert ("repair-record", "~") in keys  # the entry followed the new date
    for who, status in (("viewer", 404), ("outsider", 404), ("coordinator", 200)):
        client.force_login(getattr(personas, who))
        url = _history_url("repair-event", cafe_event.pk)
        assert client.get(url).status_code == status
    assert entry.history.count() == 2


def test_the_event_page_links_to_its_history(client, personas, cafe_event):
    link = _history_url("repair-event", cafe_event.pk)
    page = reverse("repairs:event_detail", args=[cafe_event.pk])
    client.force_login(personas.manager)
    assert link in client.get(page).text
    client.force_login(personas.editor)
    response = client.get(page)
    assert response.status_code == 200
    assert link not in response.text
