"""Who may open the URLs of appliance photos (the other reuse URLs are in the core
table, repairlocale/core/tests/test_permission_matrix.py).

Photos are never public: visitors who are not logged in get 404 like strangers,
not a login redirect (the label's URL /a/<code>/ is public, its photos are not).
Members of the centre and network coordinators read; editors and managers add and
delete.
"""

import pytest
from django.urls import reverse

from repairlocale.reuse.photos import clean_photo
from repairlocale.reuse.services import photos_add
from repairlocale.reuse.tests.test_photos import jpeg

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]

PERSONAS = [
    "anon",
    "viewer",
    "editor",
    "manager",
    "outsider",
    "hubcoordinator",
    "coordinator",
    "admin",
]


def _row(name, args, method, **expected):
    default = expected.pop("default")
    statuses = {p: expected.get(p, default) for p in PERSONAS}
    statuses["anon"] = expected.get("anon", 302)
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
}
POST_ONLY = {"default": 405}
# An empty upload: a form error (422) for those who may add photos.
EDITORS_WRITE = {
    "default": 422,
    "viewer": 403,
    "outsider": 404,
    "hubcoordinator": 404,
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
def test_view_access(client, personas, name, args, method, statuses):
    url = reverse(name, args=args(personas))
    for persona in PERSONAS:
        client.logout()
        if persona != "anon":
            client.force_login(getattr(personas, persona))
        response = getattr(client, method)(url)
        assert response.status_code == statuses[persona], (
            f"{persona} {method.upper()} {url}: {response.status_code}, "
            f"expected {statuses[persona]}"
        )


DELETE = {
    "anon": 302,
    "viewer": 403,
    "editor": 302,
    "manager": 302,
    "outsider": 404,
    "hubcoordinator": 404,
    "coordinator": 302,
    "admin": 302,
}


@pytest.mark.parametrize(("persona", "expected"), DELETE.items())
def test_who_may_delete_a_photo(client, personas, persona, expected):
    photo = _new_photo(personas)
    if persona != "anon":
        client.force_login(getattr(personas, persona))
    url = reverse("appliance_photo_delete", args=[photo.appliance.code, photo.pk])
    response = client.post(url)
    assert response.status_code == expected
    deleted = not type(photo).objects.filter(pk=photo.pk).exists()
    assert deleted == (expected == 302 and persona != "anon")
    if persona == "anon":
        assert "/account/" in response["Location"]
