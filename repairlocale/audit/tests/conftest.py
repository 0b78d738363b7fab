"""Fixtures of the audit trail tests (personas come from the root conftest).

``audit`` adds, on top of ``all_personas`` (whose coach, an editor of Kringwinkel
't Rad, coaches the trainee): an assessment of that trainee by the coach and an
appliance of 't Rad with one recorded step, so that every history has rows.
"""

from types import SimpleNamespace

import pytest


@pytest.fixture
def audit(all_personas):
    from repairlocale.reuse.services import step_record
    from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory
    from repairlocale.training.tests.factories import AssessmentFactory

    personas = all_personas
    coach, trainee = personas.coach, personas.trainee_file
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
        trainee_user=personas.trainee,
        trainee=trainee,
        assessment=assessment,
        appliance=appliance,
        step=step,
    )
