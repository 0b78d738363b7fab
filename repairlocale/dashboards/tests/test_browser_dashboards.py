"""A coordinator filters the dashboard to one pilot region and downloads its figures."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from repairlocale.accounts.tests.factories import PASSWORD
from repairlocale.reuse.tests.test_inflow import build_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_filters_to_a_pilot_region_and_downloads_the_figures(
    page: Page, live_server, personas
):
    build_scenario(personas)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(live_server.url + "/account/aanmelden/?next=/dashboards/")
    page.locator("#id_username").fill("coordinator")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).to_have_url(re.compile(r"/dashboards/"))

    page.locator("#id_date_from").fill("2026-01-01")
    page.locator("#id_date_to").fill("2026-03-31")
    page.locator("#id_pilot_region").select_option("brugge")
    page.get_by_role("button", name="Tonen").click()
    expect(page.get_by_role("heading", name="Brugge", exact=True)).to_be_visible()

    # Vega draws every chart under the strict CSP (no eval, no inline style).
    charts = page.locator("[data-vega-spec]")
    expect(charts.first).to_have_attribute("data-rendered", "true")
    for i in range(charts.count()):
        expect(charts.nth(i)).to_have_attribute("data-rendered", "true")
    assert not [e for e in errors if "Content Security Policy" in e], errors

    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV downloaden").first.click()
    download = download_info.value
    assert download.suggested_filename.endswith("inflow-channel.csv")
    rows = list(csv.reader(io.StringIO(Path(download.path()).read_text())))
    assert rows[0][0] == "Inzamelkanaal"
    assert sum(int(r[2]) for r in rows[1:]) == 10  # 't Rad's ten Q1 appliances
