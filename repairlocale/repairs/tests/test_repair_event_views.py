"""Repair Café pages: who may open what, the fast entry form, the suggester, history."""

import datetime
import json

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.network.models import Membership
from repairlocale.network.tests.factories import MembershipFactory
from repairlocale.repairs.models import RepairEvent, RepairRecord
from repairlocale.repairs.services import repair_entries_add, repair_event_create

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def _english(client):
    """English pages and messages (the msgids), whatever the catalogue holds."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def log(cafes, event, category):
    """Log entries at the event as the host: ``log("Toaster", "Fixed", quantity=3)``."""

    def _log(ords_name, status, *, quantity=1, at=None, **data):
        values = {
            "product_category": category(ords_name),
            "item_type": ords_name,
            "repair_status": status,
        }
        if status == "End of life" and not data.get("barrier_detail"):
            values["repair_barrier"] = "Spare parts not available"
        values.update(data)
        return repair_entries_add(
            event=at or event, data=values, quantity=quantity, by=cafes.host
        )

    return _log


def _entry_post(category, **overrides):
    data = {
        "item_type": "Broodrooster",
        "product_category": category("Toaster").pk,
        "repair_status": "Fixed",
        "repair_barrier": "",
        "barrier_detail": "",
        "next_steps": "",
        "problem": "Springt niet op",
        "repairer": "",
        "brand": "",
        "model": "",
        "year_of_manufacture": "",
        "product_age": "",
        "spare_parts": "",
        "quantity": "1",
    }
    data.update(overrides)
    return data


# --- Who may and who may not ------------------------------------------------------

PEOPLE = ["anon", "viewer", "host", "manager", "outsider", "coordinator"]


def _urls(cafes, event, entry):
    return {
        "event_list": reverse("repairs:event_list"),
        "event_create": reverse("repairs:event_create", args=[cafes.brugge.pk]),
        "event_detail": reverse("repairs:event_detail", args=[event.pk]),
        "event_edit": reverse("repairs:event_edit", args=[event.pk]),
        "entry_add": reverse("repairs:entry_add", args=[event.pk]),
        "entry_edit": reverse("repairs:entry_edit", args=[entry.pk]),
        "category_suggest": reverse("repairs:category_suggest"),
        "repairer_history": reverse(
            "repairs:repairer_history", args=[cafes.brugge.pk, cafes.host.pk]
        ),
    }


# GET status per person: members read, editors (host, manager) write, the other
# café's host gets 404, coordinators do everything.
GET_STATUS = {
    "event_list": {"default": 200},
    "event_create": {"default": 200, "viewer": 403, "outsider": 404},
    "event_detail": {"default": 200, "outsider": 404},
    "event_edit": {"default": 200, "viewer": 403, "outsider": 404},
    "entry_add": {"default": 405},  # POST only
    "entry_edit": {"default": 200, "viewer": 403, "outsider": 404},
    "category_suggest": {"default": 200},
    "repairer_history": {"default": 200, "outsider": 404},
}


@pytest.mark.parametrize("name", sorted(GET_STATUS))
def test_who_may_open_each_page(client, cafes, event, log, name):
    [entry] = log("Toaster", "Fixed", repairer=cafes.host)
    url = _urls(cafes, event, entry)[name]
    expected = GET_STATUS[name]
    for person in PEOPLE:
        client.logout()
        if person != "anon":
            client.force_login(getattr(cafes, person))
        status = client.get(url).status_code
        want = 302 if person == "anon" else expected.get(person, expected["default"])
        assert status == want, f"{person} GET {url}: {status}, expected {want}"


def test_anonymous_visitors_are_sent_to_the_login_page(client, cafes, event):
    response = client.get(reverse("repairs:event_detail", args=[event.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("person", "status"),
    [("anon", 302), ("viewer", 403), ("outsider", 404), ("manager", 302)],
)
def test_only_editors_log_entries(client, cafes, event, category, person, status):
    if person != "anon":
        client.force_login(getattr(cafes, person))
    url = reverse("repairs:entry_add", args=[event.pk])
    assert client.post(url, _entry_post(category)).status_code == status
    assert RepairRecord.objects.count() == (1 if person == "manager" else 0)


@pytest.mark.parametrize(("person", "status"), [("viewer", 403), ("outsider", 404)])
def test_only_editors_change_entries_and_events(
    client, cafes, event, log, category, person, status
):
    [entry] = log("Toaster", "Fixed")
    client.force_login(getattr(cafes, person))
    edit_entry = reverse("repairs:entry_edit", args=[entry.pk])
    assert client.post(edit_entry, _entry_post(category, brand="X")).status_code == (
        status
    )
    edit_event = reverse("repairs:event_edit", args=[event.pk])
    assert client.post(edit_event, {"date": "2025-03-16"}).status_code == status
    create = reverse("repairs:event_create", args=[cafes.brugge.pk])
    assert client.post(create, {"date": "2025-04-01"}).status_code == status
    entry.refresh_from_db()
    event.refresh_from_db()
    assert entry.brand == "" and event.date == datetime.date(2025, 3, 15)
    assert RepairEvent.objects.count() == 1


def test_coordinators_read_and_write_every_cafe(client, cafes, event, category):
    client.force_login(cafes.coordinator)
    url = reverse("repairs:entry_add", args=[event.pk])
    assert client.post(url, _entry_post(category)).status_code == 302
    response = client.post(
        reverse("repairs:event_create", args=[cafes.leuven.pk]),
        {"date": "2025-05-03", "place": "Stadhuis"},
    )
    assert response.status_code == 302
    assert RepairEvent.objects.filter(organisation=cafes.leuven).exists()


def test_workshop_and_imported_records_are_not_edited_here(client, cafes, event, log):
    [entry] = log("Toaster", "Fixed")
    RepairRecord.objects.filter(pk=entry.pk).update(source="imported")
    client.force_login(cafes.coordinator)
    url = reverse("repairs:entry_edit", args=[entry.pk])
    assert client.get(url).status_code == 404


# --- Events -----------------------------------------------------------------------


def test_the_list_shows_the_events_of_my_cafes_with_their_totals(
    client, cafes, event, log
):
    log("Toaster", "Fixed", quantity=3)
    log("Vacuum", "End of life")
    leuven_event = repair_event_create(
        organisation=cafes.leuven,
        data={"date": datetime.date(2025, 3, 20)},
        by=cafes.outsider,
    )
    client.force_login(cafes.host)
    response = client.get(reverse("repairs:event_list"))
    [listed] = response.context["page"]
    assert listed == event
    assert (listed.entries, listed.fixed, listed.repairable, listed.end_of_life) == (
        4,
        3,
        0,
        1,
    )
    assert response.context["new_event_cafes"] == [cafes.brugge]
    client.force_login(cafes.coordinator)
    response = client.get(reverse("repairs:event_list"))
    assert {e.pk for e in response.context["page"]} == {event.pk, leuven_event.pk}
    assert response.context["new_event_cafes"] == []
    response = client.get(reverse("repairs:event_list"), {"cafe": cafes.leuven.pk})
    assert [e.pk for e in response.context["page"]] == [leuven_event.pk]
    assert response.context["new_event_cafes"] == [cafes.leuven]


def test_the_list_costs_the_same_queries_for_many_events(
    client, cafes, event, log, django_assert_num_queries
):
    log("Toaster", "Fixed", quantity=2)
    client.force_login(cafes.host)
    url = reverse("repairs:event_list")
    client.get(url)
    # session, user, memberships, count, events with their totals
    with django_assert_num_queries(5):
        client.get(url)
    for day in range(1, 11):
        other = repair_event_create(
            organisation=cafes.brugge,
            data={"date": datetime.date(2025, 1, day)},
            by=cafes.host,
        )
        log("Vacuum", "Repairable", quantity=3, at=other)
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["page"]) == 11


def test_viewers_get_no_new_event_button(client, cafes, event):
    client.force_login(cafes.viewer)
    response = client.get(reverse("repairs:event_list"))
    assert response.context["new_event_cafes"] == []
    assert reverse("repairs:event_create", args=[cafes.brugge.pk]) not in (
        response.content.decode()
    )


def test_people_outside_every_cafe_see_an_empty_list(client, cafes, event):
    client.force_login(UserFactory(username="nobody"))
    response = client.get(reverse("repairs:event_list"))
    assert list(response.context["page"]) == []
    assert "not a member of any Repair Café" in response.content.decode()


def test_a_host_creates_an_event(client, cafes):
    client.force_login(cafes.host)
    response = client.post(
        reverse("repairs:event_create", args=[cafes.brugge.pk]),
        {
            "date": "2025-06-14",
            "site": cafes.brugge_site.pk,
            "place": "",
            "volunteers": "6",
            "visitors": "22",
            "notes": "Zomereditie",
        },
    )
    event = RepairEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("repairs:event_detail", args=[event.pk])
    assert (event.organisation, event.site, event.visitors) == (
        cafes.brugge,
        cafes.brugge_site,
        22,
    )


def test_the_event_form_refuses_another_cafes_site_and_keeps_the_input(client, cafes):
    client.force_login(cafes.host)
    response = client.post(
        reverse("repairs:event_create", args=[cafes.brugge.pk]),
        {"date": "2025-06-14", "site": cafes.leuven_site.pk, "place": "Zaal Zuid"},
    )
    assert response.status_code == 422
    assert "site" in response.context["form"].errors
    assert 'value="Zaal Zuid"' in response.content.decode()
    assert not RepairEvent.objects.exists()


def test_a_new_date_reaches_the_entries(client, cafes, event, log):
    log("Toaster", "Fixed", year_of_manufacture=2020)
    client.force_login(cafes.host)
    response = client.post(
        reverse("repairs:event_edit", args=[event.pk]),
        {"date": "2026-03-14", "site": cafes.brugge_site.pk, "visitors": "40"},
    )
    assert response.status_code == 302
    record = RepairRecord.objects.get()
    assert record.event_date == datetime.date(2026, 3, 14)
    assert record.product_age == 6


def test_the_event_page_shows_the_totals(client, cafes, event, log):
    log("Toaster", "Fixed", quantity=3)
    log("Vacuum", "Repairable", next_steps="more_time")
    log("Lamp", "End of life", barrier_detail="safety_risk")
    log("Lamp", "Unknown")
    client.force_login(cafes.viewer)
    response = client.get(reverse("repairs:event_detail", args=[event.pk]))
    totals = response.context["totals"]
    assert (totals.total, totals.fixed, totals.repairable, totals.end_of_life) == (
        6,
        3,
        1,
        1,
    )
    assert totals.unknown == 1
    content = response.content.decode()
    assert '<span class="stat-value" data-total="fixed">3</span>' in content
    assert "Unsafe to repair" in content
    # Viewers read but get no form and no edit links.
    assert response.context["form"] is None
    assert reverse("repairs:entry_add", args=[event.pk]) not in content


def test_the_event_page_costs_the_same_queries_for_many_entries(
    client, cafes, event, log, django_assert_num_queries
):
    log("Toaster", "Fixed", quantity=2, repairer=cafes.host)
    client.force_login(cafes.host)
    url = reverse("repairs:event_detail", args=[event.pk])
    client.get(url)  # warm the session
    # session, user, event, role, entries, default methodology + totals (the shared
    # impact_summary selector), category choices, repairer choices
    with django_assert_num_queries(9):
        assert client.get(url).status_code == 200
    for ords_name in ["Vacuum", "Lamp", "Kettle", "Iron", "Hair dryer"]:
        log(ords_name, "Repairable", quantity=8, repairer=cafes.manager)
    assert RepairRecord.objects.count() == 42
    with django_assert_num_queries(9):
        response = client.get(url)
    assert len(response.context["entries"]) == 42


# --- The fast entry form ----------------------------------------------------------


def test_the_fast_form_answers_htmx_with_the_block_and_a_fresh_form(
    client, cafes, event, category
):
    client.force_login(cafes.host)
    response = client.post(
        reverse("repairs:entry_add", args=[event.pk]),
        _entry_post(category, quantity="3", repairer=cafes.manager.pk),
        headers=HTMX,
    )
    assert response.status_code == 200
    assert response.templates[0].name == "repairs/events/_event_entries.html"
    content = response.content.decode()
    assert "<html" not in content
    assert content.lstrip().startswith('<div id="event-entries">')
    assert RepairRecord.objects.filter(event=event).count() == 3
    assert "Logged 3 × Broodrooster (Fixed)." in content
    assert content.count('<li class="list-group-item d-flex') == 3
    assert '<span class="stat-value" data-total="fixed">3</span>' in content
    form = response.context["form"]
    assert not form.is_bound
    # A fresh form, but the same repairer for the next item.
    assert form.initial == {"repairer": cafes.manager.pk}
    assert 'name="item_type"' in content and 'value="Broodrooster"' not in content


def test_the_fast_form_shows_errors_in_the_block_and_keeps_the_input(
    client, cafes, event, category
):
    client.force_login(cafes.host)
    response = client.post(
        reverse("repairs:entry_add", args=[event.pk]),
        _entry_post(
            category,
            item_type="Stofzuiger",
            product_category=category("Vacuum").pk,
            repair_status="End of life",
            brand="Dyson",
            quantity="2",
        ),
        headers=HTMX,
    )
    assert response.status_code == 200  # htmx swaps only successful answers
    content = response.content.decode()
    assert "Why is the item at its end of life?" in content
    assert 'value="Stofzuiger"' in content
    assert 'value="Dyson"' in content
    assert 'value="2"' in content
    assert not RepairRecord.objects.exists()


def test_the_fast_form_works_without_javascript(client, cafes, event, category):
    client.force_login(cafes.host)
    url = reverse("repairs:entry_add", args=[event.pk])
    response = client.post(url, _entry_post(category), follow=True)
    assert response.redirect_chain == [
        (reverse("repairs:event_detail", args=[event.pk]), 302)
    ]
    assert "Logged Broodrooster (Fixed)." in response.content.decode()
    response = client.post(
        url, _entry_post(category, year_of_manufacture="2015", product_age="2")
    )
    assert response.status_code == 422
    content = response.content.decode()
    assert "was 10 years old at the event, not 2" in content
    assert 'value="2015"' in content
    assert RepairRecord.objects.count() == 1


def test_a_host_corrects_an_entry(client, cafes, event, log, category):
    [entry] = log("Toaster", "Fixed")
    client.force_login(cafes.host)
    url = reverse("repairs:entry_edit", args=[entry.pk])
    assert client.get(url).context["form"].initial["item_type"] == "Toaster"
    response = client.post(
        url,
        _entry_post(
            category,
            repair_status="End of life",
            barrier_detail="not_worth_it",
            quantity="",
        ),
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.repair_barrier == "Spare parts too expensive"
    assert entry.item_type == "Broodrooster"


# --- The category suggester -------------------------------------------------------


def test_typing_koffiezet_preselects_the_coffee_maker(client, cafes, category):
    client.force_login(cafes.host)
    url = reverse("repairs:category_suggest")
    response = client.get(url, {"item_type": "koffiezet"}, headers=HTMX)
    assert response.status_code == 200
    coffee = category("Coffee maker")
    assert response.context["suggestions"][0] == coffee
    content = response.content.decode()
    assert f'<option value="{coffee.pk}" selected>Coffee maker</option>' in content
    assert 'id="id_product_category"' in content
    assert "<html" not in content


def test_the_suggester_answers_json_without_htmx(client, cafes):
    client.force_login(cafes.viewer)
    response = client.get(
        reverse("repairs:category_suggest"), {"item_type": "Koffiezetapparaat"}
    )
    data = json.loads(response.content)
    assert data["suggestions"][0]["ords_name"] == "Coffee maker"
    assert data["suggestions"][0]["name"] == "Coffee maker"


def test_the_suggester_keeps_the_choice_when_nothing_matches(client, cafes, category):
    client.force_login(cafes.host)
    iron = category("Iron")
    response = client.get(
        reverse("repairs:category_suggest"),
        {"item_type": "xyzzy", "product_category": iron.pk},
        headers=HTMX,
    )
    assert response.context["suggestions"] == []
    assert f'<option value="{iron.pk}" selected>' in response.content.decode()


def test_the_item_type_input_asks_the_suggester(client, cafes, event):
    client.force_login(cafes.host)
    content = client.get(
        reverse("repairs:event_detail", args=[event.pk])
    ).content.decode()
    assert f'hx-get="{reverse("repairs:category_suggest")}"' in content
    assert 'hx-target="#category-field"' in content


# --- Per-repairer history ---------------------------------------------------------


def test_the_history_of_a_repairer_has_exact_figures(
    client, cafes, event, log, category
):
    second = repair_event_create(
        organisation=cafes.brugge,
        data={"date": datetime.date(2025, 4, 19)},
        by=cafes.host,
    )
    log("Toaster", "Fixed", quantity=3, repairer=cafes.manager)
    log("Vacuum", "Repairable", repairer=cafes.manager, at=second)
    log("Vacuum", "End of life", repairer=cafes.manager, at=second)
    log("Lamp", "Unknown", repairer=cafes.manager, at=second)
    # Not counted: another repairer, and the same person at another café.
    log("Toaster", "End of life", repairer=cafes.host, quantity=2)
    MembershipFactory(user=cafes.manager, organisation=cafes.leuven)
    leuven_event = repair_event_create(
        organisation=cafes.leuven,
        data={"date": datetime.date(2025, 3, 1)},
        by=cafes.outsider,
    )
    repair_entries_add(
        event=leuven_event,
        data={
            "product_category": category("Kettle"),
            "repair_status": "Fixed",
            "repairer": cafes.manager,
        },
        by=cafes.outsider,
    )

    client.force_login(cafes.viewer)
    response = client.get(
        reverse("repairs:repairer_history", args=[cafes.brugge.pk, cafes.manager.pk])
    )
    totals = response.context["totals"]
    assert (totals.total, totals.fixed, totals.repairable) == (6, 3, 1)
    assert (totals.end_of_life, totals.unknown, totals.events) == (1, 1, 2)
    assert totals.success_rate == 3 / 5
    assert totals.success_percent == 60
    rows = [
        (c.ords_name, c.count, c.fixed, c.success_percent)
        for c in response.context["categories"]
    ]
    assert rows == [
        ("Toaster", 3, 3, 100),
        ("Vacuum", 2, 0, 0),
        ("Lamp", 1, 0, None),
    ]
    content = response.content.decode()
    assert '<span class="stat-value" data-total="success">60&nbsp;%</span>' in content
    assert len(response.context["recent"]) == 6


def test_a_repairer_without_results_has_no_success_rate(client, cafes, event):
    client.force_login(cafes.host)
    response = client.get(
        reverse("repairs:repairer_history", args=[cafes.brugge.pk, cafes.viewer.pk])
    )
    assert response.context["totals"].total == 0
    assert response.context["totals"].success_rate is None
    assert "No repairs logged yet." in response.content.decode()


def test_history_is_only_for_people_of_the_cafe(client, cafes, event, log):
    client.force_login(cafes.host)
    url = reverse("repairs:repairer_history", args=[cafes.brugge.pk, cafes.outsider.pk])
    assert client.get(url).status_code == 404
    # A former member keeps their history.
    log("Toaster", "Fixed", repairer=cafes.viewer)
    Membership.objects.filter(user=cafes.viewer).delete()
    url = reverse("repairs:repairer_history", args=[cafes.brugge.pk, cafes.viewer.pk])
    assert client.get(url).context["totals"].fixed == 1


def test_the_menu_leads_to_the_events(client, cafes):
    client.force_login(cafes.host)
    content = client.get(reverse("repairs:event_list")).content.decode()
    assert f'href="{reverse("repairs:event_list")}"' in content
    assert "Repair Café events" in content
