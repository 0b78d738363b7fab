"""Who may open every URL of the activity and case library and of the showcase.

Owners are the members of the hub organisation (``hubcoordinator`` runs Circular
Hub Brugge, which owns the rows below). Drafts are hidden (404) from everyone else;
published rows are read by all signed-in users and by the public on the showcase;
only network coordinators review and publish (403 for owners).
"""

import pytest
from django.urls import reverse

from repairlocale.cases.tests.factories import ActivityFactory, CaseFactory
from repairlocale.core.tests.personas import PERSONAS, expected_statuses, log_in_as

pytestmark = pytest.mark.django_db


def _row(name, args, method, **expected):
    statuses = expected_statuses(expected)
    return pytest.param(
        name, args, method, statuses, id=f"{method}-{name}-{args.__name__}"
    )


def _none(p):
    return []


def _get(p, key, factory, status):
    if not hasattr(p, key):
        setattr(p, key, factory(hub=p.hub, status=status, title=key))
    return getattr(p, key)


def draft_activity(p):
    return [_get(p, "draft_activity", ActivityFactory, "draft").pk]


def review_activity(p):
    return [_get(p, "review_activity", ActivityFactory, "in_review").pk]


def published_activity(p):
    return [_get(p, "published_activity", ActivityFactory, "published").pk]


def draft_case(p):
    return [_get(p, "draft_case", CaseFactory, "draft").pk]


def review_case(p):
    return [_get(p, "review_case", CaseFactory, "in_review").pk]


def published_case(p):
    return [_get(p, "published_case", CaseFactory, "published").pk]


def photo(p):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from repairlocale.cases.models import ActivityPhoto

    activity = _get(p, "draft_activity", ActivityFactory, "draft")
    if not hasattr(p, "photo"):
        p.photo = ActivityPhoto.objects.create(
            activity=activity, image=SimpleUploadedFile("x.png", b"x")
        )
    return [activity.pk, p.photo.pk]


def hub(p):
    return [p.hub.pk]


SIGNED_IN = {"default": 200, "coach": 200, "trainee": 200}
OWNERS_ONLY = {
    "default": 404,
    "hubcoordinator": 200,
    "coordinator": 200,
    "admin": 200,
    "coach": 404,
    "trainee": 404,
}
# Any editor of an organisation (hub, kringwinkel) logs activities and writes cases;
# the trainee edits for none.
WRITERS = {"default": 200, "viewer": 403, "coach": 200, "trainee": 403}
COORDINATORS_ONLY = {
    "default": 403,
    "coordinator": 200,
    "admin": 200,
    "coach": 403,
    "trainee": 403,
}
# Reviewing a row the owner can see: 403 for the owner, 404 for the rest.
REVIEW = {
    "default": 404,
    "hubcoordinator": 403,
    "coordinator": 200,
    "admin": 200,
    "coach": 404,
    "trainee": 404,
}
# Publishing: the personas ask in PERSONAS order, so the coach and the trainee come
# after the coordinator has published the row; then they see it but may not
# publish (403), like the hub's owner before them.
PUBLISHED_BY_THE_COORDINATOR = {
    **REVIEW,
    "coordinator": 302,
    "admin": 302,
    "coach": 403,
    "trainee": 403,
}
POST_ONLY = {"default": 405, "coach": 405, "trainee": 405}
PUBLIC = {"default": 200, "anon": 200, "coach": 200, "trainee": 200}
NOT_PUBLIC = {"default": 404, "anon": 404, "coach": 404, "trainee": 404}

