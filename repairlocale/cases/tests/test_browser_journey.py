"""A case from a hub coordinator's pen to the public showcase, in a real browser."""

import re

import pytest
from playwright.sync_api import Page, expect

from repairlocale.accounts.tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def _log_in(page: Page, live_server, username: str) -> None:
    page.context.clear_cookies()
    page.goto(live_server.url + "/account/aanmelden/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()


def test_a_hub_coordinator_writes_a_case_the_coordinator_publishes_it(
    page: Page, live_server, personas
):
    _log_in(page, live_server, "hubcoordinator")
    page.goto(live_server.url + "/praktijk/cases/nieuw/")
    page.locator("#id_title").fill("Herstelcafé in de bib")
    page.locator("#id_hub").select_option(str(personas.hub.pk))
    page.locator("#id_theme").select_option("inspire")
    page.locator("#id_summary_nl").fill("Buurtbewoners herstellen samen.")
    page.locator("#id_context").fill("De bib zocht <b>activiteiten</b>.")
    page.locator("#id_factors-0-kind").select_option("success")
    page.locator("#id_factors-0-factor").fill("Vrijwilligers uit de buurt")
    page.locator("#id_factors-0-theme").select_option("inspire")
    page.get_by_role("button", name="Opslaan").click()
    expect(
        page.get_by_role("heading", name=re.compile("Herstelcafé in de bib"))
    ).to_be_visible()
    page.get_by_role("button", name="Indienen ter nalezing").click()
    expect(page.get_by_text("Ter nalezing").first).to_be_visible()
    case_url = page.url

    _log_in(page, live_server, "coordinator")
    page.goto(live_server.url + "/praktijk/nalezen/")
    page.get_by_role("link", name="Herstelcafé in de bib").click()
    expect(page).to_have_url(case_url)
    page.get_by_role("button", name="Publiceren").click()
    expect(page.get_by_text("Gepubliceerd").first).to_be_visible()

    # The public, on a phone, without an account.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/verhalen/")
    page.get_by_role("link", name="Herstelcafé in de bib").click()
    expect(page.get_by_role("heading", name="Herstelcafé in de bib")).to_be_visible()
    expect(page.get_by_text("Vrijwilligers uit de buurt")).to_be_visible()
    expect(page.locator("#share-url")).to_have_value(
        re.compile(r"/verhalen/cases/\d+/")
    )
    # Nothing wider than the phone's screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"]
