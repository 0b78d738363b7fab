"""A citizen finds the nearest Repair Café on the public map (no tiles)."""

import pytest
from playwright.sync_api import Page, expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_a_citizen_searches_a_postcode_and_sees_the_nearest_repair_cafe(
    page: Page, live_server, map_rows
):
    page.set_viewport_size(PHONE)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # A Content-Security-Policy violation shows up as a console error.
    page.on(
        "console",
        lambda msg: errors.append(msg.text) if msg.type == "error" else None,
    )
    page.goto(live_server.url + "/kaart/")
    expect(
        page.get_by_role(
            "heading",
            name="Waar breng ik mijn kapot toestel zodat het herstelbaar blijft?",
        )
    ).to_be_visible()
    # Leaflet runs and draws the offline outline layer and the places (no tiles).
    expect(page.locator("#repair-map.leaflet-container")).to_be_visible()
    expect(page.locator("#repair-map path.leaflet-interactive")).to_have_count(3)
    expect(
        page.locator("#repair-map path:not(.leaflet-interactive)").first
    ).to_be_attached()

    page.get_by_label("Postcode of gemeente").fill("8020")
    page.get_by_role("button", name="Zoek de dichtste plekken").click()

    results = page.locator("#results .place-item")
    expect(results.first).to_contain_text("Repair Café Oostkamp")
    expect(results.nth(1)).to_contain_text("Repair Café Brugge")
    expect(page.get_by_role("heading", name="Dichtst bij Oostkamp")).to_be_visible()
    assert errors == []
