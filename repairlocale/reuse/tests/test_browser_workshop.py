"""The workshop journey on a phone, in Debian's chromium: intake to sale."""

import re

import pytest
from playwright.sync_api import Page, expect

from repairlocale.accounts.tests.factories import PASSWORD
from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.models import REUSE_CRITERIA, Appliance, ApplianceStatus

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}


def _save(page: Page) -> None:
    page.locator("#next-step button[type=submit]").click()


def test_a_new_employee_takes_an_appliance_from_intake_to_sale(
    page: Page, live_server, personas, centre
):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit].w-100").click()

    # The workshop menu leads to the centre's queues (one centre: straight there).
    page.goto(live_server.url + "/hergebruik/")
    expect(page).to_have_url(re.compile(rf"/hergebruik/centra/{personas.rad.pk}/"))
    page.locator(f"a[href='/hergebruik/centra/{personas.rad.pk}/intake/']").click()

    # Intake
    page.locator("#id_channel").select_option("preserving_collection")
    page.locator("#id_source_postcode").fill("8020")
    page.locator("#id_device_name").fill("Koffiezetapparaat")
    category = ProductCategory.objects.get(ords_name="Coffee maker")
    page.locator("#id_product_category").select_option(str(category.pk))
    page.locator("#id_eee_category").select_option("5")
    page.locator("#id_brand").fill("Philips")
    page.locator("#id_weight_kg").fill("2.1")
    page.locator("form button[type=submit].btn-lg").first.click()
    expect(page).to_have_url(re.compile(r"/a/RAD-000001/$"))

    # The label is a PDF with the code.
    label = page.request.get(live_server.url + "/a/RAD-000001/label.pdf")
    assert label.ok and label.headers["content-type"] == "application/pdf"

    # Visual triage: nothing wrong.
    _save(page)
    expect(page.locator(".badge.fs-6")).to_have_text(
        re.compile("veiligheidstest|safety test", re.I)
    )
    # Safety test fails: insulation too low.
    page.locator("input[name=passed][value=false]").check()
    page.locator("#id_insulation_resistance_mohm").fill("0.3")
    page.locator("#id_instrument").fill("Metrel Beta")
    _save(page)
    # Repair (the form the fiche proposes next).
    page.locator("#id_repair_outcome").select_option("Fixed")
    page.locator("#id_diagnosis").fill("Vocht in de voet, verwarmingselement gedroogd")
    page.locator("#id_parts_cost").fill("0")
    _save(page)
    # Safety test again, now passed.
    page.locator("input[name=passed][value=true]").check()
    page.locator("#id_earth_resistance_ohm").fill("0.1")
    page.locator("#id_insulation_resistance_mohm").fill("200")
    _save(page)
    # The decree's re-use criteria.
    for key in REUSE_CRITERIA:
        page.locator(f"#id_criterion_{key}").check()
    _save(page)
    # Price and sell.
    page.locator("#id_price").fill("15")
    page.locator("#id_warranty_months").fill("6")
    _save(page)
    page.locator("#id_price").fill("15")
    _save(page)

    appliance = Appliance.objects.get(code="RAD-000001")
    assert appliance.status == ApplianceStatus.SOLD
    assert [s.kind for s in appliance.steps.order_by("sequence")] == [
        "triage",
        "safety_test",
        "repair",
        "safety_test",
        "criteria_check",
        "pricing",
        "sale",
    ]
    expect(page.locator(".list-group-numbered > li")).to_have_count(7)
