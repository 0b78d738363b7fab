"""Key user journeys in a real browser (Debian's chromium through Playwright)."""

import re

import pytest
from playwright.sync_api import Page, expect

from repairlocale.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _log_in(page: Page, live_server, username: str) -> None:
    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/account/aanmelden/"))
    expect(page.locator("html")).to_have_attribute("lang", "nl-be")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def test_workshop_staff_adds_a_site_on_a_phone(page: Page, live_server, personas):
    page.set_viewport_size(PHONE)
    _log_in(page, live_server, "editor")
    expect(page.get_by_role("heading", name="Mijn organisaties")).to_be_visible()
    expect(page.get_by_text("Kringwinkel 't Rad").first).to_be_visible()

    page.goto(
        live_server.url + f"/netwerk/vestigingen/nieuw/?organisation={personas.rad.pk}"
    )
    page.locator("#id_name").fill("Werkplaats elektro")
    page.locator("#id_kind").select_option("workshop")
    page.locator("#id_street").fill("Werkplaatsstraat 7")
    page.locator("#id_postcode").fill("8200")
    # HTMX looks the postcode up while typing.
    expect(page.locator("#postcode-result")).to_contain_text("Brugge")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("heading", name="Werkplaats elektro")).to_be_visible()
    expect(page.get_by_text("8200")).to_be_visible()


def test_a_typo_in_the_postcode_is_shown_and_nothing_typed_is_lost(
    page: Page, live_server, personas
):
    _log_in(page, live_server, "editor")
    page.goto(live_server.url + "/netwerk/vestigingen/nieuw/")
    page.locator("#id_name").fill("Toonzaal")
    page.locator("#id_kind").select_option("shop")
    page.locator("#id_street").fill("Markt 3")
    page.locator("#id_postcode").fill("9999")
    expect(page.locator("#postcode-result")).to_contain_text("9999")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_text("Onbekende postcode 9999").first).to_be_visible()
    expect(page.locator("#id_street")).to_have_value("Markt 3")
    expect(page.locator("#id_name")).to_have_value("Toonzaal")


def test_anyone_switches_between_dutch_and_english(page: Page, live_server, personas):
    _log_in(page, live_server, "viewer")
    page.locator('button[name="language"][value="en"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator('button[name="language"][value="nl-be"]').click()
    expect(page.locator("html")).to_have_attribute("lang", "nl-be")
    expect(page.get_by_role("heading", name="Mijn organisaties")).to_be_visible()
