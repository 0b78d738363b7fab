"""A trainee's coaches and a hub's municipalities: tracked and shown old → new."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from simple_history.models import HistoricalRecords

from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.network.models import Hub, Membership, Municipality
from repairlocale.network.tests.factories import MembershipFactory
from repairlocale.training.models import Trainee

pytestmark = pytest.mark.django_db


def _coach_copies():
    return HistoricalRecords.m2m_models[Trainee._meta.get_field("coaches")].objects


def _history(client, kind, pk):
    response = client.get(reverse("audit:object_history", args=[kind, pk]))
    assert response.status_code == 200
    return response


def _set_changes(response, audited_key, field_name):
    """The (old, new) of every change of a set on the page, newest first."""
    return [
        (change.old, change.new)
        for entry in response.context["entries"]
        if entry.audited.key == audited_key
        for change in entry.changes
        if change.field == field_name
    ]


@pytest.fixture
def second_coach(personas):
    coach = UserFactory(username="coach2", first_name="Bart", last_name="Begeleider")
    MembershipFactory(
        user=coach, organisation=personas.rad, role=Membership.Role.EDITOR
    )
    return coach


def test_changing_the_coaches_shows_the_old_and_new_coaches(
    client, personas, audit, second_coach
):
    from repairlocale.training.services import trainee_save

    trainee_save(
        organisation=personas.rad,
        trainee=audit.trainee,
        data={},
        coaches=[second_coach],
    )
    latest = audit.trainee.history.first()
    assert set(latest.coaches.values_list("user_id", flat=True)) == {second_coach.pk}

    client.force_login(personas.manager)
    response = _history(client, "trainee", audit.trainee.pk)
    field = str(Trainee._meta.get_field("coaches").verbose_name)
    # set() removes, then adds: two versions, newest first.
    assert _set_changes(response, "trainee", field)[:2] == [
        ("—", "Bart Begeleider"),
        ("Katrien Coach", "—"),
    ]
    assert "Bart Begeleider" in response.text


def test_a_coach_removed_from_the_other_side_is_recorded(personas, audit):
    """An erased coach is unlinked with ``coached_trainees.clear()``."""
    rows = audit.trainee.history.count()
    audit.coach.coached_trainees.clear()
    assert audit.trainee.history.count() == rows + 1
    latest = audit.trainee.history.first()
    assert latest.history_type == "~"
    assert not latest.coaches.exists()

    audit.coach.coached_trainees.add(audit.trainee)
    latest = audit.trainee.history.first()
    assert list(latest.coaches.values_list("user_id", flat=True)) == [audit.coach.pk]


def test_erasing_a_coach_works_and_leaves_the_trainee_a_row(personas, audit):
    from repairlocale.core.privacy import person_erase

    person_erase(audit.coach, by=personas.admin)
    assert not audit.trainee.coaches.exists()
    latest = audit.trainee.history.first()
    assert latest.history_user is None  # no request: the clean-up or a command
    assert not latest.coaches.exists()


def test_erasing_the_trainee_forgets_who_coached_them(personas, audit):
    from repairlocale.training.services import trainee_erase

    assert _coach_copies().filter(trainee_id=audit.trainee.pk).exists()
    trainee_erase(trainee=audit.trainee, by=personas.manager)
    assert not _coach_copies().filter(trainee_id=audit.trainee.pk).exists()


def test_editing_the_hub_region_shows_the_municipalities(client, personas):
    brugge = Municipality.objects.get(name_nl="Brugge")
    oostkamp = Municipality.objects.get(name_nl="Oostkamp")
    client.force_login(personas.coordinator)
    url = reverse("network:hub_edit", args=[personas.hub.pk])

    def post(*municipalities):
        response = client.post(
            url,
            {
                "name": personas.hub.name,
                "organisation": personas.hub_org.pk,
                "pilot_region": "",
                "description": "",
                "website": "",
                "email": "",
                "municipalities": [m.pk for m in municipalities],
            },
        )
        assert response.status_code == 302, response.context["form"].errors

    post(brugge)
    post(brugge, oostkamp)
    response = _history(client, "hub", personas.hub.pk)
    field = str(Hub._meta.get_field("municipalities").verbose_name)
    # The personas' hub covers both from the start; Oostkamp out, then back in.
    assert _set_changes(response, "hub", field) == [
        (str(brugge), f"{brugge}\n{oostkamp}"),
        (f"{brugge}\n{oostkamp}", str(brugge)),
        ("—", f"{brugge}\n{oostkamp}"),
    ]
    assert f"{brugge}<br>{oostkamp}" in response.text


def test_the_sets_cost_one_query_each_per_page(
    client, personas, audit, second_coach, django_assert_max_num_queries
):
    from repairlocale.training.services import trainee_save

    client.force_login(personas.manager)
    url = reverse("audit:object_history", args=["trainee", audit.trainee.pk])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for n in range(6):
        trainee_save(
            organisation=personas.rad,
            trainee=audit.trainee,
            data={"programme": f"IBO {n}"},
            coaches=[second_coach] if n % 2 else [audit.coach],
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_baseline_records_the_sets_as_they_were_when_tracking_began(
    client, personas, audit
):
    # As before 0002: versions without a copy of the set.
    _coach_copies().all().delete()
    migration = importlib.import_module(
        "repairlocale.audit.migrations.0003_m2m_baseline"
    )
    migration.record_sets(apps, None)

    baseline = audit.trainee.history.first()
    assert baseline.history_change_reason == "m2m_baseline"
    assert list(baseline.coaches.values_list("user_id", flat=True)) == [audit.coach.pk]
    assert baseline.first_name == audit.trainee.first_name

    client.force_login(personas.manager)
    response = _history(client, "trainee", audit.trainee.pk)
    [entry] = [e for e in response.context["entries"] if e.row == baseline]
    [change] = entry.changes
    assert change.new == "Katrien Coach"
    assert change.old != "—"  # not "added": recorded from here on
    assert entry.reason
