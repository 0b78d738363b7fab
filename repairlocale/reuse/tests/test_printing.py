"""Labels, pre-printed label sheets and the hergebruikfiche as PDF."""

import datetime
import io
import re
from decimal import Decimal

import pytest
import segno
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader

from repairlocale.reuse.labels import GRIDS, permanent_url, qr_svg
from repairlocale.reuse.models import REUSE_CRITERIA, ReservedCode
from repairlocale.reuse.pdf import static_file
from repairlocale.reuse.tests.factories import ApplianceFactory

pytestmark = pytest.mark.django_db

SITE_URL = "https://repairlocale.example"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE_URL


@pytest.fixture
def as_user(client):
    """Log in and read the pages in English (the cookie beats the profile)."""

    def _as(user):
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _as


def pdf_of(response):
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def text_of(reader):
    """The PDF's text, runs of spaces collapsed (layout gaps become spaces)."""
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"[ \t]+", " ", text)


def labels_url(centre_pk, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("reuse:centre_labels", args=[centre_pk]) + "?" + query


# --- Label data and QR ---------------------------------------------------------


@pytest.mark.parametrize("grid", GRIDS.values(), ids=list(GRIDS))
def test_every_label_grid_fits_on_its_page(grid):
    width = grid.margin_left + grid.columns * grid.label_width
    height = grid.margin_top + grid.rows * grid.label_height
    assert width + (grid.columns - 1) * grid.gap_x <= grid.page_width + 0.01
    assert height + (grid.rows - 1) * grid.gap_y <= grid.page_height + 0.01
    assert grid.qr_size + 2 * grid.padding <= grid.label_height


def test_avery_sheets_hold_21_and_14_labels():
    assert GRIDS["l7160"].per_page == 21
    assert GRIDS["l7163"].per_page == 14
    assert GRIDS["a4-3x8"].per_page == 24
    assert GRIDS["single"].per_page == 1


def test_the_permanent_url_is_the_site_url_and_the_fiche_path():
    assert permanent_url("RAD-000001") == f"{SITE_URL}/a/RAD-000001/"
    assert permanent_url("RAD-000001") == SITE_URL + reverse(
        "appliance_fiche", args=["RAD-000001"]
    )


def test_qr_svg_is_segnos_level_m_symbol_as_bare_svg():
    url = f"{SITE_URL}/a/RAD-000001/"
    svg = qr_svg(url)
    expected = segno.make(url, error="m", micro=False, boost_error=False)
    assert expected.error == "M"
    assert not expected.is_micro
    assert svg == expected.svg_inline(omitsize=True, svgclass="qr", lineclass=None)
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg
    # The viewBox includes the 4-module quiet zone on each side.
    side = expected.symbol_size()[0]
    assert f'viewBox="0 0 {side} {side}"' in svg
    assert side == len(expected.matrix) + 8


# --- The no-network URL fetcher ---------------------------------------------------


def test_static_files_are_read_from_disk():
    path = static_file(
        "http://testserver/static/css/print.css", base_url="http://testserver/"
    )
    assert path.name == "print.css"
    assert path.is_file()


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/static/css/print.css",
        "http://testserver/media/photo.jpg",
        "http://testserver/static/../config/settings.py",
        "http://testserver/static/%2e%2e/config/settings.py",
        "file:///etc/passwd",
        "data:text/css,body{}",
    ],
)
def test_the_pdf_fetcher_refuses_every_other_url(url):
    with pytest.raises(ValueError, match=r"Refused|not found"):
        static_file(url, base_url="http://testserver/")


# --- One appliance's label ------------------------------------------------------


def test_a_label_shows_centre_code_and_the_qr_of_the_permanent_url(
    as_user, personas, appliance
):
    response = as_user(personas.viewer).get(
        reverse("appliance_label_pdf", args=[appliance.code])
    )
    reader = pdf_of(response)
    assert len(reader.pages) == 1
    text = text_of(reader)
    assert "RAD-000001" in text
    assert "Kringwinkel 't Rad" in text
    label = response.context["sheets"][0][0]
    assert label.url == f"{SITE_URL}/a/RAD-000001/"
    expected = segno.make(label.url, error="m", micro=False, boost_error=False)
    assert label.qr == expected.svg_inline(omitsize=True, svgclass="qr", lineclass=None)
    # A 62 x 29 mm page for the label printer (PDF points: 1 mm = 72 / 25.4 pt).
    box = reader.pages[0].mediabox
    assert round(float(box.width) * 25.4 / 72) == 62
    assert round(float(box.height) * 25.4 / 72) == 29