ROWS = [
    _row("cases:activity_list", _none, "get", **SIGNED_IN),
    _row("cases:activity_create", _none, "get", **WRITERS),
    _row("cases:activity_detail", draft_activity, "get", **OWNERS_ONLY),
    _row("cases:activity_detail", published_activity, "get", **SIGNED_IN),
    _row("cases:activity_edit", draft_activity, "get", **OWNERS_ONLY),
    # Published: only coordinators change it (or take it offline first).
    _row("cases:activity_edit", published_activity, "get", **COORDINATORS_ONLY),
    _row("cases:activity_photo_add", draft_activity, "get", **POST_ONLY),
    # An empty upload is a form error (400) for those who may add photos.
    _row(
        "cases:activity_photo_add",
        draft_activity,
        "post",
        default=404,
        hubcoordinator=400,
        coordinator=400,
        admin=400,
        coach=404,
        trainee=404,
    ),
    _row("cases:activity_photo_delete", photo, "get", **POST_ONLY),
    _row("cases:activity_submit", draft_activity, "get", **POST_ONLY),
    _row(
        "cases:activity_submit",
        draft_activity,
        "post",
        default=404,
        hubcoordinator=302,
        coordinator=302,
        admin=302,
        coach=404,
        trainee=404,
    ),
    _row("cases:activity_publish", review_activity, "get", **POST_ONLY),
    _row(
        "cases:activity_publish",
        review_activity,
        "post",
        **PUBLISHED_BY_THE_COORDINATOR,
    ),
    _row("cases:activity_return", review_activity, "get", **REVIEW),
    _row("cases:case_list", _none, "get", **SIGNED_IN),
    _row("cases:case_create", _none, "get", **WRITERS),
    _row("cases:case_detail", draft_case, "get", **OWNERS_ONLY),
    _row("cases:case_detail", published_case, "get", **SIGNED_IN),
    _row("cases:case_edit", draft_case, "get", **OWNERS_ONLY),
    _row("cases:case_edit", review_case, "get", **OWNERS_ONLY),
    _row("cases:case_edit", published_case, "get", **COORDINATORS_ONLY),
    _row("cases:case_submit", draft_case, "get", **POST_ONLY),
    _row(
        "cases:case_submit",
        draft_case,
        "post",
        default=404,
        hubcoordinator=302,
        coordinator=302,
        admin=302,
        coach=404,
        trainee=404,
    ),
    _row("cases:case_publish", review_case, "get", **POST_ONLY),
    _row(
        "cases:case_publish",
        review_case,
        "post",
        **PUBLISHED_BY_THE_COORDINATOR,
    ),
    _row("cases:case_return", review_case, "get", **REVIEW),
    _row("cases:search", _none, "get", **SIGNED_IN),
    _row("cases:lessons", _none, "get", **SIGNED_IN),
    _row("cases:review_queue", _none, "get", **COORDINATORS_ONLY),
    # The public showcase: no login, published material only, for everyone.
    _row("public:showcase", _none, "get", **PUBLIC),
    _row("public:showcase_hub", hub, "get", **PUBLIC),
    _row("public:showcase_case", published_case, "get", **PUBLIC),
    _row("public:showcase_case", review_case, "get", **NOT_PUBLIC),
    _row("public:showcase_activity", published_activity, "get", **PUBLIC),
    _row("public:showcase_activity", draft_activity, "get", **NOT_PUBLIC),
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


def test_photo_delete_is_for_owners_and_coordinators(client, all_personas, media):
    personas = all_personas
    activity_pk, photo_pk = photo(personas)
    url = reverse("cases:activity_photo_delete", args=[activity_pk, photo_pk])
    for persona in ["viewer", "editor", "manager", "outsider", "coach", "trainee"]:
        client.force_login(getattr(personas, persona))
        assert client.post(url).status_code == 404, persona
    client.logout()
    assert client.post(url).status_code == 302
    assert personas.photo.__class__.objects.filter(pk=photo_pk).exists()
    client.force_login(personas.hubcoordinator)
    assert client.post(url).status_code == 302
    assert not personas.photo.__class__.objects.filter(pk=photo_pk).exists()


def test_every_cases_and_showcase_url_is_in_the_table():
    from django.urls import get_resolver

    from repairlocale.cases.urls import urlpatterns as case_urls
    from repairlocale.public.urls_showcase import urlpatterns as showcase_urls

    get_resolver()  # the project's URLconf loads
    names = {f"cases:{p.name}" for p in case_urls} | {
        f"public:{p.name}" for p in showcase_urls
    }
    assert names - COVERED_URLS == set()
