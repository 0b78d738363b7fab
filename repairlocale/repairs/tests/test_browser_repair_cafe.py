"""A Repair Café evening logged on a phone, in Debian's chromium."""

import os
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from repairlocale.accounts.tests.factories import PASSWORD
from repairlocale.repairs.models import ProductCategory, RepairEvent, RepairRecord

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

PHONE = {"width": 390, "height": 844}
SCREENSHOT = os.environ.get("REPAIR_CAFE_SCREENSHOT")


def test_a_host_logs_three_toasters_and_a_vacuum_on_a_phone(
    page: Page, live_server, cafes
):
    toaster = ProductCategory.objects.get(ords_name="Toaster")
    vacuum = ProductCategory.objects.get(ords_name="Vacuum")
    page.set_viewport_size(PHONE)
    # A CSP violation or a script error shows up in the console.
    console_errors = []
    page.on(
        "console",
        lambda message: message.type == "error" and console_errors.append(message.text),
    )
    page.goto(live_server.url + "/")
    page.locator("#id_username").fill("host")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit].w-100").click()

    # The evening starts: a new event of the host's café.
    page.goto(live_server.url + reverse("repairs:event_list"))
    create_url = reverse("repairs:event_create", args=[cafes.brugge.pk])
    page.locator(f"a[href='{create_url}']").click()
    page.locator("#id_date").fill("2025-03-15")
    page.locator("#id_site").select_option(str(cafes.brugge_site.pk))
    page.locator("#id_volunteers").fill("7")
    page.locator("#id_visitors").fill("24")
    page.locator("form button[type=submit].btn-lg").click()
    event = RepairEvent.objects.get()
    expect(page).to_have_url(
        re.compile(re.escape(reverse("repairs:event_detail", args=[event.pk])) + "$")
    )

    # The URL changes before the page has loaded; htmx binds the suggester's input
    # trigger only once the document is loaded (typing earlier is lost, as it would
    # be for a person typing into a half-loaded page).
    page.wait_for_load_state("load")

    # Three identical toasters, fixed. Typing the item proposes its category (and
    # keeps doing so while the host corrects what they typed).
    page.locator("#id_item_type").fill("koffiezet")
    expect(page.locator("#id_product_category")).to_have_value(
        str(ProductCategory.objects.get(ords_name="Coffee maker").pk)
    )
    page.locator("#id_item_type").fill("broodrooster")
    expect(page.locator("#id_product_category")).to_have_value(str(toaster.pk))
    page.locator("#id_repair_status").select_option("Fixed")
    expect(page.locator("#id_repair_barrier")).to_be_hidden()
    expect(page.locator("#id_next_steps")).to_be_hidden()
    page.locator("#id_problem").fill("Springt niet meer op")
    page.locator("#id_repairer").select_option(str(cafes.host.pk))
    page.locator("#id_quantity").fill("3")
    page.locator(".entry-form button[type=submit]").click()
    expect(page.locator("#entry-added")).to_be_visible()
    expect(page.locator("#entry-list > li")).to_have_count(3)
    expect(page.locator("[data-total=fixed]")).to_have_text("3")
    # A fresh form, ready for the next item.
    expect(page.locator("#id_item_type")).to_be_focused()
    expect(page.locator("#id_item_type")).to_have_value("")
    expect(page.locator("#id_quantity")).to_have_value("1")

    # A vacuum cleaner at its end of life: the barrier fields appear.
    page.locator("#id_item_type").fill("stofzuiger")
    expect(page.locator("#id_product_category")).to_have_value(str(vacuum.pk))
    page.locator("#id_repair_status").select_option("End of life")
    expect(page.locator("#id_barrier_detail")).to_be_visible()
    # Forgetting the barrier: the error shows, the typed item stays.
    page.locator(".entry-form button[type=submit]").click()
    expect(page.locator("#id_repair_barrier.is-invalid")).to_be_visible()
    expect(page.locator("#id_item_type")).to_have_value("stofzuiger")
    page.locator("#id_barrier_detail").select_option("cause_not_found")
    page.locator("#id_problem").fill("Motor slaat niet aan")
    page.locator(".entry-form button[type=submit]").click()
    expect(page.locator("#entry-list > li")).to_have_count(4)
    expect(page.locator("[data-total=end_of_life]")).to_have_text("1")
    expect(page.locator("[data-total=total]")).to_have_text("4")
    if SCREENSHOT:
        page.screenshot(path=SCREENSHOT, full_page=True)
    assert console_errors == []

    records = RepairRecord.objects.filter(event=event).order_by("external_id")
    assert [(r.product_category_id, r.repair_status) for r in records] == [
        (toaster.pk, "Fixed"),
        (toaster.pk, "Fixed"),
        (toaster.pk, "Fixed"),
        (vacuum.pk, "End of life"),
    ]
    assert len({r.external_id for r in records}) == 4
    toasters, vacuum_entry = list(records[:3]), records[3]
    assert {r.repairer_id for r in toasters} == {cafes.host.pk}
    assert vacuum_entry.barrier_detail == "cause_not_found"
    assert vacuum_entry.repair_barrier == "Repair information not available"
    assert vacuum_entry.problem == "Motor slaat niet aan"
    # The repairer stayed selected for the vacuum too.
    assert vacuum_entry.repairer_id == cafes.host.pk