def test_a_label_accepts_a_lowercase_code(as_user, personas, appliance):
    response = as_user(personas.viewer).get(
        reverse("appliance_label_pdf", args=["rad-000001"]) + "?grid=l7163"
    )
    assert "RAD-000001" in text_of(pdf_of(response))


def test_a_label_requires_login(client, appliance):
    url = reverse("appliance_label_pdf", args=[appliance.code])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_an_outsider_gets_404_for_a_label(as_user, personas, appliance):
    response = as_user(personas.outsider).get(
        reverse("appliance_label_pdf", args=[appliance.code])
    )
    assert response.status_code == 404


def test_an_unknown_label_sheet_is_a_clear_400(as_user, personas, appliance):
    response = as_user(personas.viewer).get(
        reverse("appliance_label_pdf", args=[appliance.code]) + "?grid=a5-huge"
    )
    assert response.status_code == 400
    assert "Unknown label sheet" in response.text
    assert "l7160" in response.text


# --- Sheets of labels for several appliances ---------------------------------------


def test_30_labels_on_a_21_up_sheet_take_two_pages(as_user, personas, centre):
    codes = [f"RAD-{n:06d}" for n in range(1, 31)]
    for code in codes:
        ApplianceFactory(organisation=personas.rad, code=code)
    response = as_user(personas.viewer).get(
        labels_url(personas.rad.pk, codes=",".join(codes), grid="l7160")
    )
    reader = pdf_of(response)
    assert len(reader.pages) == 2
    text = text_of(reader)
    assert all(code in text for code in codes)
    # Labels keep the order in which the codes were asked for.
    assert [label.code for label in response.context["sheets"][0]] == codes[:21]


def test_a_queue_prints_the_labels_of_every_appliance_waiting_in_it(
    as_user, personas, centre, record
):
    waiting = ApplianceFactory(organisation=personas.rad, code="RAD-000010")
    triaged = ApplianceFactory(organisation=personas.rad, code="RAD-000011")
    record(triaged, "triage")
    response = as_user(personas.viewer).get(
        labels_url(personas.rad.pk, status="awaiting_triage")
    )
    text = text_of(pdf_of(response))
    assert waiting.code in text
    assert triaged.code not in text


def test_an_empty_queue_says_there_is_nothing_to_print(as_user, personas, centre):
    response = as_user(personas.viewer).get(
        labels_url(personas.rad.pk, status="for_sale")
    )
    assert response.status_code == 400
    assert "nothing to print" in response.text


def test_more_than_500_labels_are_refused_with_a_clear_message(
    as_user, personas, centre
):
    codes = ",".join(f"RAD-{n:06d}" for n in range(1, 502))
    response = as_user(personas.viewer).get(labels_url(personas.rad.pk, codes=codes))
    assert response.status_code == 400
    assert "at most 500 labels" in response.text
    assert "501" in response.text


def test_codes_of_another_centre_are_not_printed(as_user, personas, centre):
    ApplianceFactory(organisation=personas.other, code="HAG-000001")
    response = as_user(personas.viewer).get(
        labels_url(personas.rad.pk, codes="HAG-000001")
    )
    assert response.status_code == 400
    assert "Not appliances of this centre: HAG-000001" in response.text


def test_a_sheet_without_codes_or_queue_explains_what_to_choose(as_user, personas):
    response = as_user(personas.viewer).get(
        reverse("reuse:centre_labels", args=[personas.rad.pk])
    )
    assert response.status_code == 400
    assert "Choose what to print" in response.text


def test_an_outsider_gets_404_for_a_centres_label_sheet(as_user, personas, appliance):
    response = as_user(personas.outsider).get(
        labels_url(personas.rad.pk, codes=appliance.code)
    )
    assert response.status_code == 404


def test_a_label_sheet_requires_login(client, personas):
    response = client.get(labels_url(personas.rad.pk, status="awaiting_triage"))
    assert response.status_code == 302


# --- Pre-printed sheets of fresh codes --------------------------------------------


def test_a_viewer_sees_the_preprinted_page_without_the_form(as_user, personas):
    response = as_user(personas.viewer).get(
        reverse("reuse:preprinted", args=[personas.rad.pk])
    )
    assert response.status_code == 200
    assert "Only editors" in response.text
    assert 'name="count"' not in response.text


def test_a_viewer_cannot_reserve_codes(as_user, personas, centre):
    response = as_user(personas.viewer).post(
        reverse("reuse:preprinted", args=[personas.rad.pk]),
        {"count": 5, "grid": "l7160"},
    )
    assert response.status_code == 403
    assert not ReservedCode.objects.exists()


