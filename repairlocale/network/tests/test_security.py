"""Security review of the network registry (docs/security-review.md, H5-6).

Before the fix a mangled ``?organisation=`` in a link to the new-site or
new-partnership form was a server error (500) instead of "not found".
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["network:site_create", "network:partnership_create"])
@pytest.mark.parametrize("value", ["abc", "12abc", "-1", "１２", " 1"])
def test_a_mangled_organisation_in_the_link_is_not_found(client, personas, name, value):
    client.force_login(personas.manager)
    response = client.get(reverse(name), {"organisation": value})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["network:site_create", "network:partnership_create"])
def test_the_organisation_in_the_link_is_still_checked(client, personas, name):
    client.force_login(personas.manager)
    own = client.get(reverse(name), {"organisation": personas.rad.pk})
    assert own.status_code == 200
    assert own.context["form"].initial["organisation"] == personas.rad.pk
    other = client.get(reverse(name), {"organisation": personas.other.pk})
    assert other.status_code == 404
