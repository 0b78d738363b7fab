"""Who may and who may not, for every URL of the API (house style §10, §19).

API calls are made with a read-write personal token of each persona (anonymous:
none, so 401); the pages for people with the session. Non-members get 404, roles
too low 403, as on the pages.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from repairlocale.api.tests.factories import RepairRecordFactory, token_for
from repairlocale.core.tests.personas import PERSONAS, expected_statuses

pytestmark = pytest.mark.django_db


def _row(name, args, method, *, body=None, page=False, **expected):
    statuses = expected_statuses(expected, anon=302 if page else 401)
    return pytest.param(name, args, method, body, page, statuses, id=f"{method}-{name}")


def _none(p):
    return []


def _rad(p):
    return [p.rad.pk]


def _appliance(p):
    from repairlocale.reuse.services import step_record
    from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory

    if not hasattr(p, "appliance"):
        ReuseCentreFactory(organisation=p.rad, code_prefix="RAD", next_number=2)
        p.appliance = ApplianceFactory(organisation=p.rad, code="RAD-000001")
        step_record(
            appliance=p.appliance,
            kind="triage",
            performed_by=p.editor,
            data={"rejection_reasons": []},
        )
    return p.appliance


def _record(p):
    if not hasattr(p, "record"):
        p.record = RepairRecordFactory(organisation=p.rad)
    return p.record


def _intake(p):
    return {
        "organisation": p.rad.pk,
        "channel": "preserving_collection",
        "product_category": 36,
        "eee_category": "5",
        "device_name": "Koffiezetapparaat",
        "weight_kg": "2.10",
    }


def _activity(p, *, published):
    from repairlocale.cases.models import PublicationStatus
    from repairlocale.cases.tests.factories import ActivityFactory

    key = f"activity_{published}"
    if not hasattr(p, key):
        status = PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
        setattr(p, key, ActivityFactory(organisation=p.rad, status=status))
    return getattr(p, key)


def _case(p, *, published):
    from repairlocale.cases.models import PublicationStatus
    from repairlocale.cases.tests.factories import CaseFactory

    key = f"case_{published}"
    if not hasattr(p, key):
        status = PublicationStatus.PUBLISHED if published else PublicationStatus.DRAFT
        setattr(p, key, CaseFactory(organisation=p.rad, status=status))
    return getattr(p, key)


# Members of Kringwinkel 't Rad and coordinators; everyone else gets 404.
RAD_MEMBERS = {
    "default": 200,
    "outsider": 404,
    "hubcoordinator": 404,
    "coach": 200,
    "trainee": 404,
}
# Editors of 't Rad and coordinators write; viewers 403; non-members 404.
RAD_EDITORS = {
    "default": 201,
    "viewer": 403,
    "outsider": 404,
    "hubcoordinator": 404,
    "coach": 201,
    "trainee": 404,
}
EVERYONE = {"default": 200, "coach": 200, "trainee": 200}
PUBLIC = {"default": 200, "anon": 200, "coach": 200, "trainee": 200}

ROWS = [
    # Pages for people.
    _row("api:index", _none, "get", page=True, **PUBLIC),
    _row("api:schema", _none, "get", page=True, **PUBLIC),
    _row("api:docs", _none, "get", page=True, **PUBLIC),
    _row("api:redoc", _none, "get", page=True, **PUBLIC),
    _row(
        "api:token_list", _none, "get", page=True, default=200, coach=200, trainee=200
    ),
    # The registry.
    _row("api:organisation-list", _none, "get", **EVERYONE),
    _row("api:organisation-detail", _rad, "get", **RAD_MEMBERS),
    _row("api:site-list", _none, "get", **EVERYONE),
    _row("api:site-detail", lambda p: [p.rad_site.pk], "get", **RAD_MEMBERS),
    _row("api:hub-list", _none, "get", **EVERYONE),
    _row("api:hub-detail", lambda p: [p.hub.pk], "get", **EVERYONE),
    _row("api:municipality-list", _none, "get", **EVERYONE),
    _row(
        "api:municipality-detail",
        lambda p: [p.places.brugge.nis_code],
        "get",
        **EVERYONE,
    ),
    _row("api:productcategory-list", _none, "get", **EVERYONE),
    _row("api:productcategory-detail", lambda p: [36], "get", **EVERYONE),
    # The hergebruikfiche.
    _row("api:appliance-list", _none, "get", **EVERYONE),
    # Intake names the centre in the body: not one you edit for is a 400 on it.
    _row(
        "api:appliance-list",
        _none,
        "post",
        body=_intake,
        default=201,
        viewer=403,
        outsider=400,
        hubcoordinator=400,
        coach=201,
        trainee=400,
    ),
    _row(
        "api:appliance-detail",
        lambda p: [_appliance(p).code],
        "get",
        **RAD_MEMBERS,
    ),
    _row(
        "api:appliance-step-list",
        lambda p: [_appliance(p).code],
        "get",
        **RAD_MEMBERS,
    ),
    _row(
        "api:appliance-step-list",
        lambda p: [_appliance(p).code],
        "post",
        body=lambda p: {"kind": "cleaning", "notes": "Ontstoft"},
        **RAD_EDITORS,
    ),
    # Repair records, the ORDS export and impact.
    _row("api:repairrecord-list", _none, "get", **EVERYONE),
    _row("api:repairrecord-detail", lambda p: [_record(p).pk], "get", **RAD_MEMBERS),
    _row(
        "api:ords-export",
        _none,
        "get",
        default=403,
        coordinator=200,
        admin=200,
        coach=403,
        trainee=403,
    ),
    _row("api:impact-summary", _none, "get", **EVERYONE),
    # Activities and cases: published ones public, drafts for their owners.
    _row("api:activity-list", _none, "get", **PUBLIC),
    _row(
        "api:activity-detail",
        lambda p: [_activity(p, published=True).pk],
        "get",
        **PUBLIC,
    ),
    _row(
        "api:activity-detail",
        lambda p: [_activity(p, published=False).pk],
        "get",
        **RAD_MEMBERS,
        anon=404,
    ),
    _row("api:case-list", _none, "get", **PUBLIC),
    _row("api:case-detail", lambda p: [_case(p, published=True).pk], "get", **PUBLIC),
    _row(
        "api:case-detail",
        lambda p: [_case(p, published=False).pk],
        "get",
        **RAD_MEMBERS,
        anon=404,
    ),
    # Trainees: their coach and the employer's managers only. Other members of the
    # employer 403; everyone else, coordinators included, 404 (training's rule).
    # The trainee reads their own file on the pages, not through the API: 403.
    _row("api:trainee-list", _none, "get", **EVERYONE),
    _row(
        "api:trainee-detail",
        lambda p: [p.trainee_file.pk],
        "get",
        default=404,
        viewer=403,
        editor=403,
        manager=200,
        coach=200,
        trainee=403,
    ),
]


@pytest.mark.parametrize(("name", "args", "method", "body", "page", "statuses"), ROWS)
def test_api_access(all_personas, name, args, method, body, page, statuses):
    personas = all_personas
    url = reverse(name, args=args(personas))
    answered, said = {}, {}
    for persona in PERSONAS:
        client = APIClient()
        if persona != "anon":
            user = getattr(personas, persona)
            if page:
                client.force_login(user)
            else:
                client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        data = body(personas) if body else None
        response = getattr(client, method)(url, data, format="json")
        answered[persona] = response.status_code
        said[persona] = getattr(response, "data", "")
    assert answered == statuses, f"{method.upper()} {url}: {said}"


def test_anonymous_api_calls_get_401_with_the_bearer_challenge(client, personas):
    response = client.get(reverse("api:organisation-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_session_calls_are_scoped_like_token_calls(personas, rad_appliance):
    client = APIClient()
    client.force_login(personas.outsider)
    url = reverse("api:appliance-detail", args=[rad_appliance.code])
    assert client.get(url).status_code == 404
    client.force_login(personas.viewer)
    assert client.get(url).status_code == 200


def test_session_writes_need_the_csrf_token(personas, rad_appliance):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(personas.editor)
    url = reverse("api:appliance-step-list", args=[rad_appliance.code])
    body = {"kind": "cleaning"}
    refused = client.post(url, body, format="json")
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["errors"][0]["detail"]
    client.get(reverse("api:docs"))  # sets the CSRF cookie, as the page does
    token = client.cookies["csrftoken"].value
    accepted = client.post(url, body, format="json", HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


def test_revoking_a_token_is_post_only_and_for_its_owner(all_personas):
    from repairlocale.api.models import ApiToken

    personas = all_personas
    token_for(personas.editor, name="werkplaats")
    row = ApiToken.objects.get(name="werkplaats")
    url = reverse("api:token_revoke", args=[row.pk])
    client = APIClient()
    assert client.post(url).status_code == 302  # to the login page
    # Someone else's token does not exist for you, whatever your role.
    others = ["viewer", "manager", "coordinator", "admin", "coach", "trainee"]
    for persona, status in dict.fromkeys(others, 404).items():
        client.force_login(getattr(personas, persona))
        assert client.post(url).status_code == status, persona
    client.force_login(personas.editor)
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None


# Every named URL of the app, router names included; the core test checks this set.
COVERED_URLS = {
    "api:index",
    "api:schema",
    "api:docs",
    "api:redoc",
    "api:token_list",
    "api:token_revoke",
    "api:organisation-list",
    "api:organisation-detail",
    "api:site-list",
    "api:site-detail",
    "api:hub-list",
    "api:hub-detail",
    "api:municipality-list",
    "api:municipality-detail",
    "api:productcategory-list",
    "api:productcategory-detail",
    "api:appliance-list",
    "api:appliance-detail",
    "api:appliance-step-list",
    "api:repairrecord-list",
    "api:repairrecord-detail",
    "api:ords-export",
    "api:impact-summary",
    "api:activity-list",
    "api:activity-detail",
    "api:case-list",
    "api:case-detail",
    "api:trainee-list",
    "api:trainee-detail",
}


def test_the_table_covers_every_url_of_the_app():
    from django.urls import get_resolver

    from repairlocale.core.tests.test_permission_matrix import _named_urls

    names = {n for n in _named_urls(get_resolver()) if n.startswith("api:")}
    assert names == COVERED_URLS
    tested = {row.values[0] for row in ROWS} | {"api:token_revoke"}
    assert tested == COVERED_URLS
