"""The hub coordinator's journey on a phone: open the personal link, answer, leave,
come back later and find the draft."""

import pytest
from playwright.sync_api import Page, expect

from repairlocale.needs.links import link_path
from repairlocale.needs.models import ActivityAnswer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_a_hub_answers_on_a_phone_and_finds_the_draft_later(
    browser, live_server, campaign
):
    first, second = campaign.activities
    url = live_server.url + link_path(campaign.brugge)

    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    page: Page = context.new_page()
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", "nl-be")
    expect(page.get_by_text("Circular Hub Brugge").first).to_be_visible()
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator(f'input[name="a{first.pk}-interest"][value="strong"]').check()
    expect(page.locator('[data-save-state="saved"]')).to_be_visible()
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.locator(f"#id_a{first.pk}-partners").fill("OCMW Brugge")
        page.locator('input[name="stage"][value="exploring"]').check()
    context.close()

    # Later, on another visit with the same link (no cookies kept).
    context = browser.new_context(viewport=PHONE, locale="nl-BE")
    page = context.new_page()
    page.goto(url)
    expect(
        page.locator(f'input[name="a{first.pk}-interest"][value="strong"]')
    ).to_be_checked()
    expect(page.locator(f"#id_a{first.pk}-partners")).to_have_value("OCMW Brugge")
    expect(page.locator('input[name="stage"][value="exploring"]')).to_be_checked()
    # Nothing of the second activity was saved yet; it is answered now and submitted.
    page.locator(f'input[name="a{second.pk}-interest"][value="doing"]').check()
    page.locator('button[name="submit"]').click()
    expect(page.locator(".alert-success")).to_be_visible()
    context.close()
    assert ActivityAnswer.objects.filter(campaign_hub=campaign.brugge).count() == 2
