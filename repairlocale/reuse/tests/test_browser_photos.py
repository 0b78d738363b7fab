"""Photos on a phone, in Debian's chromium: several at intake, one more later."""

import io
import os
import re

import pytest
from playwright.sync_api import Page, expect

from repairlocale.accounts.tests.factories import PASSWORD
from repairlocale.repairs.models import ProductCategory
from repairlocale.reuse.models import AppliancePhoto

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("media"),
]


def _jpeg(color: str) -> dict:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), color).save(buffer, "JPEG")
    return {
        "name": f"{color}.jpg",
        "mimeType": "image/jpeg",
        "buffer": buffer.getvalue(),
    }


def test_photos_at_intake_and_later_on_a_phone(
    page: Page, live_server, personas, centre
):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    page.locator("#id_username").fill("editor")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit].w-100").click()

    page.goto(live_server.url + f"/hergebruik/centra/{personas.rad.pk}/intake/")
    page.locator("#id_channel").select_option("preserving_collection")
    page.locator("#id_device_name").fill("Koffiezetapparaat")
    category = ProductCategory.objects.get(ords_name="Coffee maker")
    page.locator("#id_product_category").select_option(str(category.pk))
    page.locator("#id_eee_category").select_option("5")
    page.locator("#id_weight_kg").fill("2.1")
    page.locator("#id_photos").set_input_files([_jpeg("red"), _jpeg("blue")])
    page.locator("form button[type=submit].btn-lg").first.click()
    expect(page).to_have_url(re.compile(r"/a/RAD-000001/$"))
    expect(page.locator("#photos img")).to_have_count(2)

    # A defect photo later, from the fiche.
    page.locator("#photos #id_photos").set_input_files([_jpeg("green")])
    page.locator("#photos #id_kind").select_option("defect")
    page.locator("#photos #id_caption").fill("Gebarsten deksel")
    page.locator("#photos button[type=submit].btn-outline-primary").click()
    expect(page.locator("#photos img")).to_have_count(3)
    expect(page.locator("#photos")).to_contain_text("Gebarsten deksel")
    # Every thumbnail loads (served by the scoped view). They are lazy: bring each
    # into view, then wait until the browser has decoded them all.
    for image in page.locator("#photos img").all():
        image.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.querySelectorAll('#photos img')]"
        ".every(i => i.complete && i.naturalWidth > 0)"
    )
    if os.environ.get("SCREENSHOT_DIR"):
        page.locator("#photos").screenshot(
            path=os.path.join(os.environ["SCREENSHOT_DIR"], "photos.png")
        )
    assert AppliancePhoto.objects.count() == 3
