"""Repair Café logging: the services that write events and entries, and the forms."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from repairlocale.network.models import Membership, Organisation
from repairlocale.network.tests.factories import OrganisationFactory
from repairlocale.repairs.forms import RepairEntryForm, RepairEventForm
from repairlocale.repairs.models import RepairEvent, RepairRecord
from repairlocale.repairs.services import (
    DATA_PROVIDER,
    repair_entries_add,
    repair_entry_update,
    repair_event_create,
    repair_event_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """Error messages in English (the msgids), whatever the catalogue holds."""
    with translation.override("en"):
        yield


def _data(category, **overrides):
    data = {
        "product_category": category("Toaster"),
        "item_type": "Broodrooster",
        "brand": "Philips",
        "model": "HD2581",
        "year_of_manufacture": None,
        "product_age": None,
        "problem": "Springt niet meer op",
        "repair_status": "Fixed",
        "repair_barrier": "",
        "barrier_detail": "",
        "next_steps": "",
        "spare_parts": "not_needed",
        "repairer": None,
    }
    data.update(overrides)
    return data


def _event_data(**overrides):
    data = {
        "date": datetime.date(2025, 4, 12),
        "site": None,
        "place": "Parochiezaal",
        "volunteers": None,
        "visitors": None,
        "notes": "",
    }
    data.update(overrides)
    return data


# --- Events ---------------------------------------------------------------------


def test_service_creates_an_event_of_a_repair_cafe(cafes):
    event = repair_event_create(
        organisation=cafes.brugge, data=_event_data(visitors=25), by=cafes.host
    )
    assert event.pk and event.organisation == cafes.brugge
    assert (event.place, event.visitors) == ("Parochiezaal", 25)


def test_service_raises_error_if_the_organisation_is_no_repair_cafe(cafes):
    centre = OrganisationFactory(type=Organisation.Type.REUSE_CENTRE)
    with pytest.raises(ValidationError):
        repair_event_create(
            organisation=centre, data=_event_data(), by=cafes.coordinator
        )
    assert not RepairEvent.objects.exists()


def test_service_refuses_a_site_of_another_cafe(cafes):
    with pytest.raises(ValidationError) as raised:
        repair_event_create(
            organisation=cafes.brugge,
            data=_event_data(site=cafes.leuven_site),
            by=cafes.host,
        )
    assert "site" in raised.value.error_dict


@pytest.mark.parametrize("who", ["viewer", "outsider"])
def test_only_the_cafes_editors_log_events(cafes, who):
    with pytest.raises(PermissionDenied):
        repair_event_create(
            organisation=cafes.brugge, data=_event_data(), by=getattr(cafes, who)
        )


def test_coordinators_log_events_of_any_cafe(cafes):
    event = repair_event_create(
        organisation=cafes.leuven, data=_event_data(), by=cafes.coordinator
    )
    assert event.organisation == cafes.leuven


def test_a_new_date_moves_the_entries_and_their_ages(cafes, event, category):
    repair_entries_add(
        event=event,
        data=_data(category, year_of_manufacture=2015),
        quantity=2,
        by=cafes.host,
    )
    repair_entries_add(
        event=event, data=_data(category, product_age=Decimal("3")), by=cafes.host
    )
    repair_event_update(
        event=event,
        data=_event_data(date=datetime.date(2026, 1, 10), site=cafes.brugge_site),
        by=cafes.host,
    )
    records = RepairRecord.objects.filter(event=event).order_by("external_id")
    assert {r.event_date for r in records} == {datetime.date(2026, 1, 10)}
    assert [r.product_age for r in records] == [Decimal(11), Decimal(11), Decimal(3)]


def test_an_event_cannot_move_before_its_items_were_made(cafes, event, category):
    repair_entries_add(
        event=event, data=_data(category, year_of_manufacture=2024), by=cafes.host
    )
    with pytest.raises(ValidationError) as raised:
        repair_event_update(
            event=event,
            data=_event_data(date=datetime.date(2023, 6, 1)),
            by=cafes.host,
        )
    assert "date" in raised.value.error_dict
    event.refresh_from_db()
    assert event.date == datetime.date(2025, 3, 15)


# --- Entries --------------------------------------------------------------------


def test_quantity_logs_identical_entries_with_unique_ids(cafes, event, category):
    records = repair_entries_add(
        event=event,
        data=_data(category, repairer=cafes.host),
        quantity=3,
        by=cafes.host,
    )
    assert [r.external_id for r in records] == [
        f"repairlocale-rc-{event.pk}-1",
        f"repairlocale-rc-{event.pk}-2",
        f"repairlocale-rc-{event.pk}-3",
    ]
    assert all(r.pk for r in records)
    stored = RepairRecord.objects.filter(event=event)
    assert stored.count() == 3
    for record in stored:
        assert record.source == "repair_cafe"
        assert record.data_provider == DATA_PROVIDER == "Repair Locale"
        assert record.organisation == cafes.brugge
        assert record.group_identifier == "Repair Café Brugge"
        assert record.event_date == datetime.date(2025, 3, 15)
        assert record.country == "BEL"
        assert record.partner_product_category == record.item_type == "Broodrooster"
        assert record.product_category.ords_name == "Toaster"
        assert (record.brand, record.model) == ("Philips", "HD2581")
        assert record.repair_status == "Fixed"
        assert record.repairer == cafes.host


def test_ids_count_on_from_the_highest_of_the_event(cafes, event, category):
    repair_entries_add(event=event, data=_data(category), quantity=3, by=cafes.host)
    RepairRecord.objects.get(external_id=f"repairlocale-rc-{event.pk}-2").delete()
    later = repair_entries_add(
        event=event, data=_data(category), quantity=2, by=cafes.host
    )
    assert [r.external_id for r in later] == [
        f"repairlocale-rc-{event.pk}-4",
        f"repairlocale-rc-{event.pk}-5",
    ]


def test_each_event_numbers_its_own_entries(cafes, event, category):
    second = repair_event_create(
        organisation=cafes.brugge, data=_event_data(), by=cafes.host
    )
    repair_entries_add(event=event, data=_data(category), by=cafes.host)
    repair_entries_add(event=second, data=_data(category), by=cafes.host)
    ids = set(RepairRecord.objects.values_list("external_id", flat=True))
    assert ids == {
        f"repairlocale-rc-{event.pk}-1",
        f"repairlocale-rc-{second.pk}-1",
    }


@pytest.mark.parametrize("quantity", [0, 21])
def test_quantity_stays_between_1_and_20(cafes, event, category, quantity):
    with pytest.raises(ValidationError):
        repair_entries_add(
            event=event, data=_data(category), quantity=quantity, by=cafes.host
        )
    assert not RepairRecord.objects.exists()


def test_a_viewer_cannot_log_entries(cafes, event, category):
    with pytest.raises(PermissionDenied):
        repair_entries_add(event=event, data=_data(category), by=cafes.viewer)


def test_an_invalid_entry_writes_nothing(cafes, event, category):
    with pytest.raises(ValidationError):
        repair_entries_add(
            event=event,
            data=_data(category, product_category=None),
            quantity=5,
            by=cafes.host,
        )
    assert not RepairRecord.objects.exists()


def test_the_barrier_is_derived_from_a_reason(cafes, event, category):
    [record] = repair_entries_add(
        event=event,
        data=_data(
            category,
            product_category=category("Vacuum"),
            repair_status="End of life",
            barrier_detail="cause_not_found",
        ),
        by=cafes.host,
    )
    record.refresh_from_db()
    assert record.barrier_detail == "cause_not_found"
    assert record.repair_barrier == "Repair information not available"


def test_a_chosen_barrier_is_kept(cafes, event, category):
    [record] = repair_entries_add(
        event=event,
        data=_data(
            category,
            repair_status="End of life",
            repair_barrier="Spare parts not available",
        ),
        by=cafes.host,
    )
    assert record.repair_barrier == "Spare parts not available"
    assert record.barrier_detail == ""


def test_end_of_life_needs_a_barrier(cafes, event, category):
    with pytest.raises(ValidationError) as raised:
        repair_entries_add(
            event=event,
            data=_data(category, repair_status="End of life"),
            by=cafes.host,
        )
    assert "repair_barrier" in raised.value.error_dict


def test_only_repairable_items_have_next_steps(cafes, event, category):
    with pytest.raises(ValidationError) as raised:
        repair_entries_add(
            event=event, data=_data(category, next_steps="more_time"), by=cafes.host
        )
    assert "next_steps" in raised.value.error_dict
    [record] = repair_entries_add(
        event=event,
        data=_data(category, repair_status="Repairable", next_steps="more_time"),
        by=cafes.host,
    )
    assert record.next_steps == "more_time"


def test_the_age_follows_from_the_year(cafes, event, category):
    [record] = repair_entries_add(
        event=event, data=_data(category, year_of_manufacture=2015), by=cafes.host
    )
    record.refresh_from_db()
    assert record.year_of_manufacture == 2015
    assert record.product_age == Decimal("10.0")


def test_an_age_without_a_year_is_kept(cafes, event, category):
    [record] = repair_entries_add(
        event=event, data=_data(category, product_age=Decimal("7.5")), by=cafes.host
    )
    record.refresh_from_db()
    assert record.year_of_manufacture is None
    assert record.product_age == Decimal("7.5")


def test_an_item_cannot_be_made_after_the_event(cafes, event, category):
    with pytest.raises(ValidationError) as raised:
        repair_entries_add(
            event=event, data=_data(category, year_of_manufacture=2026), by=cafes.host
        )
    assert "year_of_manufacture" in raised.value.error_dict


def test_the_repairer_is_a_member_of_the_cafe(cafes, event, category):
    with pytest.raises(ValidationError) as raised:
        repair_entries_add(
            event=event, data=_data(category, repairer=cafes.outsider), by=cafes.host
        )
    assert "repairer" in raised.value.error_dict


def test_an_entry_is_corrected_and_derived_again(cafes, event, category):
    [record] = repair_entries_add(event=event, data=_data(category), by=cafes.host)
    repair_entry_update(
        entry=record,
        data=_data(
            category,
            repair_status="End of life",
            barrier_detail="not_worth_it",
            year_of_manufacture=2005,
            repairer=cafes.viewer,
        ),
        by=cafes.host,
    )
    record.refresh_from_db()
    assert record.repair_status == "End of life"
    assert record.repair_barrier == "Spare parts too expensive"
    assert record.product_age == Decimal(20)
    assert record.repairer == cafes.viewer
    assert record.external_id == f"repairlocale-rc-{event.pk}-1"


def test_a_former_member_stays_the_repairer_of_their_entries(cafes, event, category):
    [record] = repair_entries_add(
        event=event, data=_data(category, repairer=cafes.viewer), by=cafes.host
    )
    Membership.objects.filter(user=cafes.viewer).delete()
    repair_entry_update(
        entry=record,
        data=_data(category, repairer=cafes.viewer, brand="Tefal"),
        by=cafes.host,
    )
    record.refresh_from_db()
    assert (record.brand, record.repairer) == ("Tefal", cafes.viewer)


def test_a_viewer_cannot_correct_an_entry(cafes, event, category):
    [record] = repair_entries_add(event=event, data=_data(category), by=cafes.host)
    with pytest.raises(PermissionDenied):
        repair_entry_update(
            entry=record, data=_data(category, brand="X"), by=cafes.viewer
        )


# --- Forms ----------------------------------------------------------------------


def _form_data(category, **overrides):
    data = {
        "item_type": "Broodrooster",
        "product_category": category("Toaster").pk,
        "repair_status": "Fixed",
        "repair_barrier": "",
        "barrier_detail": "",
        "next_steps": "",
        "problem": "",
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


def test_the_entry_form_accepts_a_plain_fixed_item(event, category):
    form = RepairEntryForm(_form_data(category, quantity="3"), event=event)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["quantity"] == 3
    assert form.entry_data()["product_category"].ords_name == "Toaster"


def test_the_entry_form_rejects_a_year_in_the_future(event, category):
    next_year = timezone.localdate().year + 1
    form = RepairEntryForm(
        _form_data(category, year_of_manufacture=str(next_year)), event=event
    )
    assert not form.is_valid()
    assert form.errors["year_of_manufacture"] == [
        "The year of manufacture lies in the future."
    ]


def test_the_entry_form_rejects_a_year_after_the_event(cafes, category):
    event = repair_event_create(
        organisation=cafes.brugge,
        data=_event_data(date=datetime.date(2020, 10, 3)),
        by=cafes.host,
    )
    form = RepairEntryForm(
        _form_data(category, year_of_manufacture="2020"), event=event
    )
    assert form.is_valid(), form.errors
    form = RepairEntryForm(
        _form_data(category, year_of_manufacture="2022"), event=event
    )
    assert form.errors["year_of_manufacture"] == [
        "The item cannot have been made after the event (2020)."
    ]


def test_the_entry_form_rejects_a_three_digit_year(event, category):
    form = RepairEntryForm(_form_data(category, year_of_manufacture="199"), event=event)
    assert "year_of_manufacture" in form.errors


def test_the_entry_form_rejects_an_age_that_contradicts_the_year(event, category):
    form = RepairEntryForm(
        _form_data(category, year_of_manufacture="2015", product_age="3"),
        event=event,
    )
    assert not form.is_valid()
    assert form.errors["product_age"] == [
        "An item made in 2015 was 10 years old at the event, not 3. "
        "Correct the year or the age."
    ]


def test_the_entry_form_allows_an_age_one_year_off(event, category):
    form = RepairEntryForm(
        _form_data(category, year_of_manufacture="2015", product_age="9"),
        event=event,
    )
    assert form.is_valid(), form.errors


def test_the_entry_form_needs_a_barrier_at_end_of_life(event, category):
    form = RepairEntryForm(
        _form_data(category, repair_status="End of life"), event=event
    )
    assert not form.is_valid()
    assert "repair_barrier" in form.errors
    form = RepairEntryForm(
        _form_data(category, repair_status="End of life", barrier_detail="too_complex"),
        event=event,
    )
    assert form.is_valid(), form.errors


def test_the_entry_form_refuses_a_reason_of_another_barrier(event, category):
    form = RepairEntryForm(
        _form_data(
            category,
            repair_status="End of life",
            repair_barrier="Lack of equipment",
            barrier_detail="cause_not_found",
        ),
        event=event,
    )
    assert not form.is_valid()
    assert "barrier_detail" in form.errors


def test_the_entry_form_drops_fields_hidden_for_the_status(event, category):
    form = RepairEntryForm(
        _form_data(
            category,
            repair_status="Fixed",
            repair_barrier="Lack of equipment",
            barrier_detail="safety_risk",
            next_steps="more_time",
        ),
        event=event,
    )
    assert form.is_valid(), form.errors
    data = form.entry_data()
    assert (data["repair_barrier"], data["barrier_detail"], data["next_steps"]) == (
        "",
        "",
        "",
    )


@pytest.mark.parametrize("quantity", ["0", "21"])
def test_the_entry_form_limits_the_quantity(event, category, quantity):
    form = RepairEntryForm(_form_data(category, quantity=quantity), event=event)
    assert "quantity" in form.errors


def test_the_entry_form_needs_a_category_and_a_result(event, category):
    form = RepairEntryForm(
        _form_data(category, product_category="", repair_status=""), event=event
    )
    assert set(form.errors) == {"product_category", "repair_status"}


def test_repairers_are_the_members_of_the_cafe(cafes, event):
    form = RepairEntryForm(event=event)
    assert set(form.fields["repairer"].queryset) == {
        cafes.host,
        cafes.viewer,
        cafes.manager,
    }


def test_editing_keeps_a_former_member_among_the_repairers(cafes, event, category):
    [record] = repair_entries_add(
        event=event, data=_data(category, repairer=cafes.viewer), by=cafes.host
    )
    Membership.objects.filter(user=cafes.viewer).delete()
    form = RepairEntryForm(instance=record, event=event, with_quantity=False)
    assert cafes.viewer in form.fields["repairer"].queryset
    assert "quantity" not in form.fields


def test_the_event_form_offers_only_the_cafes_sites(cafes):
    form = RepairEventForm(organisation=cafes.brugge)
    assert list(form.fields["site"].queryset) == [cafes.brugge_site]
    assert form.initial["date"] == timezone.localdate()
