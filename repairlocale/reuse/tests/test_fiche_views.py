"""The fiche at /a/<code>/, recording steps through the web, intake, scanning."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils.html import escape

from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.models import Appliance, ApplianceStatus, Step

pytestmark = pytest.mark.django_db


def _step_url(appliance, kind):
    return reverse("appliance_step_add", args=[appliance.code, kind])


def test_members_see_the_whole_fiche_and_the_next_step(
    client, personas, appliance, record
):
    record(appliance, "triage", rejection_reasons=[], notes="Kabel wat versleten")
    client.force_login(personas.editor)
    response = client.get(appliance.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 200
    assert "Kabel wat versleten" in content
    assert response.context["kind"] == "safety_test"
    assert f'action="{_step_url(appliance, "safety_test")}"' in content


def test_viewers_read_but_get_no_form(client, personas, appliance):
    client.force_login(personas.viewer)
    response = client.get(appliance.get_absolute_url())
    assert response.context["form"] is None


def test_strangers_see_only_the_public_part(client, personas, appliance, record):
    record(appliance, "triage", rejection_reasons=[], notes="Geheime notitie")
    for who in (None, personas.outsider):
        client.logout()
        if who:
            client.force_login(who)
        content = client.get(appliance.get_absolute_url()).content.decode()
        assert appliance.code in content
        assert escape("Kringwinkel 't Rad") in content
        assert "Geheime notitie" not in content
        assert personas.editor.get_full_name() not in content


def test_the_public_part_shows_the_warranty_once_prepared(
    client, personas, appliance, record
):
    from repairlocale.reuse.tests.test_lifecycle import _to_sale

    assert client.get(appliance.get_absolute_url()).context["prepared"] is False
    _to_sale(record, appliance)
    response = client.get(appliance.get_absolute_url())
    assert response.context["prepared"] is True
    assert response.context["warranty_months"] == 6
    assert "bi-patch-check" in response.content.decode()


def test_codes_are_found_whatever_the_case(client, personas, appliance):
    client.force_login(personas.editor)
    response = client.get("/a/rad-000001/")
    assert response.status_code == 200
    assert response.context["appliance"] == appliance


def test_an_unknown_code_offers_to_register_it(client, personas, centre):
    client.force_login(personas.editor)
    response = client.get("/a/RAD-009999/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "RAD-009999" in content
    assert reverse("reuse:centre_list") + "?code=RAD-009999" in content
    follow = client.get(reverse("reuse:centre_list"), {"code": "RAD-009999"})
    assert follow.status_code == 302
    assert follow["Location"].startswith(
        reverse("reuse:intake", args=[personas.rad.pk])
    )


def test_the_scan_box_accepts_a_code_or_the_label_url(client, personas):
    client.force_login(personas.viewer)
    response = client.get(reverse("reuse:scan"), {"code": " rad-000001 "})
    assert response["Location"] == "/a/RAD-000001/"
    response = client.get(
        reverse("reuse:scan"), {"code": "https://repairlocale.example/a/RAD-000042/"}
    )
    assert response["Location"] == "/a/RAD-000042/"


def test_an_editor_records_a_safety_test(client, personas, appliance, record):
    record(appliance, "triage", rejection_reasons=[])
    client.force_login(personas.editor)
    response = client.post(
        _step_url(appliance, "safety_test"),
        {
            "passed": "true",
            "earth_resistance_ohm": "0,12".replace(",", "."),
            "insulation_resistance_mohm": "250",
            "leakage_current_ma": "0.05",
            "instrument": "Metrel Beta",
            "duration_minutes": "6",
        },
    )
    assert response.status_code == 302
    step = appliance.steps.get(kind="safety_test")
    assert step.passed is True
    assert step.performed_by == personas.editor
    assert step.earth_resistance_ohm == Decimal("0.120")
    appliance.refresh_from_db()
    assert appliance.status == ApplianceStatus.AWAITING_CRITERIA


def test_text_in_a_measurement_is_refused_and_the_input_kept(
    client, personas, appliance, record
):
    record(appliance, "triage", rejection_reasons=[])
    client.force_login(personas.editor)
    response = client.post(
        _step_url(appliance, "safety_test"),
        {"passed": "true", "earth_resistance_ohm": "laag", "instrument": "Metrel Beta"},
    )
    assert response.status_code == 422
    assert "Metrel Beta" in response.content.decode()
    assert not appliance.steps.filter(kind="safety_test").exists()


def test_a_forbidden_step_is_explained_and_nothing_saved(
    client, personas, appliance, record
):
    record(appliance, "triage", rejection_reasons=[])
    client.force_login(personas.editor)
    response = client.post(
        _step_url(appliance, "pricing"), {"price": "25", "warranty_months": "6"}
    )
    assert response.status_code == 422
    assert "na een geslaagde" in response.content.decode()
    assert not appliance.steps.filter(kind="pricing").exists()


def test_viewers_and_strangers_cannot_record_steps(client, personas, appliance):
    url = _step_url(appliance, "triage")
    client.force_login(personas.viewer)
    assert client.post(url, {}).status_code == 403
    client.force_login(personas.outsider)
    assert client.post(url, {}).status_code == 404
    client.logout()
    assert client.post(url, {}).status_code == 302
    client.force_login(personas.editor)
    assert client.get(url).status_code == 405
    assert client.post(_step_url(appliance, "dancing"), {}).status_code == 404
    assert not Step.objects.exists()


def test_a_correction_through_the_web_keeps_both_steps(
    client, personas, appliance, record
):
    wrong = record(appliance, "triage", rejection_reasons=["outdated"])
    client.force_login(personas.editor)
    response = client.get(reverse("appliance_step_correct", args=[appliance.code, 1]))
    assert response.context["correcting"] == wrong
    assert response.context["form"].initial["rejection_reasons"] == ["outdated"]
    response = client.post(
        _step_url(appliance, "triage"),
        {"corrects": wrong.pk, "notes": "Toch nog goed"},
    )
    assert response.status_code == 302
    appliance.refresh_from_db()
    assert appliance.status == ApplianceStatus.AWAITING_SAFETY_TEST
    page = client.get(appliance.get_absolute_url())
    assert page.context["corrected_ids"] == {wrong.pk}


def _intake_data(**overrides):
    data = {
        "code": "",
        "quantity": "1",
        "intake_date": "2026-03-02",
        "site": "",
        "channel": "preserving_collection",
        "source_postcode": "8020",
        "product_category": ProductCategory.objects.get(ords_name="Vacuum").pk,
        "eee_category": "5",
        "device_name": "Stofzuiger",
        "brand": "Miele",
        "model_number": "S8340",
        "production_year": "2016",
        "weight_kg": "6.2",
        "weight_measured": "on",
        "remarks": "",
    }
    data.update(overrides)
    return data


def test_an_editor_registers_an_appliance_and_lands_on_its_fiche(
    client, personas, centre
):
    client.force_login(personas.editor)
    response = client.post(
        reverse("reuse:intake", args=[personas.rad.pk]), _intake_data()
    )
    appliance = Appliance.objects.get()
    assert response["Location"] == appliance.get_absolute_url()
    assert appliance.code == "RAD-000001"
    assert appliance.source_municipality == personas.places.oostkamp
    assert appliance.registered_by == personas.editor


def test_bulk_intake_registers_identical_appliances(client, personas, centre):
    client.force_login(personas.editor)
    response = client.post(
        reverse("reuse:intake", args=[personas.rad.pk]), _intake_data(quantity="12")
    )
    assert response["Location"] == reverse(
        "reuse:centre_detail", args=[personas.rad.pk]
    )
    assert Appliance.objects.filter(device_name="Stofzuiger").count() == 12


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("weight_kg", "-3"),
        ("source_postcode", "9999"),
        ("production_year", "2099"),
        ("quantity", "0"),
        ("intake_date", "2099-01-01"),
    ],
)
def test_impossible_intake_values_keep_the_input(
    client, personas, centre, field, value
):
    client.force_login(personas.editor)
    response = client.post(
        reverse("reuse:intake", args=[personas.rad.pk]), _intake_data(**{field: value})
    )
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert "S8340" in response.content.decode()
    assert not Appliance.objects.exists()


def test_a_scanned_label_url_fills_the_intake_code(client, personas, centre):
    from repairlocale.reuse.services import codes_reserve

    [reserved] = codes_reserve(organisation=personas.rad, count=1)
    client.force_login(personas.editor)
    client.post(
        reverse("reuse:intake", args=[personas.rad.pk]),
        _intake_data(code=f"http://127.0.0.1:8000/a/{reserved.code}/"),
    )
    assert Appliance.objects.get().code == reserved.code


def test_work_queues_count_per_status_in_a_fixed_number_of_queries(
    client, personas, centre, record, django_assert_num_queries
):
    from repairlocale.reuse.tests.factories import ApplianceFactory

    for n in range(6):
        a = ApplianceFactory(organisation=personas.rad, code=f"RAD-1000{n}")
        if n % 2:
            record(a, "triage", rejection_reasons=[])
    client.force_login(personas.viewer)
    url = reverse("reuse:centre_detail", args=[personas.rad.pk])
    client.get(url)
    with django_assert_num_queries(8):
        response = client.get(url, {"status": "awaiting_safety_test"})
    queues = {value: count for value, _label, count in response.context["queues"]}
    assert queues["awaiting_triage"] == 3
    assert queues["awaiting_safety_test"] == 3
    assert len(response.context["page"]) == 3


def test_an_unweighed_appliance_gets_the_category_weight(client, personas, centre):
    client.force_login(personas.editor)
    response = client.post(
        reverse("reuse:intake", args=[personas.rad.pk]),
        _intake_data(weight_kg="", weight_measured=""),
    )
    assert response.status_code == 302
    appliance = Appliance.objects.get()
    typical = ProductCategory.objects.get(ords_name="Vacuum").typical_weight_kg
    assert appliance.weight_kg == typical.quantize(Decimal("0.01"))
    assert appliance.weight_kg > 0
    assert appliance.weight_measured is False


def test_a_misc_item_must_be_weighed(client, personas, centre):
    client.force_login(personas.editor)
    misc = ProductCategory.objects.get(ords_name="Misc")
    response = client.post(
        reverse("reuse:intake", args=[personas.rad.pk]),
        _intake_data(weight_kg="", product_category=misc.pk),
    )
    assert "weight_kg" in response.context["form"].errors
    assert not Appliance.objects.exists()
