"""The digital hergebruikfiche: appliances at reuse centres and every step they go
through, as the Flemish ministerial decree of 2017 on preparing used EEE for re-use
requires."""

from repairlocale.reuse.models.appliances import (
    Appliance,
    ApplianceStatus,
    CollectionChannel,
    EEECategory,
    ReservedCode,
    ReuseCentre,
)
from repairlocale.reuse.models.photos import (
    MAX_PHOTOS_PER_APPLIANCE,
    AppliancePhoto,
    PhotoKind,
)
from repairlocale.reuse.models.steps import (
    REJECTION_CRITERIA,
    REUSE_CRITERIA,
    Step,
    StepKind,
)

__all__ = [
    "MAX_PHOTOS_PER_APPLIANCE",
    "REJECTION_CRITERIA",
    "REUSE_CRITERIA",
    "Appliance",
    "AppliancePhoto",
    "ApplianceStatus",
    "CollectionChannel",
    "EEECategory",
    "PhotoKind",
    "ReservedCode",
    "ReuseCentre",
    "Step",
    "StepKind",
]
