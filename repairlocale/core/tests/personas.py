"""The ten personas of every permission table (issue 7) and how to use them.

The root ``personas`` fixture creates eight of them (house style §19); the
``all_personas`` fixture (root conftest.py) adds the two of the training module
with ``add_coach_and_trainee``, so tests that count users see the same eight
people as before unless they ask for all ten.

coach = Katrien, an editor of Kringwinkel 't Rad assigned as coach of the trainee;
trainee = Jonas, the user of that trainee file, with no membership anywhere: he
reads his own training data and is otherwise a signed-in stranger.
"""

from types import SimpleNamespace

# The order in which the tables ask: "anon" is a visitor who is not logged in.
PERSONAS = (
    "anon",
    "viewer",
    "editor",
    "manager",
    "outsider",
    "hubcoordinator",
    "coordinator",
    "admin",
    "coach",
    "trainee",
)


def add_coach_and_trainee(personas: SimpleNamespace) -> SimpleNamespace:
    """Add ``coach``, ``trainee`` (users) and ``trainee_file`` to ``personas``.

    ``trainee_file`` is the Trainee of Kringwinkel 't Rad whose user is ``trainee``
    and whose coach is ``coach``. Returns the same namespace.
    """
    from repairlocale.accounts.tests.factories import UserFactory
    from repairlocale.network.models import Membership
    from repairlocale.network.tests.factories import MembershipFactory
    from repairlocale.training.tests.factories import TraineeFactory

    personas.coach = UserFactory(
        username="coach", first_name="Katrien", last_name="Coach"
    )
    MembershipFactory(
        user=personas.coach, organisation=personas.rad, role=Membership.Role.EDITOR
    )
    personas.trainee = UserFactory(
        username="trainee", first_name="Jonas", last_name="Leerling"
    )
    personas.trainee_file = TraineeFactory(
        organisation=personas.rad,
        first_name="Jonas",
        last_name="Leerling",
        user=personas.trainee,
        coaches=[personas.coach],
    )
    return personas


def log_in_as(client, personas: SimpleNamespace, name: str):
    """Log ``client`` in as the persona called ``name`` (log out for "anon")."""
    client.logout()
    if name != "anon":
        client.force_login(getattr(personas, name))
    return client


def expected_statuses(
    expected: dict[str, int], *, names=PERSONAS, anon: int = 302
) -> dict[str, int]:
    """The expected status of every persona in ``names``, from ``default`` and
    exceptions.

    Coach and trainee must be named: neither simply shares the default, so each
    row says what they get. ``anon`` defaults to the login redirect.
    """
    expected = dict(expected)
    default = expected.pop("default")
    unknown = expected.keys() - set(names)
    if unknown:
        raise ValueError(f"no such persona: {sorted(unknown)}")
    unnamed = {"coach", "trainee"} - expected.keys()
    if unnamed:
        raise ValueError(f"say what {' and '.join(sorted(unnamed))} get")
    statuses = {name: expected.get(name, default) for name in names}
    statuses["anon"] = expected.get("anon", anon)
    return statuses
