"""List and showcase pages: published activities reach the public, fixed query cost."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from repairlocale.cases.models import Activity
from repairlocale.cases.tests.factories import ActivityFactory, CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(personas):
    for n in range(6):
        ActivityFactory(hub=personas.hub, status="published", title=f"Activiteit {n}")
        CaseFactory(hub=personas.hub, status="published", title=f"Case {n}")
    return personas


@pytest.mark.parametrize(
    ("name", "limit"),
    [("cases:activity_list", 12), ("cases:case_list", 12), ("public:showcase", 10)],
)
def test_list_pages_cost_a_fixed_number_of_queries(
    client, rows, name, limit, django_assert_max_num_queries
):
    client.force_login(rows.hubcoordinator)
    with django_assert_max_num_queries(limit):
        response = client.get(reverse(name))
    assert response.status_code == 200


def test_an_activity_with_a_photo_is_published_and_shown_to_the_public(
    client, personas, media
):
    activity = ActivityFactory(hub=personas.hub, title="Herstelcafé op de markt")
    client.force_login(personas.hubcoordinator)
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(buffer, "JPEG")
    client.post(
        reverse("cases:activity_photo_add", args=[activity.pk]),
        {"image": SimpleUploadedFile("a.jpg", buffer.getvalue(), "image/jpeg")},
    )
    client.post(reverse("cases:activity_submit", args=[activity.pk]))
    client.force_login(personas.coordinator)
    client.post(reverse("cases:activity_publish", args=[activity.pk]))
    activity.refresh_from_db()
    assert activity.status == Activity.Status.PUBLISHED
    client.logout()
    page = client.get(reverse("public:showcase_activity", args=[activity.pk]))
    content = page.content.decode()
    assert "Herstelcafé op de markt" in content
    assert activity.photos.get().image.url in content
    # Once published, the owner no longer edits it (the coordinator takes it offline).
    client.force_login(personas.hubcoordinator)
    assert (
        client.get(reverse("cases:activity_edit", args=[activity.pk])).status_code
        == 403
    )
