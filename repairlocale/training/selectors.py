"""Reads of the training module: profiles, evidence, suggestions and aggregates.

``training_overview`` and ``overview_by_organisation`` are the anonymised entry
points for other modules (dashboards, pilots, API): they return counts only, never a
name or a trainee id.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from repairlocale.network.models import Organisation, PilotRegion
from repairlocale.repairs.models import RepairRecord, RepairStatus
from repairlocale.training.models import (
    ApplianceFamily,
    Assessment,
    Attendance,
    Competency,
    FrameworkVersion,
    Level,
    PlanAction,
    PlanGoal,
    SuggestionDecision,
    Trainee,
    TraineeStatus,
    family_of,
)

# Suggestion thresholds: fixed repairs of a family with no supervisor recorded make
# "independently"; fixed repairs of a family with or without help make "with help".
# The same counts, for safety tests done, apply to the safety-tester competency.
INDEPENDENT_THRESHOLD = 10
WITH_HELP_THRESHOLD = 3
SAFETY_TESTER_CODE = "safety_tester"

Period = tuple[datetime.date, datetime.date]


# --- Workshop evidence ------------------------------------------------------------


def trainees_for_evidence(
    organisation: Organisation | None, *, include_pk: int | None = None
) -> QuerySet[Trainee]:
    """Trainees a repair step or Repair Café entry of ``organisation`` may name."""
    if organisation is None:
        return Trainee.objects.none()
    active = Q(
        organisation=organisation,
        erased_at__isnull=True,
        status__in=[TraineeStatus.IN_TRAINING, TraineeStatus.EMPLOYED],
    )
    return Trainee.objects.filter(active | Q(pk=include_pk or 0)).order_by(
        "first_name", "last_name"
    )


def _has_trainees_key(organisation_id: int) -> str:
    return f"training:has-trainees:{organisation_id}"


def organisation_has_trainees(organisation: Organisation | None) -> bool:
    """Whether entry forms of ``organisation`` should offer the trainee field.

    Cached (the Repair Café entry form is rendered for every device logged; most
    cafés have no trainees): the training services clear the key on every change.
    """
    from django.core.cache import cache

    if organisation is None:
        return False
    key = _has_trainees_key(organisation.pk)
    found = cache.get(key)
    if found is None:
        found = trainees_for_evidence(organisation).exists()
        cache.set(key, found, 300)
    return found


def forget_has_trainees(organisation_id: int) -> None:
    from django.core.cache import cache

    cache.delete(_has_trainees_key(organisation_id))


def _workshop_steps():
    from repairlocale.reuse.models import Step

    return Step.objects.effective()


@dataclass
class FamilyEvidence:
    family: str
    label: str
    repairs: int = 0
    fixed: int = 0
    fixed_alone: int = 0

    @property
    def success_percent(self) -> float | None:
        return 100 * self.fixed / self.repairs if self.repairs else None


@dataclass
class Evidence:
    families: list[FamilyEvidence]
    repairs: int
    fixed: int
    safety_tests: int
    safety_tests_passed: int
    minutes_by_month: list[tuple[datetime.date, float, int]]
    recent: list[RepairRecord] = field(default_factory=list)

    @property
    def success_percent(self) -> float | None:
        return 100 * self.fixed / self.repairs if self.repairs else None

    def family(self, code: str) -> FamilyEvidence | None:
        return next((f for f in self.families if f.family == code), None)


def trainee_evidence(
    trainee: Trainee, *, since: datetime.date | None = None
) -> Evidence:
    """What the trainee did in the workshop and at Repair Cafés. Four queries.

    Repairs are the repair records naming the trainee (a corrected workshop step
    keeps one record), so the counts equal the repairs recorded; "alone" means no
    supervisor was recorded on the workshop step.
    """
    records = RepairRecord.objects.filter(trainee=trainee)
    steps = _workshop_steps().filter(trainee=trainee)
    if since:
        records = records.filter(event_date__gte=since)
        steps = steps.filter(performed_at__date__gte=since)
    by_family: dict[str, FamilyEvidence] = {
        code: FamilyEvidence(code, str(label))
        for code, label in ApplianceFamily.choices
    }
    rows = records.values("product_category__ords_name").annotate(
        repairs=Count("pk"),
        fixed=Count("pk", filter=Q(repair_status=RepairStatus.FIXED)),
        fixed_alone=Count(
            "pk",
            filter=Q(repair_status=RepairStatus.FIXED)
            & Q(workshop_step__supervisor__isnull=True),
        ),
    )
    for row in rows:
        item = by_family[family_of(row["product_category__ords_name"])]
        item.repairs += row["repairs"]
        item.fixed += row["fixed"]
        item.fixed_alone += row["fixed_alone"]
    safety = steps.filter(kind="safety_test").aggregate(
        done=Count("pk"), passed=Count("pk", filter=Q(passed=True))
    )
    minutes = (
        steps.filter(kind="repair", duration_minutes__isnull=False)
        .annotate(month=TruncMonth("performed_at"))
        .values("month")
        .annotate(avg=Avg("duration_minutes"), n=Count("pk"))
        .order_by("month")
    )
    families = [f for f in by_family.values() if f.repairs]
    return Evidence(
        families=families,
        repairs=sum(f.repairs for f in families),
        fixed=sum(f.fixed for f in families),
        safety_tests=safety["done"],
        safety_tests_passed=safety["passed"],
        minutes_by_month=[
            (_as_date(m["month"]), round(float(m["avg"]), 1), m["n"]) for m in minutes
        ],
        recent=list(
            records.select_related(
                "product_category", "workshop_step__appliance"
            ).order_by("-event_date", "-pk")[:20]
        ),
    )


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return (
            timezone.localtime(value).date()
            if timezone.is_aware(value)
            else value.date()
        )
    return value


# --- Framework, profile and suggestions -------------------------------------------


def current_framework() -> FrameworkVersion | None:
    return FrameworkVersion.objects.current()


def latest_assessments(trainee: Trainee) -> dict[str, Assessment]:
    """The latest assessment per competency code, whatever version it was made in."""
    latest: dict[str, Assessment] = {}
    for assessment in trainee.assessments.select_related(
        "competency__version", "assessor"
    ).order_by("assessed_on", "pk"):
        latest[assessment.competency.code] = assessment
    return latest


@dataclass
class ProfileRow:
    competency: Competency
    assessment: Assessment | None

    @property
    def level(self) -> int:
        return self.assessment.level if self.assessment else 0

    @property
    def next_level(self) -> int | None:
        return self.level + 1 if self.level < Level.CAN_TEACH else None

    @property
    def next_description(self) -> str:
        return self.competency.level_description(self.next_level or 0)

    @property
    def percent(self) -> int:
        return self.level * 25


def trainee_profile(trainee: Trainee) -> list[ProfileRow]:
    """The current framework's competencies with the trainee's latest level."""
    version = current_framework()
    if version is None:
        return []
    latest = latest_assessments(trainee)
    return [
        ProfileRow(competency, latest.get(competency.code))
        for competency in version.competencies.all()
    ]


def progress_over_time(trainee: Trainee) -> list[dict[str, Any]]:
    """After each assessment day: competencies assessed, their average level, and
    how many reached "independently" or more."""
    levels: dict[str, int] = {}
    points: list[dict[str, Any]] = []
    for assessment in trainee.assessments.select_related("competency").order_by(
        "assessed_on", "pk"
    ):
        levels[assessment.competency.code] = assessment.level
        point = {
            "date": assessment.assessed_on,
            "assessed": len(levels),
            "average": round(sum(levels.values()) / len(levels), 2),
            "independent": sum(1 for v in levels.values() if v >= Level.INDEPENDENT),
        }
        if points and points[-1]["date"] == assessment.assessed_on:
            points[-1] = point
        else:
            points.append(point)
    return points


@dataclass(frozen=True)
class Suggestion:
    competency: Competency
    level: int
    count: int
    reason: str

    @property
    def level_label(self) -> str:
        return Level(self.level).label


def _suggested_level(alone: int, total: int) -> tuple[int, int] | None:
    if alone >= INDEPENDENT_THRESHOLD:
        return Level.INDEPENDENT, alone
    if total >= WITH_HELP_THRESHOLD:
        return Level.WITH_HELP, total
    return None


def suggestions_for(
    trainee: Trainee, *, evidence: Evidence | None = None
) -> list[Suggestion]:
    """Assessments the evidence supports, above the current level, not yet decided.

    Ten successful repairs of a family with no supervisor recorded suggest
    "independently" for that family's competency; three successful repairs suggest
    "with help". Safety tests done count the same way for the safety tester.
    """
    from django.utils.translation import gettext as _

    version = current_framework()
    if version is None or trainee.is_erased:
        return []
    evidence = evidence or trainee_evidence(trainee)
    latest = latest_assessments(trainee)
    decided = set(
        SuggestionDecision.objects.filter(trainee=trainee).values_list(
            "competency_code", "level"
        )
    )
    found = []
    for competency in version.competencies.all():
        if competency.appliance_family:
            family = evidence.family(competency.appliance_family)
            if family is None:
                continue
            proposal = _suggested_level(family.fixed_alone, family.fixed)
            reason = _("%(count)s successful repairs: %(family)s")
            label = family.label
        elif competency.code == SAFETY_TESTER_CODE:
            proposal = _suggested_level(evidence.safety_tests, evidence.safety_tests)
            reason = _("%(count)s safety tests done")
            label = ""
        else:
            continue
        if proposal is None:
            continue
        level, count = proposal
        current = latest.get(competency.code)
        if current is not None and current.level >= level:
            continue
        if (competency.code, level) in decided:
            continue
        found.append(
            Suggestion(
                competency, level, count, reason % {"count": count, "family": label}
            )
        )
    return found


def what_next(trainee: Trainee, profile: list[ProfileRow]) -> dict[str, Any]:
    """Open plan actions (soonest first) and the least developed competencies."""
    actions = list(
        PlanAction.objects.filter(
            goal__trainee=trainee,
            status=PlanAction.Status.TODO,
            goal__status__in=[PlanGoal.Status.OPEN, PlanGoal.Status.IN_PROGRESS],
        )
        .select_related("goal")
        .order_by("deadline", "pk")[:5]
    )
    focus = sorted(
        (row for row in profile if row.next_level),
        key=lambda row: (row.level, row.competency.position),
    )[:3]
    return {"actions": actions, "focus": focus}


# --- Anonymised aggregates (for dashboards, pilots and the API) ------------------


def _trainees(
    organisations: QuerySet[Organisation] | list[Organisation] | None,
    pilot_region: str | None,
) -> QuerySet[Trainee]:
    trainees = Trainee.objects.all()
    if organisations is not None:
        trainees = trainees.filter(organisation__in=list(organisations))
    if pilot_region:
        trainees = trainees.filter(organisation__pilot_region=pilot_region)
    return trainees


def training_overview(
    *,
    organisations: QuerySet[Organisation] | list[Organisation] | None = None,
    pilot_region: str | None = None,
    period: Period | None = None,
) -> dict[str, Any]:
    """Anonymised training figures: counts only, no names, no trainee ids.

    ``organisations`` limits to those employers (None: all), ``pilot_region`` to a
    ``PilotRegion`` value, ``period`` = (first day, last day) inclusive to trainees
    active in it, outflow, assessments, repairs and attendance within it.
    Returns a dict with ``trainees``, ``by_status`` {status: n}, ``outflow``
    {kind: n}, ``assessed_trainees``, ``assessments``, ``average_level``,
    ``repairs``, ``repairs_fixed``, ``success_percent``, ``safety_tests``,
    ``sessions_attended``. About nine queries.
    """
    trainees = _trainees(organisations, pilot_region)
    if period:
        start, end = period
        trainees = trainees.filter(start_date__lte=end).filter(
            Q(outflow_date__isnull=True) | Q(outflow_date__gte=start)
        )
    by_status = Counter(dict(trainees.values_list("status").annotate(n=Count("pk"))))
    outflow_rows = trainees.filter(status=TraineeStatus.MOVED_ON)
    if period:
        outflow_rows = outflow_rows.filter(outflow_date__range=period)
    outflow = Counter(
        dict(outflow_rows.values_list("outflow_kind").annotate(n=Count("pk")))
    )
    # The ids as a list (a few hundred at most): as a subquery, SQLite would scan
    # every repair record and step instead of using their trainee index.
    ids = list(trainees.values_list("pk", flat=True))
    assessments = Assessment.objects.filter(trainee_id__in=ids)
    repairs = RepairRecord.objects.filter(trainee_id__in=ids)
    steps = _workshop_steps().filter(trainee_id__in=ids, kind="safety_test")
    attendance = Attendance.objects.filter(
        trainee_id__in=ids, status=Attendance.Status.ATTENDED
    )
    if period:
        assessments = assessments.filter(assessed_on__range=period)
        repairs = repairs.filter(event_date__range=period)
        steps = steps.filter(performed_at__date__range=period)
        attendance = attendance.filter(session__date__range=period)
    assessed = assessments.aggregate(
        trainees=Count("trainee", distinct=True), n=Count("pk"), avg=Avg("level")
    )
    repair_counts = repairs.aggregate(
        n=Count("pk"), fixed=Count("pk", filter=Q(repair_status=RepairStatus.FIXED))
    )
    total = sum(by_status.values())
    return {
        "trainees": total,
        "by_status": {s: by_status.get(s, 0) for s in TraineeStatus.values},
        "outflow": {k: outflow.get(k, 0) for k in TraineeOutflowKinds},
        "assessed_trainees": assessed["trainees"],
        "assessments": assessed["n"],
        "average_level": round(float(assessed["avg"]), 2) if assessed["avg"] else None,
        "repairs": repair_counts["n"],
        "repairs_fixed": repair_counts["fixed"],
        "success_percent": (
            round(100 * repair_counts["fixed"] / repair_counts["n"], 1)
            if repair_counts["n"]
            else None
        ),
        "safety_tests": steps.count(),
        "sessions_attended": attendance.count(),
    }


TraineeOutflowKinds = [k for k in Trainee.Outflow.values if k]

# Below this many trainees a group's breakdown describes people, not a group: with
# one trainee, "outflow: regular job 1" and "average level 1.0" say who left and
# how they did. Such a group shows its head count only to anyone who may not open
# its trainees' pages (the usual small-cell threshold of statistical offices).
MIN_GROUP_SIZE = 5
_BREAKDOWN = (
    "assessed_trainees",
    "assessments",
    "average_level",
    "repairs",
    "repairs_fixed",
    "success_percent",
    "safety_tests",
    "sessions_attended",
)


def suppress_small_group(figures: dict[str, Any]) -> dict[str, Any]:
    """``figures`` of :func:`training_overview` with ``suppressed`` set, and every
    figure but the head count blanked (None) when the group is smaller than
    ``MIN_GROUP_SIZE`` (an empty group has nothing to hide)."""
    if not 0 < figures["trainees"] < MIN_GROUP_SIZE:
        return {**figures, "suppressed": False}
    return {
        **figures,
        **dict.fromkeys(_BREAKDOWN),
        "by_status": dict.fromkeys(figures["by_status"]),
        "outflow": dict.fromkeys(figures["outflow"]),
        "suppressed": True,
    }


def overview_by_organisation(
    *,
    organisations: QuerySet[Organisation] | list[Organisation] | None = None,
    period: Period | None = None,
) -> list[dict[str, Any]]:
    """One anonymised row per employer that has trainees: its name and its figures."""
    employers = Organisation.objects.filter(trainees__isnull=False).distinct()
    if organisations is not None:
        employers = employers.filter(pk__in=[o.pk for o in organisations])
    return [
        {
            "organisation": org,
            **training_overview(organisations=[org], period=period),
        }
        for org in employers.order_by("name")
    ]


def overview_by_pilot_region(
    *,
    organisations: QuerySet[Organisation] | list[Organisation] | None = None,
    period: Period | None = None,
) -> list[dict[str, Any]]:
    """Brugge and Vlaams-Brabant side by side (anonymised)."""
    return [
        {
            "region": region,
            "label": PilotRegion(region).label,
            **training_overview(
                organisations=organisations, pilot_region=region, period=period
            ),
        }
        for region in (PilotRegion.BRUGGE, PilotRegion.VLAAMS_BRABANT)
    ]


def visible_trainees(user) -> QuerySet[Trainee]:
    """The trainees whose names ``user`` may see (the trainee list)."""
    return (
        Trainee.objects.personal_for(user)
        .select_related("organisation")
        .prefetch_related("coaches")
    )


def open_goals(trainee: Trainee) -> QuerySet[PlanGoal]:
    return trainee.goals.prefetch_related("actions")
