"""Appliances and steps through the API: scoped as the pages, written through the
same forms and services, so the same rules apply."""

import datetime

import pytest
from django.urls import reverse

from repairlocale.reuse import services
from repairlocale.reuse.models import Appliance, ApplianceStatus, ReservedCode
from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory

pytestmark = pytest.mark.django_db

LIST = "api:appliance-list"


def _intake(personas, **changes):
    body = {
        "organisation": personas.rad.pk,
        "site": personas.rad_site.pk,
        "channel": "preserving_collection",
        "product_category": 36,
        "eee_category": "5",
        "device_name": "Koffiezetapparaat",
        "brand": "Philips",
        "weight_kg": 2.1,
        "source_postcode": "8200",
    }
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


def _steps_url(appliance):
    return reverse("api:appliance-step-list", args=[appliance.code])


def _errors(response):
    return {(e["attr"], e["code"]) for e in response.json()["errors"]}


def test_members_list_only_their_centres_appliances(api, personas, rad_appliance):
    ReuseCentreFactory(organisation=personas.other, code_prefix="HAG")
    theirs = ApplianceFactory(organisation=personas.other, code="HAG-000001")
    codes = {
        a["code"] for a in api(personas.viewer).get(reverse(LIST)).json()["results"]
    }
    assert codes == {rad_appliance.code}
    codes = {
        a["code"] for a in api(personas.outsider).get(reverse(LIST)).json()["results"]
    }
    assert codes == {theirs.code}
    everything = api(personas.coordinator).get(reverse(LIST)).json()
    assert everything["count"] == 2


def test_a_member_of_another_org_gets_404_on_our_appliance(
    api, personas, rad_appliance
):
    client = api(personas.outsider)
    detail = reverse("api:appliance-detail", args=[rad_appliance.code])
    assert client.get(detail).status_code == 404
    assert client.get(_steps_url(rad_appliance)).status_code == 404
    response = client.post(_steps_url(rad_appliance), {"kind": "cleaning"})
    assert response.status_code == 404
    assert rad_appliance.steps.count() == 1


def test_the_detail_is_the_head_of_the_fiche(api, personas, rad_appliance):
    body = api(personas.viewer).get(
        reverse("api:appliance-detail", args=["rad-000001"])
    )
    assert body.status_code == 200  # codes are case-insensitive, as on the label
    data = body.json()
    assert data["code"] == "RAD-000001"
    assert data["status"] == ApplianceStatus.AWAITING_SAFETY_TEST
    assert data["product_category"] == 36
    assert data["fiche_url"].endswith("/a/RAD-000001/")


def test_filters_and_ordering(api, personas, rad_appliance):
    ApplianceFactory(
        organisation=personas.rad,
        code="RAD-000002",
        intake_date=datetime.date(2026, 1, 5),
        device_name="Broodrooster",
    )
    client = api(personas.viewer)
    rows = client.get(reverse(LIST), {"ordering": "intake_date"}).json()["results"]
    assert [r["code"] for r in rows] == ["RAD-000002", "RAD-000001"]
    rows = client.get(reverse(LIST), {"q": "brood"}).json()["results"]
    assert [r["code"] for r in rows] == ["RAD-000002"]
    rows = client.get(
        reverse(LIST), {"status": ApplianceStatus.AWAITING_TRIAGE}
    ).json()["results"]
    assert [r["code"] for r in rows] == ["RAD-000002"]
    rows = client.get(reverse(LIST), {"intake_date_after": "2026-02-01"}).json()
    assert [r["code"] for r in rows["results"]] == ["RAD-000001"]
    page = client.get(reverse(LIST), {"page_size": 1, "page": 2}).json()
    assert page["count"] == 2 and len(page["results"]) == 1 and page["next"] is None


def test_an_intake_through_the_api_creates_a_code_through_the_service(
    api, personas, rad_appliance, monkeypatch
):
    calls = []
    real = services.appliance_register

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr("repairlocale.api.views.reuse.appliance_register", spy)
    response = api(personas.editor).post(reverse(LIST), _intake(personas))
    assert response.status_code == 201, response.json()
    [created] = response.json()["appliances"]
    assert created["code"] == "RAD-000002"  # the centre's next number
    assert created["status"] == ApplianceStatus.AWAITING_TRIAGE
    assert created["source_municipality"] == personas.places.brugge.nis_code
    assert len(calls) == 1 and calls[0]["registered_by"] == personas.editor
    appliance = Appliance.objects.get(code="RAD-000002")
    assert appliance.registered_by == personas.editor
    assert appliance.site == personas.rad_site


def test_bulk_intake_and_the_typical_weight(api, personas, rad_appliance):
    response = api(personas.editor).post(
        reverse(LIST), _intake(personas, weight_kg=None, quantity=3)
    )
    assert response.status_code == 201
    rows = response.json()["appliances"]
    assert [r["code"] for r in rows] == ["RAD-000002", "RAD-000003", "RAD-000004"]
    assert all(r["weight_measured"] is False for r in rows)  # category default


