"""Fixtures of the audit trail tests (personas come from the root conftest).

``audit`` adds, on top of the personas: a coach (editor of Kringwinkel 't Rad) with
their trainee and an assessment, an appliance of 't Rad with one recorded step, and
an edit of 't Rad by its manager so that every history has rows.
"""

from types import SimpleNamespace

import pytest

from repairlocale.accounts.tests.factories import UserFactory
from repairlocale.network.models import Membership
from repairlocale.network.tests.factories import MembershipFactory


@pytest.fixture
def audit(personas):
    from repairlocale.reuse.services import step_record
    from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory
    from repairlocale.training.tests.factories import (
        AssessmentFactory,
        TraineeFactory,
    )

    coach = UserFactory(username="coach", first_name="Katrien", last_name="Coach")
    MembershipFactory(
        user=coach, organisation=personas.rad, role=Membership.Role.EDITOR
    )
    trainee_user = UserFactory(username="trainee")
    trainee = TraineeFactory(
        organisation=personas.rad,
        first_name="Jonas",
        last_name="Leerling",
        user=trainee_user,
        coaches=[coach],
    )
    assessment = AssessmentFactory(
        trainee=trainee, assessor=coach, evidence="Mat de weerstand van Jonas' lamp"
    )
    ReuseCentreFactory(organisation=personas.rad, code_prefix="RAD")
    appliance = ApplianceFactory(organisation=personas.rad, code="RAD-000001")
    step = step_record(
        appliance=appliance,
        kind="triage",
        performed_by=personas.editor,
        data={"rejection_reasons": []},
    )
    return SimpleNamespace(
        coach=coach,
        trainee_user=trainee_user,
        trainee=trainee,
        assessment=assessment,
        appliance=appliance,
        step=step,
    )
