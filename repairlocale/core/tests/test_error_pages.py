"""The error pages: Dutch first, a way back, and a 500 page without a database."""

import pytest
from django.template.loader import render_to_string
from django.test import override_settings
from django.utils import translation


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_missing_page_answers_in_dutch_with_a_way_back(client, personas):
    client.force_login(personas.editor)
    response = client.get("/hergebruik/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    assert "Naar de startpagina" in html
    # Only the language switcher carries the address (to come back to it).
    assert html.count("bestaat-niet") == 1


@pytest.mark.django_db
@override_settings(DEBUG=False)
def test_a_forbidden_page_says_who_can_change_the_role(client, personas):
    from django.urls import reverse

    client.force_login(personas.viewer)
    response = client.get(reverse("network:organisation_edit", args=[personas.rad.pk]))
    assert response.status_code == 403
    assert "beheerder van de organisatie" in response.content.decode()


def test_the_server_error_page_needs_no_request_and_no_database():
    """Django renders 500.html with an empty context; database access would fail here.

    (This test has no database: pytest-django refuses any query.)
    """
    with translation.override("nl"):
        html = render_to_string("500.html")
    assert "Er ging iets mis" in html
    assert "bootstrap.min.css" in html
    with translation.override("en"):
        assert "Something went wrong" in render_to_string("500.html")
