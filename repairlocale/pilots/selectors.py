"""The pilot page: goals against their targets, with live indicator values."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from repairlocale.pilots import indicators
from repairlocale.pilots.models import PilotGoal, PilotProject


@dataclass
class GoalProgress:
    goal: PilotGoal
    value: float | int | Decimal | None
    live: bool
    label: str
    source: str
    period: tuple[date, date]

    @property
    def percent_of_target(self) -> float | None:
        """How far the value is towards the target (0 to 100, capped), from the
        baseline when one is given."""
        if self.value is None or not self.goal.target:
            return None
        base = float(self.goal.baseline or 0)
        span = float(self.goal.target) - base
        if not span:
            return None
        share = (float(self.value) - base) / span * 100
        return max(0.0, min(100.0, round(share, 1)))

    @property
    def reached(self) -> bool:
        if self.value is None:
            return False
        base = float(self.goal.baseline or 0)
        target = float(self.goal.target)
        if target >= base:
            return float(self.value) >= target
        return float(self.value) <= target


def goal_progress(
    pilot: PilotProject, *, today: date | None = None
) -> list[GoalProgress]:
    """Each goal with its current value (live indicator or entered by hand)."""
    period = indicators.pilot_period(pilot, today)
    rows = []
    for goal in pilot.goals.all():
        found = indicators.REGISTRY.get(goal.indicator)
        if found:
            value = found.func(pilot, period)
            rows.append(
                GoalProgress(
                    goal, value, True, str(found.label), str(found.source), period
                )
            )
        else:
            rows.append(GoalProgress(goal, goal.manual_value, False, "", "", period))
    return rows
