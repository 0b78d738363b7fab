"""The state of a hergebruikfiche, derived from its steps, and the rules for a new step.

Pure functions over a list of steps (no queries), so the same code checks a step
before it is saved and rebuilds the status afterwards.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from repairlocale.repairs.models import RepairStatus
from repairlocale.reuse.models import ApplianceStatus, Step, StepKind

K = StepKind
S = ApplianceStatus
TERMINAL_KINDS = {K.SALE: S.SOLD, K.PARTS_HARVEST: S.HARVESTED, K.RECYCLING: S.RECYCLED}


@dataclass(frozen=True)
class State:
    status: str
    closed_on: date | None = None
    sale_price: Decimal | None = None
    # Facts of the latest effective steps, kept on the appliance row so that inflow
    # figures aggregate one row per appliance instead of scanning its steps.
    triage_result: bool | None = None
    rejection_keys: str = ""
    last_repair_outcome: str = ""

    def with_facts(self, steps: Sequence[Step]) -> State:
        steps = effective(steps)
        triage = _last(steps, K.TRIAGE)
        repair = _last(steps, K.REPAIR)
        return replace(
            self,
            triage_result=triage.passed if triage else None,
            rejection_keys=json.dumps(triage.rejection_reasons)
            if triage and triage.rejection_reasons
            else "",
            last_repair_outcome=repair.repair_outcome if repair else "",
        )

    @property
    def is_closed(self) -> bool:
        return self.status in S.terminal()


def effective(steps: Sequence[Step]) -> list[Step]:
    """Steps in fiche order without those that a later step corrects."""
    corrected = {s.corrects_id for s in steps if s.corrects_id}
    return sorted(
        (s for s in steps if s.pk is None or s.pk not in corrected),
        key=lambda s: s.sequence,
    )


def _last(steps: Sequence[Step], kind: str) -> Step | None:
    found = [s for s in steps if s.kind == kind]
    return found[-1] if found else None


def derive_state(steps: Sequence[Step]) -> State:
    """The appliance's status and step facts given all of its steps."""
    return _derive_status(steps).with_facts(steps)


def _derive_status(steps: Sequence[Step]) -> State:
    steps = effective(steps)
    for step in reversed(steps):
        if step.kind in TERMINAL_KINDS:
            return State(
                TERMINAL_KINDS[step.kind],
                closed_on=step.sold_on or step.performed_at.date(),
                sale_price=step.price if step.kind == K.SALE else None,
            )
    triage = _last(steps, K.TRIAGE)
    if triage is None:
        return State(S.AWAITING_TRIAGE)
    if not triage.passed:
        return State(S.TO_RECYCLE)

    repair = _last(steps, K.REPAIR)
    fixed_at = max(
        (
            s.sequence
            for s in steps
            if s.kind == K.REPAIR and s.repair_outcome == "Fixed"
        ),
        default=0,
    )
    if repair is not None and repair.repair_outcome == RepairStatus.END_OF_LIFE:
        return State(S.TO_RECYCLE)
    if repair is not None and repair.sequence > fixed_at:
        return State(S.AWAITING_REPAIR)  # Repairable or Unknown: not done yet
    for kind in (K.SAFETY_TEST, K.FUNCTIONAL_TEST):
        test = _last(steps, kind)
        if test is not None and test.sequence > fixed_at and test.passed is False:
            return State(S.AWAITING_REPAIR)
    if not safety_ok(steps):
        return State(S.AWAITING_SAFETY_TEST)
    if not criteria_ok(steps):
        return State(S.AWAITING_CRITERIA)
    if _last(steps, K.PRICING) is None:
        return State(S.READY_FOR_PRICING)
    return State(S.FOR_SALE)


def safety_ok(steps: Sequence[Step]) -> bool:
    """A passed safety test after the last successful repair."""
    steps = effective(steps)
    test = _last(steps, K.SAFETY_TEST)
    fixed_at = max(
        (
            s.sequence
            for s in steps
            if s.kind == K.REPAIR and s.repair_outcome == "Fixed"
        ),
        default=0,
    )
    return bool(test and test.passed and test.sequence > fixed_at)


def criteria_ok(steps: Sequence[Step]) -> bool:
    check = _last(effective(steps), K.CRITERIA_CHECK)
    return bool(check and check.passed)


def refusal(steps: Sequence[Step], new: Step, *, intake_date: date) -> str | None:
    """Why ``new`` may not be added to the fiche, in plain words; None when it may.

    These rules hold whatever a client sends: the decree's order of operations.
    """
    if new.corrects_id:
        original = next((s for s in steps if s.pk == new.corrects_id), None)
        if original is None:
            return _("The step to correct does not belong to this appliance.")
        if original.kind != new.kind:
            return _("A correction must be of the same kind as the step it corrects.")
        if any(s.corrects_id == original.pk for s in steps):
            return _("That step has already been corrected; correct the correction.")
        others = [s for s in steps if s.pk != original.pk]
    else:
        others = list(steps)
    state = derive_state(others)

    if new.sold_on and new.sold_on < intake_date:
        return _("The sale date lies before the intake date.")
    if state.is_closed and not new.corrects_id:
        return _("This appliance is closed (%(status)s): no further steps.") % {
            "status": S(state.status).label
        }
    if new.kind == K.TRIAGE:
        return None
    if state.status == S.AWAITING_TRIAGE:
        return _("Do the visual triage first.")
    if state.status == S.TO_RECYCLE and new.kind not in (K.RECYCLING, K.PARTS_HARVEST):
        if new.kind == K.SALE or new.kind == K.PRICING:
            return _(
                "A rejected or unrepairable appliance cannot be priced or sold; "
                "recycle it or harvest its parts."
            )
        return _(
            "This appliance goes to recycling; record recycling or parts harvesting."
        )
    if new.kind in (K.PRICING, K.SALE):
        if not safety_ok(others):
            return _(
                "An appliance can only be priced or sold after a passed electrical "
                "safety test (after its last repair)."
            )
        if not criteria_ok(others):
            return _(
                "An appliance can only be priced or sold after a passed re-use "
                "criteria check."
            )
    if new.kind == K.SALE and _last(effective(others), K.PRICING) is None:
        return _("Price the appliance before recording the sale.")
    return None
