"""The menu shows each person what they may open."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_coordinator_pages_are_in_the_menu_of_coordinators_only(client, personas):
    import_url = reverse("repairs:import_list")
    export_url = reverse("repairs:ords_export")
    client.force_login(personas.manager)
    content = client.get(reverse("core:home")).content.decode()
    assert import_url not in content and export_url not in content
    assert reverse("reuse:centre_list") in content
    client.force_login(personas.coordinator)
    content = client.get(reverse("core:home")).content.decode()
    assert import_url in content and export_url in content


def test_every_menu_item_opens_for_a_coordinator(client, personas):
    from repairlocale.core.navigation import navigation_sections

    client.force_login(personas.coordinator)
    for section in navigation_sections():
        for item in section.items:
            assert client.get(reverse(item.url_name)).status_code == 200, item.url_name
