"""Who may open every page and export of the training module.

Personal data pages answer only to the trainee's coach, the employer's managers
and the trainee (read-only). Network coordinators and administrators see the
anonymised overview; to them a trainee does not exist (404). Other members of the
employer get 403, everyone else 404.
"""

import pytest
from django.urls import reverse

from repairlocale.core.tests.personas import PERSONAS, expected_statuses
from repairlocale.training.tests.factories import (
    PlanActionFactory,
    TrainingSessionFactory,
)


def _row(name, args, method, **expected):
    statuses = expected_statuses(expected)
    return pytest.param(
        name, args, method, statuses, id=f"{method}-{name}-{args.__name__}"
    )


def _none(p, t):
    return []


def _trainee(p, t):
    return [t.trainee.pk]


def _colleague(p, t):
    """Another trainee of Kringwinkel 't Rad, whom the coach does not coach."""
    from repairlocale.training.tests.factories import TraineeFactory

    return [TraineeFactory(organisation=p.rad, first_name="Mira").pk]


def _other_trainee(p, t):
    """A trainee of Kringwinkel Hageland, the outsider's organisation."""
    return [t.other_trainee.pk]


def _rad(p, t):
    return [p.rad.pk]


def _v1(p, t):
    return [1]


def _the_draft(p):
    from repairlocale.training.models import FrameworkVersion
    from repairlocale.training.services import framework_draft_create

    draft = FrameworkVersion.objects.filter(status="draft").first()
    return draft or framework_draft_create(by=p.coordinator)


def _draft(p, t):
    return [_the_draft(p).number]


def _competency(p, t):
    return [_the_draft(p).competencies.first().pk]


def _session(p, t):
    return [TrainingSessionFactory(organiser=p.rad).pk]


# Read a trainee's personal data: coach, manager, trainee. Members of the employer
# without that role: 403; anyone else (coordinators included): 404.
PERSONAL_READ = {
    "default": 404,
    "viewer": 403,
    "editor": 403,
    "manager": 200,
    "coach": 200,
    "trainee": 200,
}
# Another trainee of the same employer: the coach is only a colleague there (403)
# and the trainee a stranger (404).
COLLEAGUE_READ = {**PERSONAL_READ, "coach": 403, "trainee": 404}
# A trainee of another employer: only its manager (the outsider).
OTHER_EMPLOYER_READ = {
    "default": 404,
    "outsider": 200,
    "coach": 404,
    "trainee": 404,
}
# Write: coach and manager; the trainee reads only.
PERSONAL_WRITE = {**PERSONAL_READ, "trainee": 403}
# Manage (edit, erase): managers only.
PERSONAL_MANAGE = {**PERSONAL_WRITE, "coach": 403}
# Coordinators and admins edit the framework; everyone else signed in gets 403.
COORDINATORS = {
    "default": 403,
    "coordinator": 200,
    "admin": 200,
    "coach": 403,
    "trainee": 403,
}
EVERYONE = {"default": 200, "coach": 200, "trainee": 200}
# Anonymised overview: coordinators everywhere; managers of an organisation
# (manager, outsider, hubcoordinator) for their own.
AGGREGATES = {
    "default": 403,
    "manager": 200,
    "outsider": 200,
    "hubcoordinator": 200,
    "coordinator": 200,
    "admin": 200,
    "coach": 403,
    "trainee": 403,
}