def test_an_outsider_gets_404_for_preprinted_labels(as_user, personas):
    url = reverse("reuse:preprinted", args=[personas.rad.pk])
    assert as_user(personas.outsider).get(url).status_code == 404


def test_an_editor_reserves_fresh_codes_and_downloads_their_sheet(
    as_user, personas, centre
):
    centre.next_number = 100
    centre.save()
    response = as_user(personas.editor).post(
        reverse("reuse:preprinted", args=[personas.rad.pk]),
        {"count": 30, "grid": "l7160"},
    )
    reader = pdf_of(response)
    assert response["Content-Disposition"].startswith("attachment")
    assert len(reader.pages) == 2
    codes = list(ReservedCode.objects.values_list("code", flat=True))
    assert codes == [f"RAD-{n:06d}" for n in range(100, 130)]
    assert all(code.claimed_at is None for code in ReservedCode.objects.all())
    text = text_of(reader)
    assert all(code in text for code in codes)
    labels = [label for sheet in response.context["sheets"] for label in sheet]
    assert [label.url for label in labels] == [f"{SITE_URL}/a/{c}/" for c in codes]


def test_two_batches_of_preprinted_codes_never_share_a_code(as_user, personas, centre):
    client = as_user(personas.editor)
    url = reverse("reuse:preprinted", args=[personas.rad.pk])
    client.post(url, {"count": 3, "grid": "single"})
    client.post(url, {"count": 3, "grid": "single"})
    codes = list(ReservedCode.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) == 6


def test_more_than_500_preprinted_codes_are_refused_with_a_clear_message(
    as_user, personas, centre
):
    response = as_user(personas.editor).post(
        reverse("reuse:preprinted", args=[personas.rad.pk]),
        {"count": 501, "grid": "l7160"},
    )
    assert response.status_code == 422
    assert "Print at most 500 labels at a time." in response.text
    assert not ReservedCode.objects.exists()


def test_an_unknown_sheet_for_preprinted_codes_is_a_form_error(
    as_user, personas, centre
):
    response = as_user(personas.editor).post(
        reverse("reuse:preprinted", args=[personas.rad.pk]),
        {"count": 5, "grid": "a5-huge"},
    )
    assert response.status_code == 422
    assert not ReservedCode.objects.exists()


# --- The hergebruikfiche as PDF ----------------------------------------------------


@pytest.fixture
def sold(appliance, record, personas):
    """An appliance that went through every step up to its sale."""
    record(appliance, "triage", defects="Scratched lid")
    record(
        appliance,
        "safety_test",
        passed=True,
        earth_resistance_ohm=Decimal("0.120"),
        insulation_resistance_mohm=Decimal("250.00"),
        leakage_current_ma=Decimal("0.250"),
        instrument="Fluke 6500-2",
    )
    record(appliance, "functional_test", passed=False, defects="Does not heat")
    record(
        appliance,
        "repair",
        diagnosis="Thermal fuse blown",
        parts_used="Thermal fuse 216 °C",
        parts_cost=Decimal("3.50"),
        repair_outcome="Fixed",
        repairer=personas.editor,
        supervisor=personas.manager,
    )
    record(appliance, "safety_test", passed=True, instrument="Fluke 6500-2")
    record(appliance, "functional_test", passed=True)
    record(appliance, "data_wipe", wipe_method="Factory reset", passed=True)
    record(appliance, "cleaning", notes="Descaled")
    record(appliance, "criteria_check", criteria=dict.fromkeys(REUSE_CRITERIA, True))
    record(appliance, "pricing", price=Decimal("15.00"), warranty_months=6)
    record(
        appliance, "sale", sold_on=datetime.date(2026, 3, 10), price=Decimal("15.00")
    )
    return appliance


def test_the_fiche_pdf_holds_every_field_the_decree_requires(as_user, personas, sold):
    response = as_user(personas.viewer).get(
        reverse("appliance_fiche_pdf", args=[sold.code])
    )
    text = text_of(pdf_of(response))
    for expected in [
        "Kringwinkel 't Rad",
        "RAD-000001",
        "Koffiezetapparaat",
        "5. Small equipment",
        "Coffee maker",
        "Philips",
        "HD7457",
        "unknown",  # production year
        "Preserving collection at a recycling park",
        "2.10 kg",
        # Every step, in order, with its result and measurements.
        "1. Visual triage",
        "Scratched lid",
        "2. Electrical safety test",
        "0.120",
        "250.00",
        "Fluke 6500-2",
        "Does not heat",
        "Thermal fuse blown",
        "Thermal fuse 216 °C",
        "Fixed",
        str(personas.editor),  # repairer
        str(personas.manager),  # supervisor
        "Factory reset",
        "Verified",
        "Descaled",
        "All re-use criteria met",
        "15.00",
        "Warranty (months)",
        "11. Sold",
        f"{SITE_URL}/a/RAD-000001/",
        "Page 1 of",
        "Printed",
    ]:
        assert expected in text, expected
    for label in REUSE_CRITERIA.values():
        assert f"yes {label}" in text
    check = response.context["steps"][8]
    assert [answer for _, answer, _ in check["criteria"]] == ["yes"] * 9


