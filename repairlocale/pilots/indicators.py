"""Live indicators of a pilot project: a small registry, key -> function(pilot, period).

A goal names an indicator key; the pilot page shows the indicator's value for the
goal's period next to the goal's target. Add an indicator with ``@indicator(...)``
(or ``register``). Values come from the hergebruikfiche (inflow quality of the reuse
centres in the pilot region) and the training module.

Inflow indicators share one inflow report per pilot and period (two queries), kept
on the pilot object for the length of a request.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from repairlocale.network.models import Organisation
from repairlocale.reuse.inflow import GroupBy, InflowReport, inflow_report
from repairlocale.reuse.models import CollectionChannel

if TYPE_CHECKING:
    from repairlocale.pilots.models import PilotProject

Period = tuple[date, date]
Value = float | int | Decimal | None


@dataclass(frozen=True)
class Indicator:
    key: str
    label: str | Promise
    unit: str | Promise
    func: Callable[[PilotProject, Period], Value]
    source: str | Promise = ""


REGISTRY: dict[str, Indicator] = {}


def register(
    key: str,
    label: str | Promise,
    unit: str | Promise,
    func: Callable[[PilotProject, Period], Value],
    source: str | Promise = "",
) -> Indicator:
    if key in REGISTRY:
        raise ValueError(f"indicator {key!r} is already registered")
    REGISTRY[key] = Indicator(key=key, label=label, unit=unit, func=func, source=source)
    return REGISTRY[key]


def indicator(key: str, label, unit, source=""):
    def decorate(func):
        register(key, label, unit, func, source)
        return func

    return decorate


def choices() -> list[tuple[str, str]]:
    return [(i.key, f"{i.label} ({i.unit})") for i in REGISTRY.values()]


def pilot_period(pilot: PilotProject, today: date | None = None) -> Period:
    """From the pilot's start up to its end or today, whichever comes first."""
    today = today or timezone.localdate()
    end = min(pilot.end_date, today) if pilot.end_date else today
    return pilot.start_date, max(end, pilot.start_date)


def compute(key: str, pilot: PilotProject, period: Period) -> Value:
    """The indicator's value; None when the key is unknown or there is no data."""
    found = REGISTRY.get(key)
    return found.func(pilot, period) if found else None


# --- Inflow quality (hergebruikfiche) --------------------------------------------

HERGEBRUIKFICHE = _("Hergebruikfiche: reuse centres in the pilot region")


def region_centres(pilot: PilotProject):
    return Organisation.objects.filter(
        type=Organisation.Type.REUSE_CENTRE, pilot_region=pilot.pilot_region
    )


def _inflow(pilot: PilotProject, period: Period) -> InflowReport:
    cache = pilot.__dict__.setdefault("_inflow_reports", {})
    if period not in cache:
        cache[period] = inflow_report(
            centres=region_centres(pilot),
            date_from=period[0],
            date_to=period[1],
            group_by=GroupBy.CHANNEL,
        )
    return cache[period]


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


@indicator("appliances_in", _("Appliances taken in"), _("appliances"), HERGEBRUIKFICHE)
def appliances_in(pilot, period):
    return _inflow(pilot, period).total.appliances


@indicator("sold_percent", _("Share reaching sale"), "%", HERGEBRUIKFICHE)
def sold_percent(pilot, period):
    return _round(_inflow(pilot, period).total.sold_percent)


@indicator("rejected_percent", _("Share rejected at triage"), "%", HERGEBRUIKFICHE)
def rejected_percent(pilot, period):
    return _round(_inflow(pilot, period).total.rejected_percent)


@indicator("repair_success_percent", _("Repair success rate"), "%", HERGEBRUIKFICHE)
def repair_success_percent(pilot, period):
    return _round(_inflow(pilot, period).total.repair_success_percent)


def _channel_sold_percent(channel: str):
    def value(pilot, period):
        for row in _inflow(pilot, period).rows:
            if row.key == channel:
                return _round(row.sold_percent)
        return None

    return value


for _channel, _label in CollectionChannel.choices:
    register(
        f"sold_percent:{_channel}",
        format_lazy("{} – {}", _("Share reaching sale"), _label),
        "%",
        _channel_sold_percent(_channel),
        HERGEBRUIKFICHE,
    )


# --- Training ----------------------------------------------------------------------

TRAINING = _("Training module: trainees of employers in the pilot region")


def _training(pilot: PilotProject, period: Period) -> dict:
    """The region's anonymised training figures; a group too small to stay
    anonymous gives its head count only (the other indicators have no value)."""
    from repairlocale.training.selectors import suppress_small_group, training_overview

    cache = pilot.__dict__.setdefault("_training_overviews", {})
    if period not in cache:
        cache[period] = suppress_small_group(
            training_overview(pilot_region=pilot.pilot_region, period=period)
        )
    return cache[period]


@indicator("trainees", _("Trainees in training"), _("trainees"), TRAINING)
def trainees(pilot, period):
    return _training(pilot, period)["trainees"]


@indicator("trainees_assessed", _("Trainees assessed"), _("trainees"), TRAINING)
def trainees_assessed(pilot, period):
    return _training(pilot, period)["assessed_trainees"]


@indicator(
    "trainee_repair_success_percent",
    _("Trainees' repair success rate"),
    "%",
    TRAINING,
)
def trainee_repair_success_percent(pilot, period):
    return _training(pilot, period)["success_percent"]