ROWS = [
    # The trainee is taken straight to their own file.
    _row("training:home", _none, "get", **{**EVERYONE, "trainee": 302}),
    _row(
        "training:trainee_create",
        _rad,
        "get",
        default=404,
        viewer=403,
        editor=403,
        coach=403,
        manager=200,
        trainee=404,
    ),
    _row("training:trainee_detail", _trainee, "get", **PERSONAL_READ),
    _row("training:trainee_detail", _colleague, "get", **COLLEAGUE_READ),
    _row("training:trainee_detail", _other_trainee, "get", **OTHER_EMPLOYER_READ),
    _row("training:trainee_edit", _trainee, "get", **PERSONAL_MANAGE),
    _row("training:evidence", _trainee, "get", **PERSONAL_READ),
    _row("training:evidence", _colleague, "get", **COLLEAGUE_READ),
    _row("training:assessment_create", _trainee, "get", **PERSONAL_WRITE),
    _row("training:assessment_history", _trainee, "get", **PERSONAL_READ),
    # POSTs with an empty body: allowed people get a redirect or a 400, not 200.
    _row(
        "training:suggestion_decide",
        _trainee,
        "post",
        **{**PERSONAL_WRITE, "manager": 400, "coach": 400},
    ),
    _row("training:plan", _trainee, "get", **PERSONAL_READ),
    _row("training:plan", _colleague, "get", **COLLEAGUE_READ),
    _row("training:goal_add", _trainee, "post", **PERSONAL_WRITE),
    _row("training:action_add", _trainee, "post", **PERSONAL_WRITE),
    _row("training:meeting_add", _trainee, "post", **PERSONAL_WRITE),
    _row(
        "training:plan_status",
        _trainee,
        "post",
        **{**PERSONAL_WRITE, "manager": 404, "coach": 404},
    ),
    _row("training:plan_pdf", _trainee, "get", **PERSONAL_READ),
    _row("training:attestation_create", _trainee, "get", **PERSONAL_WRITE),
    _row("training:export_json", _trainee, "get", **PERSONAL_READ),
    _row("training:export_json", _colleague, "get", **COLLEAGUE_READ),
    _row("training:export_json", _other_trainee, "get", **OTHER_EMPLOYER_READ),
    _row("training:export_pdf", _trainee, "get", **PERSONAL_READ),
    _row("training:erase", _trainee, "get", **PERSONAL_MANAGE),
    _row("training:framework_list", _none, "get", **EVERYONE),
    _row("training:framework_detail", _v1, "get", **EVERYONE),
    _row("training:framework_detail", _draft, "get", **COORDINATORS),
    _row(
        "training:framework_draft",
        _none,
        "post",
        **{**COORDINATORS, "coordinator": 302, "admin": 302},
    ),
    _row(
        "training:framework_publish",
        _draft,
        "post",
        **{**COORDINATORS, "coordinator": 302, "admin": 302},
    ),
    _row("training:competency_add", _draft, "get", **COORDINATORS),
    _row("training:competency_edit", _competency, "get", **COORDINATORS),
    _row("training:session_list", _none, "get", **EVERYONE),
    _row(
        "training:session_create",
        _none,
        "get",
        **{**AGGREGATES},
    ),
    _row("training:session_detail", _session, "get", **EVERYONE),
    _row("training:overview", _none, "get", **AGGREGATES),
    _row("training:overview_csv", _none, "get", **AGGREGATES),
]

COVERED_URLS = {row.values[0] for row in ROWS}


@pytest.mark.django_db
@pytest.mark.parametrize("name,args,method,statuses", ROWS)
def test_who_may_open(name, args, method, statuses, personas, tp, as_user):
    url = reverse(name, args=args(personas, tp))
    answered = {
        persona: getattr(as_user(persona), method)(url).status_code
        for persona in PERSONAS
    }
    assert answered == statuses, f"{method.upper()} {url}"


def test_every_training_url_is_in_the_table():
    from django.urls import get_resolver

    resolver = get_resolver()
    names = {
        f"training:{name}"
        for name in resolver.namespace_dict["training"][1].reverse_dict
        if isinstance(name, str)
    }
    assert names == COVERED_URLS


@pytest.mark.django_db
def test_a_plan_action_of_another_trainee_cannot_be_changed(personas, tp, as_user):
    """plan_status answers 404 for an item that is not this trainee's."""
    foreign = PlanActionFactory(goal__trainee=tp.other_trainee)
    client = as_user("coach")
    response = client.post(
        reverse("training:plan_status", args=[tp.trainee.pk]),
        {"item": "action", "id": foreign.pk, "status": "done"},
    )
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.status == "todo"