def test_the_fiche_pdf_prints_a_failed_criterion_as_no(
    as_user, personas, appliance, record
):
    record(appliance, "triage")
    record(appliance, "safety_test", passed=True)
    criteria = dict.fromkeys(REUSE_CRITERIA, True) | {"no_cfc_hcfc": False}
    record(appliance, "criteria_check", criteria=criteria)
    response = as_user(personas.viewer).get(
        reverse("appliance_fiche_pdf", args=[appliance.code])
    )
    text = text_of(pdf_of(response))
    assert "Not all re-use criteria met" in text
    assert "no No CFC or HCFC" in text
    assert "yes Fully functional" in text


def test_the_fiche_pdf_prints_rejection_reasons_harvest_and_recycling(
    as_user, personas, appliance, record
):
    record(appliance, "triage", rejection_reasons=["contains_crt", "rust_damage"])
    record(appliance, "parts_harvest", harvested_parts="Power cord, knob")
    response = as_user(personas.viewer).get(
        reverse("appliance_fiche_pdf", args=[appliance.code])
    )
    text = text_of(pdf_of(response))
    assert "Rejected" in text
    assert "Contains a cathode-ray tube (CRT)" in text
    assert "Much rust or external damage" in text
    assert "Power cord, knob" in text
    assert "Not checked yet." in text


def test_the_fiche_pdf_shows_a_corrected_step_as_corrected(
    as_user, personas, appliance, record
):
    wrong = record(appliance, "triage", rejection_reasons=["outdated"])
    record(appliance, "triage", corrects=wrong)
    response = as_user(personas.viewer).get(
        reverse("appliance_fiche_pdf", args=[appliance.code])
    )
    text = text_of(pdf_of(response))
    assert "Corrected by step 2" in text
    assert "Corrects step 1" in text
    first, second = response.context["steps"]
    assert first["corrected_by"] == 2
    assert second["corrected_by"] is None


def test_a_long_fiche_numbers_its_pages(as_user, personas, appliance, record):
    record(appliance, "triage")
    for _ in range(12):
        record(appliance, "safety_test", passed=False, notes="Insulation too low. " * 8)
    response = as_user(personas.viewer).get(
        reverse("appliance_fiche_pdf", args=[appliance.code])
    )
    reader = pdf_of(response)
    pages = len(reader.pages)
    assert pages >= 2
    assert f"Page {pages} of {pages}" in reader.pages[-1].extract_text()


def test_the_fiche_pdf_requires_login(client, appliance):
    response = client.get(reverse("appliance_fiche_pdf", args=[appliance.code]))
    assert response.status_code == 302


def test_an_outsider_gets_404_for_the_fiche_pdf(as_user, personas, appliance):
    response = as_user(personas.outsider).get(
        reverse("appliance_fiche_pdf", args=[appliance.code])
    )
    assert response.status_code == 404


def test_a_network_coordinator_may_print_the_fiche(as_user, personas, appliance):
    response = as_user(personas.coordinator).get(
        reverse("appliance_fiche_pdf", args=[appliance.code])
    )
    assert "RAD-000001" in text_of(pdf_of(response))


# --- Buttons on the pages -----------------------------------------------------------


def test_the_fiche_page_offers_the_label_and_the_pdf_to_members(
    as_user, personas, appliance
):
    response = as_user(personas.viewer).get(appliance.get_absolute_url())
    assert reverse("appliance_label_pdf", args=[appliance.code]) in response.text
    assert reverse("appliance_fiche_pdf", args=[appliance.code]) in response.text


def test_the_centre_page_links_to_preprinted_and_queue_labels(
    as_user, personas, appliance
):
    response = as_user(personas.viewer).get(
        reverse("reuse:centre_detail", args=[personas.rad.pk])
    )
    assert reverse("reuse:preprinted", args=[personas.rad.pk]) in response.text
    assert labels_url(personas.rad.pk, status="awaiting_triage") in response.text
