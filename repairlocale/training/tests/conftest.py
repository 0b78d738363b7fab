"""Training fixtures; the coach and the trainee come from ``all_personas``.

coach = an editor of Kringwinkel 't Rad assigned as the trainee's coach;
trainee = a user who is that trainee (no membership), reading their own data.
The root ``editor`` is an editor of the same organisation who is *not* a coach.
"""

import datetime
from types import SimpleNamespace

import pytest
import time_machine

from repairlocale.core.tests.personas import log_in_as
from repairlocale.training.tests.factories import TraineeFactory

TODAY = datetime.date(2026, 3, 20)


@pytest.fixture
def today():
    """Freeze the clock on a weekday in the pilot period."""
    with time_machine.travel(datetime.datetime(2026, 3, 20, 10, 0), tick=False):
        yield TODAY


@pytest.fixture
def tp(all_personas):
    """The training personas: ``tp.coach``, ``tp.trainee_user``, ``tp.trainee``.

    The coach and the trainee are the shared ones of ``all_personas``
    (repairlocale/core/tests/personas.py); ``other_trainee`` is a trainee of
    Kringwinkel Hageland, for tests of what must not leak.
    """
    return SimpleNamespace(
        coach=all_personas.coach,
        trainee_user=all_personas.trainee,
        trainee=all_personas.trainee_file,
        other_trainee=TraineeFactory(
            organisation=all_personas.other,
            first_name="Elif",
            last_name="Hageland",
        ),
    )


@pytest.fixture
def as_user(client, all_personas, tp):
    """Log the client in by persona name (or log out for "anon")."""

    def _as(name):
        return log_in_as(client, all_personas, name)

    return _as
