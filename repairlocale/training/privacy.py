"""Personal data of trainees (see repairlocale/core/privacy.py).

Export and erasure reuse the training module's own functions
(``trainee_export_data``, ``trainee_erase``).
"""

from __future__ import annotations

from repairlocale.core.privacy import Entry, register
from repairlocale.training.exports import trainee_export_data
from repairlocale.training.models import Trainee
from repairlocale.training.services import trainee_erase


def export_person(user) -> dict:
    data = {}
    trainee = Trainee.objects.filter(user=user).first()
    if trainee is not None:
        data["trainee"] = trainee_export_data(trainee)
    coached = list(Trainee.objects.filter(coaches=user).values_list("pk", flat=True))
    if coached:
        data["coach_of_trainees"] = coached
    return data


def erase_person(user, *, by) -> None:
    trainee = Trainee.objects.filter(user=user).first()
    if trainee is not None:
        trainee_erase(trainee=trainee, by=by)
    # A coach who is erased stops coaching (one DELETE on the link table).
    user.coached_trainees.clear()


register(
    "training",
    entries=[
        Entry(
            "training.Trainee",
            ("first_name", "last_name", "user", "coaches", "programme", "start_date"),
            purpose="coaching",
            basis="public_task",
            retention="trainee",
            erasure="trainee_erase",
        ),
        Entry(
            "training.Assessment",
            ("level", "evidence", "comment", "assessor"),
            purpose="coaching",
            basis="public_task",
            retention="trainee",
            erasure="trainee_erase",
        ),
        Entry(
            "training.PlanGoal",
            ("title", "deadline"),
            purpose="coaching",
            basis="public_task",
            retention="trainee",
            erasure="trainee_erase",
        ),
        Entry(
            "training.ReviewMeeting",
            ("notes",),
            purpose="coaching",
            basis="public_task",
            retention="trainee",
            erasure="trainee_erase",
        ),
        Entry(
            "training.Attestation",
            ("kind", "title", "scope"),
            purpose="coaching",
            basis="public_task",
            retention="trainee",
            erasure="trainee_erase",
        ),
    ],
    export=export_person,
    erase=erase_person,
    order=10,
)
