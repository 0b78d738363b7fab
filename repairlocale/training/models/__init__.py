"""Training of target-group employees as electrical repairers."""

from repairlocale.training.models.families import (
    ORDS_FAMILY,
    ApplianceFamily,
    family_of,
)
from repairlocale.training.models.framework import (
    LEVEL_MAX,
    LEVEL_MIN,
    Assessment,
    Competency,
    CompetencyArea,
    FrameworkVersion,
    Level,
    SuggestionDecision,
)
from repairlocale.training.models.plans import (
    EXPIRY_WARNING_DAYS,
    Attendance,
    Attestation,
    PlanAction,
    PlanGoal,
    ReviewMeeting,
    TrainingSession,
)
from repairlocale.training.models.trainees import OutflowKind, Trainee, TraineeStatus

__all__ = [
    "EXPIRY_WARNING_DAYS",
    "LEVEL_MAX",
    "LEVEL_MIN",
    "ORDS_FAMILY",
    "ApplianceFamily",
    "Assessment",
    "Attendance",
    "Attestation",
    "Competency",
    "CompetencyArea",
    "FrameworkVersion",
    "Level",
    "OutflowKind",
    "PlanAction",
    "PlanGoal",
    "ReviewMeeting",
    "SuggestionDecision",
    "Trainee",
    "TraineeStatus",
    "TrainingSession",
    "family_of",
]
