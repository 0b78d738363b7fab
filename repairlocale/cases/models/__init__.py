"""Activities carried out, cases with their success and failure factors, search."""

from repairlocale.cases.models.activities import Activity, ActivityPhoto, TargetGroup
from repairlocale.cases.models.publication import PublicationStatus
from repairlocale.cases.models.search import SearchDocument
from repairlocale.cases.models.stories import Case, Factor, Tag

__all__ = [
    "Activity",
    "ActivityPhoto",
    "Case",
    "Factor",
    "PublicationStatus",
    "SearchDocument",
    "Tag",
    "TargetGroup",
]