def test_a_pre_printed_label_is_claimed_once(api, personas, rad_appliance):
    services.codes_reserve(organisation=personas.rad, count=1)
    code = ReservedCode.objects.get().code
    client = api(personas.editor)
    first = client.post(reverse(LIST), _intake(personas, code=f"https://x/a/{code}/"))
    assert first.status_code == 201
    assert first.json()["appliances"][0]["code"] == code
    again = client.post(reverse(LIST), _intake(personas, code=code))
    assert again.status_code == 400
    assert again.json()["errors"][0]["attr"] is None  # the service's refusal


def test_intake_errors_are_consistent_and_nothing_is_written(
    api, personas, rad_appliance
):
    client = api(personas.editor)
    before = Appliance.objects.count()
    response = client.post(reverse(LIST), _intake(personas, device_name=None))
    assert response.status_code == 400
    assert ("device_name", "required") in _errors(response)
    # The intake form's own rules (the page's), not only the types.
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = client.post(
        reverse(LIST),
        _intake(personas, intake_date=tomorrow, source_postcode="9999"),
    )
    assert response.status_code == 400
    assert {e[0] for e in _errors(response)} == {"intake_date", "source_postcode"}
    response = client.post(
        reverse(LIST), _intake(personas, site=personas.other_site.pk)
    )
    assert {e[0] for e in _errors(response)} == {"site"}
    response = client.post(reverse(LIST), _intake(personas, product_category=99))
    assert _errors(response) == {("product_category", "does_not_exist")}
    assert Appliance.objects.count() == before


def test_a_step_through_the_api_updates_the_state(api, personas, rad_appliance):
    client = api(personas.editor)
    response = client.post(
        _steps_url(rad_appliance),
        {"kind": "safety_test", "passed": True, "insulation_resistance_mohm": 25},
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["step"]["sequence"] == 2
    assert body["step"]["performed_by"]["id"] == personas.editor.pk
    assert body["appliance"]["status"] == ApplianceStatus.AWAITING_CRITERIA
    rad_appliance.refresh_from_db()
    assert rad_appliance.status == ApplianceStatus.AWAITING_CRITERIA
    criteria = {
        "fully_functional": True,
        "electrically_safe": True,
        "complete_housing": True,
        "essential_parts_good": True,
        "no_significant_damage": True,
        "no_cfc_hcfc": True,
        "meets_energy_requirements": True,
        "no_crt": True,
        "regular_market": True,
    }
    response = client.post(
        _steps_url(rad_appliance), {"kind": "criteria_check", "criteria": criteria}
    )
    assert response.json()["appliance"]["status"] == ApplianceStatus.READY_FOR_PRICING
    listed = client.get(_steps_url(rad_appliance)).json()
    assert [s["kind"] for s in listed["results"]] == [
        "triage",
        "safety_test",
        "criteria_check",
    ]
    assert listed["results"][2]["criteria"]["no_crt"] is True


def test_the_decrees_order_is_enforced_by_the_service(api, personas, rad_appliance):
    client = api(personas.editor)
    response = client.post(
        _steps_url(rad_appliance),
        {"kind": "pricing", "price": 20, "warranty_months": 6},
    )
    assert response.status_code == 400
    assert _errors(response) == {(None, "step_refused")}
    assert rad_appliance.steps.count() == 1


def test_the_step_forms_rules_apply(api, personas, rad_appliance):
    client = api(personas.editor)
    # A repair that failed must say why (the repair form's rule).
    response = client.post(
        _steps_url(rad_appliance), {"kind": "repair", "repair_outcome": "End of life"}
    )
    assert {e[0] for e in _errors(response)} == {"barrier"}
    # A field another kind of step takes is refused, not silently dropped.
    response = client.post(_steps_url(rad_appliance), {"kind": "cleaning", "price": 10})
    assert _errors(response) == {("price", "not_for_this_step")}
    response = client.post(_steps_url(rad_appliance), {"kind": "cleaning", "pric": 1})
    assert _errors(response) == {("pric", "unknown_field")}
    # A data wipe without its required fields.
    response = client.post(_steps_url(rad_appliance), {"kind": "data_wipe"})
    assert {e[0] for e in _errors(response)} == {"wipe_method", "passed"}
    assert rad_appliance.steps.count() == 1


def test_a_correction_names_the_step_it_corrects(api, personas, rad_appliance):
    client = api(personas.editor)
    response = client.post(
        _steps_url(rad_appliance),
        {"kind": "triage", "rejection_reasons": ["contains_crt"], "corrects": 1},
    )
    assert response.status_code == 201
    assert response.json()["step"]["corrects"] == 1
    assert response.json()["appliance"]["status"] == ApplianceStatus.TO_RECYCLE
    response = client.post(_steps_url(rad_appliance), {"kind": "triage", "corrects": 9})
    assert _errors(response) == {("corrects", "does_not_exist")}


def test_viewers_cannot_write(api, personas, rad_appliance):
    client = api(personas.viewer)
    assert (
        client.post(_steps_url(rad_appliance), {"kind": "cleaning"}).status_code == 403
    )
    assert client.post(reverse(LIST), _intake(personas)).status_code == 403
