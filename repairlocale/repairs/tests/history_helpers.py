"""Workshop repairs recorded through the real hergebruikfiche services."""

from __future__ import annotations

from repairlocale.repairs.models import ProductCategory


def workshop_repair(
    *, organisation, by, category="Coffee maker", outcome="Fixed", minutes=30,
    trainee=None, performed_at=None,
):  # fmt: skip
    """Triage, then a repair step by ``by`` (or by ``trainee``, supervised by ``by``).

    The reuse services write the step's RepairRecord (provenance "workshop").
    """
    from repairlocale.reuse.services import step_record
    from repairlocale.reuse.tests.factories import ApplianceFactory, ReuseCentreFactory

    ReuseCentreFactory(organisation=organisation)  # get or create
    appliance = ApplianceFactory(
        organisation=organisation,
        product_category=ProductCategory.objects.get(ords_name=category),
    )
    step_record(
        appliance=appliance, kind="triage", performed_by=by, data={"passed": True}
    )
    extra = {"performed_at": performed_at} if performed_at else {}
    data = {
        "repair_outcome": outcome,
        "barrier": "Item too worn out" if outcome == "End of life" else "",
        "duration_minutes": minutes,
        **extra,
    }
    if trainee is not None:
        data.update(trainee=trainee, supervisor=by)
    return step_record(appliance=appliance, kind="repair", performed_by=by, data=data)
