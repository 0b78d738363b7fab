"""Training personas on top of the root ``personas``: a coach and a trainee.

coach = an editor of Kringwinkel 't Rad assigned as the trainee's coach;
trainee = a user who is that trainee (no membership), reading their own data.
The root ``editor`` is an editor of the same organisation who is *not* a coach.
"""

import datetime
from types import SimpleNamespace

import pytest
import time_machine

from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.network.models import Membership
from repairlocale.network.tests.factories import MembershipFactory
from repairlocale.training.tests.factories import TraineeFactory

TODAY = datetime.date(2026, 3, 20)


@pytest.fixture
def today():
    """Freeze the clock on a weekday in the pilot period."""
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, 0), tick=False):
        yield TODAY


@pytest.fixture
def tp(personas):
    """The training personas: ``tp.coach``, ``tp.trainee_user``, ``tp.trainee``."""
    coach = UserFactory(username="coach", first_name="Katrien", last_name="Coach")
    MembershipFactory(
        user=coach, organisation=personas.rad, role=Membership.Role.EDITOR
    )
    trainee_user = UserFactory(
        username="trainee", first_name="Jonas", last_name="Leerling"
    )
    trainee = TraineeFactory(
        organisation=personas.rad,
        first_name="Jonas",
        last_name="Leerling",
        user=trainee_user,
        coaches=[coach],
    )
    other_trainee = TraineeFactory(
        organisation=personas.other, first_name="Elif", last_name="Hageland"
    )
    return SimpleNamespace(
        coach=coach,
        trainee_user=trainee_user,
        trainee=trainee,
        other_trainee=other_trainee,
    )


@pytest.fixture
def as_user(client, personas, tp):
    """Log the client in by persona name (or log out for "anon")."""

    def _as(name):
        client.logout()
        if name == "anon":
            return client
        user = {"coach": tp.coach, "trainee": tp.trainee_user}.get(name) or getattr(
            personas, name
        )
        client.force_login(user)
        return client

    return _as
