"""Who may open the URLs of appliance photos (the other reuse URLs are in the core
table, repairlocale/core/tests/test_permission_matrix.py).

Photos are never public: visitors who are not logged in get 404 like strangers,
not a login redirect (the label's URL /a/<code>/ is public, its photos are not).
Members of the centre and network coordinators read; editors and managers add and
delete.
"""

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, expected_statuses, log_in_as
from repairlocale.reuse.photos import clean_photo
from repairlocale.reuse.services import photos_add
from repairlocale.reuse.tests.test_photos import jpeg

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]


def _row(name, args, method, **expected):
    statuses = expected_statuses(expected)
    return pytest.param(name, args, method, statuses, id=f"{method}-{name}")


def _appliance(p):
    from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory

    if not hasattr(p, "appliance"):
        ReuseCentreFactory(organisation=p.rad, code_prefix="RAD")
        p.appliance = ApplianceFactory(organisation=p.rad, code="RAD-000001")
    return p.appliance


def _new_photo(p):
    return photos_add(
        appliance=_appliance(p),
        photos=[clean_photo(jpeg())],
        kind="defect",
        taken_by=p.editor,
    )[0]


def _photo(p):
    if not hasattr(p, "photo"):
        p.photo = _new_photo(p)
    return [p.photo.appliance.code, p.photo.pk]


def _code(p):
    return [_appliance(p).code]


MEMBERS_READ = {
    "default": 200,
    "anon": 404,
    "outsider": 404,
    "hubcoordinator": 404,
    "coach": 200,
    "trainee": 404,
}
POST_ONLY = {"default": 405, "coach": 405, "trainee": 405}
# An empty upload: a form error (422) for those who may add photos.
EDITORS_WRITE = {
    "default": 422,
    "viewer": 403,
    "outsider": 404,
    "hubcoordinator": 404,
    "coach": 422,
    "trainee": 404,
}

ROWS = [
    _row("appliance_photo", _photo, "get", **MEMBERS_READ),
    _row("appliance_photo_thumbnail", _photo, "get", **MEMBERS_READ),
    _row("appliance_photo_add", _code, "get", **POST_ONLY),
    _row("appliance_photo_add", _code, "post", **EDITORS_WRITE),
    _row("appliance_photo_delete", _photo, "get", **POST_ONLY),
]

COVERED_URLS = {row.values[0] for row in ROWS}


@pytest.mark.parametrize(("name", "args", "method", "statuses"), ROWS)
def test_view_access(client, all_personas, name, args, method, statuses):
    url = reverse(name, args=args(all_personas))
    answered = {
        persona: getattr(log_in_as(client, all_personas, persona), method)(
            url
        ).status_code
        for persona in PERSONAS
    }
    assert answered == statuses, f"{method.upper()} {url}"


DELETE = {
    "anon": 302,
    "viewer": 403,
    "editor": 302,
    "manager": 302,
    "outsider": 404,
    "hubcoordinator": 404,
    "coordinator": 302,
    "admin": 302,
    "coach": 302,
    "trainee": 404,
}


@pytest.mark.parametrize(("persona", "expected"), DELETE.items())
def test_who_may_delete_a_photo(client, all_personas, persona, expected):
    personas = all_personas
    photo = _new_photo(personas)
    log_in_as(client, personas, persona)
    url = reverse("appliance_photo_delete", args=[photo.appliance.code, photo.pk])
    response = client.post(url)
    assert response.status_code == expected
    deleted = not type(photo).objects.filter(pk=photo.pk).exists()
    assert deleted == (expected == 302 and persona != "anon")
    if persona == "anon":
        assert "/account/" in response["Location"]
