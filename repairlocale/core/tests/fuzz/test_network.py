"""Postcodes and enterprise (KBO) numbers typed by people: never a crash."""

import re

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from repairlocale.core.tests.fuzz.conftest import FUZZ, TYPED, isolated, row_counts
from repairlocale.network.models import Organisation, Site

pytestmark = pytest.mark.django_db

POSTCODES = st.one_of(
    TYPED,
    st.from_regex(r"\A[0-9]{3,5}\Z"),
    st.sampled_from(["8000", " 8000 ", "1040", "８０００", "٨٠٠٠", "8000\x00", "0000"]),
)


@FUZZ
@given(postcode=POSTCODES, htmx=st.booleans())
@example(postcode="8000\x00", htmx=False)
def test_postcode_lookup_never_crashes(client, personas, postcode, htmx):
    client.force_login(personas.editor)
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(
        reverse("network:postcode_lookup"), {"postcode": postcode}, headers=headers
    )
    # 400: a NUL byte, refused by RejectNulBytesMiddleware before the view.
    assert response.status_code in (200, 400, 404)


@FUZZ
@given(postcode=POSTCODES)
@example(postcode="٨٠٠٠")
@example(postcode="8٠٠٠")  # was accepted: \d matched Arabic-Indic digits
@example(postcode="8000\x00")
def test_site_form_refuses_bad_postcodes_cleanly(client, personas, postcode):
    client.force_login(personas.editor)
    with isolated():
        before = row_counts("network.Site")
        response = client.post(
            reverse("network:site_create"),
            {
                "organisation": personas.rad.pk,
                "name": "Fuzz site",
                "kind": "shop",
                "street": "Markt 1",
                "postcode": postcode,
                "is_active": "on",
            },
        )
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert response.context["form"].errors
            assert row_counts("network.Site") == before
        else:
            site = Site.objects.get(name="Fuzz site")
            assert re.fullmatch(r"[1-9][0-9]{3}", site.postcode)
            assert site.municipality is not None


ENTERPRISE_NUMBERS = st.one_of(
    TYPED.map(lambda s: s[:20]),
    st.from_regex(r"\A(BE ?)?[01][0-9]{3}[. ]?[0-9]{3}[. ]?[0-9]{3}\Z"),
    st.sampled_from(["0203.201.340", "BE0203201340", "٠٢٠٣٢٠١٣٤٠", "0203 201 340\x00"]),
)


@FUZZ
@given(number=ENTERPRISE_NUMBERS)
@example(number="٠٢٠٣٢٠١٣٤٠")  # Arabic-Indic digits of a valid number
@example(number="0٢٠٣٢٠١٣٤٠")  # was stored as typed before the fix
def test_organisation_form_keeps_only_valid_enterprise_numbers(
    client, personas, number
):
    client.force_login(personas.manager)
    url = reverse("network:organisation_edit", args=[personas.rad.pk])
    with isolated():
        before = Organisation.objects.get(pk=personas.rad.pk).enterprise_number
        response = client.post(
            url,
            {
                "name": personas.rad.name,
                "type": personas.rad.type,
                "pilot_region": personas.rad.pilot_region,
                "enterprise_number": number,
            },
        )
        assert response.status_code in (200, 302)
        stored = Organisation.objects.get(pk=personas.rad.pk).enterprise_number
        if response.status_code == 200:
            assert response.context["form"].errors
            assert stored == before
        else:
            assert stored == "" or re.fullmatch(
                r"[01][0-9]{3}\.[0-9]{3}\.[0-9]{3}", stored
            )
