"""The public showcase: only published material, no login, Dutch and English."""

import pytest
from django.urls import reverse

from repairlocale.cases.tests.factories import (
    ActivityFactory,
    CaseFactory,
    FactorFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def material(personas):
    published_case = CaseFactory(
        hub=personas.hub,
        status="published",
        title="Gepubliceerde case",
        summary_nl="Nederlandse samenvatting",
        summary_en="English summary",
    )
    FactorFactory(case=published_case, factor="Publieke les")
    review_case = CaseFactory(
        hub=personas.hub, status="in_review", title="Case in nalezing"
    )
    draft_activity = ActivityFactory(hub=personas.hub, title="Klad-activiteit")
    published_activity = ActivityFactory(
        hub=personas.hub, status="published", title="Publieke activiteit"
    )
    return locals()


def test_the_index_shows_only_published_material(client, material):
    content = client.get(reverse("public:showcase")).content.decode()
    assert "Gepubliceerde case" in content
    assert "Publieke activiteit" in content
    assert "Case in nalezing" not in content
    assert "Klad-activiteit" not in content
    assert "Circular Hub Brugge" in content  # the hub-region overview


def test_the_hub_overview_counts_only_published_material(client, material, personas):
    response = client.get(reverse("public:showcase"))
    counts = {
        h.name: (h.published_cases, h.published_activities)
        for h in response.context["hubs"]
    }
    # Every hub region is listed, also those with nothing published yet.
    assert counts == {"Circular Hub Brugge": (1, 1), "Smart Loops": (0, 0)}
    page = client.get(reverse("public:showcase_hub", args=[personas.hub.pk]))
    content = page.content.decode()
    assert "Gepubliceerde case" in content
    assert "Case in nalezing" not in content


def test_unpublished_pages_are_not_found_even_for_coordinators(
    client, material, personas
):
    client.force_login(personas.coordinator)
    for url in [
        reverse("public:showcase_case", args=[material["review_case"].pk]),
        reverse("public:showcase_activity", args=[material["draft_activity"].pk]),
    ]:
        assert client.get(url).status_code == 404


def test_a_case_page_has_plain_share_links_and_no_third_party_script(client, material):
    url = reverse("public:showcase_case", args=[material["published_case"].pk])
    content = client.get(url).content.decode()
    assert "Publieke les" in content
    assert (
        "https://www.linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver"
        in content
    )
    assert "mailto:?subject=" in content
    for line in content.splitlines():
        if "<script" in line:
            assert 'src="/static/' in line


def test_a_phone_gets_the_viewport_and_the_english_reader_english(client, material):
    url = reverse("public:showcase_case", args=[material["published_case"].pk])
    content = client.get(url).content.decode()
    assert 'name="viewport"' in content
    assert "Nederlandse samenvatting" in content
    client.cookies["repairlocale_language"] = "en"
    content = client.get(url).content.decode()
    assert "English summary" in content
    assert "Share this page" in content


def test_the_dutch_page_is_in_dutch(client, material):
    content = client.get(reverse("public:showcase")).content.decode()
    assert "Herstel in de hubregio" in content
