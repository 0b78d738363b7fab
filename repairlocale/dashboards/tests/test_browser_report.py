"""Journey: a coordinator filters the dashboards to one pilot region, downloads
the funder report for it, and finds the dashboard's figures in the PDF."""

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from repairlocale.accounts.tests.factories import PASSWORD
from repairlocale.dashboards.tests.test_report import _scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _cells(page: Page, caption: str) -> list[str]:
    """The first data row of a chart's table (inside a closed <details>)."""
    figure = page.locator("figure").filter(has=page.get_by_text(caption, exact=True))
    return [
        t.strip()
        for t in figure.locator("tbody tr").first.locator("td").all_text_contents()
    ]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def test_a_coordinator_filters_a_pilot_region_and_downloads_its_report(
    page: Page, live_server, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _scenario(personas)
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
    activity = _cells(page, "Gepubliceerde activiteiten per soort activiteit")
    campaign = _cells(page, "Campagnes behoeftenmapping: respons per campagne")
    assert activity == ["Herstelmoment in de bib", "1", "30"]
    assert campaign[0] == "Behoeftenmapping 2026" and campaign[2:4] == ["1", "1"]

    # The funder report for the same period and pilot region, in one click.
    page.goto(live_server.url + "/dashboards/rapport/nieuw/")
    page.locator("#id_date_from").fill("2026-01-01")
    page.locator("#id_date_to").fill("2026-03-31")
    page.locator("#id_region").select_option("brugge")
    page.get_by_role("button", name="Maken").click()
    # Tasks run at once in the tests; a real worker would make the page poll.
    pdf_link = page.get_by_role("link", name="PDF downloaden")
    expect(pdf_link).to_be_visible(timeout=30_000)
    with page.expect_download() as download_info:
        pdf_link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    assert "-brugge-" in download.suggested_filename
    reader = PdfReader(io.BytesIO(Path(download.path()).read_bytes()))
    text = _flat("\n".join(p.extract_text() for p in reader.pages))
    assert "Brugge" in text
    # The dashboard's figures, as the PDF prints them.
    assert " ".join(activity) in text
    assert f"{campaign[0]} 1 1 100,0 % {campaign[6]}" in text, campaign
